"""Hand-made entity spans for the figure tests: a sentence placed inside a longer document."""

from __future__ import annotations

from ecokg.loaders.records import Entity, EntitySpan, Sentence

OFFSET = 1000  # the sentence sits somewhere in a longer document


def sentence_with_spans(text: str, names: dict[str, tuple[str, str]], index: int = 5,
                        entities: dict[str, Entity] | None = None) -> tuple[Sentence, list[EntitySpan],
                                                                            dict[str, Entity]]:
    """``names``: surface -> (key, class). Every occurrence becomes a span, longest names first."""
    sentence = Sentence(index, OFFSET, OFFSET + len(text), text)
    taken: list[tuple[int, int]] = []
    spans: list[EntitySpan] = []
    for surface in sorted(names, key=len, reverse=True):
        key, cls = names[surface]
        pos = text.find(surface)
        while pos >= 0:
            if not any(a < pos + len(surface) and pos < b for a, b in taken):
                taken.append((pos, pos + len(surface)))
                spans.append(EntitySpan(key, cls, OFFSET + pos, OFFSET + pos + len(surface), surface))
            pos = text.find(surface, pos + 1)
    ents = dict(entities or {})
    for s in spans:
        ents.setdefault(s.key, Entity(s.key, s.cls)).sentences.add(index)
    return sentence, sorted(spans, key=lambda s: s.start), ents
