"""Worst-case shapes through the whole loader and the graph builder (tests/robustness/shapes.py):
runs of one character, a 、 list of 10,000 names, unclosed “ and 《, a 100,000-character sentence
without punctuation, tables of thousands of rows and nested HTML tables. Each is built or refused in
one line; bounded by a per-test timeout and a fixed number of examples, no timed assertion (the
ratios of time to length are in test_linear_time.py)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .shapes import SHAPES, build, html_tables, names, words


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_list_of_10000_names() -> None:
    text = "、".join(names(10_000)) + "等企业落户青岛市人工智能产业园。"
    assert build(text)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_sentence_of_100000_characters_without_punctuation() -> None:
    text = "青岛市人工智能产业园" + words(100_000)
    assert len(text) > 100_000
    assert build(text)


@pytest.mark.timeout(300)
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_each_shape_at_10000_characters(shape: str) -> None:
    assert build(SHAPES[shape](10_000)) is not None


@pytest.mark.timeout(300)
@pytest.mark.parametrize("depth", [50, 250, 2_000])
def test_nested_html_tables(depth: int) -> None:
    built = build(html_tables(depth), "text/html")
    if depth <= 250:  # lxml keeps 255 levels; deeper content is dropped and the page refused in one line
        assert built


@pytest.mark.slow
@pytest.mark.timeout(600)
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.tuples(st.sampled_from(sorted(SHAPES)), st.integers(1, 6_000)), min_size=1, max_size=4),
       st.sampled_from(["", "\n", "。", "，", "\n\n"]))
def test_mixtures_of_shapes(parts: list[tuple[str, int]], joiner: str) -> None:
    text = joiner.join(SHAPES[name](n) for name, n in parts)
    build(text)  # built, or refused in one line: never a crash
