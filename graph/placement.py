"""Place actors in the segments of the industry chain, each placement traced to a sentence.

A step after extraction that works on the graph of a store: for every company, innovation centre,
product (model, robot), platform and infrastructure it finds the evidence the scheme's cue words
(``graph/chain.py``) point to, and writes ``?actor eco:inSegment ?segment`` into its own named
graph (``PLACEMENT_GRAPH``), each reified like an extracted relation (``rdf:Statement``,
``prov:wasDerivedFrom`` the sentence's ``Mention``, ``eco:extractionRule`` the evidence):

- ``chain:name CUE``      a cue in the actor's own name (丰光精密谐波减速器 → 减速器);
- ``chain:type CLASS``    the actor's class (an AI model → 算法与大模型) when no name cue placed it;
- ``chain:develops CUE`` / ``chain:operates CUE``  the segment of what it develops or operates,
  traced to that relation's sentence;
- ``chain:industry CUE``  the industry it targets (eco:targetsIndustry);
- ``chain:context CUE``   a cue after its name in the same clause (国华智能…等关键零部件领域);
- ``chain:gazetteer``     the chain gazetteer of well-known actors, traced to a sentence naming it.

Nothing is placed without one of these; the scheme itself goes to ``CHAIN_GRAPH``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Dataset, Literal, URIRef

from ecokg.errors import StoreError
from ecokg.graph import iris
from ecokg.graph.chain import ChainScheme, Cue
from ecokg.graph.namespaces import (
    CHAIN_GRAPH,
    DEFAULT_BASE,
    ECO,
    PLACEMENT_GRAPH,
    PROV,
    RDF,
    bind_prefixes,
    sparql_prefixes,
)

if TYPE_CHECKING:
    from ecokg.graph.store import EcoStore

#: The classes (local names) whose instances are placed in the chain.
ACTOR_CLASSES = ("Company", "InnovationCenter", "Product", "AIModel", "Robot", "Platform", "Infrastructure")
_ORG_CLASSES = {"Company", "InnovationCenter"}
_CLAUSE = re.compile(r"[，。；：！？,;:!?\n]")


@dataclass(frozen=True, order=True)
class Placement:
    """One actor in one segment, and the evidence."""

    entity: URIRef
    segment: URIRef
    mention: URIRef
    rule: str


@dataclass
class _Actor:
    iri: URIRef
    cls: str
    names: list[str]


def match(text: str, cues: list[Cue], after: int = 0) -> list[Cue]:
    """Cues occurring in ``text`` at or after ``after``; a cue inside a longer cue's match is dropped."""
    hits: list[tuple[int, int, Cue]] = []
    for cue in cues:
        start = text.find(cue.word, after)
        while start >= 0:
            hits.append((start, start + len(cue.word), cue))
            start = text.find(cue.word, start + 1)
    kept = [h for h in hits
            if not any(o[0] <= h[0] and h[1] <= o[1] and o[1] - o[0] > h[1] - h[0] for o in hits)]
    out: list[Cue] = []
    for _s, _e, cue in sorted(kept, key=lambda h: (h[0], h[1], h[2].word)):
        if cue not in out:
            out.append(cue)
    return out


def _read(store: EcoStore) -> tuple[dict[URIRef, _Actor], dict[URIRef, list[tuple[URIRef, str]]],
                                    list[tuple[URIRef, URIRef, URIRef, URIRef]], dict[URIRef, str]]:
    pre = sparql_prefixes()
    classes = " ".join(f"eco:{c}" for c in ACTOR_CLASSES)
    actors: dict[URIRef, _Actor] = {}
    for row in store.select(pre + f"""SELECT ?e ?cls ?name WHERE {{
        VALUES ?cls {{ {classes} }} ?e a ?cls .
        {{ ?e rdfs:label ?name }} UNION {{ ?e skos:altLabel ?name }} }}"""):
        e, cls = row["e"], str(row["cls"]).rsplit("#", 1)[-1]
        assert isinstance(e, URIRef)
        a = actors.setdefault(e, _Actor(e, cls, []))
        if ACTOR_CLASSES.index(cls) > ACTOR_CLASSES.index(a.cls):
            a.cls = cls  # the most specific of Product / AIModel / Robot
        if str(row["name"]) not in a.names:
            a.names.append(str(row["name"]))
    for a in actors.values():
        a.names.sort(key=lambda n: (-len(n), n))
    mentions: dict[URIRef, list[tuple[URIRef, str]]] = defaultdict(list)
    for row in store.select(pre + """SELECT ?e ?m ?text WHERE {
        ?m a eco:Mention ; eco:about ?e ; eco:text ?text ;
        eco:inDocument ?doc ; eco:start ?start } ORDER BY ?doc ?start"""):
        if row["e"] in actors:
            mentions[row["e"]].append((row["m"], str(row["text"])))
    statements = [(r["s"], r["p"], r["o"], r["m"]) for r in store.select(pre + """SELECT ?s ?p ?o ?m WHERE {
        ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?m .
        VALUES ?p { eco:developedBy eco:operatedBy eco:targetsIndustry } } ORDER BY ?s ?p ?o ?m""")]
    industries = {r["i"]: str(r["name"]) for r in store.select(pre + """SELECT ?i ?name WHERE {
        ?i a eco:Industry ; rdfs:label ?name }""")}
    return actors, mentions, statements, industries


