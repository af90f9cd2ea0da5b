"""One entity across articles: deterministic, order-independent merging of entity occurrences.

Every document graph is kept *raw* (as ``GraphBuilder`` wrote it) beside the store; the graph
in the store is the raw graph rewritten by a resolution computed over **all** documents, so
the stored union is a function of the set of documents, not of the order they came in.

An *occurrence* is one entity node of one document (document IRI, raw IRI). Two occurrences of
the same IRI family (org, place …, see ``iris.KIND_BY_CLASS``) are linked when

* their canonical names are equal after normalization (``ecokg.names.name_key``; a leading
  administrative place also reads in its short form when that place is known, as
  ``ecokg.names`` writes place names), or
* one's canonical name (zh or en label) equals one of the other's alternative names, or
* they carry the same ``skos:exactMatch`` id, or the same verified identifier
  (``eco:creditCode``: 统一社会信用代码, ``eco:adminCode``: GB/T 2260 code).

An analyst's curation (``graph/curation.py``, passed in as ``rules``) adds links (``same``),
forbids them (``distinct``: two clusters holding the two sides are never joined; two entities it
keeps apart that would get one IRI, the same name in two cities, get one each, the name qualified
by their region) and adjusts the chosen label and class.

Two alternative names alone never link, and a shared prefix never does. A name that is a
region-qualified form's tail (``人工智能产业园`` when ``青岛人工智能产业园`` is known and ``青岛`` is
a place) is *generic*: occurrences of it link only within a compatible region (the document's
``dcterms:spatial``, the entity's ``eco:locatedIn``, the qualifier of the longer name), so
Wuhan's 人工智能产业园 never joins Qingdao's.

Each cluster (connected component) gets one IRI, one ``rdfs:label``@zh, at most one
``rdfs:label``@en and one class, chosen by rules that look only at the cluster: a gazetteer
name first, then a name that is not generic, then the name most documents use, then the
shortest, then the lexicographically first; the most specific class of the family.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from ecokg.graph import iris
from ecokg.graph.merge_sets import UnionFind, separate
from ecokg.graph.namespaces import DCTERMS, ECO, OWL, RDF, RDFS, SCHEMA, SKOS
from ecokg.names import is_admin_place, looks_like_place, region_key, short_place
from ecokg.names import name_key as _name_key

#: Names repeat across documents and batches: each is normalized once.
name_key = lru_cache(maxsize=1 << 18)(_name_key)
#: The generic root of each family: every other class of the family is more specific.
_ROOT_CLASSES = {"Organization", "Place", "Product", "Policy"}

_ENTITY_CLASSES = {str(ECO[c]): c for c in iris.KIND_BY_CLASS}
_TYPE, _LABEL, _ALT = str(RDF.type), str(RDFS.label), str(SKOS.altLabel)
_MATCH, _LOCATED, _SPATIAL = str(SKOS.exactMatch), str(ECO.locatedIn), str(DCTERMS.spatial)
_CODES = {str(ECO.creditCode): "uscc", str(ECO.adminCode): "adcode"}
#: The predicates ``occurrences_from_triples`` reads (``commit.record_of`` passes it only these triples).
EVIDENCE = frozenset({_TYPE, _LABEL, _ALT, _MATCH, _LOCATED, _SPATIAL, *_CODES})




def class_depth(cls: str) -> int:
    """0 for a family's generic root class (Organization …), 1 for the more specific ones."""
    return 0 if cls in _ROOT_CLASSES else 1


