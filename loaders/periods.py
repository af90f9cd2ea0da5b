"""Periods in Chinese prose: "今年前三季度", "2024年", "2025—2027年", "“十四五”期间", "1—10月".

``find_periods`` returns every period phrase of a text with its calendar dates. Relative
phrases (今年, 去年, 前三季度 without a year, 1-9月, 全年 …) are resolved against ``base``,
the article's date; without a base date they are skipped. Choices, for the genre:

- A sub-period without a year (前三季度, 上半年, 10月) is in the base date's year.
- 截至/截止 + a period is a point in time: start = end = the last day of that period
  (截至2024年底 → 2024-12-31 … 2024-12-31).
- 目前, 截至目前, 当前 give no period: they mean "at the article's date", which the document
  already carries as ``dcterms:issued``; repeating it on every figure would add nothing.
- 以来 runs from the start of the period to the base date (“十四五”以来, 2020年以来).
- 年底/年末 and 月底/月末 are points at the last day; 年初/月初 points at the first day.
- Five-year plans: “十四五” = 2021-2025 (the Nth plan, N >= 6, starts in 1981 + 5 (N - 6)).
- Annual reports: an article published in the first months of a year about the work of the year
  before (``reported_year``: "2025年工作总结" dated 2026-01) reads 全年, 一年来 and sub-periods
  without a year (上半年, 四季度, 年底) in the reported year, not in the publication year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from operator import methodcaller

from ecokg.loaders.normalize import normalize_width
from ecokg.loaders.numerals import parse_number

__all__ = ["Period", "find_periods", "reported_year"]


@dataclass(frozen=True)
class Period:
    """A calendar period named in a text; ``label == text[span_start:span_end]``."""

    start: date
    end: date
    label: str  # as written: "今年前三季度", "2024年", "2025-2027"
    span_start: int
    span_end: int


_YEAR = r"(?:(?:19|20)[0-9]{2}|[一二][〇零一二三四五六七八九]{3})"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = (r"(?:3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
        r"|[一二三四五六七八九])")
_DASH = r"\s*[-—–－~～至到]\s*"
_REL = r"今年|本年|去年|上一年|上年|明年|来年|前年"
_REL_OFFSET = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "上一年": -1, "明年": 1, "来年": 1, "前年": -2}

_SUB = (
    r"(?P<half>上半年|下半年)"
    r"|前(?P<qn>[一二三123])个?季度"
    r"|第?(?P<qq>[一二三四1-4])季度(?P<qpos>末|底)?"
    r"|前(?P<nm>" + _MONTH + r")个?月"
    r"|(?P<m1>" + _MONTH + r")月?" + _DASH + r"(?P<m2>" + _MONTH + r")月份?(?P<rpos>底|末)?"
    r"|(?P<mm>" + _MONTH + r")月份?(?:(?P<dd>" + _DAY + r")[日号]|(?P<mpos>底|末|初))?"
    r"|(?P<whole>全年|一年来|过去一年)"
    r"|(?P<ypos>年底|年末|年初)"
)
_HEAD = r"(?:(?P<year>" + _YEAR + r")年(?:度)?|(?P<rel>" + _REL + r"))(?:(?P<ypos2>底|末|初)(?!步|期|心|衷))?"
_MAIN = re.compile(
    r"(?P<asof>截至|截止到|截止)?(?:(?<![0-9])" + _HEAD + r")?(?P<sub>" + _SUB
    + r")?(?![0-9])(?P<since>以来)?"
)
_MATCHED_TEXT = methodcaller("group")
_RANGE = re.compile(r"(?<![0-9])(?P<y1>" + _YEAR + r")年?" + _DASH + r"(?P<y2>" + _YEAR + r")年?(?![0-9])")
_PLAN = re.compile(
    r"(?P<q>[“\"‘]?)(?P<n>十[一二三四五六七八九]|[六七八九])五(?P<q2>[”\"’]?)"
    r"(?P<tail>期间|时期|规划期|规划|以来)?"
)


def _number(token: str | None) -> int | None:
    if not token:
        return None
    value = parse_number(token)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _sub_period(m: re.Match[str], year: int) -> tuple[date, date] | None:
    """The dates of the sub-period of ``m`` in ``year``; the whole year when there is none."""
    g = m.group
    if g("half"):
        return (date(year, 1, 1), date(year, 6, 30)) if g("half") == "上半年" \
            else (date(year, 7, 1), date(year, 12, 31))
    if g("qn"):
        n = _number(g("qn"))
        return (date(year, 1, 1), _month_end(year, 3 * n)) if n and 1 <= n <= 3 else None
    if g("qq"):
        n = _number(g("qq"))
        if not n or not 1 <= n <= 4:
            return None
        end = _month_end(year, 3 * n)
        return (end, end) if g("qpos") else (date(year, 3 * n - 2, 1), end)
    if g("nm"):
        n = _number(g("nm"))
        return (date(year, 1, 1), _month_end(year, n)) if n and 1 <= n <= 12 else None
    if g("m1"):
        a, b = _number(g("m1")), _number(g("m2"))
        if not a or not b or not 1 <= a <= b <= 12:
            return None
        end = _month_end(year, b)
        return (end, end) if g("rpos") else (date(year, a, 1), end)
    if g("mm"):
        n = _number(g("mm"))
        if not n or not 1 <= n <= 12:
            return None
        if g("dd"):
            d = _number(g("dd"))
            try:
                day = date(year, n, d or 0)
            except ValueError:
                return None
            return day, day
        if g("mpos") in ("底", "末"):
            return _month_end(year, n), _month_end(year, n)
        if g("mpos") == "初":
            return date(year, n, 1), date(year, n, 1)
        return date(year, n, 1), _month_end(year, n)
    pos = g("ypos") or g("ypos2")
    if pos in ("年底", "年末", "底", "末"):
        return date(year, 12, 31), date(year, 12, 31)
    if pos in ("年初", "初"):
        return date(year, 1, 1), date(year, 1, 1)
    return date(year, 1, 1), date(year, 12, 31)  # 全年, or a year alone


def _main_period(m: re.Match[str], base: date | None, report: int | None = None) -> tuple[date, date] | None:
    if m.group("year"):
        year = _number(m.group("year"))
    elif m.group("rel"):
        year = base.year + _REL_OFFSET[m.group("rel")] if base else None
    elif report is not None and not (m.group("mm") and (m.group("dd") or m.group("mpos"))):
        year = report  # 全年 / 上半年 / 四季度 of an annual report: the reported year
    elif m.group("whole") and m.group("whole") != "全年":
        return None  # 一年来 outside an annual report: no calendar period
    else:
        year = base.year if base else None
    if year is None or not 1900 <= year <= 2100:
        return None
    dates = _sub_period(m, year)
    if dates is None:
        return None
    if m.group("asof"):
        return dates[1], dates[1]
    if m.group("since"):
        return (dates[0], base) if base and base >= dates[0] else None
    return dates


#: Words of a report on a past year's work.
_REPORT_WORDS = ("全年", "一年来", "过去一年", "这一年", "年度", "工作总结", "工作报告", "总结")
#: How far into the text (title and lead) the reported year is looked for.
_REPORT_LEAD = 300


def reported_year(text: str, base: date | None) -> int | None:
    """The year an annual report is about, when ``text`` is one: published by April of a year,
    it names the year before as a whole year in its title or lead (2025年工作总结, "2025年，…") before
    any mention of its own year, and it speaks of the year's work (全年, 一年来, 总结 …). Else None."""
    if base is None or base.month > 4 or not any(w in text for w in _REPORT_WORDS):
        return None
    for p in find_periods(text[:_REPORT_LEAD], base):
        if p.start.year != p.end.year:
            continue
        if p.start.year == base.year:
            return None
        if p.start.year == base.year - 1 \
                and (p.start.month, p.start.day, p.end.month, p.end.day) == (1, 1, 12, 31):
            return base.year - 1
    return None


