"""Extraction time grows linearly with the text: for each worst-case shape (and for ordinary
article paragraphs) the loader's CPU time at 4× the length, in the same run, stays under 8× the
time at 1× (linear gives about 4×, a quadratic scan 16×). A ratio of two runs in one process, not
an absolute time; each size is the best of two runs, so a busy machine does not decide it."""

from __future__ import annotations

import time

import pytest

from bench.gen_articles import long_article

from .shapes import SHAPES, build, loader

BOUND = 8.0
SIZE = 12_000  # characters; the 4x run is 48,000
HEAVY = ["run of 公司", "、 list of names", "unclosed “", "unclosed 《", "no punctuation", "book titles",
         "table rows", "run of 智", "run of 、", "abbreviations after 》",
         "clauses opening with a name's tail"]


def _cpu(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        t0 = time.process_time()
        build(text)
        best = min(best, time.process_time() - t0)
    return max(best, 1e-3)


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    build(SHAPES["no punctuation"](2_000))  # dictionaries and caches loaded before any timing
    assert loader() is not None


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize("shape", HEAVY)
def test_shape_time_is_linear(shape: str) -> None:
    small, large = _cpu(SHAPES[shape](SIZE)), _cpu(SHAPES[shape](4 * SIZE))
    assert large / small < BOUND, f"{shape}: {small:.2f} s → {large:.2f} s at 4× the length"


def _extract_cpu(text: str) -> float:
    from ecokg.loaders.metadata import read_document
    from ecokg.loaders.reader import RawArticle

    doc = read_document(RawArticle("long.txt", text.encode("utf-8"), "text/plain"))
    t0 = time.process_time()
    loader().extract(doc)
    return max(time.process_time() - t0, 1e-3)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_article_paragraphs_time_is_linear() -> None:
    """Ordinary paragraphs glued into one article: the per-article passes (name identity, fund
    headings, discourse look-backs, record hashing) were quadratic in the number of entities, which
    shows only from a few hundred kB on: 150 kB → 1.2 MB took 29× the time before, about 10× now.
    8× the length must take less than 16× the time (an exponent under 1.33)."""
    small = min(_extract_cpu(long_article(150_000)) for _ in range(2))
    large = _extract_cpu(long_article(1_200_000))
    assert large / small < 16.0, f"{small:.2f} s → {large:.2f} s at 8× the length"
