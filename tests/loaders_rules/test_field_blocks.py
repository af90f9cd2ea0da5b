"""Items given as labelled fields (loaders/field_blocks.py, loaders/data/fields.yaml): each entry's
example through the whole loader, the cleaner keeping field lines that recur between paragraphs, and
bad field data named by file and line."""

from __future__ import annotations

import pytest

from ecokg.loaders.field_blocks import field_kinds
from ecokg.loaders.metadata import read_document
from ecokg.loaders.news_loader import NewsArticleLoader
from ecokg.loaders.reader import RawArticle
from ecokg.loaders.records import Document

from .conftest import relations


def _fields_only() -> NewsArticleLoader:
    only = NewsArticleLoader()
    for name in ("relations", "frames", "tables", "name-relations", "agents"):
        only.pipeline.remove(name)
    assert only.pipeline.check() == []
    return only


_ONLY = _fields_only()


@pytest.mark.parametrize("kind", field_kinds(), ids=lambda k: k.role)
def test_field_example(kind) -> None:
    got = relations(_ONLY, kind.example)
    for triple in kind.expect:
        assert tuple(triple) in got, (kind.role, sorted(got))


def test_a_field_line_alone_says_nothing() -> None:
    """One labelled line is no block: a sentence that happens to start with a label gives nothing."""
    text = "一、算力券\n发布部门：澄江市发展和改革委员会\n\n该政策自发布之日起施行。"
    ex = _ONLY.extract(Document(text=text, title="示例", issued="2025-06-01"))
    assert not [r for r in ex.relations if r.rule.startswith("field-")]


def test_issuer_fields_give_no_issuer_to_a_company() -> None:
    text = "一、重点企业\n名称：澄江智能科技有限公司\n发布部门：澄江市工业和信息化局"
    ex = _ONLY.extract(Document(text=text, title="示例", issued="2025-06-01"))
    assert not [r for r in ex.relations if r.predicate == "issuedBy"]


_DIGEST = """澄江市人工智能扶持政策汇编

澄江日报 2026年3月2日 来源：澄江日报

为方便企业申报，现将有关部门出台的扶持政策摘要整理如下，具体以政策原文为准，欢迎企业咨询。

一、算力券
发布部门：澄江市发展和改革委员会
政策文件：《澄江市算力券管理办法》
支持内容：按算力服务费用的20%抵扣，每家企业每年最高300万元。

二、应用场景奖励
发布部门：澄江市工业和信息化局
支持内容：按项目投资额的10%给予奖励，单个项目最高200万元。

以上政策将陆续接入全市惠企政策平台，企业可在线申报和查询办理进度，减少来回跑腿。
"""


def test_recurring_field_lines_stay_in_the_body_and_the_source_line_does_not() -> None:
    doc = read_document(RawArticle("digest.txt", _DIGEST.encode("utf-8"), "text/plain"))
    assert "发布部门：澄江市发展和改革委员会" in doc.text
    assert "发布部门：澄江市工业和信息化局" in doc.text
    assert "来源：" not in doc.text
    assert doc.publisher == "澄江日报"
    ex = NewsArticleLoader().extract(doc)
    label = {k: e.label for k, e in ex.entities.items()}
    got = {(label.get(r.subject), r.predicate, label.get(r.object)) for r in ex.relations}
    assert ("澄江市算力券管理办法", "issuedBy", "澄江市发展和改革委员会") in got



CASES = """江岸市2026年度人工智能典型应用场景案例（第一批）公示

经企业申报、专家评审，江岸市数据资源管理局遴选出典型应用场景案例共2个，现予公示。入选案例将纳入市级场景库。
1. 煤矿井下智能巡检
应用单位：江岸丰泰煤业有限公司
解决方案提供商：岚峰矿智科技有限公司
案例简介：在丰泰煤业东岗矿部署“矿鹰KY-7”防爆巡检机器人12台。
2. 城市内涝智能预警
应用单位：江岸市城市管理局
解决方案提供商：澄海数智科技有限公司
案例简介：澄海数智开发的城市水务大模型“澄澜”接入全市积水监测点。
"""


def test_the_user_and_provider_of_each_listed_case_hold_the_list(loader: NewsArticleLoader) -> None:
    """A headline publishing a list of a titled kind (…案例（第一批）公示); numbered cases with labelled
    fields: the 应用单位 and the 解决方案提供商 hold the list; the product in the description is deployed
    at the user and made by the provider."""
    ex = loader.extract(Document(text=CASES, title="江岸市2026年度人工智能典型应用场景案例（第一批）公示",
                                 issued="2026-07-08"))
    label = {k: e.label for k, e in ex.entities.items()}
    held = {label[d.holder] for d in ex.designations if "典型应用场景案例" in d.title}
    assert held == {"江岸丰泰煤业有限公司", "岚峰矿智科技有限公司", "江岸市城市管理局",
                    "澄海数智科技有限公司"}, held
    got = {(label[r.subject], r.predicate, label.get(r.object, r.object)) for r in ex.relations}
    assert ("矿鹰KY-7", "deployedAt", "江岸丰泰煤业有限公司") in got, got
    assert ("矿鹰KY-7", "developedBy", "岚峰矿智科技有限公司") in got, got
    assert ("澄澜", "deployedAt", "江岸市城市管理局") in got, got
    assert not any("纳入" in d.title for d in ex.designations), ex.designations
