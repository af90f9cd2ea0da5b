"""Everything a store knows about one entity (``ecokg show``): names, types, facts with sources.

Names are matched through ``rdfs:label``, ``skos:altLabel`` and ``skos:prefLabel``: first
exactly (the name is bound into SPARQL as a substitution, never pasted), then after
normalization (NFKC, no quotes or spaces, case-folded). Every fact carries the sentences
(``eco:text``) and documents (title, date) that state it, through its ``rdf:Statement``
reification or the node's ``prov:wasDerivedFrom``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ecokg.errors import InputError
from ecokg.graph.iris import KIND_BY_CLASS
from ecokg.graph.namespaces import ECO, sparql_prefixes
from ecokg.graph.store import EcoStore
from ecokg.names import name_key


class EntityNotFound(InputError):
    exit_code = 1


class AmbiguousName(InputError):
    exit_code = 1

    def __init__(self, message: str, candidates: list[Candidate], **kw: Any) -> None:
        super().__init__(message, **kw)
        self.candidates = candidates


@dataclass
class Candidate:
    iri: str
    label: str
    cls: str


@dataclass
class Source:
    sentence: str
    document: str
    title: str | None = None
    issued: str | None = None


@dataclass
class Fact:
    property: str  # local name
    other: str  # IRI of the other end
    other_label: str
    direction: str  # "out" or "in"
    sources: list[Source] = field(default_factory=list)


@dataclass
class Figure:
    label: str
    value: str
    unit: str | None
    qualifier: str | None
    period: str | None
    indicator: str | None
    sources: list[Source] = field(default_factory=list)


@dataclass
class DesignationInfo:
    title: str
    level: str | None
    batch: str | None
    grantor: str | None
    sources: list[Source] = field(default_factory=list)


@dataclass
class EntityDescription:
    iri: str
    label_zh: str | None
    label_en: str | None
    alt_labels: list[str]
    types: list[str]
    attributes: dict[str, list[str]]
    facts: list[Fact]
    figures: list[Figure]
    designations: list[DesignationInfo]
    documents: list[Source]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


_P = sparql_prefixes()
_CLASSES = " ".join(f"<{ECO[c]}>" for c in KIND_BY_CLASS)
_SKIP_OUT = {"mentionedIn", "hasDesignation"}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _s(term: Any) -> str:
    return str(term) if term is not None else ""


def _is_iri(text: str) -> bool:
    import pyoxigraph as ox

    if ":" not in text or any(ch.isspace() or ch in '<>"{}|\\^`' for ch in text):
        return False
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def find_entities(store: EcoStore, name: str) -> list[Candidate]:
    """Entities whose IRI, label or alternative name is ``name`` (exact, then normalized)."""
    from rdflib import Literal, URIRef

    head = f"""{_P} SELECT DISTINCT ?e ?label ?c ?name WHERE {{
      VALUES ?c {{ {_CLASSES} }} ?e a ?c .
      OPTIONAL {{ ?e rdfs:label ?label FILTER(lang(?label) = "zh") }} """
    rows = store.select(head + "FILTER(?e = ?name) }", {"name": URIRef(name)}) if _is_iri(name) else []
    if not rows:
        rows = store.select(head + "?e rdfs:label|skos:altLabel|skos:prefLabel ?l . "
                                   "FILTER(str(?l) = ?name) }", {"name": Literal(name)})
    if not rows:
        key = name_key(name)
        scan = store.select(head + "?e rdfs:label|skos:altLabel|skos:prefLabel ?l . BIND(str(?l) AS ?name) }")
        rows = [r for r in scan if name_key(str(r["name"])) == key] if key else []
    found: dict[str, Candidate] = {}
    for r in rows:
        iri = str(r["e"])
        cls = _local(str(r["c"]))
        prev = found.get(iri)
        label = _s(r.get("label")) or _local(iri)
        if prev is None or cls > prev.cls:
            found[iri] = Candidate(iri, label, cls)
    return sorted(found.values(), key=lambda c: c.iri)


def resolve_entity(store: EcoStore, name: str) -> str:
    cands = find_entities(store, name)
    if not cands:
        raise EntityNotFound(f"no entity named '{name}' in the store {store.path}",
                             hint="try another name or an IRI; 'ecokg stats' summarizes the store")
    if len(cands) > 1:
        listing = "; ".join(f"{c.label} [{c.cls}] {c.iri}" for c in cands[:20])
        raise AmbiguousName(f"'{name}' names {len(cands)} entities: {listing}", cands,
                            hint="give the IRI of the one you mean")
    return cands[0].iri


def _sources(store: EcoStore, where: str, subs: dict[str, Any]) -> dict[tuple[str, ...], list[Source]]:
    """Rows of ``where`` (binding ?k1 ?k2 … and ?m) → the sentences and documents of ?m."""
    out: dict[tuple[str, ...], list[Source]] = {}
    keys = sorted({v for v in ("k1", "k2", "k3") if f"?{v}" in where})
    q = f"""{_P} SELECT DISTINCT {' '.join('?' + k for k in keys)} ?text ?doc ?title ?issued ?e WHERE {{
      {where}
      ?m eco:text ?text ; eco:inDocument ?doc .
      OPTIONAL {{ ?doc dcterms:title ?title }} OPTIONAL {{ ?doc dcterms:issued ?issued }}
    }} ORDER BY ?doc ?text"""
    for r in store.select(q, subs):
        key = tuple(str(r[k]) for k in keys if k in r)
        src = Source(str(r["text"]), str(r["doc"]), _s(r.get("title")) or None, _s(r.get("issued")) or None)
        lst = out.setdefault(key, [])
        if src not in lst:
            lst.append(src)
    return out


def describe(store: EcoStore, iri: str) -> EntityDescription:
    """All the store knows about the entity ``iri``."""
    from rdflib import URIRef

    e = {"e": URIRef(iri)}
    labels = store.select(f"{_P} SELECT ?p ?l ?e WHERE {{ ?e ?p ?l . "
                          "VALUES ?p { rdfs:label skos:altLabel skos:prefLabel } }", e)
    zh = sorted(str(r["l"]) for r in labels if _local(str(r["p"])) == "label" and r["l"].language == "zh")
    en = sorted(str(r["l"]) for r in labels if _local(str(r["p"])) == "label" and r["l"].language == "en")
    alts = sorted({str(r["l"]) for r in labels} - set(zh[:1]) - set(en[:1]))
    types = sorted({_local(str(r["t"])) for r in store.select(f"{_P} SELECT ?t ?e WHERE {{ ?e a ?t }}", e)})
    attrs: dict[str, list[str]] = {}
    for r in store.select(f"{_P} SELECT ?p ?v ?e WHERE {{ ?e ?p ?v . FILTER(isLiteral(?v) && "
                          "STRSTARTS(STR(?p), STR(eco:))) }", e):
        attrs.setdefault(_local(str(r["p"])), []).append(str(r["v"]))

    facts: list[Fact] = []
    for direction, pattern in (("out", "?e ?k1 ?k2 ."), ("in", "?k2 ?k1 ?e .")):
        rows = store.select(f"""{_P} SELECT DISTINCT ?k1 ?k2 ?ol ?e WHERE {{ {pattern}
            FILTER(isIRI(?k2) && STRSTARTS(STR(?k1), STR(eco:)))
            ?k2 a ?c . VALUES ?c {{ {_CLASSES} }}
            OPTIONAL {{ ?k2 rdfs:label ?ol FILTER(lang(?ol) = "zh") }} }} ORDER BY ?k1 ?k2""", e)
        s_, o_ = ("?e", "?k2") if direction == "out" else ("?k2", "?e")
        srcs = _sources(store, f"{pattern} ?st rdf:subject {s_} ; rdf:predicate ?k1 ; rdf:object {o_} ; "
                               "prov:wasDerivedFrom ?m .", e)
        seen = set()
        for r in rows:
            key = (str(r["k1"]), str(r["k2"]))
            if key in seen or (direction == "out" and _local(key[0]) in _SKIP_OUT):
                continue
            seen.add(key)
            facts.append(Fact(_local(key[0]), key[1], _s(r.get("ol")) or _local(key[1]), direction,
                              srcs.get(key, [])))

    figures = []
    rows = store.select(f"""{_P} SELECT ?k1 ?label ?value ?unit ?q ?pl ?ps ?pe ?il ?e WHERE {{
        ?k1 eco:observedEntity ?e ; eco:value ?value .
        OPTIONAL {{ ?k1 rdfs:label ?label }} OPTIONAL {{ ?k1 eco:unit ?unit }}
        OPTIONAL {{ ?k1 eco:qualifier ?q }} OPTIONAL {{ ?k1 eco:periodLabel ?pl }}
        OPTIONAL {{ ?k1 eco:periodStart ?ps }} OPTIONAL {{ ?k1 eco:periodEnd ?pe }}
        OPTIONAL {{ ?k1 eco:indicator ?i . OPTIONAL {{ ?i skos:prefLabel ?il FILTER(lang(?il) = "zh") }} }}
    }} ORDER BY ?k1""", e)
    srcs = _sources(store, "?k1 eco:observedEntity ?e ; prov:wasDerivedFrom ?m .", e)
    for k, r in _first_per_node(rows):
        period = _s(r.get("pl")) or ("/".join(x for x in (_s(r.get("ps")), _s(r.get("pe"))) if x) or None)
        figures.append(Figure(_s(r.get("label")), str(r["value"]), _s(r.get("unit")) or None,
                              _local(_s(r.get("q"))) or None, period or None, _s(r.get("il")) or None,
                              srcs.get((k,), [])))

    designations = []
    rows = store.select(f"""{_P} SELECT ?k1 ?title ?level ?batch ?gl ?e WHERE {{
        ?e eco:hasDesignation ?k1 . ?k1 eco:title ?title .
        OPTIONAL {{ ?k1 eco:level ?level }} OPTIONAL {{ ?k1 eco:batch ?batch }}
        OPTIONAL {{ ?k1 eco:grantedBy ?g . OPTIONAL {{ ?g rdfs:label ?gl FILTER(lang(?gl) = "zh") }} }}
    }} ORDER BY ?k1""", e)
    srcs = _sources(store, "?e eco:hasDesignation ?k1 . ?k1 prov:wasDerivedFrom ?m .", e)
    for k, r in _first_per_node(rows):
        designations.append(DesignationInfo(str(r["title"]), _local(_s(r.get("level"))) or None,
                                            _s(r.get("batch")) or None, _s(r.get("gl")) or None,
                                            srcs.get((k,), [])))

    docs = [Source("", str(r["d"]), _s(r.get("title")) or None, _s(r.get("issued")) or None)
            for r in store.select(f"""{_P} SELECT DISTINCT ?d ?title ?issued ?e WHERE {{
               ?e eco:mentionedIn ?d .
               OPTIONAL {{ ?d dcterms:title ?title }} OPTIONAL {{ ?d dcterms:issued ?issued }}
               }} ORDER BY ?d""", e)]
    return EntityDescription(iri, zh[0] if zh else None, en[0] if en else None, alts, types, attrs, facts,
                             figures, designations, docs)



def _first_per_node(rows: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """The first row of each ``?k1`` node (OPTIONAL patterns repeat a node once per value)."""
    seen: set[str] = set()
    out = []
    for r in rows:
        k = str(r["k1"])
        if k not in seen:
            seen.add(k)
            out.append((k, r))
    return out

__all__ = ["AmbiguousName", "Candidate", "EntityDescription", "EntityNotFound", "describe", "find_entities",
           "resolve_entity"]
