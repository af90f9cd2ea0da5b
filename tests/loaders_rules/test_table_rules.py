"""Tables: a place column locates what each row names; a table pasted as tab-separated text is a
table. Invented rows."""

from __future__ import annotations

from pathlib import Path

from ecokg.api import extract_articles
from ecokg.loaders.records import Extraction

MD = """# 云岭市公布2026年智能工厂名单

云岭市工业和信息化局近日公布2026年智能工厂名单，共3家企业入选。

| 序号 | 企业名称 | 工厂名称 | 所在县区 |
|---|---|---|---|
| 1 | 岚峰智能科技有限公司 | 焊装智能工厂 | 黄浦区 |
| 2 | 青禾视觉科技有限公司 | 光学检测智能工厂 | 徐汇区 |
"""

TXT = """云岭市新建数据中心一览

记者从市数据局获悉，今年全市新开工数据中心项目2个。

项目\t建设单位\t所在区域\t规划机架
松涛智算中心\t澄海数据集团\t徐汇区\t2万架
北岭算力枢纽\t岚峰智能科技有限公司\t黄浦区\t1万架
"""


def _extract(tmp_path: Path, name: str, text: str) -> tuple[Extraction, dict[str, str]]:
    """The extraction of ``text`` written as ``name``, and its entities' labels by key."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    ex = extract_articles([path]).extractions[0]
    return ex, {k: e.label for k, e in ex.entities.items()}


def _located(tmp_path: Path, name: str, text: str) -> set[tuple[str, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    ex = extract_articles([path]).extractions[0]
    label = {k: e.label for k, e in ex.entities.items()}
    return {(label[r.subject], label[r.object]) for r in ex.relations if r.predicate == "locatedIn"}


def test_a_place_column_locates_each_rows_company(tmp_path: Path) -> None:
    found = _located(tmp_path, "a.md", MD)
    assert ("岚峰智能科技有限公司", "黄浦区") in found and ("青禾视觉科技有限公司", "徐汇区") in found, found


def test_a_place_column_locates_the_facility_not_its_builder(tmp_path: Path) -> None:
    found = _located(tmp_path, "b.txt", TXT)
    assert any(s.endswith("松涛智算中心") and o == "徐汇区" for s, o in found), found
    assert not any(s == "澄海数据集团" for s, _ in found), found


def test_a_full_name_is_an_alias_of_the_short_one(tmp_path: Path) -> None:
    text = ("# 云杉智谷：园区探访\n\n云杉智谷全称岚川智能装备与人工智能产业园，"
            "由岚川经济技术开发区管委会投资建设。\n\n"
            "## 重点入驻企业\n\n| 企业 | 主营方向 | 入驻时间 |\n|---|---|---|\n| 青禾视觉科技有限公司 | "
            "视觉检测 | 2022年 |\n")
    found = _located(tmp_path, "c.md", text)
    assert ("青禾视觉科技有限公司", "云杉智谷") in found, found


LISTS = """# 云岭市公示第二批智能工厂和数字化车间名单

经企业申报、专家评审，现将名单公示如下。

一、第二批云岭市智能工厂拟认定名单（共2家）

| 序号 | 企业名称 | 工厂名称 |
|---|---|---|
| 1 | 岚峰智能科技有限公司 | 焊装智能工厂 |
| 2 | 青禾视觉科技有限公司 | 光学检测智能工厂 |

二、第二批云岭市数字化车间拟认定名单（共1家）

| 序号 | 企业名称 | 车间名称 |
|---|---|---|
| 1 | 澄海电气股份有限公司 | 配电柜数字化车间 |

