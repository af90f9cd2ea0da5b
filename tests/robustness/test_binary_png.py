"""A PNG image saved with an article's extension."""

from __future__ import annotations

import struct
import zlib


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\xff\x00" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_png_named_as_text(tmp_path, build_must_fail) -> None:
    article = tmp_path / "photo.txt"
    article.write_bytes(_png())
    build_must_fail(article, "PNG")


def test_png_named_as_html(tmp_path, build_must_fail) -> None:
    article = tmp_path / "page.html"
    article.write_bytes(_png())
    build_must_fail(article, "PNG")
