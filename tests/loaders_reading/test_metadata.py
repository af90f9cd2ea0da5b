"""read_document: decode + clean + metadata into a Document."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecokg.errors import InputError
from ecokg.loaders.metadata import parse_date, read_document
from ecokg.loaders.reader import RawArticle, iter_sources

from .articles import DUMP, HTML_GBK, MARKDOWN, PLAIN, TITLE, TRADITIONAL


@pytest.mark.parametrize(("raw", "iso"), [
    ("2025 12/11 15:47", "2025-12-11T15:47:00"),
    ("2025-12-11 15:47", "2025-12-11T15:47:00"),
    ("2025年12月11日 15:47", "2025-12-11T15:47:00"),
    ("发布时间：2025年12月11日", "2025-12-11"),
    ("2025.3.8", "2025-03-08"),
    ("2025-03-08T09:30:05+08:00", "2025-03-08T09:30:05"),
    ("2025-02-30", None),
    ("2025-12-11 25:99", "2025-12-11"),
    ("Copyright 2014-2025", None),
    ("", None),
])
def test_parse_date(raw: str, iso: str | None) -> None:
    assert parse_date(raw) == iso


def test_text_dump_document(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(DUMP.encode("gb18030"))  # © is not in GBK
    [raw] = iter_sources([str(path)])
    doc = read_document(raw)
    assert (doc.title, doc.publisher, doc.issued, doc.authors) == (TITLE, "星河日报", "2025-03-08T09:30:00",
                                                                   ["林晓月"])
    assert (doc.encoding, doc.media_type, doc.source_path) == ("gb18030", "text/plain", str(path))
    assert doc.text.startswith(TITLE + "\n")
    assert doc.issued_date is not None and doc.issued_date.isoformat() == "2025-03-08"


def test_html_document_in_gbk() -> None:
    doc = read_document(RawArticle("page.html", HTML_GBK.encode("gbk"), "text/html"))
    assert doc.encoding == "gbk"
    assert (doc.title, doc.publisher, doc.issued) == (TITLE, "星河日报", "2025-03-08T09:30:00")
    assert doc.url == "https://news.example.cn/2025/0308/ai-park.html"


def test_markdown_document() -> None:
    doc = read_document(RawArticle("a.md", MARKDOWN.encode(), "text/markdown"))
    assert (doc.title, doc.publisher, doc.issued, doc.authors) == (TITLE, "星河日报", "2025-03-08",
                                                                   ["林晓月", "王五"])


def test_big5_document_title() -> None:
    doc = read_document(RawArticle("tw.txt", TRADITIONAL.encode("big5"), "text/plain"))
    assert doc.encoding == "big5"
    assert doc.title == "星河市人工智慧產業園開園"


def test_title_site_suffix_becomes_publisher_when_none_found() -> None:
    text = PLAIN.replace(TITLE, TITLE + "_星河网", 1)
    doc = read_document(RawArticle("a.txt", text.encode(), "text/plain"))
    assert (doc.title, doc.publisher) == (TITLE, "星河网")


def test_given_values_override_found_ones() -> None:
    doc = read_document(RawArticle("d.txt", DUMP.encode(), "text/plain"), title="另一个标题",
                        publisher="星河晚报", date="2024-01-02", url="https://example.cn/x")
    assert (doc.title, doc.publisher, doc.issued, doc.url) == ("另一个标题", "星河晚报", "2024-01-02", "https://example.cn/x")


@pytest.mark.parametrize(("kwargs", "needle"), [
    ({"date": "yesterday"}, "'yesterday' is not a calendar date"),
    ({"url": "example.cn/x"}, "not an http(s) URL"),
])
def test_bad_given_values(kwargs: dict[str, str], needle: str) -> None:
    with pytest.raises(InputError, match=needle.replace("(", r"\(").replace(")", r"\)")):
        read_document(RawArticle("d.txt", DUMP.encode(), "text/plain"), **kwargs)


@pytest.mark.parametrize(("data", "media_type"), [
    ("Copyright © 2025 星河网 All rights reserved.\n星ICP备12345678号\n阅读量\n".encode(), "text/plain"),
    (b"<html><head><script>var a = 1;</script></head><body><nav>|||</nav></body></html>", "text/html"),
    ("\u3000\u3000\n".encode(), "text/plain"),
    ("，。、！\n--- 123 ---".encode(), "text/plain"),
])
def test_no_article_text_left(data: bytes, media_type: str) -> None:
    with pytest.raises(InputError) as err:
        read_document(RawArticle("junk.txt", data, media_type))
    assert "junk.txt" in err.value.message