@dataclass(frozen=True)
class Occurrence:
    """One entity node of one document, with the evidence merging looks at."""

    doc: str
    iri: str
    cls: str
    label: str  # canonical zh name (the raw rdfs:label@zh)
    en: tuple[str, ...] = ()
    alts: tuple[str, ...] = ()
    wikidata: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()  # zh names of the places it is in (document region, locatedIn)
    gazetteer: bool = False
    codes: tuple[str, ...] = ()  # verified identifiers, "scheme:code"

    @property
    def family(self) -> str:
        return _family(self.cls)

    def to_json(self) -> dict[str, Any]:
        return {"doc": self.doc, "iri": self.iri, "cls": self.cls, "label": self.label, "en": list(self.en),
                "alts": list(self.alts), "wikidata": list(self.wikidata), "regions": list(self.regions),
                "gazetteer": self.gazetteer, "codes": list(self.codes)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Occurrence:
        return cls(doc=data["doc"], iri=data["iri"], cls=data["cls"], label=data["label"],
                   en=tuple(data.get("en", ())), alts=tuple(data.get("alts", ())),
                   wikidata=tuple(data.get("wikidata", ())), regions=tuple(data.get("regions", ())),
                   gazetteer=bool(data.get("gazetteer", False)), codes=tuple(data.get("codes", ())))


@dataclass(frozen=True)
class Resolution:
    """What one occurrence becomes: the merged entity's IRI, labels and class."""

    iri: str
    label: str
    en: str | None
    cls: str


@lru_cache(maxsize=256)
def _family(cls: str) -> str:
    return iris.kind_of(cls)


def occurrences_from_triples(doc: str, triples: Iterable[tuple[Any, Any, Any]],
                             gazetteer: Iterable[str] = ()) -> list[Occurrence]:
    """The entity occurrences of one raw document graph (pyoxigraph or rdflib terms)."""
    types: dict[str, set[str]] = defaultdict(set)
    zh: dict[str, set[str]] = defaultdict(set)
    en: dict[str, set[str]] = defaultdict(set)
    alts: dict[str, set[str]] = defaultdict(set)
    wd: dict[str, set[str]] = defaultdict(set)
    located: dict[str, set[str]] = defaultdict(set)
    codes: dict[str, set[str]] = defaultdict(set)
    spatial: set[str] = set()
    for s, p, o in triples:
        ps, ss = _value(p), _value(s)
        if ps == _TYPE and _value(o) in _ENTITY_CLASSES:
            types[ss].add(_ENTITY_CLASSES[_value(o)])
        elif ps == _LABEL:
            lang = _lang(o)
            (en if lang == "en" else zh)[ss].add(_value(o))
        elif ps == _ALT:
            alts[ss].add(_value(o))
        elif ps == _MATCH:
            wd[ss].add(_value(o))
        elif ps == _LOCATED:
            located[ss].add(_value(o))
        elif ps == _SPATIAL and ss == doc:
            spatial.add(_value(o))
        elif ps in _CODES:
            codes[ss].add(f"{_CODES[ps]}:{_value(o)}")
    gaz = set(gazetteer)
    out = []
    for node, classes in types.items():
        names = sorted(zh.get(node, ())) or sorted(en.get(node, ()))
        if not names:
            continue
        cls = sorted(classes, key=lambda c: (-class_depth(c), c))[0]
        label = names[0]
        region_nodes = located.get(node, set()) | spatial
        regions = sorted({n for r in region_nodes for n in zh.get(r, ())})
        out.append(Occurrence(
            doc=doc, iri=node, cls=cls, label=label, en=tuple(sorted(en.get(node, ()))),
            alts=tuple(sorted((alts.get(node, set()) | set(names[1:])) - {label})),
            wikidata=tuple(sorted(wd.get(node, ()))), regions=tuple(regions), gazetteer=node in gaz,
            codes=tuple(sorted(codes.get(node, ())))))
    return sorted(out, key=lambda o: o.iri)


def _value(term: Any) -> str:
    return term.value if hasattr(term, "value") and not isinstance(term, str) else str(term)


def _lang(term: Any) -> str | None:
    return getattr(term, "language", None)


# -- resolution ----------------------------------------------------------------------------------
class MergeRules(Protocol):
    """What curation adds to the merge (``graph/curation.py``)."""

    def together(self, occ: list[Occurrence]) -> list[tuple[int, int]]: ...

    def apart(self, occ: list[Occurrence]) -> list[tuple[set[int], set[int]]]: ...

    def adjust(self, res: Resolution, members: list[Occurrence]) -> Resolution: ...

    def record(self, res: Resolution, members: list[Occurrence]) -> None: ...


@dataclass
class _Index:
    occ: list[Occurrence]
    place_prefixes: set[str] = field(default_factory=set)
    admin_places: set[str] = field(default_factory=set)
    primary: list[set[str]] = field(default_factory=list)
    generic: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (family, name) -> qualifiers
    _splits: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # names repeat: each split once
    _primary: dict[tuple[str, tuple[str, ...]], frozenset[str]] = field(default_factory=dict)

    def build(self) -> None:
        for o in self.occ:
            if o.cls == "Place":
                for name in (o.label, *o.alts):
                    n = name_key(name)
                    self.place_prefixes.update(n[:i] for i in range(2, len(n) + 1))
                    if is_admin_place(n):
                        self.admin_places.add(n)
        for o in self.occ:
            key = (o.label, o.en)
            known = self._primary.get(key)
            if known is None:
                names = {name_key(o.label), *(name_key(e) for e in o.en)}
                names |= {v for n in list(names) for v in self._variants(n)}
                known = self._primary[key] = frozenset(n for n in names if n)
            self.primary.append(set(known))
        names_by_family: dict[str, set[str]] = defaultdict(set)
        for o, prim in zip(self.occ, self.primary, strict=True):
            names_by_family[o.family] |= prim | {name_key(a) for a in o.alts}
        seen: set[tuple[str, str]] = set()
        for o, prim in zip(self.occ, self.primary, strict=True):
            for p in prim:
                if (o.family, p) in seen:
                    continue
                seen.add((o.family, p))
                for q, tail in self.qualified_splits(p):
                    if tail in names_by_family[o.family]:
                        self.generic.setdefault((o.family, tail), set()).add(q)

    def _variants(self, name: str) -> list[str]:
        """A name that starts with a known administrative place also reads with its short form."""
        return [short_place(name[:i]) + name[i:] for i in range(3, len(name))
                if name[:i] in self.admin_places]

    def is_place_like(self, q: str) -> bool:
        return len(q) >= 2 and (q in self.place_prefixes or looks_like_place(q))

    def qualified_splits(self, name: str) -> list[tuple[str, str]]:
        """Ways to read ``name`` as place qualifier + tail of at least two characters."""
        found = self._splits.get(name)
        if found is None:
            found = self._splits[name] = [(name[:i], name[i:]) for i in range(2, len(name) - 1)
                                          if self.is_place_like(name[:i])]
        return found

    def regions(self, i: int) -> set[str]:
        return {region_key(r) for r in self.occ[i].regions}

    def qualifiers(self, i: int, tail: str) -> set[str]:
        return {region_key(q) for p in self.primary[i] for q, t in self.qualified_splits(p) if t == tail}


def resolve(occurrences: Iterable[Occurrence],
            rules: MergeRules | None = None) -> dict[tuple[str, str], Resolution]:
    """(document IRI, raw IRI) → the merged entity it belongs to, for every occurrence."""
    occ = sorted(set(occurrences), key=lambda o: (o.doc, o.iri))
    index = _Index(occ)
    index.build()
    uf = UnionFind(len(occ))
    if rules is not None:
        uf.forbid(rules.apart(occ))
        for i, j in rules.together(occ):
            uf.union(i, j)

    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, prim in enumerate(index.primary):
        for n in prim:
            by_name[(occ[i].family, n)].append(i)
    # label = label (a generic name only within one region)
    for key, members in by_name.items():
        if key not in index.generic:
            uf.join_all(members)
            continue
        by_region: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for r in index.regions(i):
                by_region[r].append(i)
        for same_region in by_region.values():
            uf.join_all(same_region)
    # label = alternative name of another occurrence
    for j, o in enumerate(occ):
        for alt in {name_key(a) for a in o.alts}:
            key = (o.family, alt)
            for i in by_name.get(key, ()):
                if key in index.generic:
                    scope = index.regions(j) | index.qualifiers(j, alt)
                    if not (index.regions(i) & scope):
                        continue
                uf.union(i, j)
    # same gazetteer id or verified identifier
    by_id: dict[tuple[str, str], int] = {}
    for i, o in enumerate(occ):
        for q in (*o.wikidata, *o.codes):
            if (o.family, q) in by_id:
                uf.union(by_id[(o.family, q)], i)
            else:
                by_id[(o.family, q)] = i

    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(occ)):
        clusters[uf.find(i)].append(i)
    resolved: list[tuple[list[int], Resolution]] = []
    for members in clusters.values():
        res = _choose([occ[i] for i in members], index)
        if rules is not None:
            res = rules.adjust(res, [occ[i] for i in members])
        resolved.append((members, res))
    if rules is not None:
        resolved = separate(resolved, occ, uf)
    out: dict[tuple[str, str], Resolution] = {}
    for members, res in resolved:
        if rules is not None:
            rules.record(res, [occ[i] for i in members])
        for i in members:
            out[(occ[i].doc, occ[i].iri)] = res
    return out


