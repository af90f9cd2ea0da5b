"""Name candidates: a span of a sentence that may name an entity of a class, before overlaps are
resolved; and the word statistics the recognizers share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ecokg.loaders.gazetteer import Entry

FUNCTION_CHARS = set("的了在是与和都此另一张最其该本各这那某们个之于以及或而但也还就才又再很更太已将把被"
                     "让使给向对从自到为因所如若则每单年月日全市省县后前有什么想说")


@dataclass
class Candidate:
    start: int
    end: int
    cls: str
    name: str
    aliases: set[str] = field(default_factory=set)
    priority: int = 1
    source: str = "pattern"
    entry: Entry | None = None
    batch: str | None = None
    period: tuple[date, date, str] | None = None
    region_ok: bool = True  # may be qualified by the region


def word_frequency(word: str) -> int:
    """How common a word is in jieba's dictionary (0 for unknown words such as new brands)."""
    import jieba

    jieba.setLogLevel(60)
    if not jieba.dt.initialized:
        jieba.dt.initialize()
    return int(jieba.dt.FREQ.get(word, 0))
