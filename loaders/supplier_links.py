"""Suppliers named through a product's parts: the maker of a product is supplied by whoever makes a
part the text says the product carries (X搭载了Y的惯性测量单元; X搭载的检测模组由Y配套; X的伺服电机由Y供货).
The product's maker comes from the relations found so far (its ``developedBy``), so this component runs
after the sentence rules and frames."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from ecokg.loaders.records import EntitySpan, Relation, Sentence

_PRODUCTS = frozenset({"Product", "Robot", "AIModel", "Platform"})
#: X（…），搭载了Y的部件: the part's maker right after the verb, then 的.
_CARRIES = re.compile(r"”?[^。；]{0,14}?(?:搭载了|配备了|采用了|选用了|用上了|装上了|用的是|搭载)$")
#: X搭载的部件由Y配套 / X的部件全部由本地企业Y供货 / X的部件来自Y.
_PART_FROM = re.compile(r"”?(?:[^，。；]{0,3}(?:搭载的|配备的|采用的|使用的|用的)|的)[^，。；]{0,16}?"
                        r"(?:全部|均|都|则|主要)?(?:由|来自)[^，。；]{0,8}?$")
_SUPPLY_VERB = re.compile(r"(?:配套|供货|提供|供应|生产|研制|研发)")


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
                after = sent.text[c.end - sent.start:c.end - sent.start + 4]
                carried = _CARRIES.fullmatch(gap) and after.startswith("的")
                supplied = _PART_FROM.fullmatch(gap) and _SUPPLY_VERB.match(after)
                if (carried or supplied) and c.key != makers[p.key]:
                    out.append(Relation(c.key, "suppliesTo", makers[p.key], sent.index, True,
                                        "part-supplier"))
                break  # only the first company after the product
    return out


__all__ = ["part_suppliers"]
