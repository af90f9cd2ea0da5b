"""Finding sources and decoding them: encodings, media types, bad inputs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ecokg.errors import InputError
from ecokg.loaders.reader import MAX_BYTES, RawArticle, decode, iter_sources, sniff_media_type

from .articles import HTML_GBK, PLAIN, TRADITIONAL


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(("data", "expected"), [
    (PLAIN.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + PLAIN.encode("utf-8"), "utf-8-sig"),
    (PLAIN.encode("utf-16"), "utf-16-le"),
    (PLAIN.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16-be"),
    (PLAIN.encode("gbk"), "gbk"),
    ((PLAIN + "，㐀与𠀀字").encode("gb18030"), "gb18030"),
], ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "gbk", "gb18030"])
def test_simplified_encodings_are_detected(data: bytes, expected: str) -> None:
    text, encoding = decode(data, "a.txt", "text/plain")
    assert encoding == expected
    assert text.startswith(PLAIN)
    assert "\ufeff" not in text


def test_big5_is_detected() -> None:
    text, encoding = decode(TRADITIONAL.encode("big5"), "tw.txt", "text/plain")
    assert encoding == "big5"
    assert text == TRADITIONAL


@pytest.mark.parametrize("word", ["新闻", "大家好", "人工智能", "园区"])
def test_short_gbk_is_not_mistaken_for_big5(word: str) -> None:
    assert decode(word.encode("gbk"), "w.txt", "text/plain") == (word, "gbk")


@pytest.mark.parametrize("word", ["新聞", "大家好", "人工智慧", "產業園區"])
def test_short_big5_is_not_mistaken_for_gbk(word: str) -> None:
    # Two characters can be ambiguous (園區 in Big5 is 堕跋 in GBK); a few more are not.
    text, _ = decode(word.encode("big5"), "w.txt", "text/plain")
    assert text == word


def test_html_meta_charset_is_used() -> None:
    text, encoding = decode(HTML_GBK.encode("gbk"), "page.html", "text/html")
    assert encoding == "gbk"
    assert "星河市人工智能产业园" in text


def test_wrong_html_declaration_falls_back_to_detection() -> None:
    page = HTML_GBK.replace('charset="gbk"', 'charset="big5"')
    text, encoding = decode(page.encode("utf-8"), "page.html", "text/html")
    assert encoding == "utf-8"
    assert "星河市人工智能产业园" in text


def test_line_endings_are_normalized() -> None:
    text, _ = decode("第一行\r\n第二行\r第三行\n".encode("gbk"), "a.txt", "text/plain")
    assert text == "第一行\n第二行\n第三行\n"


def test_truncated_gbk_names_file_and_offset() -> None:
    data = PLAIN.encode("gbk")[:-1]
    with pytest.raises(InputError) as err:
        decode(data, "broken.txt", "text/plain")
    assert "broken.txt" in err.value.message
    assert f"byte offset {len(data) - 1}" in err.value.message


def test_invalid_gbk_bytes_name_file_and_offset() -> None:
    good = PLAIN.encode("gbk")
    data = good[:20] + b"\x81\x20\xff\xff" + good[20:]
    with pytest.raises(InputError) as err:
        decode(data, "bad-gbk.txt", "text/plain")
    assert "bad-gbk.txt" in err.value.message
    assert "byte offset 20" in err.value.message


def test_corrupt_utf8_reports_the_offset() -> None:
    head = PLAIN[:20].encode("utf-8")
    data = head + b"\xff" + PLAIN[20:].encode("utf-8")
    with pytest.raises(InputError) as err:
        decode(data, "u.txt", "text/plain")
    assert "u.txt" in err.value.message and f"byte offset {len(head)}" in err.value.message


# ---------------------------------------------------------------- sources


def test_directory_is_read_recursively_sorted_and_filtered(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    _write(tmp_path / "b" / "z.md", b"# t\n\xe6\x96\x87")
    _write(tmp_path / "a.txt", PLAIN.encode())
    _write(tmp_path / "c.HTML", b"<p>x</p>")
    _write(tmp_path / "notes.odt", b"PK\x03\x04")
    _write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n")
    _write(tmp_path / ".hidden" / "x.txt", b"hidden")
    got = [(Path(r.source).relative_to(tmp_path).as_posix(), r.media_type)
           for r in iter_sources([str(tmp_path)])]
    assert got == [("a.txt", "text/plain"), ("b/z.md", "text/markdown"), ("c.HTML", "text/html")]


def test_stdin_is_read_and_sniffed() -> None:
    [raw] = iter_sources(["-"], stdin=io.BytesIO(HTML_GBK.encode("gbk")))
    assert raw == RawArticle("-", HTML_GBK.encode("gbk"), "text/html")
    assert sniff_media_type("# 标题\n\n正文。".encode()) == "text/markdown"
    assert sniff_media_type(PLAIN.encode()) == "text/plain"


@pytest.mark.parametrize(("data", "needle"), [
    (b"", "empty"),
    (b" \n\t\r\n  ", "whitespace"),
    (b"\xef\xbb\xbf", "empty"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG"),
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 20, "ELF"),
    (b"%PDF-1.7\n", "PDF"),
    (b"PK\x03\x04rest", "ZIP"),
    ("正文".encode() + b"\x00\x01", "NUL"),
], ids=["empty", "whitespace", "bom-only", "png", "elf", "pdf", "zip", "nul"])
def test_bad_files_raise_input_error_naming_the_file(tmp_path: Path, data: bytes, needle: str) -> None:
    path = _write(tmp_path / "article.txt", data)
    with pytest.raises(InputError) as err:
        list(iter_sources([path]))
    assert path in err.value.message
    assert needle in err.value.message


def test_missing_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        list(iter_sources([missing]))


def test_directory_without_articles(tmp_path: Path) -> None:
    _write(tmp_path / "data.csv", b"a,b")
    with pytest.raises(InputError) as err:
        list(iter_sources([str(tmp_path)]))
    assert str(tmp_path) in err.value.message and "no article" in err.value.message


def test_unsupported_extension_given_explicitly(tmp_path: Path) -> None:
    path = _write(tmp_path / "article.odt", PLAIN.encode())
    with pytest.raises(InputError, match=r"article\.odt: unsupported file type '\.odt'"):
        list(iter_sources([path]))


def test_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: costs no disk
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError) as err:
        list(iter_sources([str(path)]))
    assert "huge.txt" in err.value.message and "50 MB" in err.value.message


def test_stdin_empty_is_refused() -> None:
    with pytest.raises(InputError, match="standard input"):
        list(iter_sources(["-"], stdin=io.BytesIO(b"  \n")))