截至目前，全市累计认定智能工厂19个、数字化车间14个，其中岚峰智能已连接上下游企业620余家；
"""


def test_each_table_holds_the_list_named_over_it(tmp_path: Path) -> None:
    ex, label = _extract(tmp_path, "lists.md", LISTS)
    held = {(label.get(d.holder, d.holder), d.title)
            for d in ex.designations if d.rule == "designation-table"}
    assert ("岚峰智能科技有限公司", "第二批云岭市智能工厂") in held, held
    assert ("澄海电气股份有限公司", "第二批云岭市数字化车间") in held, held
    assert ("澄海电气股份有限公司", "第二批云岭市智能工厂") not in held, held
    assert all("其中" not in h for h, _ in held), held


def test_a_comma_inside_a_cell_keeps_the_row(tmp_path: Path) -> None:
    text = ("# 云杉数智港：园区探访\n\n云杉数智港位于江岸区，已集聚企业60家。\n\n"
            "| 企业 | 代表产品 | 应用情况 |\n|---|---|---|\n"
            "| 岚峰能源 | EnOS智能物联操作系统 | 部署于风电场，接入风机300余台 |\n")
    ex, label = _extract(tmp_path, "d.md", text)
    made = {(label[r.subject], label[r.object]) for r in ex.relations if r.predicate == "developedBy"}
    assert ("EnOS", "岚峰能源") in made, made


HONOURS = """# 云岭市8个项目入选省级智能制造名单

近日，云岭省工业和信息化厅公布2026年度省级智能制造示范工厂和优秀场景名单，云岭市8个项目入选。

| 序号 | 企业名称 | 项目名称 | 入选类别 | 所在地区 |
|---|---|---|---|---|
| 1 | 岚峰智能科技有限公司 | 焊装智能工厂 | 云岭省智能制造示范工厂 | 黄浦区 |
| 2 | 青禾视觉科技有限公司 | 果蔬智能分选 | 云岭省智能制造优秀场景 | 徐汇区 |

该公司智能工厂依托自建的工艺大模型，实现生产效率提升31%。
"""


def test_a_title_column_gives_each_row_its_own_title(tmp_path: Path) -> None:
    ex, label = _extract(tmp_path, "h.md", HONOURS)
    held = {(label.get(d.holder, d.holder), d.title)
            for d in ex.designations if d.rule == "designation-table"}
    assert held == {("岚峰智能科技有限公司", "云岭省智能制造示范工厂"),
                    ("青禾视觉科技有限公司", "云岭省智能制造优秀场景")}
    assert not any("示范工厂" in e.label for e in ex.entities.values()
                   if e.cls == "Venue" and "焊装" not in e.label)
    # 该公司智能工厂: described
    assert not any(e.label.endswith("公司智能工厂") for e in ex.entities.values())
    rel = {(label[r.subject], r.predicate, label[r.object]) for r in ex.relations}
    # a list of honours: the place column is the company's; the factory is run by it; a scenario
    # (no product head) is an undertaking the company carries out
    assert ("岚峰智能科技有限公司", "locatedIn", "黄浦区") in rel, rel
    assert ("焊装智能工厂", "operatedBy", "岚峰智能科技有限公司") in rel, rel
    assert ("果蔬智能分选", "developedBy", "青禾视觉科技有限公司") in rel, rel
    assert ex.entities[next(k for k, e in ex.entities.items() if e.label == "果蔬智能分选")].cls == "Program"


def test_a_builder_column_establishes_the_project_of_the_first_column(tmp_path: Path) -> None:
    ex, label = _extract(tmp_path, "p.txt", TXT)
    rel = {(label[r.subject], r.predicate, label[r.object]) for r in ex.relations}
    assert any(s.endswith("松涛智算中心") and p == "establishedBy" and o == "澄海数据集团"
               for s, p, o in rel), rel


def test_a_tenant_table_belongs_to_the_park_the_profile_is_about(tmp_path: Path) -> None:
    text = ("# 园区档案｜云杉智造谷\n\n岚川经济技术开发区的一片新厂房群格外醒目。这里就是云杉智造谷，"
            "又名岚川人工智能产业园，2023年开园。\n\n今年6月，云杉智造谷被认定为省级数字经济集聚区；"
            "园区所在的岚川经开区，也在同月获评特色园区。\n\n## 重点入驻企业\n\n"
            "| 企业名称 | 主营方向 | 入驻时间 |\n|---|---|---|\n| 青禾视觉科技有限公司 | 工业视觉 | "
            "2024年5月 |\n")
    found = _located(tmp_path, "g.md", text)
    assert ("青禾视觉科技有限公司", "云杉智造谷") in found, found
    path = tmp_path / "g.md"
    ex = extract_articles([path]).extractions[0]
    park = next(e for e in ex.entities.values() if e.label == "云杉智造谷")
    assert "岚川人工智能产业园" in park.alt_labels, park.alt_labels  # 又名: another name of the same park


def test_a_site_in_a_product_column_is_run_by_the_rows_company(tmp_path: Path) -> None:
    text = ("# 云杉数智港\n\n部分代表企业如下：\n\n| 企业 | 代表产品 | 应用情况 |\n|---|---|---|\n"
            "| 岚峰电信云岭分公司 | 云杉智算中心 | 算力规模800P，服务园区企业 |\n")
    ex, label = _extract(tmp_path, "s.md", text)
    rel = {(label[r.subject], r.predicate, label[r.object]) for r in ex.relations if r.object in label}
    assert any(s.endswith("云杉智算中心") and p == "operatedBy" and o == "岚峰电信云岭分公司"
               for s, p, o in rel), rel


def test_a_column_named_with_a_year_and_unit_keeps_the_header(tmp_path: Path) -> None:
    text = ("# 云杉数智产业园\n\n## 重点企业一览\n\n| 企业名称 | 主营方向 | 入驻时间 | 2024年营收（亿元） |\n"
            "|---|---|---|---|\n| 岚峰云脑科技股份有限公司 | 政务大模型 | 2022年 | 9.2 |\n"
            "| 青禾视觉 | 工业视觉检测 | 2023年 | 2.8 |\n")
    found = _located(tmp_path, "y.md", text)
    assert ("岚峰云脑科技股份有限公司", "云杉数智产业园") in found, found
    assert ("青禾视觉", "云杉数智产业园") in found, found


def test_an_html_heading_over_a_table_is_kept(tmp_path: Path) -> None:
    html = ("<html><head><title>云杉数字经济港</title></head><body><article><h1>云杉数字经济港：算力粮仓</h1>"
            "<p>云杉数字经济港位于云岭经济技术开发区东部，是重点打造的数据中心集聚区。园区累计引进企业163家，"
            "2025年实现营业收入287亿元。</p><section><h2>二、主要入驻企业</h2><table><thead><tr><th>企业</th>"
            "<th>类型</th><th>主要项目</th></tr></thead><tbody><tr><td>岚峰云数据</td><td>数据中心运营</td>"
            "<td>云谷一号数据中心</td></tr><tr><td>青禾智算</td><td>智算服务</td><td>青禾智算中心</td></tr>"
            "</tbody></table></section><p>根据规划，到2027年，园区总算力将超过2万P。</p></article></body></html>")
    found = _located(tmp_path, "h.html", html)
    assert ("岚峰云数据", "云杉数字经济港") in found and ("青禾智算", "云杉数字经济港") in found, found


def test_the_title_column_is_the_one_its_header_names_most_plainly(tmp_path: Path) -> None:
    text = """# 云岭市上榜企业名单

