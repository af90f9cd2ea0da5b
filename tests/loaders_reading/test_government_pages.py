"""Government web pages: page metadata (发布时间/来源/发布机构, 成文日期, 文号, index tables) and
page furniture (字号 大中小, 打印本页/关闭窗口, 分享到, 扫一扫, 相关链接, salutation lines)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecokg.loaders.boilerplate_rules import load_rules
from ecokg.loaders.cleaner import clean
from ecokg.loaders.html_text import html_fallback_text, html_label_lines, html_tree
from ecokg.loaders.metadata import read_document
from ecokg.loaders.normalize import fullwidth_punct
from ecokg.loaders.reader import iter_sources

from . import gov_pages as g

NOTICE_LINES = [g.TITLE, g.FORWARD, *(fullwidth_punct(p) for p in [g.SUBTITLE, *g.BODY])]
NEWS_LINES = [g.NEWS_TITLE, *g.NEWS_BODY]
HANGZHOU = Path(__file__).resolve().parents[1] / "articles" / "hangzhou-embodied-measures.txt"


@pytest.mark.parametrize(("page", "lines", "expected"), [
    (g.NOTICE_HEADER_LINE, [g.TITLE, g.FORWARD, g.ISSUER, *NOTICE_LINES[2:]],
     {"publisher": g.ISSUER, "issued": "2026-04-20 09:15", "doc_number": g.DOC_NUMBER,
      "written": "2026年4月16日", "authors": ["林晓月"]}),
    (g.NOTICE_TABLE_COLON, [g.TITLE, g.FORWARD, g.ISSUER, *NOTICE_LINES[2:]],
     {"publisher": g.ISSUER, "issued": "2026年04月20日", "doc_number": g.DOC_NUMBER,
      "written": "2026年04月16日"}),
    (g.NOTICE_TABLE_CELLS, NOTICE_LINES,
     {"publisher": g.ISSUER, "issued": "2026-04-20", "doc_number": g.DOC_NUMBER, "written": "2026-04-16"}),
    (g.NOTICE_LABEL_LINES, NOTICE_LINES,
     {"publisher": g.ISSUER, "issued": "2026-04-20", "doc_number": g.DOC_NUMBER, "written": "2026-04-16"}),
    (g.DEPARTMENT_NEWS, NEWS_LINES, {"publisher": "星河市工业和信息化局", "issued": "2026-04-08"}),
    (g.DISTRICT_NEWS, NEWS_LINES,
     {"publisher": "星河区科技局", "issued": "2026-04-08 16:20", "authors": ["王小明"]}),
], ids=["header-line", "table-colon", "table-cells", "label-lines", "department-news", "district-news"])
def test_government_page_dump(page: str, lines: list[str], expected: dict[str, object]) -> None:
    result = clean(page, "text/plain")
    assert result.text.split("\n") == lines
    meta = {key: result.meta.get(key) for key in expected}
    assert meta == expected
    assert result.meta["title"] == lines[0]
    for junk in ["字号", "字体", "索引号", "主题分类", "打印", "关闭", "分享", "扫一扫", "相关链接",
                 "浏览次数",
                 "阅读量", "各直属单位", "此件", "附件", "主办", "首页", "2026-04", "〔2026〕"]:
        assert junk not in result.text, junk


def test_signed_date_is_the_issued_date_when_the_page_gives_no_other() -> None:
    page = "\n".join([g.TITLE, g.DOC_NUMBER, g.SALUTATION, g.FORWARD, g.ISSUER, "2026年4月16日",
                      g.SUBTITLE, *g.BODY])
    result = clean(page, "text/plain")
    assert (result.meta["written"], result.meta["issued"], result.meta["doc_number"]) == \
        ("2026年4月16日", "2026年4月16日", g.DOC_NUMBER)
    assert result.text.split("\n") == [g.TITLE, g.FORWARD, g.ISSUER, *NOTICE_LINES[2:]]


def test_date_under_a_heading_is_not_a_signing_date() -> None:
    page = "\n".join([g.NEWS_TITLE, *g.NEWS_BODY[:1], "园区大事记", "2026年3月1日", *g.NEWS_BODY[1:]])
    result = clean(page, "text/plain")
    assert "written" not in result.meta
    assert "园区大事记" in result.text


def test_html_government_page() -> None:
    result = clean(g.NOTICE_HTML, "text/html")
    assert result.text.split("\n") == [g.TITLE, g.FORWARD, g.ISSUER, *NOTICE_LINES[2:]]
    assert result.meta["title"] == g.TITLE
    assert result.meta["publisher"] == g.ISSUER
    assert result.meta["issued"] == "2026-04-20 09:15"  # the <meta> PubDate
    assert (result.meta["doc_number"], result.meta["written"]) == (g.DOC_NUMBER, "2026年04月16日")


def test_html_metadata_cells_outside_the_article_are_harvested() -> None:
    page = f"""<html><head><title>{g.TITLE}</title></head><body>
    <div class="sidebar-info"><dl><dt>发布机构</dt><dd>{g.ISSUER}</dd><dt>文号</dt>\
