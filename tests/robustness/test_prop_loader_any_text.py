"""Any Unicode string as an article never crashes the loader: ``read_document`` either refuses it
with an InputError or gives a Document that ``NewsArticleLoader.extract`` and the builder take."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecokg.errors import InputError
from ecokg.graph.builder import GraphBuilder
from ecokg.loaders.metadata import read_document
from ecokg.loaders.news_loader import NewsArticleLoader
from ecokg.loaders.reader import RawArticle

# characters of the genre: names, heads, numbers, units, dates, punctuation, quotes, markup
GENRE = ("青岛市武汉成都崂山区人工智能产业园科技有限公司集团研究院中心平台基金政策计划大会机器人模型"
         "落户位于发布推出成立设立入选获批认定国家级省级首批第二批专精特新小巨人"
         "0123456789.%一二三四五六七八九十百千万亿元家个项超近约余以上年月日季度前今去"
         "，。；：、！？“”‘’《》（）()【】—…·\n \t<>/&#;=\"'-_*[]!`")
TEXTS = st.one_of(st.text(max_size=300), st.text(alphabet=GENRE, max_size=400),
                  st.lists(st.sampled_from(["青岛市", "人工智能产业园", "有限公司", "超100亿元",
                                            "2025年前三季度", "发布", "《行动方案》", "入选", "，", "。",
                                            "\n", "“", "”"]),
                           max_size=60).map("".join))


@lru_cache(maxsize=1)
def _loader() -> NewsArticleLoader:
    return NewsArticleLoader()


def _run(text: str, media_type: str) -> None:
    raw = RawArticle("hyp.txt", text.encode("utf-8"), media_type)
    try:
        doc = read_document(raw)
    except InputError as exc:
        assert exc.one_line() and "\n" not in exc.one_line()
        return
    ex = _loader().extract(doc)
    for s in ex.sentences:
        assert doc.text[s.start:s.end] == s.text
    for sp in ex.spans:
        assert 0 <= sp.start <= sp.end <= len(doc.text)
    builder = GraphBuilder()
    ds = builder.build([ex])
    assert any(ds.quads((builder.doc_iri(ex), None, None, None)))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_as_plain_article(text: str) -> None:
    _run(text, "text/plain")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(["text/html", "text/markdown"]))
def test_any_text_as_html_or_markdown(text: str, media_type: str) -> None:
    _run(text, media_type)
