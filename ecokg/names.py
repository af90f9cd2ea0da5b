"""How ecokg compares names: one place for the keys that merging, look-ups and views use.

``name_key``: identity of two names when merging entities across articles (NFKC, quotes and
white space dropped, case-folded): 优必选 / “优必选” / ＵＢＴｅｃｈ vs UBTech.
``match_key``: what a user may type to find an entity (also ignores brackets, middle dots,
dashes and underscores): 一汽大众 finds 一汽-大众, 方案2025-2027 finds 方案（2025—2027）.
"""

from __future__ import annotations

import unicodedata

QUOTES = "“”‘’\"'「」『』《》〈〉【】"
_NAME_DROP = frozenset(QUOTES)
_MATCH_DROP = frozenset(QUOTES + "()（）·・-—_")


def name_key(name: str) -> str:
    """The key under which two names are the same entity's name."""
    text = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in text if ch not in _NAME_DROP and not ch.isspace()).casefold()


def match_key(name: str) -> str:
    """The key under which a name a user typed matches a label or alias."""
    text = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in text if ch not in _MATCH_DROP and not ch.isspace()).casefold()