<dd>{g.DOC_NUMBER}</dd></dl></div>
    <article><h1>{g.TITLE}</h1>{"".join(f"<p>{p}</p>" for p in g.BODY)}</article></body></html>"""
    result = clean(page, "text/html")
    assert (result.meta["publisher"], result.meta["doc_number"]) == (g.ISSUER, g.DOC_NUMBER)
    assert g.DOC_NUMBER not in result.text


def test_html_label_lines() -> None:
    page = f"""<html><body>
    <table><tr><td>索引号：</td><td>000014349/2026-00012</td><td>成文日期</td><td>2026-04-16</td></tr></table>
    <div class="info"><span>来源：{g.ISSUER}</span><span>浏览次数：12</span></div>
    <p>时间：2026年5月8日</p><p>地点：星河会展中心</p>
    <p>{g.BODY[0]}</p></body></html>"""
    lines = html_label_lines(html_tree(page), load_rules())
    assert lines == ["索引号：000014349/2026-00012", "成文日期：2026-04-16", f"来源:{g.ISSUER}",
                     "浏览次数:12"]


def test_markdown_government_page() -> None:
    page = "\n".join([
        f"# {g.TITLE}", "",
        f"**发布时间**：2026-04-20　**来源**：{g.ISSUER}　【字号：大 中 小】", "",
        "| 索引号 | 000014349/2026-00012 | 主题分类 | 科技 |", "|---|---|---|---|",
        f"| 文号 | {g.DOC_NUMBER} | 成文日期 | 2026-04-16 |", "",
        g.SALUTATION, "", *g.BODY, "", "【打印本页】【关闭窗口】", "", "扫一扫在手机打开当前页"])
    result = clean(page, "text/markdown")
    assert result.text.split("\n") == [g.TITLE, *map(fullwidth_punct, g.BODY)]
    assert {k: result.meta.get(k) for k in ("publisher", "issued", "doc_number", "written")} == \
        {"publisher": g.ISSUER, "issued": "2026-04-20", "doc_number": g.DOC_NUMBER, "written": "2026-04-16"}


@pytest.mark.parametrize("furniture", [
    "【字号：大 中 小】", "字体：[大] [中] [小]", "【大】【中】【小】", "【打印本页】【关闭窗口】",
    "[ 打印本页 ] [ 关闭窗口 ]", "打印 | 关闭", "【我要纠错】【打印】【关闭】", "分享到：",
    "分享到：微信 微博 QQ空间",
    "扫一扫在手机打开当前页", "相关链接：", "相关文件", "附件：政策解读", "（此件公开发布）",
    "浏览次数：1234",
    "索引号：000014349/2026-00012", "主题分类：科技、教育\\科技", "有效性：有效", "发布机构：星河市科技局",
    "成文日期：2026-04-16", f"文号：{g.DOC_NUMBER}", g.DOC_NUMBER, "国办发[2024]3号",
    "星河市人民政府令第35号",
    "2026年第3号",
])
def test_furniture_line_is_removed(furniture: str) -> None:
    # Markdown keeps short trailing lines (a closing list), so only the rules can remove these
    page = "\n".join([f"# {g.NEWS_TITLE}", "", *g.NEWS_BODY, "", furniture, "", g.BODY[0]])
    text = clean(page, "text/markdown").text
    assert text.split("\n") == [*NEWS_LINES, g.BODY[0]]


@pytest.mark.parametrize("salutation", [
    g.SALUTATION,
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
    "各市、县（区）工业和信息化主管部门，各有关单位：",
    "市直有关单位：",
    "各会员单位：",
    "各区县（市）人民政府，市政府各部门：",
])
def test_salutation_line_is_removed(salutation: str) -> None:
    page = "\n".join([g.TITLE, g.DOC_NUMBER, salutation, g.FORWARD, *g.BODY])
    assert clean(page, "text/plain").text.split("\n") == [g.TITLE, g.FORWARD, *map(fullwidth_punct, g.BODY)]


@pytest.mark.parametrize("line", [
    "各区县积极推进智能机器人产业发展，主要举措如下：",
    "有关情况通报如下：",
    "现将有关事项通知如下：",
    "根据《星河市智能制造三年行动计划》（星政发〔2025〕7号），园区今年新增智能工厂8家。",
    "时间：2026年5月8日",
    "地点：星河会展中心",
    "园区内的老字号企业积极开展智能化改造，已有12家企业完成产线升级。",
    "市民可通过扫一扫园区二维码报名参加开放日活动，体验人形机器人。",
])
def test_body_lines_like_furniture_survive(line: str) -> None:
    page = "\n".join([f"# {g.NEWS_TITLE}", "", g.NEWS_BODY[0], "", line, "", g.NEWS_BODY[1]])
    result = clean(page, "text/markdown")
    assert result.text.split("\n") == [g.NEWS_TITLE, g.NEWS_BODY[0], fullwidth_punct(line), g.NEWS_BODY[1]]
    assert "doc_number" not in result.meta and "issued" not in result.meta


def test_counter_label_ends_the_editor_value() -> None:
    page = "\n".join([g.NEWS_TITLE, "发布时间：2026-04-08 14:05 | 来源：星河日报 | 编辑：林晓月 | 阅读量：",
                      *g.NEWS_BODY])
    assert clean(page, "text/plain").meta["authors"] == ["林晓月"]


def test_government_page_document(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text(g.NOTICE_TABLE_COLON, encoding="utf-8")
    [raw] = iter_sources([str(path)])
    doc = read_document(raw)
    assert (doc.title, doc.publisher, doc.issued) == (g.TITLE, g.ISSUER, "2026-04-20")
    assert g.SALUTATION not in doc.text and "索引号" not in doc.text


def test_hangzhou_release_metadata() -> None:
    """The generality article of tests/articles: its government header line and its 通知 furniture."""
    if not HANGZHOU.is_file():
        pytest.skip(f"{HANGZHOU} is absent")
    [raw] = iter_sources([str(HANGZHOU)])
    doc = read_document(raw)
    assert (doc.publisher, doc.issued, doc.authors) == ("杭州市人民政府办公厅", "2026-03-16T10:30:00",
                                                        ["沈若溪"])
    result = clean(HANGZHOU.read_text(encoding="utf-8"), "text/plain")
    assert (result.meta["doc_number"], result.meta["written"]) == ("杭政办函〔2026〕9号", "2026年3月12日")
    lines = doc.text.split("\n")
    assert not any(line.startswith(("发布时间", "各区", "杭政办函", "2026年3月12日")) for line in lines)
    assert "人民政府，市政府各部门" not in doc.text
    assert lines[0] == doc.title and any(line.startswith("一、") for line in lines)


@pytest.mark.parametrize(("header", "publisher", "issued"), [
    ("来源：星河市科技局 | 发布时间：2026-04-20 | 【大 中 小】 | 【打印】", "星河市科技局", "2026-04-20"),
    ("【发布单位：星河市科技局】【发布日期：2026-04-20】【字体：大 中 小】", "星河市科技局", "2026-04-20"),
    ("信息来源：星河市科技局\u3000\u3000发布时间：2026-04-20 08:30\u00a0\u00a0【字号：大 中 "
     "小】\u3000【打印】【关闭】",
     "星河市科技局", "2026-04-20 08:30"),
    ("发布日期：2026-04-20　来源：星河市科技局　点击数：88　【打印本页】", "星河市科技局", "2026-04-20"),
])
def test_government_header_line_variants(header: str, publisher: str, issued: str) -> None:
    for page in (f"{g.NEWS_TITLE}\n{header}\n" + "\n".join(g.NEWS_BODY),
                 f"# {g.NEWS_TITLE}\n\n{header}\n\n" + "\n\n".join(g.NEWS_BODY)):
        result = clean(page, "text/markdown" if page.startswith("#") else "text/plain")
        assert result.text.split("\n") == NEWS_LINES
        assert (result.meta["publisher"], result.meta["issued"]) == (publisher, issued)


def test_closing_record_of_a_government_document_is_removed() -> None:
    page = "\n\n".join([f"# {g.TITLE}", g.SALUTATION, g.FORWARD, *g.BODY, "签发人：张小河",
                        "抄送：市委各部门，市人大常委会办公厅，市政协办公厅。",
                        "星河市人民政府办公厅 2026年4月16日印发"])
    result = clean(page, "text/markdown")
    assert result.text.split("\n") == [g.TITLE, g.FORWARD, *map(fullwidth_punct, g.BODY)]
    assert "authors" not in result.meta


def test_html_fallback_walk_keeps_a_print_content_article() -> None:
    """Without trafilatura's extraction: share and font-size bars go, the #printContent article stays."""
    linked = g.BODY[-1].replace("本政策", '<span><a href="/zc/1.html">本政策</a></span>')
    page = g.NOTICE_HTML.replace('<div id="zoom">', '<div id="printContent" class="print-area">') \
        .replace(g.BODY[-1], linked)
    text = html_fallback_text(page)
    assert g.FORWARD in text and g.BODY[-1] in text
    assert "分享到" not in text and "【字号" not in text
