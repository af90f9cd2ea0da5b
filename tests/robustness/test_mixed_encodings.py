"""Half UTF-8, half GBK: no single encoding decodes it; the error names the file and offset."""

from __future__ import annotations

import re

TEXT = "园区今年新增人工智能企业二十家，全年营业收入超过一百亿元。\n" * 8


def test_utf8_then_gbk(tmp_path, build_must_fail) -> None:
    article = tmp_path / "mixed.txt"
    head = TEXT.encode("utf-8")
    article.write_bytes(head + TEXT.encode("gbk"))
    line = build_must_fail(article, "byte offset")
    offset = int(re.search(r"byte offset (\d+)", line).group(1))  # type: ignore[union-attr]
    assert len(head) <= offset < len(head) + 8  # GBK bytes may start with a valid UTF-8 pair


def test_gbk_then_utf8(tmp_path, build_must_fail) -> None:
    article = tmp_path / "mixed2.txt"
    article.write_bytes(TEXT.encode("gbk") + TEXT.encode("utf-8"))
    build_must_fail(article, "decode")
