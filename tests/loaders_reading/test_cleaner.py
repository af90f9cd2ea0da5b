"""Boilerplate removal, metadata harvesting and normalization."""

from __future__ import annotations

import pytest

from ecokg.loaders.cleaner import clean
from ecokg.loaders.html_text import html_fallback_text, strip_site_suffix
from ecokg.loaders.markdown_text import markdown_to_text
from ecokg.loaders.normalize import fullwidth_punct, normalize_width

from .articles import BODY, DUMP, HTML_GBK, MARKDOWN, TITLE

FURNITURE = ["搜索", "手机版", "来源", "编辑", "转载", "更多", "阅读量", "扫描到手机", "二维码",
             "大家爱看", "小程序", "Copyright", "ICP", "媒体资源", "星河网记者", "2025 03/08"]


def test_text_dump_keeps_headline_and_body_only() -> None:
    result = clean(DUMP, "text/plain")
    lines = result.text.split("\n")
    assert lines[0] == TITLE
    assert lines[1:] == [fullwidth_punct(p) for p in BODY]
    for word in FURNITURE:
        assert word not in result.text, word


def test_text_dump_metadata_is_harvested() -> None:
    meta = clean(DUMP, "text/plain").meta
    assert meta["title"] == TITLE
    assert meta["publisher"] == "星河日报"
    assert meta["issued"] == "2025 03/08 09:30"
    assert meta["authors"] == ["林晓月"]  # "星河网记者" is the outlet, not a person


def test_clean_is_deterministic() -> None:
    assert clean(DUMP, "text/plain") == clean(DUMP, "text/plain")


@pytest.mark.parametrize(("header", "key", "value"), [
    ("发布时间：2024-11-05 10:20:30  来源：星河市科技局", "issued", "2024-11-05 10:20:30"),
    ("发布时间：2024-11-05 10:20:30  来源：星河市科技局", "publisher", "星河市科技局"),
    ("2024年11月5日 08:00 星河日报", "issued", "2024年11月5日 08:00"),
    ("作者：王小明 李大力 | 责任编辑：赵敏", "authors", ["王小明", "李大力", "赵敏"]),
    ("原文链接：https://example.cn/a/1.html", "url", "https://example.cn/a/1.html"),
])
def test_header_metadata_lines(header: str, key: str, value: object) -> None:
    text = "\n".join(["首页 > 新闻 > 本地", TITLE, header, *BODY])
    result = clean(text, "text/plain")
    assert result.meta[key] == value
    assert result.text.split("\n")[0] == TITLE
    assert header.split()[0] not in result.text
    assert "首页" not in result.text


def test_bylines_are_cut_from_paragraphs() -> None:
    text = "\n".join([TITLE, "本报讯（记者 王小明 通讯员 李大力）" + BODY[0], *BODY[1:]])
    result = clean(text, "text/plain")
    assert result.meta["authors"] == ["王小明", "李大力"]
    assert result.text.split("\n")[1] == fullwidth_punct(BODY[0])


def test_boilerplate_words_inside_body_paragraphs_survive() -> None:
    para = "市民可通过扫描二维码报名参加园区开放日活动，了解更多人工智能应用场景。"
    text = "\n".join([TITLE, *BODY[:2], para, *BODY[2:], "责任编辑：赵敏"])
    result = clean(text, "text/plain")
    assert para in result.text
    assert "赵敏" not in result.text and result.meta["authors"] == ["赵敏"]


def test_false_end_marker_mid_body_does_not_cut_the_body() -> None:
    text = "\n".join([TITLE, *BODY[:2], "相关新闻", *BODY[2:]])
    result = clean(text, "text/plain")
    assert BODY[-1] in result.text and "相关新闻" not in result.text


def test_html_page() -> None:
    result = clean(HTML_GBK, "text/html")
    lines = result.text.split("\n")
    assert lines[0] == TITLE
    for para in BODY:
        assert fullwidth_punct(para) in lines
    for junk in ["脚本", "页脚", "样式", "color", "首页", "政务", "Copyright", "ICP", "_星河网"]:
        assert junk not in result.text, junk
    assert result.meta["title"] == TITLE
    assert result.meta["publisher"] == "星河日报"
    assert result.meta["issued"] == "2025-03-08 09:30"
    assert result.meta["authors"] == ["林晓月"]
    assert result.meta["url"] == "https://news.example.cn/2025/0308/ai-park.html"


def test_html_fallback_walk_drops_scripts_nav_and_link_lists() -> None:
    text = html_fallback_text(HTML_GBK)
    assert BODY[0] in text and BODY[-1] in text
    for junk in ["脚本", "页脚", "样式", "政务", "Copyright"]:
        assert junk not in text, junk


def test_markdown_markup_is_stripped() -> None:
    lines, front, h1 = markdown_to_text(MARKDOWN)
    assert h1 == TITLE and front["title"] == TITLE
    joined = "\n".join(lines)
    assert "详见园区官网发布的入驻指南" in joined
    for mark in ["#", "**", "](", "![", "```", "park.jpg", "园区全景"]:
        assert mark not in joined, mark
    result = clean(MARKDOWN, "text/markdown")
    assert result.text.split("\n")[0] == TITLE
    assert fullwidth_punct(BODY[1]) in result.text
    assert result.meta["publisher"] == "星河日报" and result.meta["authors"] == ["林晓月", "王五"]
    assert result.meta["issued"] == "2025-03-08"


# ---------------------------------------------------------------- normalization