def place(store: EcoStore, scheme: ChainScheme) -> list[Placement]:
    """Every placement the store's evidence supports, sorted."""
    actors, mentions, statements, industries = _read(store)
    names, contexts = scheme.name_cues(), scheme.context_cues()
    out: set[Placement] = set()
    own: dict[URIRef, set[tuple[URIRef, str]]] = defaultdict(set)  # placements from name or type

    def first(e: URIRef, name: str | None = None) -> URIRef | None:
        ms = mentions.get(e, [])
        for m, text in ms:
            if name is None or name in text:
                return m
        return ms[0][0] if ms else None

    for a in sorted(actors.values(), key=lambda a: str(a.iri)):
        for name in a.names:
            for cue in match(name, names):
                m = first(a.iri, name)
                if m is not None:
                    out.add(Placement(a.iri, cue.segment, m, f"chain:name {cue.word}"))
                    own[a.iri].add((cue.segment, cue.word))
        default = scheme.types.get(a.cls)
        m = first(a.iri)
        if default is not None and m is not None and not own[a.iri]:
            out.add(Placement(a.iri, default, m, f"chain:type {a.cls}"))
            own[a.iri].add((default, a.cls))
        gazetteer = next((scheme.actors[n] for n in a.names if n in scheme.actors), ())
        for seg in gazetteer:
            if m is not None:
                out.add(Placement(a.iri, seg, m, "chain:gazetteer"))
    for s, p, o, m in statements:
        if p == ECO.targetsIndustry and s in actors and o in industries:
            for cue in match(industries[o], names + contexts):
                out.add(Placement(s, cue.segment, m, f"chain:industry {cue.word}"))
        elif p in (ECO.developedBy, ECO.operatedBy) and o in actors:
            verb = "develops" if p == ECO.developedBy else "operates"
            for seg, word in sorted(own.get(s, ())):
                out.add(Placement(o, seg, m, f"chain:{verb} {word}"))
    for a in sorted(actors.values(), key=lambda a: str(a.iri)):
        if a.cls not in _ORG_CLASSES and own[a.iri]:
            continue
        for m, text in mentions.get(a.iri, []):
            for clause in _CLAUSE.split(text):
                for name in a.names:
                    at = clause.find(name)
                    if at < 0:
                        continue
                    for cue in match(clause, contexts, at + len(name)):
                        out.add(Placement(a.iri, cue.segment, m, f"chain:context {cue.word}"))
                    break
    return sorted(out)


def placement_rows(store: EcoStore, scheme: ChainScheme, placements: list[Placement]) -> list[dict[str, str]]:
    """Placements as table rows: actor, segment, layer, rule, sentence, entity and mention IRIs."""
    pre = sparql_prefixes()
    found = store.select(pre + 'SELECT ?e ?l WHERE { ?e rdfs:label ?l FILTER(lang(?l) = "zh") }')
    labels = {r["e"]: str(r["l"]) for r in found}
    mentions = store.select(pre + "SELECT ?m ?t WHERE { ?m a eco:Mention ; eco:text ?t }")
    texts = {r["m"]: str(r["t"]) for r in mentions}
    return [{"actor": labels.get(p.entity, str(p.entity)), "segment": scheme.segments[p.segment].zh,
             "layer": scheme.layer_of(p.segment).zh, "rule": p.rule, "sentence": texts.get(p.mention, ""),
             "entity": str(p.entity), "mention": str(p.mention)} for p in placements]


def placement_dataset(placements: list[Placement], scheme: ChainScheme, base: str = DEFAULT_BASE) -> Dataset:
    """The scheme in ``CHAIN_GRAPH`` and the reified placements in ``PLACEMENT_GRAPH``."""
    ds = Dataset()
    bind_prefixes(ds.namespace_manager, base)
    chain = ds.graph(CHAIN_GRAPH)
    for t in scheme.graph:
        chain.add(t)
    chain.add((CHAIN_GRAPH, RDF.type, PROV.Bundle))  # marks a derived graph that queries see
    g = ds.graph(PLACEMENT_GRAPH)
    g.add((PLACEMENT_GRAPH, RDF.type, PROV.Bundle))
    for p in placements:
        g.add((p.entity, ECO.inSegment, p.segment))
        st = iris.node_iri("stmt", p.entity, ECO.inSegment, p.segment, p.mention, base=base)
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, p.entity))
        g.add((st, RDF.predicate, ECO.inSegment))
        g.add((st, RDF.object, p.segment))
        g.add((st, PROV.wasDerivedFrom, p.mention))
        g.add((st, ECO.extractionRule, Literal(p.rule)))
    return ds


def replace_graphs(store: EcoStore, ds: Dataset, graphs: list[URIRef]) -> int:
    """Drop ``graphs`` from the store and add ``ds`` (one call each); returns the quads added."""
    import pyoxigraph as ox

    if store.read_only:
        raise StoreError(f"the store {store.path} is open read-only", hint="open it for writing")
    for name in graphs:
        node = ox.NamedNode(str(name))
        if store.ox.contains_named_graph(node):
            store.ox.remove_graph(node)
    return store.add_dataset(ds)


def write_placements(store: EcoStore, scheme: ChainScheme) -> list[Placement]:
    """Place the store's actors and replace the chain graphs with the result."""
    placements = place(store, scheme)
    replace_graphs(store, placement_dataset(placements, scheme), [CHAIN_GRAPH, PLACEMENT_GRAPH])
    return placements


__all__ = ["ACTOR_CLASSES", "Placement", "match", "place", "placement_dataset", "placement_rows",
           "replace_graphs",
           "write_placements"]
