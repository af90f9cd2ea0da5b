"""UTF-8 text cut in the middle of a multi-byte character."""

from __future__ import annotations

TEXT = "园区今年新增人工智能企业二十家，全年营业收入超过一百亿元。" * 10


def test_truncated_in_the_last_character(tmp_path, build_must_fail) -> None:
    data = TEXT.encode("utf-8")[:-1]
    article = tmp_path / "cut.txt"
    article.write_bytes(data)
    line = build_must_fail(article, "UTF-8", "byte offset")
    assert str(len(data) - 2) in line  # the offset where the broken character starts


def test_truncated_in_the_middle(tmp_path, build_must_fail) -> None:
    data = TEXT.encode("utf-8")
    data = data[:301] + data[302:]  # one byte of one character lost
    article = tmp_path / "hole.txt"
    article.write_bytes(data)
    build_must_fail(article, "UTF-8", "byte offset")
