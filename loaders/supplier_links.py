"""Suppliers named through a product's parts: the maker of a product is supplied by whoever makes a
part the text says the product carries (X搭载了Y的惯性测量单元). The product's maker comes from the
relations found so far (its ``developedBy``), so this component runs after the sentence rules and
frames. A part supplied by a company (X搭载的模组由Y配套, X的电机由Y供货) is left to the clause rules
(relation_frames, ``supplied-by``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from ecokg.loaders.records import EntitySpan, Relation, Sentence

_PRODUCTS = frozenset({"Product", "Robot", "AIModel", "Platform"})
#: X（…），搭载了Y的部件: the part's maker right after the verb, then 的.
_CARRIES = re.compile(r"”?[^。；]{0,14}?(?:搭载了|配备了|采用了|选用了|用上了|装上了|用的是|搭载)$")


def part_suppliers(sentences: Sequence[Sentence], by_sentence: Mapping[int, Sequence[EntitySpan]],
                   relations: Sequence[Relation], cls: Callable[[str], str]) -> list[Relation]:
    makers: dict[str, str] = {}
    for r in relations:
        if r.predicate == "developedBy" and cls(r.object) in ("Company", "Organization"):
            makers.setdefault(r.subject, r.object)
    out: list[Relation] = []
    for sent in sentences:
        spans = sorted(by_sentence.get(sent.index, []), key=lambda sp: sp.start)
        for i, p in enumerate(spans):
            if cls(p.key) not in _PRODUCTS or p.key not in makers:
                continue
            for c in spans[i + 1:]:
                if cls(c.key) != "Company":
                    continue
                gap = sent.text[p.end - sent.start:c.start - sent.start]
                carried = _CARRIES.fullmatch(gap) and sent.text.startswith("的", c.end - sent.start)
                if carried and c.key != makers[p.key]:
                    out.append(Relation(c.key, "suppliesTo", makers[p.key], sent.index, True,
                                        "part-supplier"))
                break  # only the first company after the product
    return out


__all__ = ["part_suppliers"]
