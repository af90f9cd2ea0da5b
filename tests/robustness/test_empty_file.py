"""An empty article file: one line naming the file, the store unchanged."""

from __future__ import annotations


def test_empty_file(tmp_path, build_must_fail) -> None:
    article = tmp_path / "empty.txt"
    article.write_bytes(b"")
    build_must_fail(article, "empty")
