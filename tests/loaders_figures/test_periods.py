"""The period grammar: explicit years, relative years, sub-periods, ranges, five-year plans."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecokg.loaders.periods import find_periods

BASE = date(2025, 12, 11)


@pytest.mark.parametrize(("text", "label", "start", "end"), [
    ("今年前三季度，全市营收增长", "今年前三季度", "2025-01-01", "2025-09-30"),
    ("本年上半年", "本年上半年", "2025-01-01", "2025-06-30"),
    ("去年营收", "去年", "2024-01-01", "2024-12-31"),
    ("上年全年", "上年全年", "2024-01-01", "2024-12-31"),
    ("明年一季度", "明年一季度", "2026-01-01", "2026-03-31"),
    ("前三季度", "前三季度", "2025-01-01", "2025-09-30"),
    ("上半年", "上半年", "2025-01-01", "2025-06-30"),
    ("下半年", "下半年", "2025-07-01", "2025-12-31"),
    ("一季度", "一季度", "2025-01-01", "2025-03-31"),
    ("第二季度", "第二季度", "2025-04-01", "2025-06-30"),
    ("三季度末", "三季度末", "2025-09-30", "2025-09-30"),
    ("1-9月", "1-9月", "2025-01-01", "2025-09-30"),
    ("1—10月，全市", "1—10月", "2025-01-01", "2025-10-31"),
    ("1月至8月份", "1月至8月份", "2025-01-01", "2025-08-31"),
    ("前10个月", "前10个月", "2025-01-01", "2025-10-31"),
    ("前十个月", "前十个月", "2025-01-01", "2025-10-31"),
    ("2024年营收达220亿元", "2024年", "2024-01-01", "2024-12-31"),
    ("2024年度", "2024年度", "2024-01-01", "2024-12-31"),
    ("2024年上半年", "2024年上半年", "2024-01-01", "2024-06-30"),
    ("2024年1-6月", "2024年1-6月", "2024-01-01", "2024-06-30"),
    ("2025年12月", "2025年12月", "2025-12-01", "2025-12-31"),
    ("2024年2月", "2024年2月", "2024-02-01", "2024-02-29"),
    ("2025年3月5日", "2025年3月5日", "2025-03-05", "2025-03-05"),
    ("12月11日", "12月11日", "2025-12-11", "2025-12-11"),
    ("二〇二四年", "二〇二四年", "2024-01-01", "2024-12-31"),
    ("行动方案(2025-2027)", "2025-2027", "2025-01-01", "2027-12-31"),
    ("行动计划（2025—2027年）", "2025—2027年", "2025-01-01", "2027-12-31"),
    ("2025至2027年", "2025至2027年", "2025-01-01", "2027-12-31"),
    ("2025年至2027年", "2025年至2027年", "2025-01-01", "2027-12-31"),
    ("十四五", "十四五", "2021-01-01", "2025-12-31"),
    ("“十四五”期间", "“十四五”期间", "2021-01-01", "2025-12-31"),
    ("“十五五”时期", "“十五五”时期", "2026-01-01", "2030-12-31"),
    ("“十三五”", "“十三五”", "2016-01-01", "2020-12-31"),
    ("“十四五”以来", "“十四五”以来", "2021-01-01", "2025-12-11"),
    ("2020年以来", "2020年以来", "2020-01-01", "2025-12-11"),
    ("今年以来", "今年以来", "2025-01-01", "2025-12-11"),
    ("截至2024年底", "截至2024年底", "2024-12-31", "2024-12-31"),
    ("截至9月底", "截至9月底", "2025-09-30", "2025-09-30"),
    ("去年底", "去年底", "2024-12-31", "2024-12-31"),
    ("到年底前", "年底", "2025-12-31", "2025-12-31"),
])
def test_periods(text: str, label: str, start: str, end: str) -> None:
    found = find_periods(text, BASE)
    assert len(found) == 1, found
    p = found[0]
    assert (p.label, p.start, p.end) == (label, date.fromisoformat(start), date.fromisoformat(end))
    assert text[p.span_start:p.span_end] == label


@pytest.mark.parametrize("text",
                         ["截至目前", "目前", "当前", "近年来", "连续7年", "5G基站", "鲁ICP备14028146号",
                                  "13月", "2月30日", "十五个", "今年初步完成", "2027-2025", "1800年"])
def test_no_period(text: str) -> None:
    assert [p.label for p in find_periods(text, BASE) if p.label not in ("今年",)] == []


@pytest.mark.parametrize("text",
                         ["今年前三季度", "去年", "前三季度", "1-9月", "上半年", "今年以来", "“十四五”以来",
                                  "12月11日", "全年"])
def test_relative_periods_need_a_base_date(text: str) -> None:
    assert find_periods(text, None) == []


@pytest.mark.parametrize("text", ["2024年", "2025-2027", "“十四五”期间", "2024年上半年", "截至2024年底"])
def test_absolute_periods_need_no_base_date(text: str) -> None:
    assert len(find_periods(text, None)) == 1


def test_several_periods_in_order() -> None:
    s = "2024年营收增长，今年前三季度又增长，《方案(2025-2027)》提出目标"
    assert [p.label for p in find_periods(s, BASE)] == ["2024年", "今年前三季度", "2025-2027"]


def test_base_year_follows_the_article() -> None:
    (p,) = find_periods("今年前三季度", date(2019, 11, 2))
    assert (p.start, p.end) == (date(2019, 1, 1), date(2019, 9, 30))


_GENRE = ("0123456789一二三四五六七八九十〇今去明本上下前半全年季度月日号底末"
          "初截至以来期间“”十四五-—至到个，。")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_GENRE, max_size=30) | st.text(max_size=30),
       st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))))
def test_period_grammar_fuzz(s: str, base: date | None) -> None:
    last_end = 0
    for p in find_periods(s, base):
        assert 0 <= p.span_start < p.span_end <= len(s)
        assert s[p.span_start:p.span_end] == p.label
        assert p.span_start >= last_end
        last_end = p.span_end
        assert p.start <= p.end