云岭市工业和信息化局近日公布名单，我市2家单位上榜。

| 序号 | 单位名称 | 入选方向 | 入选类别 |
|---|---|---|---|
| 1 | 岚峰智能科技有限公司 | 轧制工序AI质量管控 | 人工智能应用创新示范企业 |
| 2 | 青禾视觉科技有限公司 | 城市治理视觉大模型 | 人工智能应用创新示范企业 |
"""
    ex, label = _extract(tmp_path, "t.md", text)
    held = {(label[d.holder], d.title) for d in ex.designations}
    assert ("岚峰智能科技有限公司", "人工智能应用创新示范企业") in held, held
    assert not any("轧制" in t for _, t in held), held


SLASHED = """云岭市第一批“揭榜挂帅”项目揭榜单位名单公布

云岭市工业和信息化局组织专家评审，确定4个项目的揭榜单位，现将第一批人工智能应用场景“揭榜挂帅”项目揭榜单位名单公布如下：
序号／场景名称／发榜单位／揭榜单位／揭榜单位所在地
1／纺织面料瑕疵检测／云岭纺织集团有限公司／岚峰智能科技有限公司／黄浦区
2／药材智能分拣／北岭药业股份有限公司／青禾视觉科技有限公司／徐汇区
3／港口集卡调度／云岭港务集团有限公司／澄海数联科技有限公司／黄浦区
揭榜单位须在一个月内与发榜单位签订合作协议，并在发榜单位现场部署应用，市级财政按研发投入给予补助。
"""


def test_a_table_of_slash_separated_lines_is_a_table(tmp_path: Path) -> None:
    """Cells split by ／: the solver column (揭榜单位) is the company, the asking one (发榜单位) where the
    solution goes, and a place column named after the company column (揭榜单位所在地) locates it."""
    ex, label = _extract(tmp_path, "slash.txt", SLASHED)
    got = {(label[r.subject], r.predicate, label[r.object]) for r in ex.relations}
    assert ("岚峰智能科技有限公司", "locatedIn", "黄浦区") in got, got
    assert ("青禾视觉科技有限公司", "suppliesTo", "北岭药业股份有限公司") in got, got
    assert ("药材智能分拣", "developedBy", "青禾视觉科技有限公司") in got, got
    assert not any(o == "云岭纺织集团有限公司" and p == "developedBy" for _, p, o in got), got
    held = {(label[d.holder], d.title) for d in ex.designations}
    assert ("澄海数联科技有限公司", "第一批人工智能应用场景“揭榜挂帅”项目揭榜单位") in held, held


def test_slashes_in_two_lines_or_in_units_make_no_table(tmp_path: Path) -> None:
    text = ("云岭市算力券政策解读\n\n电价为0.35元/千瓦时/月/机柜，比去年下降一成，企业反映良好，"
            "记者了解到更多情况。\n"
            "项目A／项目B／项目C\n岚峰智能科技有限公司／北岭药业股份有限公司／黄浦区\n")
    ex, _ = _extract(tmp_path, "two.txt", text)
    assert "岚峰智能科技有限公司，北岭药业股份有限公司" not in ex.document.text


SPEC_HEADING = """云岭市工业和信息化局关于公布第二批云岭市人工智能创新平台和2026年度“揭榜挂帅”项目名单的通知

