"""Numerals and quantities in Chinese prose: "超592.5亿元", "4.6万个", "百分之十五点八", "全国第12位".

``parse_number`` reads one numeral (Arabic, Chinese or mixed). ``find_quantities`` finds the
figures of one sentence: a number with its unit or measure word, its qualifier (超, 近, 余,
以上 …) and whether it is per year. It leaves out what the genre writes with digits that is not
a measure: years and dates, model and technology names (5G, 4K), ordinals and batches (第一批),
slogans and codes (“10+1”, 一核多点, text inside “…” and 《…》). Rankings (位列全国第12位,
居全省首位) come out with unit ``rank``. Units and qualifier words live in ``data/units.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import yaml

from ecokg.errors import EcokgError
from ecokg.resources import loader_data

__all__ = ["Quantity", "find_quantities", "normalize_width", "parse_number"]

ZERO = "零〇"
DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(DIGITS) + "十百千万亿"
#: How far back in its clause a figure looks for 每年, money cues and listed items.
_LOOKBACK = 80
#: Largest decimal exponent accepted; anything beyond is not a figure a text reports.
_MAX_EXPONENT = 30

_ARABIC = re.compile(r"([+-]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)([十百千万亿]*)")
_NUMBER = re.compile(r"[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?")
_PERCENT_WORD = re.compile(r"百分之([0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)")
_CLAUSE_END = "，,；;。！？!?：:\n"
_OPEN_CLOSE = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉"}
_FRAME = re.compile(
    r"[一二两三四五六七八九十百千万双多]"
    r"(?:(?![零〇一二两三四五六七八九十百千万亿点双多分之])[\u4e00-\u9fff]){1,2}?"
    r"[一二两三四五六七八九十百千万双多](?=[\u4e00-\u9fff])"
)
_RANGE_LINK = "-—–－~～至到"
_REJECT_AFTER = "月日号时季周"
_PER_YEAR = ("每年", "年均", "每一年", "每年度")
_SCOPES = ("全国", "全省", "全市", "全球", "全区", "全国同类城市", "国内", "省内", "世界", "全行业")
_ORD = (r"(?:第(?P<n>[0-9]+|[一二三四五六七八九十百]+)(?P<suffix>位|名)?(?![批期届次个家款项号轮代类级部季方梯档阵时步线产章条])"
        r"|(?P<first>首位|榜首|之首)"
        r"|前(?P<top>[0-9]+|[一二三四五六七八九十]+)(?:位|名|强)?(?![季个月年批天周届次期]))")
_RANK = re.compile(r"(?:位列|位居|排名|排在|排行|名列|居于|居|列)(?P<mid>[^，,。；;！？!?、\n]{0,16}?)" + _ORD)
_RANK_SCOPE = re.compile(r"(?P<mid>" + "|".join(_SCOPES) + r")" + _ORD)
_RANK_NEXT = re.compile(r"、(?P<mid>[^，,。；;！？!?、\n]{0,10}?)" + _ORD)
_RANK_NAME = re.compile(r"第(?P<n>[0-9]+|[一二三四五六七八九十]+)名")


@dataclass(frozen=True)
class Quantity:
    """One figure in a sentence; ``text == sentence[start:end]``."""

    value: Decimal  # normalized: money in whole yuan (亿=1e8, 万=1e4), % as 15.8
    unit: str  # CNY USD percent count rank ms mm m2 km2 mu PFLOPS MW …
    qualifier: str  # Exactly MoreThan Approximately AtMost AtLeast
    start: int
    end: int
    text: str
    counter: str | None = None  # measure word as written: 家, 个, 款 …
    per_year: bool = False  # 每年 … before it in the same clause


@dataclass(frozen=True)
class UnitTable:
    """``data/units.yaml`` ready for matching."""

    words: tuple[tuple[str, str, str, Decimal], ...]  # (word, kind, unit, factor), longest first
    latin: dict[str, str]
    money_cues: tuple[str, ...]
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
            before=tuple(sorted(before, key=lambda x: -len(x[0]))),
            filler=frozenset(data["qualifier_filler"]),
            after=tuple(sorted(after, key=lambda x: -len(x[0]))),
            slogans=tuple(re.compile(p) for p in data["slogans"]),
        )
    except (OSError, KeyError, TypeError, ValueError, AttributeError, yaml.YAMLError, re.error) as exc:
        raise EcokgError(f"the packaged unit table units.yaml is unreadable or malformed: {exc}",
                         hint="reinstall ecokg or fix loaders/data/units.yaml") from exc


def normalize_width(text: str) -> str:
    """Full-width digits, letters and signs as ASCII, keeping every offset (the Chinese comma stays)."""
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" and c != "，" else c for c in text)


# --------------------------------------------------------------------------- numerals

def _clean(value: Decimal) -> Decimal | None:
    if not value.is_finite() or value.adjusted() > _MAX_EXPONENT or value.adjusted() < -_MAX_EXPONENT:
        return None
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value


def _magnitude(chars: str) -> int:
    factor = 1
    for ch in chars:
        factor *= MAGNITUDES[ch]
    return factor


def _cn_integer(s: str) -> int | None:
    """A Chinese integer numeral: 十二, 一百零五, 两千万, 三千五, 一万亿, 二〇二五."""
    if not s:
        return None
    if (len(s) > 2 or any(ch in ZERO for ch in s)) and len(s) > 1 and all(ch in DIGITS for ch in s):
        return int("".join(str(DIGITS[ch]) for ch in s))
    total = wan = section = 0
    number: int | None = None
    last_small: int | None = None
    last_unit: int | None = None
    zero = seen_wan = False
    for ch in s:
        if ch in ZERO:
            if number is not None:
                return None
            zero = True
        elif ch in DIGITS:
            if number is not None:
                return None
            number = DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if last_small is not None and unit >= last_small:
                return None
            section += (1 if number is None else number) * unit
            number, last_small, last_unit, zero = None, unit, unit, False
        elif ch == "万":
            if seen_wan:
                return None
            group = section + (number or 0)
            wan = (group or 1) * 10_000
            section, number, last_small, last_unit, zero, seen_wan = 0, None, None, 10_000, False, True
        elif ch == "亿":
            group = total + wan + section + (number or 0)
            total = (group or 1) * 100_000_000
            wan = section = 0
            number, last_small, last_unit, zero, seen_wan = None, None, 100_000_000, False, False
        else:
            return None
    if number is not None:
        # 三千五 = 3500, 一万五 = 15000: a last digit right after a unit counts in the next lower unit.
        number = number * (last_unit // 10) if (last_unit and not zero) else number
        section += number
    return total + wan + section


def _cn_number(s: str) -> Decimal | None:
    int_part, sep, frac = s.partition("点")
    if not sep:
        value = _cn_integer(s)
        return None if value is None else Decimal(value)
    mags = ""
    while frac and frac[-1] in "百千万亿":
        mags = frac[-1] + mags
        frac = frac[:-1]
    if not frac or any(ch not in DIGITS or ch == "两" for ch in frac):
        return None
    whole = _cn_integer(int_part) if int_part else 0
    if whole is None:
        return None
    digits = "".join(str(DIGITS[ch]) for ch in frac)
    return (Decimal(whole) + Decimal("0." + digits)) * _magnitude(mags)


def parse_number(text: str) -> Decimal | None:
    """The value of one numeral: "592.5亿" → 59250000000, "两千万" → 20000000, "百分之十五点八" → 15.8.

    A percent sign or 百分之 is accepted and dropped (the caller knows it is a percent).
    Returns ``None`` for anything that is not a single numeral.
    """
    s = normalize_width(text).strip()
    if s.startswith("百分之"):
        s = s[3:]
    elif s.endswith("%"):
        s = s[:-1].rstrip()
    if not s:
        return None
    try:
        m = _ARABIC.fullmatch(s)
        if m:
            value = Decimal(m.group(1).replace(",", ""))
            if not value.is_finite() or abs(value.adjusted()) > _MAX_EXPONENT:
                return None
            return _clean(value * _magnitude(m.group(2)))
        value2 = _cn_number(s)
        return None if value2 is None else _clean(value2)
    except (InvalidOperation, ArithmeticError, ValueError):
        return None


# --------------------------------------------------------------------------- quantities

@lru_cache(maxsize=8)
def _clause_starts(t: str) -> tuple[int, ...]:
    starts, current = [], 0
    for i, ch in enumerate(t):
        starts.append(current)
        if ch in _CLAUSE_END:
            current = i + 1
    starts.append(current)
    return tuple(starts)


def _clause_start(t: str, i: int) -> int:
    """Start of the clause that holds position ``i`` (after the last comma, stop … before it)."""
    return _clause_starts(t)[i] if i < len(t) else _clause_starts(t)[len(t)]


def _masked(t: str, table: UnitTable) -> list[bool]:
    """Positions inside quotes and book titles, or inside slogans and numeral frames."""
    mask = [False] * len(t)
    i = 0
    while i < len(t):
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


def _before(t: str, start: int) -> str:
    """The clause text before ``start``, at most ``_LOOKBACK`` characters."""
    return t[max(_clause_start(t, start), start - _LOOKBACK):start]


def _per_year(t: str, start: int) -> bool:
    before = _before(t, start)
    return any(w in before for w in _PER_YEAR)


def _qualifier_before(t: str, start: int, table: UnitTable, bare: bool) -> tuple[str, int]:
    """(qualifier, new start) for a qualifier word ending at ``start`` or before a short filler."""
    lo = _clause_start(t, start)
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
    for word, kind, unit, factor in table.words:
        if t.startswith(word, i):
            return kind, unit, factor, i + len(word), word
    return None


def _enumeration_summary(t: str, start: int, value: Decimal) -> bool:
    """"算力、模型、场景三条主线": a small count that only sums up the list before it."""
    before = _before(t, start)
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
        value = value * _magnitude(extra)
        mags += extra
    has_magnitude = bool(mags) or any(ch in "万亿" for ch in raw)
    bare = not arabic and raw[0] in "百千万亿"
    unit_hit = _unit_at(t, i, table)
    counter: str | None = None
    if i < len(t) and t[i] == "年":
        continuous = t[max(0, start - 2):start] == "连续"
        if not (continuous or t.startswith("年来", i)):
            return None
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
        if not has_magnitude:
            return None
        clause = _before(t, start)
        unit = "CNY" if (any(c in clause for c in table.money_cues) or t.startswith("级", i)) else "count"
    if t.startswith("级", i):
        i += 1
        qualifier = "Approximately" if qualifier == "Exactly" else qualifier
    for word, q in table.after:
        if word not in ("余", "多") and t.startswith(word, i):
            qualifier, i = q, i + len(word)
            break
    if prev in _RANGE_LINK and start >= 2 and (t[start - 2] in "0123456789" or t[start - 2] in CN_NUMERAL_CHARS):
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
    value = _clean(value)
    if value is None:
        return None
    return Quantity(value, unit, qualifier, start, i, t[start:i], counter, _per_year(t, start))


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
    return Quantity(value, "percent", qualifier, start, end, t[start:end], None, _per_year(t, start))


def _rank_from(t: str, m: re.Match[str], mask: list[bool]) -> Quantity | None:
    ord_start = m.start("mid") + len(m.group("mid")) if "mid" in m.groupdict() else m.start()
    if mask[ord_start] if ord_start < len(mask) else True:
        return None
    qualifier = "Exactly"
    if m.group("first"):
        value: Decimal | None = Decimal(1)
    elif m.group("top"):
        value, qualifier = parse_number(m.group("top")), "AtMost"
    else:
        value = parse_number(m.group("n"))
    if value is None or value < 1:
        return None
    start, mid = ord_start, m.group("mid") or ""
    for scope in _SCOPES:
        if mid.endswith(scope):
            start = ord_start - len(scope)
            break
    return Quantity(value, "rank", qualifier, start, m.end(), t[start:m.end()], None, _per_year(t, start))


def _ranks(t: str, mask: list[bool]) -> list[Quantity]:
    found: list[Quantity] = []
    for pattern in (_RANK, _RANK_SCOPE):
        for m in pattern.finditer(t):
            q = _rank_from(t, m, mask)
            if q is None:
                continue
            found.append(q)
            pos = m.end()
            while (nxt := _RANK_NEXT.match(t, pos)) is not None:
                q2 = _rank_from(t, nxt, mask)
                if q2 is not None:
                    found.append(q2)
                pos = nxt.end()
    for m in _RANK_NAME.finditer(t):
        if not mask[m.start()]:
            value = parse_number(m.group("n"))
            if value is not None and value >= 1:
                found.append(Quantity(value, "rank", "Exactly", m.start(), m.end(), m.group(0), None,
                                      _per_year(t, m.start())))
    return found


def find_quantities(text: str) -> list[Quantity]:
    """Every figure of one sentence, in text order, without overlaps."""
    t = normalize_width(text)
    table = unit_table()
    mask = _masked(t, table)
    candidates = _ranks(t, mask)
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
