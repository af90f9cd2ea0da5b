"""An article of whitespace only (ASCII and ideographic spaces, tabs, newlines)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("data", [b" \n\t\r\n  \n", "\u3000\u3000\n\u3000 \n".encode()],
                         ids=["ascii", "ideographic"])
def test_whitespace_only(tmp_path, build_must_fail, data: bytes) -> None:
    article = tmp_path / "blank.txt"
    article.write_bytes(data)
    build_must_fail(article, "whitespace")
