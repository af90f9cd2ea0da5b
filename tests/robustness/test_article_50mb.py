"""Articles at the size limits: over 50 MB is refused at once; just under it gets a clear error
(too many characters to extract from in bounded time) instead of running for hours."""

from __future__ import annotations

import pytest

from ecokg.loaders.reader import MAX_BYTES, MAX_CHARS

LINE = "园区今年新增人工智能企业二十家，全年营业收入超过一百亿元。\n".encode()


def _write(path, size: int) -> None:
    """Whole lines of UTF-8 text, padded with newlines to exactly ``size`` bytes."""
    block = LINE * (1024 * 1024 // len(LINE))
    with path.open("wb") as fh:
        written = 0
        while written + len(block) <= size:
            fh.write(block)
            written += len(block)
        rest = LINE * ((size - written) // len(LINE))
        fh.write(rest + b"\n" * (size - written - len(rest)))


@pytest.mark.slow
def test_over_the_limit(tmp_path, build_must_fail) -> None:
    article = tmp_path / "huge.txt"
    _write(article, MAX_BYTES + 1)
    build_must_fail(article, f"{MAX_BYTES + 1:,} bytes", "50 MB")


@pytest.mark.slow
def test_just_under_the_limit(tmp_path, build_must_fail) -> None:
    article = tmp_path / "almost.txt"
    _write(article, MAX_BYTES - 7)
    line = build_must_fail(article, "characters", f"{MAX_CHARS:,}")
    assert "split" in line


def test_sparse_file_over_the_limit_costs_nothing(tmp_path, build_must_fail) -> None:
    article = tmp_path / "sparse.html"
    with article.open("wb") as fh:
        fh.truncate(MAX_BYTES * 2)
    build_must_fail(article, "over the 50 MB")


def test_stdin_over_the_limit(tmp_path, store, ecokg) -> None:
    from .conftest import assert_one_line_error, snapshot

    before = snapshot(store, tmp_path)
    proc = ecokg("build", "-q", "--store", str(store), "-", input=LINE * (MAX_BYTES // len(LINE) + 1))
    assert_one_line_error(proc, "standard input", "50 MB")
    assert snapshot(store, tmp_path) == before
