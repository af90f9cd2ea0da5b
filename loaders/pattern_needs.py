"""What every match of a regular expression contains: a cheap test that skips a scan.

A frame (``loaders/frame_rules.py``) is a regular expression over a sentence whose mentions are
replaced by symbols of the private use area, one block of code points per class. Most frames cannot
match most sentences: they need a fixed word (由, 签约, 入驻|进驻|落户) or a mention of some class
that the sentence does not have. ``needs`` reads a pattern's syntax tree once and returns those
needs, each a choice: a set of words and a set of symbol blocks, at least one of which is in every
match. ``met`` tests them on a text with a few substring tests, where a scan would try the pattern
at every position. Only what holds for every match is returned: a pattern it cannot read (or one
that ignores case) needs nothing, and is always scanned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Need:
    """At least one of ``words`` is in the text, or a character of one of the ``blocks``."""

    words: tuple[str, ...]
    blocks: frozenset[int]


@cache
def needs(pattern: str, flags: int, base: int, block: int) -> tuple[Need, ...]:
    """The needs of every match of ``pattern``. ``base`` and ``block``: the first code point of the
    symbol area and the size of one block (a character class within the area is a need of blocks)."""
    from re import _parser  # type: ignore[attr-defined]

    if flags & re.IGNORECASE:
        return ()
    try:
        items = _parser.parse(pattern, flags)
    except (re.error, TypeError, ValueError, RecursionError):
        return ()
    found = dict.fromkeys(_sequence(items, base, block))
    return tuple(sorted(found, key=_order))  # the likeliest to fail first: a test stops at the first unmet


def _order(need: Need) -> int:
    """Words of two characters or more (rare), then mentions of some classes, then single characters."""
    if need.words and not need.blocks and all(len(w) > 1 for w in need.words):
        return 0
    return 1 if not need.words else 2


def met(required: Iterable[Need], text: str, blocks: set[int]) -> bool:
    """Whether ``text`` (whose symbols are of the ``blocks``) has each need."""
    for need in required:
        if need.blocks and not need.blocks.isdisjoint(blocks):
            continue
        for word in need.words:
            if word in text:
                break
        else:
            return False
    return True


def _sequence(items: Any, base: int, block: int) -> list[Need]:
    """The needs of a sequence of items: each item's, and each run of plain characters."""
    from re import _constants  # type: ignore[attr-defined]

    out: list[Need] = []
    run = ""
    for op, arg in items:
        if op is _constants.LITERAL:
            run += chr(arg)
            continue
        if run:
            out.append(Need((run,), frozenset()))
        run = ""
        out += _item(op, arg, base, block)
    if run:
        out.append(Need((run,), frozenset()))
    return out


def _item(op: Any, arg: Any, base: int, block: int) -> list[Need]:
    from re import _constants  # type: ignore[attr-defined]

    if op is _constants.SUBPATTERN:
        _group, add_flags, _del_flags, sub = arg
        return [] if add_flags & re.IGNORECASE else _sequence(sub, base, block)
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, getattr(_constants, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = arg
        return _sequence(sub, base, block) if low >= 1 else []
    if op is _constants.IN:
        found = _blocks(arg, base, block)
        return [Need((), found)] if found else []
    if op is _constants.BRANCH:
        words: list[str] = []
        blocks: set[int] = set()
        for branch in arg[1]:
            own = _sequence(branch, base, block)
            if not own:
                return []  # a branch that needs nothing: the choice needs nothing
            pick = min(own, key=lambda n: (len(n.words) + len(n.blocks), -sum(map(len, n.words))))
            words += pick.words
            blocks |= pick.blocks
        return [Need(tuple(dict.fromkeys(words)), frozenset(blocks))]
    return []


def _blocks(members: Any, base: int, block: int) -> frozenset[int]:
    """The symbol blocks a character class matches, when it matches nothing else (else empty)."""
    from re import _constants  # type: ignore[attr-defined]

    found: set[int] = set()
    for op, arg in members:
        if op is _constants.LITERAL:
            low = high = arg
        elif op is _constants.RANGE:
            low, high = arg
        else:  # a negated class, a category (\d, \w): not only symbols
            return frozenset()
        if low < base:
            return frozenset()
        found.update(range((low - base) // block, (high - base) // block + 1))
    return frozenset(found)


__all__ = ["Need", "met", "needs"]
