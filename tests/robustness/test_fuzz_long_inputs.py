"""Fuzzing the number/period normalizer and the sentence splitter with LONG inputs (the existing
fuzzers in tests/loaders_figures and tests/loaders_reading draw at most 40-200 characters):
runs of repeated genre fragments thousands long, which catch quadratic scans and runaway regex
backtracking. Bounded: a fixed number of examples and a per-test timeout, no timed assertion."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecokg.loaders.numbers import find_quantities, parse_number
from ecokg.loaders.periods import find_periods
from ecokg.loaders.sentences import split_sentences

FRAGMENTS = ["1", "0", ".", ",", "，", "%", "亿", "万", "千", "百", "十", "一", "二", "两", "零", "点", "元",
             "美元", "家", "超", "近", "约", "余", "以上", "年", "月", "日", "前三季度", "上半年", "2024",
             "2025年", "-", "—", "至", "十四五",
             "“", "”", "《", "》", "（", "）", "。", "！", "？", "；", "…", "\n",
             " ", "第", "批", "强", "位"]
LONG = st.tuples(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8), st.integers(500, 6000)).map(
    lambda t: "".join(t[0]) * t[1])
MIXED = st.lists(st.sampled_from(FRAGMENTS), min_size=2000, max_size=8000).map("".join)


@pytest.mark.timeout(300)
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(LONG, MIXED))
def test_quantities_on_long_inputs(text: str) -> None:
    last = 0
    for q in find_quantities(text):
        assert last <= q.start < q.end <= len(text) and q.text == text[q.start:q.end]
        assert q.value.is_finite()
        last = q.end


@pytest.mark.timeout(300)
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(LONG, MIXED), st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2090, 12, 31))))
def test_periods_on_long_inputs(text: str, base: date | None) -> None:
    last = 0
    for p in find_periods(text, base):
        assert last <= p.span_start < p.span_end <= len(text) and text[p.span_start:p.span_end] == p.label
        assert p.start <= p.end
        last = p.span_end


@pytest.mark.timeout(300)
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(LONG, MIXED))
def test_sentences_on_long_inputs(text: str) -> None:
    sents = split_sentences(text)
    assert all(text[s.start:s.end] == s.text and s.text == s.text.strip() for s in sents)
    assert all(a.end <= b.start for a, b in itertools.pairwise(sents))
    assert all(len(s.text) <= 2000 for s in sents)
    assert "".join("".join(s.text for s in sents).split()) == "".join(text.split())


@pytest.mark.timeout(120)
@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=400).map("".join))
def test_parse_number_on_long_fragments(text: str) -> None:
    value = parse_number(text)
    assert value is None or value.is_finite()
