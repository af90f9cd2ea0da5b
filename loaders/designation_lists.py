"""Designations whose holders are listed apart from the title.

  list-after      公布第三批X名单 … 。(入选企业)分别为：A、B、C … → each of A, B, C holds X
  category-list   在“X”类别中，A、B和C等5家企业榜上有名 / 上榜 / 入选 → each holds X
  anaphor-holder  园区今年入选… / 该科创城已入选…: the park (or the class the word names) last named

Holders are organizations, parks, places and products named in the listing sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from ecokg.loaders.class_groups import group
from ecokg.loaders.designations import BATCH_RE, TitleSpan, _level_of
from ecokg.loaders.discourse import Discourse, anaphor_words
from ecokg.loaders.lexicon import lexicon
from ecokg.loaders.records import Designation, Entity, EntitySpan, Sentence

_HOLDER_CLASSES = group("Organization") | group("Place") | group("Product") | {"Platform", "Program"}
_LIST_LEAD = re.compile(r"(?:分别为|分别是|依次为|名单如下|具体为|包括|有)[：:]?")
_CATEGORY = re.compile(r"在“([^”]{2,40})”(?:类别|类|名单|榜单|领域|方向)?中[，,]?(.{0,160}?)(?:榜上有名|上榜|入选|入围|获评)")
_HOLDER_WORDS = anaphor_words(group("IndustrialPark") | group("InnovationCenter") | {"Platform", "Infrastructure"})


def listed_after(titles: Mapping[int, Sequence[TitleSpan]], held: set[tuple[int, str]],
                 sentences: Sequence[Sentence], by_sentence: Mapping[int, Sequence[EntitySpan]],
                 entities: Mapping[str, Entity], granted: Mapping[str, str]) -> list[Designation]:
    """A 名单 announced with no holder in its sentence, whose holders the next sentences list."""
    out: list[Designation] = []
    for idx, ts in sorted(titles.items()):
        for t in ts:
            if t.kind != "list" or (idx, t.title) in held:
                continue
            for nxt in sentences[idx + 1: idx + 4]:
                lead = _LIST_LEAD.search(nxt.text)
                spans = [sp for sp in by_sentence.get(nxt.index, [])
                         if lead and sp.start >= nxt.start + lead.end() and entities[sp.key].cls in _HOLDER_CLASSES]
                if len(spans) >= 2:
                    for sp in spans:
                        out.append(Designation(holder=sp.key, title=t.title, sentence=nxt.index, level=t.level,
                                               batch=t.batch, granted_by=granted.get(t.authority or ""),
                                               rule="designation-list-after"))
                    break
    return out


def category_lists(sentence: Sentence, spans: Sequence[EntitySpan], entities: Mapping[str, Entity],
                   context: str) -> list[Designation]:
    """在“X”类别中，A、B等5家企业榜上有名: each named holder holds X (level and batch from ``context``,
    the sentence and the one before it)."""
    out: list[Designation] = []
    for m in _CATEGORY.finditer(sentence.text):
        a, b = sentence.start + m.start(2), sentence.start + m.end(2)
        holders = [sp for sp in spans if a <= sp.start and sp.end <= b and entities[sp.key].cls in _HOLDER_CLASSES]
        batch = BATCH_RE.search(context)
        level = _level_of(m.group(1), None) or _level_of(context, None)
        for sp in holders:
            out.append(Designation(holder=sp.key, title=m.group(1), sentence=sentence.index, level=level,
                                   batch=batch.group(1) if batch else None, rule="designation-category"))
    return out


def anaphor_holder(discourse: Discourse, text: str) -> Callable[[int, int], str | None]:
    """A resolver for ``designations.attach``: 园区/该园区/该科创城 right before a trigger."""
    lex = lexicon()

    def resolve(clause_start: int, trigger: int) -> str | None:
        lead = re.sub(r"(今年|去年|日前|近日|此前|已经|已|还|又|也|成功|正式|被|\d+月)+$", "", text[clause_start:trigger])
        for w in _HOLDER_WORDS:
            if lead.endswith(w):
                return discourse.latest(group("IndustrialPark") | group("InnovationCenter")
                                        | {"Platform", "Infrastructure"}, trigger)
        m = re.search(r"(?:该|本|这个|这座|这家)([\u4e00-\u9fff]{1,5})$", lead)
        cls = lex.classify(m.group(1)) if m else None
        if cls is not None:
            return discourse.latest(group(cls), trigger)
        return None
    return resolve
