"""The real corpus article (read from ../shared; skipped when absent)."""

from __future__ import annotations

from pathlib import Path

from ecokg.loaders.metadata import read_document
from ecokg.loaders.reader import iter_sources
from ecokg.loaders.sentences import split_sentences


def test_corpus_article(corpus_article: Path) -> None:
    [raw] = iter_sources([str(corpus_article)])
    doc = read_document(raw)
    assert doc.title == "青岛市工业和信息化局:聚力推动人工智能产业高质量发展"
    assert doc.publisher == "信网"
    assert doc.issued == "2025-12-11T15:47:00"
    assert doc.authors == ["孙宝震"]
    for junk in ["阅读量", "ICP", "扫描到手机", "Copyright", "二维码", "更多", "手机版", "来源", "转载",
                 "记者"]:
        assert junk not in doc.text, junk
    lines = doc.text.split("\n")
    assert lines[0].startswith("青岛市工业和信息化局")
    assert lines[1].startswith("近年来")  # first body paragraph
    assert "110款智能体" in lines[-1]  # last body paragraph
    assert "强化制度设计" in doc.text  # headings kept
    sents = split_sentences(doc.text)
    assert all(doc.text[s.start:s.end] == s.text for s in sents)
    assert any(s.text.startswith("强化制度设计") and s.text.endswith("制高点") for s in sents)
