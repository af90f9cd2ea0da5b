"""Validity periods of policies and programs from their names: ``三年行动方案（2025—2027年）``,
``2025—2027年行动方案``, ``2024年度工作要点`` → ``period_start``/``period_end``/``period_label``.

Only entities of the policy and program classes get one, and only when they have none yet (a
period the figures layer or a frame found wins). The years are written in the name, so nothing
is inferred from the article's date.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_DASH = r"\s*[—–\-－~～至到]+\s*"
_RANGE = re.compile(rf"(?P<a>(?:19|20)\d\d)\s*年?{_DASH}(?P<b>(?:19|20)\d\d)\s*年")
_YEAR = re.compile(r"(?P<a>(?:19|20)\d\d)\s*年度?(?!\d)")
#: Classes whose names may carry their period.
CLASSES = frozenset({"Policy", "PolicyDocument", "Program", "Fund", "Subsidy"})


def validity(name: str) -> tuple[date, date, str] | None:
    """(start, end, label) of a period written in a name, or None."""
    m = _RANGE.search(name)
    if m:
        a, b = int(m.group("a")), int(m.group("b"))
        if a <= b <= a + 30:
            return date(a, 1, 1), date(b, 12, 31), f"{a}—{b}年"
        return None
    years = [int(y.group("a")) for y in _YEAR.finditer(name)]
    if len(years) == 1:
        return date(years[0], 1, 1), date(years[0], 12, 31), f"{years[0]}年"
    return None


def mark_validity(state: Any) -> None:
    """The ``validity`` component (after ``names``)."""
    for key, ent in state.entities.items():
        if ent.cls not in CLASSES or ent.period_start or ent.period_end:
            continue
        found = validity(key)
        if found:
            ent.period_start, ent.period_end, ent.period_label = found


__all__ = ["CLASSES", "mark_validity", "validity"]