def _choose(members: list[Occurrence], index: _Index) -> Resolution:
    family = members[0].family
    docs_by_label: dict[str, set[str]] = defaultdict(set)
    gaz: set[str] = set()
    for o in members:
        docs_by_label[o.label].add(o.doc)
        if o.gazetteer:
            gaz.add(o.label)

    def generic(label: str) -> bool:
        return (family, name_key(label)) in index.generic

    label = min(docs_by_label,
                key=lambda lb: (lb not in gaz, generic(lb), -len(docs_by_label[lb]), len(lb), lb))
    docs_by_cls: dict[str, set[str]] = defaultdict(set)
    docs_by_en: dict[str, set[str]] = defaultdict(set)
    docs_by_region: dict[str, set[str]] = defaultdict(set)
    for o in members:
        docs_by_cls[o.cls].add(o.doc)
        for e in o.en:
            docs_by_en[e].add(o.doc)
        for r in o.regions:
            docs_by_region[r].add(o.doc)
    cls = min(docs_by_cls, key=lambda c: (-class_depth(c), -len(docs_by_cls[c]), c))
    en = min(docs_by_en, key=lambda e: (-len(docs_by_en[e]), len(e), e)) if docs_by_en else None
    iri_name = label
    if generic(label) and docs_by_region:
        region = min(docs_by_region, key=lambda r: (-len(docs_by_region[r]), len(r), r))
        if not name_key(label).startswith(name_key(region)):
            iri_name = region + label
    raw = min(o.iri for o in members)
    base = raw.rsplit("/", 2)[0] + "/"
    return Resolution(iri=str(iris.entity_iri(cls, iri_name, base)), label=label, en=en, cls=cls)


