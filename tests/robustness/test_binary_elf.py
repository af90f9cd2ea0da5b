"""An ELF executable (the Python interpreter's first bytes) saved as an article."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest


def test_elf_named_as_text(tmp_path, build_must_fail) -> None:
    exe = Path(sys.executable).resolve()
    head = exe.read_bytes()[:65536]
    if not head.startswith(b"\x7fELF"):
        pytest.skip(f"{exe} is not an ELF file on this platform")
    article = tmp_path / "program.md"
    article.write_bytes(head)
    build_must_fail(article, "ELF")


def test_other_binary_with_nul_bytes(tmp_path, build_must_fail) -> None:
    article = tmp_path / "data.txt"
    article.write_bytes("青岛人工智能".encode() + bytes(range(256)) * 4)
    build_must_fail(article, "binary", "byte offset")
