"""Quantities in Chinese prose: "超592.5亿元", "4.6万个", "百分之十五点八", "全国第12位".

``find_quantities`` finds the figures of one sentence: a number (read by ``numerals``) with its
unit or measure word, its qualifier (超, 近, 余, 以上 …) and whether it is per year. It leaves out
what the genre writes with digits that is not a measure: years and dates, model and technology
names (5G, 4K), ordinals and batches (第一批), slogans and codes (“10+1”, 一核多点, text inside
“…” and 《…》). Rankings (位列全国第12位, 居全省首位; ``rankings``) come out with unit ``rank``.
Units and qualifier words live in ``data/units.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import yaml

from ecokg.errors import EcokgError
from ecokg.loaders.normalize import normalize_width
from ecokg.loaders.numerals import (
    CN_NUMERAL_CHARS,
    ZERO,
    clean_value,
    magnitude,
    parse_number,
)
from ecokg.loaders.quantity import Quantity, clause_before, clause_start, is_per_year
from ecokg.loaders.rankings import find_ranks
from ecokg.resources import loader_data

__all__ = ["Quantity", "UnitTable", "find_quantities", "unit_table"]

_NUMBER = re.compile(r"[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?"
                     r"|[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?")
_PERCENT_WORD = re.compile(r"百分之([0-9]+(?:\.[0-9]+)?"
                           r"|[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)")
_OPEN_CLOSE = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉"}
_OPENERS = re.compile("[" + re.escape("".join(_OPEN_CLOSE) + '"') + "]")
_FRAME = re.compile(
    r"[一二两三四五六七八九十百千万双多]"
    r"(?:(?![零〇一二两三四五六七八九十百千万亿点双多分之])[\u4e00-\u9fff]){1,2}?"
    r"[一二两三四五六七八九十百千万双多](?=[\u4e00-\u9fff])"
)
_RANGE_LINK = "-—–－~～至到"
_REJECT_AFTER = "月日号时季周"


@dataclass(frozen=True)
class UnitTable:
    """``data/units.yaml`` ready for matching."""

    words: tuple[tuple[str, str, str, Decimal], ...]  # (word, kind, unit, factor), longest first
    latin: dict[str, str]
    money_cues: tuple[str, ...]
    count_cues: tuple[str, ...]
    before: tuple[tuple[str, str], ...]  # (word, qualifier), longest first
    filler: frozenset[str]
    after: tuple[tuple[str, str], ...]
    slogans: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def unit_table() -> UnitTable:
    """The unit and qualifier words of ``data/units.yaml``."""
    try:
        data = yaml.safe_load(loader_data("units.yaml").read_text(encoding="utf-8"))
        words: list[tuple[str, str, str, Decimal]] = []
        words += [(w, "money", u, Decimal(1)) for w, u in data["money"].items()]
        words += [(w, "measure", u, Decimal(str(f))) for w, (u, f) in data["measures"].items()]
        words += [(w, "counter", "count", Decimal(1)) for w in data["counters"]]
        before = [(w, q) for q, ws in data["qualifiers_before"].items() for w in ws]
        after = [(w, q) for q, ws in data["qualifiers_after"].items() for w in ws]
        return UnitTable(
            words=tuple(sorted(words, key=lambda x: -len(x[0]))),
            latin={str(k): str(v) for k, v in data["latin"].items()},
            money_cues=tuple(data["money_cues"]),
            count_cues=tuple(data.get("count_cues", ())),
            before=tuple(sorted(before, key=lambda x: -len(x[0]))),
            filler=frozenset(data["qualifier_filler"]),
            after=tuple(sorted(after, key=lambda x: -len(x[0]))),
            slogans=tuple(re.compile(p) for p in data["slogans"]),
        )
    except (OSError, KeyError, TypeError, ValueError, AttributeError, yaml.YAMLError, re.error) as exc:
        raise EcokgError(f"the packaged unit table units.yaml is unreadable or malformed: {exc}",
                         hint="reinstall ecokg or fix loaders/data/units.yaml") from exc


def _masked(t: str, table: UnitTable) -> list[bool]:
    """Positions inside quotes and book titles, or inside slogans and numeral frames."""
    mask = [False] * len(t)
    i = 0
    while i < len(t):
        opener = _OPENERS.search(t, i)  # the next opening mark (the characters between open none)
        if opener is None:
            break
        i = opener.start()
        ch = t[i]
        close = _OPEN_CLOSE.get(ch) or ('"' if ch == '"' else None)
        if close is None:
            i += 1
            continue
        j = t.find(close, i + 1)
        if j < 0:  # unclosed: up to the end of the clause
            j = i + 1
            while j < len(t) and t[j] not in "。；;！？!?\n":
                j += 1
        for k in range(i + 1, min(j, len(t))):
            mask[k] = True
        i = j + 1
    for pattern in (*table.slogans, _FRAME):
        for m in pattern.finditer(t):
            for k in range(m.start(), m.end()):
                mask[k] = True
    return mask


def _qualifier_before(t: str, start: int, table: UnitTable, bare: bool) -> tuple[str, int]:
    """(qualifier, new start) for a qualifier word ending at ``start`` or before a short filler."""
    lo = clause_start(t, start)
    for gap in range(0, 5):
        end = start - gap
        if end < lo or any(ch not in table.filler for ch in t[end:start]):
            break
        for word, qualifier in table.before:
            if end - len(word) >= lo and t.startswith(word, end - len(word)):
                if word == "上" and not bare:
                    continue
                return qualifier, end - len(word)
    return "Exactly", start


def _unit_at(t: str, i: int, table: UnitTable) -> tuple[str, str, Decimal, int, str] | None:
    """(kind, unit, factor, end, word) of the unit word starting at ``i``."""
    if i < len(t) and t[i].isascii() and t[i].isalpha():
        m = re.match(r"[A-Za-z]+", t[i:])
        word = m.group(0) if m else ""
        if word in table.latin:
            return "measure", table.latin[word], Decimal(1), i + len(word), word
        return None
    if i >= len(t):
        return None
    for word, kind, unit, factor in _words_by_first(table).get(t[i], ()):
        if t.startswith(word, i):
            return kind, unit, factor, i + len(word), word
    return None


def _words_by_first(table: UnitTable) -> dict[str, list[tuple[str, str, str, Decimal]]]:
    """``table.words`` by their first character, in their order (made once per table)."""
    found = _BY_FIRST.get(id(table))
    if found is None or found[0] is not table:
        by_first: dict[str, list[tuple[str, str, str, Decimal]]] = {}
        for entry in table.words:
            if entry[0]:
                by_first.setdefault(entry[0][0], []).append(entry)
        found = _BY_FIRST[id(table)] = (table, by_first)
    return found[1]


_BY_FIRST: dict[int, tuple[UnitTable, dict[str, list[tuple[str, str, str, Decimal]]]]] = {}


def _money_clause(clause: str, table: UnitTable) -> bool:
    """Whether a bare magnitude after ``clause`` is money: a money cue is there, and no count noun
    comes after it or qualifies it (参数规模为70亿 and 用户超1亿 are counts; 营收220亿 is money)."""
    money = max((clause.rfind(c) for c in table.money_cues), default=-1)
    if money < 0:
        return False
    count = max((clause.rfind(c) + len(c) for c in table.count_cues if c in clause), default=-1)
    return count < money


def _enumeration_summary(t: str, start: int, value: Decimal) -> bool:
    """"算力、模型、场景三条主线": a small count that only sums up the list before it."""
    before = clause_before(t, start)
    if "、" not in before and not re.search(r"[与和及]", before):
        return False
    tail = before[before.rfind("、") + 1:] if "、" in before else before
    if "等" in tail:
        return False
    items = before.count("、") + 1 + (1 if re.search(r"[与和及]", tail) else 0)
    return items >= 2 and value == items


def _number_quantity(t: str, m: re.Match[str], table: UnitTable, mask: list[bool]) -> Quantity | None:
    raw, start, i = m.group(0), m.start(), m.end()
    arabic = raw[0] in "0123456789"
    prev = t[start - 1] if start else "\0"
    prev2 = t[start - 2] if start >= 2 else "\0"
    if mask[start] or prev in "第+.#×*xX" or (prev.isascii() and prev.isalpha()):
        return None
    if prev in "-_/" and (prev2.isascii() and prev2.isalpha()):
        return None
    if not arabic and prev in "数几好":
        return None
    mags = ""
    if arabic:
        while i < len(t) and t[i] in "百千万亿" and _unit_at(t, i, table) is None:
            mags += t[i]
            i += 1
    if i < len(t) and t[i] in "+×*":
        return None
    if i < len(t) and t[i] in _RANGE_LINK and _NUMBER.match(t, i + 1):
        return None  # lower end of a range: the upper end carries the unit
    value = parse_number(raw + mags) if arabic else parse_number(raw)
    if value is None or all(ch in ZERO for ch in raw):  # 零部件, 〇 alone
        return None
    qualifier = "Exactly"
    if i < len(t) and t[i] in "余多":
        qualifier = "MoreThan"
        i += 1
        extra = ""
        while i < len(t) and t[i] in "千百万亿" and _unit_at(t, i, table) is None:
            extra += t[i]
            i += 1
        value = value * magnitude(extra)
        mags += extra
    has_magnitude = bool(mags) or any(ch in "万亿" for ch in raw)
    bare = not arabic and raw[0] in "百千万亿"
    unit_hit = _unit_at(t, i, table)
    counter: str | None = None
    if i < len(t) and t[i] == "年":
        continuous = t[max(0, start - 2):start] == "连续"
        if not (continuous or t.startswith("年来", i)) or (raw == "一" and not continuous):
            return None  # 一年来 is a period (the past year), not a count of years
        unit, counter, i = "count", "年", i + 1
        start -= 2 if continuous else 0
    elif unit_hit is not None:
        kind, unit, factor, i, word = unit_hit
        value = value * factor
        counter = word if kind == "counter" else None
        if kind == "counter" or word == "成":
            if raw in ("一", "二"):
                return None  # 一个/一家 is an article, 二次/二期 an ordinal, 一成不变 an idiom
            if bare and _qualifier_before(t, start, table, bare=True)[0] == "Exactly":
                return None  # 百家争鸣, 万家灯火: a bare 百/千/万 counts only with 近/超/上 …
            if not arabic and value <= 10 and _enumeration_summary(t, start, value):
                return None
        elif bare and len(raw) == 1 and not t.startswith("级", i) and \
                _qualifier_before(t, start, table, bare=True)[0] == "Exactly":
            return None  # 亿元以上项目: a threshold, not a figure; 超亿元 and 千亩级 are figures
        if unit == "month" and prev in "前近这":
            return None  # 前10个月 is a period
    else:
        if i < len(t) and (t[i] in _REJECT_AFTER or (t[i].isascii() and t[i].isalnum())):
            return None
        if not has_magnitude or (bare and len(raw) == 1
                                 and _qualifier_before(t, start, table, bare=True)[0] == "Exactly"):
            return None  # 万山, 千岛: a bare 万 with no unit and no 近/超 is part of a name
        unit = "CNY" if (_money_clause(clause_before(t, start), table) or t.startswith("级", i)) else "count"
    if t.startswith("级", i):
        i += 1
        qualifier = "Approximately" if qualifier == "Exactly" else qualifier
    for word, q in table.after:
        if word not in ("余", "多") and t.startswith(word, i):
            qualifier, i = q, i + len(word)
            break
    if prev in _RANGE_LINK and start >= 2 \
            and (t[start - 2] in "0123456789" or t[start - 2] in CN_NUMERAL_CHARS):
        j = start - 1
        while j > 0 and (t[j - 1] in "0123456789" or t[j - 1] in CN_NUMERAL_CHARS + "."):
            j -= 1
        if not mask[j]:
            start, qualifier = j, "AtMost"  # "10-20家": the upper end, the span covers the range
    q_before, new_start = _qualifier_before(t, start, table, bare)
    if q_before != "Exactly":
        qualifier, start = q_before, new_start
    if i < len(t) and t[i].isascii() and t[i].isalpha() and unit_hit and unit_hit[0] != "measure":
        return None
    value = clean_value(value)
    if value is None:
        return None
    return Quantity(value, unit, qualifier, start, i, t[start:i], counter, is_per_year(t, start))


def _percent_word_quantity(t: str, m: re.Match[str], table: UnitTable, mask: list[bool]) -> Quantity | None:
    if mask[m.start()]:
        return None
    value = parse_number(m.group(1))
    if value is None:
        return None
    start, end = m.start(), m.end()
    qualifier, start = _qualifier_before(t, start, table, bare=False)
    for word, q in table.after:
        if word not in ("余", "多") and t.startswith(word, end):
            qualifier, end = q, end + len(word)
            break
    return Quantity(value, "percent", qualifier, start, end, t[start:end], None, is_per_year(t, start))



def find_quantities(text: str) -> list[Quantity]:
    """Every figure of one sentence, in text order, without overlaps."""
    t = normalize_width(text)
    table = unit_table()
    mask = _masked(t, table)
    candidates = find_ranks(t, mask)
    candidates += [q for m in _PERCENT_WORD.finditer(t) if (q := _percent_word_quantity(t, m, table, mask))]
    for m in _NUMBER.finditer(t):
        q = _number_quantity(t, m, table, mask)
        if q is not None:
            candidates.append(q)
    taken = [False] * len(t)
    result: list[Quantity] = []
    for q in sorted(candidates, key=lambda q: (q.start, -(q.end - q.start))):
        if any(taken[q.start:q.end]):
            continue
        for k in range(q.start, q.end):
            taken[k] = True
        result.append(Quantity(q.value, q.unit, q.qualifier, q.start, q.end, text[q.start:q.end],
                               q.counter, q.per_year))
    return result