@pytest.mark.parametrize(("raw", "expected"), [
    ("青岛市工业和信息化局:聚力推动", "青岛市工业和信息化局：聚力推动"),
    ("近年来,青岛市抢抓机遇;成效显著!是吗?", "近年来，青岛市抢抓机遇；成效显著！是吗？"),
    ("行动方案(2025-2027)》", "行动方案（2025-2027）》"),
    ("优必选Walker S进入工厂,5G基站", "优必选Walker S进入工厂，5G基站"),
    ("方舟TaaS, Walker S, 2025-2027", "方舟TaaS, Walker S, 2025-2027"),
    ("时间 15:47, ratio 3:2", "时间 15:47, ratio 3:2"),
    ("人工智能(AI)产业", "人工智能（AI）产业"),
])
def test_ascii_punctuation_next_to_cjk_becomes_fullwidth(raw: str, expected: str) -> None:
    assert fullwidth_punct(raw) == expected
    assert len(fullwidth_punct(raw)) == len(raw)


def test_width_normalization_is_one_for_one() -> None:
    raw = "ＡＩ产业增长２０％，营收５Ｇ　基站"
    out = normalize_width(raw)
    assert out == "AI产业增长20%，营收5G 基站"  # the Chinese comma stays (it separates Latin cells too)
    assert len(out) == len(raw)
    assert fullwidth_punct(out) == "AI产业增长20%，营收5G 基站"
    assert normalize_width("TidalByte，Buddy-Q2") == "TidalByte，Buddy-Q2"
    assert normalize_width("达到98.7%；OceanLink平台") == "达到98.7%；OceanLink平台"  # a clause ends there


def test_cleaned_text_has_no_blank_lines_or_trailing_spaces() -> None:
    text = "\n\n\n".join([TITLE + "   ", "　　" + BODY[0] + " \t", "", BODY[1]])
    out = clean(text, "text/plain").text
    assert "\n\n" not in out
    assert all(line == line.strip() for line in out.split("\n"))


@pytest.mark.parametrize(("title", "expected"), [
    ("星河市人工智能产业园开园_星河网", ("星河市人工智能产业园开园", "星河网")),
    ("星河市人工智能产业园开园 - 星河新闻网", ("星河市人工智能产业园开园", "星河新闻网")),
    ("关于印发行动方案的通知|星河市人民政府", ("关于印发行动方案的通知", "星河市人民政府")),
    ("行动方案(2025-2027)", ("行动方案(2025-2027)", None)),
])
def test_site_suffix(title: str, expected: tuple[str, str | None]) -> None:
    assert strip_site_suffix(title) == expected


def test_headline_with_exclamation_is_the_title() -> None:
    title = "好消息！星河市人工智能产业园今天正式开园啦！"
    text = "\n".join(["首页", title, "2025年3月8日，园区开园。", *BODY[1:]])
    result = clean(text, "text/plain")
    assert result.meta["title"] == title
    assert result.text.split("\n")[:2] == [title, "2025年3月8日，园区开园。"]


def test_short_first_paragraph_is_kept_and_meta_line_dropped() -> None:
    text = "\n".join([TITLE, "发布时间：2025-03-08 来源：星河日报", "3月8日，园区开园。", *BODY[1:]])
    result = clean(text, "text/plain")
    assert result.text.split("\n")[:2] == [TITLE, "3月8日，园区开园。"]
    assert (result.meta["issued"], result.meta["publisher"]) == ("2025-03-08", "星河日报")


def test_text_without_headline_starts_with_the_body() -> None:
    result = clean("\n".join(BODY), "text/plain")
    assert "title" not in result.meta
    assert result.text.split("\n")[0] == fullwidth_punct(BODY[0])


@pytest.mark.parametrize(("footer", "publisher"), [
    (["· 来源 ·", "星河晚报", "· 责编 ·", "赵敏"], "星河晚报"),
    (["Copyright © 2014-2025 星河网 All rights reserved."], "星河网"),
])
def test_footer_publisher_without_editor_line(footer: list[str], publisher: str) -> None:
    result = clean("\n".join([TITLE, *BODY, "相关新闻", *footer]), "text/plain")
    assert result.meta["publisher"] == publisher
    assert result.text.split("\n")[-1] == fullwidth_punct(BODY[-1])


def test_government_page_dump() -> None:
    text = "\n".join([
        "首页 > 政务公开 > 工作动态", TITLE,
        "发布日期：2025-06-12  来源：市工业和信息化局  字号：[ 大 中 小 ]  打印本页",
        *BODY, "【打印本页】 【关闭窗口】", "主办单位：星河市人民政府办公厅  承办单位：星河市大数据局",
        "网站标识码：3702000001  星ICP备05001234号"])
    result = clean(text, "text/plain")
    assert result.text.split("\n") == [TITLE, *map(fullwidth_punct, BODY)]
    assert (result.meta["publisher"], result.meta["issued"]) == ("市工业和信息化局", "2025-06-12")


def test_agency_dateline_byline() -> None:
    first = "新华社星河12月10日电（记者张三、李四）记者10日从星河市工业和信息化局获悉，园区产值突破千亿元。"
    result = clean("\n".join([TITLE, first, *BODY[1:], "【纠错】 【责任编辑:王五】"]), "text/plain")
    assert result.meta["authors"] == ["张三", "李四", "王五"]
    assert result.text.split("\n")[1] == ("新华社星河12月10日电记者10日从星河市工业和信息化局获悉，"
                                          "园区产值突破千亿元。")
    assert "纠错" not in result.text


@pytest.mark.parametrize("lead",
                         ["本报讯 ", "星河财经讯 ", "星河日报讯（记者 王小明）", "本报讯（通讯员 王小明）"])
def test_news_agency_lead_is_cut(lead: str) -> None:
    result = clean("\n".join([TITLE, lead + BODY[0], *BODY[1:]]), "text/plain")
    assert result.text.split("\n")[1] == fullwidth_punct(BODY[0])
    assert result.meta.get("authors", []) == (["王小明"] if "王小明" in lead else [])
