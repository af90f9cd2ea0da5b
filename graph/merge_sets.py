"""The sets ``merge.resolve`` builds: a union-find that honours curated 'distinct' pairs, and the
IRIs of entities those pairs keep apart (``graph/merge.py`` and ``graph/curation.py``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from ecokg.graph import iris

if TYPE_CHECKING:
    from ecokg.graph.merge import Occurrence, Resolution


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.tags: dict[int, set[tuple[int, int]]] = {}  # root -> (rule, side) of its members

    def forbid(self, apart: list[tuple[set[int], set[int]]]) -> None:
        """Never join a set holding a member of one side of a pair with one holding the other."""
        for rule, sides in enumerate(apart):
            for side, members in enumerate(sides):
                for i in members:
                    self.tags.setdefault(i, set()).add((rule, side))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        """Join the sets of ``a`` and ``b``; False when a curated 'distinct' keeps them apart."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ta, tb = self.tags.get(ra, set()), self.tags.get(rb, set())
        if any((rule, 1 - side) in tb for rule, side in ta):
            return False  # a curated 'distinct'
        self.parent[max(ra, rb)] = min(ra, rb)
        if ta or tb:
            self.tags[min(ra, rb)] = ta | tb
        return True

    def join_all(self, members: Iterable[int]) -> None:
        """Join members that name one entity: into one set, or, where a 'distinct' keeps some apart,
        into as few sets as it allows (each member joins the first set that takes it)."""
        heads: list[int] = []
        for j in members:
            if not any(self.union(h, j) for h in heads):
                heads.append(j)

    def curated(self, i: int) -> bool:
        """Whether ``i``'s set holds a side of a curated 'distinct'."""
        return bool(self.tags.get(self.find(i)))


def separate(resolved: list[tuple[list[int], Resolution]], occ: list[Occurrence], uf: UnionFind
              ) -> list[tuple[list[int], Resolution]]:
    """Entities a curated 'distinct' keeps apart but that came out with one IRI (the same name and
    class, e.g. two companies called 华信科技 in two cities) each get their own: the name qualified
    by the place most of its documents are about, else by a hash of its first occurrence."""
    by_iri: dict[str, list[int]] = defaultdict(list)
    for k, (_members, res) in enumerate(resolved):
        by_iri[res.iri].append(k)
    out = list(resolved)
    for group in by_iri.values():
        if len(group) < 2 or not any(uf.curated(resolved[k][0][0]) for k in group):
            continue
        names: dict[int, str] = {}
        for k in group:
            members, res = resolved[k]
            docs_by_region: dict[str, set[str]] = defaultdict(set)
            for i in members:
                for r in occ[i].regions:
                    docs_by_region[r].add(occ[i].doc)
            ranked = sorted((-len(docs), len(r), r) for r, docs in docs_by_region.items())
            region = ranked[0][2] if ranked else ""
            names[k] = region + res.label if region and not res.label.startswith(region) else res.label
        for k in group:
            members, res = resolved[k]
            name = names[k]
            if list(names.values()).count(name) > 1:
                first = min((occ[i].doc, occ[i].iri) for i in members)
                name = f"{name}-{iris.short_hash(*first)[:8]}"
            base = res.iri.rsplit("/", 2)[0] + "/"
            out[k] = (members, replace(res, iri=str(iris.entity_iri(res.cls, name, base))))
    return out


__all__ = ["UnionFind", "separate"]
