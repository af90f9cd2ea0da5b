"""Numerals: the value of one Arabic, Chinese or mixed numeral ("592.5亿", "两千万", "百分之十五点八").

``parse_number`` reads one numeral; ``normalize_width`` maps full-width digits, letters and signs
to ASCII keeping every offset, so that positions found in the normalized text hold in the
original. The numeral characters (``DIGITS``, ``MAGNITUDES`` …) are shared with the figure and
period readers.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ecokg.loaders.normalize import normalize_width

__all__ = ["CN_NUMERAL_CHARS", "DIGITS", "MAGNITUDES", "ZERO", "clean_value", "magnitude", "parse_number"]

ZERO = "零〇"
DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(DIGITS) + "十百千万亿"
#: Largest decimal exponent accepted; anything beyond is not a figure a text reports.
_MAX_EXPONENT = 30

_ARABIC = re.compile(r"([+-]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)([十百千万亿]*)")


def clean_value(value: Decimal) -> Decimal | None:
    if not value.is_finite() or value.adjusted() > _MAX_EXPONENT or value.adjusted() < -_MAX_EXPONENT:
        return None
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value


def magnitude(chars: str) -> int:
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
    return (Decimal(whole) + Decimal("0." + digits)) * magnitude(mags)


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
            return clean_value(value * magnitude(m.group(2)))
        value2 = _cn_number(s)
        return None if value2 is None else clean_value(value2)
    except (InvalidOperation, ArithmeticError, ValueError):
        return None