经单位申报、专家评审和网上公示，现确定云岭智能装备研究院等2家单位为第二批云岭市人工智能创新平台，确定“焦炉智能配煤”等3个项目为2026年度人工智能应用场景“揭榜挂帅”项目。现将名单予以公布。
一、第二批云岭市人工智能创新平台（2家）
1. 云岭智能装备研究院（依托单位：岚峰重工集团有限公司）
2. 云岭煤化安全AI监测中心（依托单位：澄海智安）
二、2026年度“揭榜挂帅”项目（3个，项目名称／发榜单位／揭榜单位）
1. 焦炉智能配煤／云岭焦化集团有限公司／青禾视觉科技有限公司
2. 皮带机跑偏预警／北岭矿业股份有限公司／澄海智安
3. 热网负荷预测／云岭热力集团／岚峰数擎
三、支持措施
对认定的创新平台给予一次性补助50万元，对揭榜项目按实际投入的30%给予补助。
"""


def test_a_heading_can_name_the_columns_of_the_slashed_rows_below_it(tmp_path: Path) -> None:
    """二、X项目（3个，项目名称／发榜单位／揭榜单位）over numbered ／-rows: the parenthesis is the header;
    the heading names one of the two lists the headline announced, in the words written in full before;
    a name after an organization field's label (依托单位：) is an organization even without a suffix."""
    ex, label = _extract(tmp_path, "spec.txt", SPEC_HEADING)
    got = {(label[r.subject], r.predicate, label.get(r.object, r.object)) for r in ex.relations}
    assert ("皮带机跑偏预警", "developedBy", "澄海智安") in got, got
    assert ("热网负荷预测", "developedBy", "岚峰数擎") in got, got
    assert ("云岭煤化安全AI监测中心", "operatedBy", "澄海智安") in got, got
    held = {(label[d.holder], d.title) for d in ex.designations}
    assert ("岚峰数擎", "2026年度人工智能应用场景“揭榜挂帅”项目") in held, held
    assert ("云岭煤化安全AI监测中心", "云岭市人工智能创新平台") in held, held
    assert ("焦炉智能配煤", "2026年度人工智能应用场景“揭榜挂帅”项目") in held, held
    assert not any("和" in t for _, t in held), held  # no holder of the headline's two lists at once
    assert not any(name.startswith("现确定") for name in label.values()), label