# -- rewriting ----------------------------------------------------------------------------------
def rewrite(doc: str, triples: Iterable[Any], resolution: Mapping[tuple[str, str], Resolution]) -> list[Any]:
    """A raw document graph (pyoxigraph ``Triple``s) with its entities replaced by merged ones.

    Every IRI of an occurrence is replaced wherever it appears (statements' ``rdf:subject`` and
    ``rdf:object``, mentions' ``eco:about``, ``eco:observedEntity`` …). What describes the entity
    itself (class, labels, alternative names, ``skos:exactMatch`` and the ``sameAs`` links) is left
    out: the merged description is written once, in the entity graph (``entities.describe``).
    """
    import pyoxigraph as ox

    triples = list(triples)
    mapping: dict[str, Resolution] = {}
    for t in triples:
        if isinstance(t.subject, ox.NamedNode) and (doc, t.subject.value) in resolution:
            mapping[t.subject.value] = resolution[(doc, t.subject.value)]
    nodes = {iri: ox.NamedNode(r.iri) for iri, r in mapping.items()}
    type_, label_, alt_ = ox.NamedNode(_TYPE), ox.NamedNode(_LABEL), ox.NamedNode(_ALT)
    match_ = ox.NamedNode(_MATCH)
    described = {label_, alt_, match_, ox.NamedNode(str(OWL.sameAs)), ox.NamedNode(str(SCHEMA.sameAs))}
    out: set[Any] = set()
    for t in triples:
        s, p, o = t.subject, t.predicate, t.object
        sv = s.value if isinstance(s, ox.NamedNode) else None
        if sv in mapping:
            if p in described or (
                    p == type_ and isinstance(o, ox.NamedNode) and o.value in _ENTITY_CLASSES):
                continue
            s = nodes[sv]
        if isinstance(o, ox.NamedNode) and o.value in nodes:
            o = nodes[o.value]
        out.add(ox.Triple(s, p, o))
    return list(out)


__all__ = ["MergeRules", "Occurrence", "Resolution", "class_depth", "occurrences_from_triples",
           "region_key", "resolve", "rewrite"]
