"""How ecokg compares names: one place for the keys that merging, look-ups and views use.

``name_key``: identity of two names when merging entities across articles (NFKC, quotes and
white space dropped, case-folded): 优必选 / “优必选” / ＵＢＴｅｃｈ vs UBTech.
``region_key``, ``is_admin_place``, ``short_place``, ``looks_like_place``: how an administrative
place name is written (青岛市 is also 青岛), for merging entities of different articles: the merge
(``graph/merge.py``) asks these and knows no language of its own.
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


#: Trailing characters of administrative place names (青岛市, 山东省, 崂山区 …).
ADMIN_SUFFIXES = ("省", "市", "区", "县", "州", "镇", "乡")


def looks_like_place(key: str) -> bool:
    """A name key that ends like an administrative place (…市, …区)."""
    return key.endswith(ADMIN_SUFFIXES)


def is_admin_place(key: str) -> bool:
    """A name key of an administrative place with a short form (青岛市; not 市 or 新区 alone)."""
    return len(key) > 2 and key.endswith(ADMIN_SUFFIXES)


def short_place(key: str) -> str:
    """The short form of an administrative place's name key: 青岛市 → 青岛 (``is_admin_place`` first)."""
    return key[:-1]


def region_key(name: str) -> str:
    """A region name without its administrative suffix: 青岛市 → 青岛 (so 青岛 matches 青岛市)."""
    n = name_key(name)
    return short_place(n) if is_admin_place(n) else n
