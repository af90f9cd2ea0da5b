"""The ``Quantity`` record of one figure, and the clause around it that the figure readers consult.

A clause ends at a comma, stop, colon or line break. ``clause_before`` is the clause text before a
position (at most ``LOOKBACK`` characters), where 每年, money cues and listed items are looked for;
``is_per_year`` says whether 每年/年均 … precedes a figure in its clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

__all__ = ["LOOKBACK", "Quantity", "clause_before", "clause_start", "is_per_year"]

#: How far back in its clause a figure looks for 每年, money cues and listed items.
LOOKBACK = 80
_CLAUSE_END = "，,；;。！？!?：:\n"
_PER_YEAR = ("每年", "年均", "每一年", "每年度")


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


@lru_cache(maxsize=8)
def _clause_starts(t: str) -> tuple[int, ...]:
    starts, current = [], 0
    for i, ch in enumerate(t):
        starts.append(current)
        if ch in _CLAUSE_END:
            current = i + 1
    starts.append(current)
    return tuple(starts)


def clause_start(t: str, i: int) -> int:
    """Start of the clause that holds position ``i`` (after the last comma, stop … before it)."""
    return _clause_starts(t)[i] if i < len(t) else _clause_starts(t)[len(t)]


def clause_before(t: str, start: int) -> str:
    """The clause text before ``start``, at most ``LOOKBACK`` characters."""
    return t[max(clause_start(t, start), start - LOOKBACK):start]


def is_per_year(t: str, start: int) -> bool:
    """Whether 每年/年均 … comes before ``start`` in its clause."""
    before = clause_before(t, start)
    return any(w in before for w in _PER_YEAR)