def find_periods(text: str, base: date | None, report: int | None = None) -> list[Period]:
    """Every period phrase of ``text``, in text order, without overlaps; ``report``: the year of
    an annual report (``reported_year``), for 全年 and sub-periods without a year."""
    t = normalize_width(text)
    candidates: list[tuple[int, int, date, date]] = []
    for m in _RANGE.finditer(t):
        y1, y2 = _number(m.group("y1")), _number(m.group("y2"))
        if y1 and y2 and 1900 <= y1 <= y2 <= 2100:
            candidates.append((m.start(), m.end(), date(y1, 1, 1), date(y2, 12, 31)))
    for m in _PLAN.finditer(t):
        quoted = bool(m.group("q")) and bool(m.group("q2"))
        n = _number(m.group("n"))
        if n is None or n < 6 or not (quoted or len(m.group("n")) == 2 or m.group("tail")):
            continue
        first = 1981 + 5 * (n - 6)
        if m.group("tail") == "以来":
            if base is None or base < date(first, 1, 1):
                continue
            candidates.append((m.start(), m.end(), date(first, 1, 1), base))
        else:
            candidates.append((m.start(), m.end(), date(first, 1, 1), date(first + 4, 12, 31)))
    # every group of _MAIN is optional: it matches empty at almost every position, and an empty match
    # has no part; they are dropped without a Python step each (``filter``, ``methodcaller`` run in C)
    for m in filter(_MATCHED_TEXT, _MAIN.finditer(t)):
        if not (m.group("year") or m.group("rel") or m.group("sub")):
            continue
        if not (m.group("year") or m.group("rel")) and m.start("sub") \
                and t[m.start("sub") - 1] in "0123456789年":
            continue
        dates = _main_period(m, base, report)
        if dates is not None:
            candidates.append((m.start(), m.end(), *dates))
    result: list[Period] = []
    taken_until = -1
    for start, end, d1, d2 in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]))):
        if start < taken_until:
            continue
        taken_until = end
        result.append(Period(d1, d2, text[start:end], start, end))
    return result
