"""Worst-case article shapes for the extraction scans (helpers of the linear-time tests).

Each shape is a function of a length in characters (about) that returns an article text: long runs
of one character inside a sentence, 、 lists of names, unclosed “ and 《, sentences without any
punctuation, tables of many rows, deeply nested HTML tables. The names are invented from a few
characters; no article text is copied.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from ecokg.errors import InputError
from ecokg.graph.builder import GraphBuilder
from ecokg.loaders.metadata import read_document
from ecokg.loaders.news_loader import NewsArticleLoader
from ecokg.loaders.reader import RawArticle

PRE, POST = "青岛市人工智能产业园发布", "，同比增长15%。"
WORDS = ("青岛市", "人工智能", "产业园", "科技有限公司", "集团", "研究院", "创新中心", "平台", "基金", "发布",
         "推出", "落户", "入选", "国家级", "专精特新", "100亿元", "增长", "同比", "2025年", "前三季度",
         "机器人", "大模型", "与", "和", "在", "该公司", "上述企业", "全区", "签约", "合作")
NAME_CHARS = "瀚洋光擎智元云雀衡行曜途海瞳问津星河灵犀"


def names(n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [f"{''.join(rng.choice(NAME_CHARS) for _ in range(3))}科技有限公司" for _ in range(n)]


def words(n: int, seed: int = 1) -> str:
    """About ``n`` characters of genre words with no punctuation at all."""
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n:
        out.append(rng.choice(WORDS))
        size += len(out[-1])
    return "".join(out)


SHAPES: dict[str, Callable[[int], str]] = {
    "run of 智": lambda n: PRE + "智" * n + POST,
    "run of 、": lambda n: PRE + "、" * n + POST,
    "run of “": lambda n: PRE + "“" * n + POST,
    "run of 《": lambda n: PRE + "《" * n + POST,
    "run of digits": lambda n: PRE + "1" * n + POST,
    "run of 公司": lambda n: PRE + "公司" * (n // 2) + POST,
    "run of 亿元": lambda n: PRE + "亿元" * (n // 2) + POST,
    "、 list of names": lambda n: "、".join(names(max(2, n // 10))) + "等企业落户青岛市。",
    "unclosed “": lambda n: "“" + words(n),
    "unclosed 《": lambda n: "《" + words(n),
    "no punctuation": words,
    "quoted names": lambda n: "“智能”" * (n // 4),
    "book titles": lambda n: "《行动方案》" * (n // 6),
    "abbreviations after 》": lambda n: "《" + "创新行动方案》（以下简称“方案”）" * (n // 16),
    "clauses opening with a name's tail": lambda n: "".join(
        f"{x}建设智能制造创新中心，中心将累计孵化企业20家。" for x in names(n // 30)),
    "table rows": lambda n: "企业名称，产品，应用场景\n" + "\n".join(
        f"{x}，智能系统，青岛市产业园" for x in names(n // 20)),
}


def html_tables(depth: int) -> str:
    """A page of tables nested ``depth`` deep, an article sentence in the innermost cell."""
    return ("<html><body>" + "<table><tr><td>" * depth + "<p>青岛市人工智能产业园今年新增企业二十家。</p>"
            + "</td></tr></table>" * depth + "</body></html>")


_LOADER: list[NewsArticleLoader] = []


def loader() -> NewsArticleLoader:
    if not _LOADER:
        _LOADER.append(NewsArticleLoader())
    return _LOADER[0]


def build(text: str, media_type: str = "text/plain") -> int | None:
    """Read, extract and build one article; the number of statements, or None when it is refused
    (with one clear line). Checks the offsets of what was found."""
    name = "shape.html" if media_type == "text/html" else "shape.txt"
    try:
        doc = read_document(RawArticle(name, text.encode("utf-8"), media_type))
    except InputError as exc:
        line = exc.one_line()
        assert line and "\n" not in line and name in line
        return None
    ex = loader().extract(doc)
    for s in ex.sentences:
        assert doc.text[s.start:s.end] == s.text
    for sp in ex.spans:
        assert 0 <= sp.start < sp.end <= len(doc.text)
    for o in ex.observations:
        assert doc.text[o.start:o.end] == o.text
    builder = GraphBuilder()
    ds = builder.build([ex])
    return len(ds)
