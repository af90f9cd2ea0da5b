"""Network analysis of the relation graph: key players, communities, bridges between parks.

The graph is the extracted relations (reified ``rdf:Statement`` nodes, so every edge has its
sentence), optionally only those stated in articles about one region (``dcterms:spatial``); the
region itself is left out (it would be everyone's neighbour). networkx computes degree and
betweenness centrality and modularity communities; an actor linked to two or more parks directly
or through one intermediate node is a bridge between them. ``write_analysis`` stores the scores
as ``eco:Observation`` nodes (indicators ``eco:DegreeCentrality``, ``eco:BetweennessCentrality``,
``eco:CommunityNumber``) in ``ANALYSIS_GRAPH``, each derived from the actor's first sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from rdflib import Dataset, Literal, URIRef

from ecokg.errors import InputError
from ecokg.graph import iris
from ecokg.graph.namespaces import (
    ANALYSIS_GRAPH,
    DEFAULT_BASE,
    ECO,
    PROV,
    RDF,
    RDFS,
    XSD,
    bind_prefixes,
    sparql_prefixes,
)

if TYPE_CHECKING:
    from ecokg.graph.store import EcoStore

#: Relations that make the network (not designations, industries, chain placements).
RELATIONS = ("locatedIn", "partOf", "establishedBy", "issuedBy", "ledBy", "developedBy", "operatedBy",
             "deployedAt", "basedOn", "suppliesTo", "supports", "memberOf", "organizedBy")


@dataclass
class Player:
    iri: str
    label: str
    cls: str
    degree: float = 0.0
    betweenness: float = 0.0
    community: int = 0
    links: int = 0
    sentence: str = ""
    mention: str = ""
    document: str = ""
    title: str = ""


@dataclass
class Bridge:
    iri: str
    label: str
    parks: list[str]


@dataclass
class Analysis:
    region: str | None
    region_label: str | None
    players: list[Player] = field(default_factory=list)
    communities: list[list[str]] = field(default_factory=list)
    bridges: list[Bridge] = field(default_factory=list)
    edges: int = 0


def regions(store: EcoStore) -> list[tuple[str, str]]:
    """The regions articles are about: (IRI, Chinese label)."""
    rows = store.select(sparql_prefixes() + """SELECT DISTINCT ?r ?label WHERE { ?d dcterms:spatial ?r .
        ?r rdfs:label ?label FILTER(lang(?label) = "zh") } ORDER BY ?label""")
    return [(str(r["r"]), str(r["label"])) for r in rows]


def resolve_region(store: EcoStore, name: str) -> URIRef:
    """The region an article is about, by name (青岛市 or 青岛) or IRI."""
    known = regions(store)
    for iri, label in known:
        if name in (iri, label) or label.rstrip("市省区县") == name.rstrip("市省区县"):
            return URIRef(iri)
    names = ", ".join(label for _i, label in known) or "none (build articles first)"
    raise InputError(f"no region named {name!r} in the store", hint=f"regions: {names}")


def analyze(store: EcoStore, region: URIRef | None = None) -> Analysis:
    import networkx as nx

    pre = sparql_prefixes()
    rels = " ".join(f"eco:{r}" for r in RELATIONS)
    rows = store.select(pre + f"""SELECT ?s ?o ?m ?text ?doc ?title ?spatial WHERE {{ VALUES ?p {{ {rels} }}
        ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?m .
        ?m eco:text ?text ; eco:inDocument ?doc ; eco:start ?start .
        OPTIONAL {{ ?doc dcterms:title ?title }} OPTIONAL {{ ?doc dcterms:spatial ?spatial }}
        }} ORDER BY ?doc ?start ?s ?o""")
    if region is not None:
        rows = [r for r in rows if r.get("spatial") == region]
    label_rows = store.select(pre + """SELECT ?e ?label ?cls WHERE { ?e rdfs:label ?label ; a ?cls .
        FILTER(lang(?label) = "zh" && STRSTARTS(STR(?cls), STR(eco:))) }""")
    labels = {str(r["e"]): str(r["label"]) for r in label_rows}
    classes = {str(r["e"]): str(r["cls"]).rsplit("#", 1)[-1] for r in label_rows}
    g = nx.Graph()
    first: dict[str, tuple[str, str, str, str]] = {}
    skip = {str(region)} if region is not None else set()
    for r in rows:
        s, o = str(r["s"]), str(r["o"])
        if s in skip or o in skip or s == o:
            continue
        g.add_edge(s, o)
        where_said = (str(r["text"]), str(r["m"]), str(r["doc"]), str(r.get("title", "")))
        for n in (s, o):
            first.setdefault(n, where_said)
    out = Analysis(str(region) if region else None, labels.get(str(region)) if region else None,
                   edges=g.number_of_edges())
    if g.number_of_nodes() == 0:
        return out
    degree = nx.degree_centrality(g)
    between = nx.betweenness_centrality(g)
    found = nx.community.greedy_modularity_communities(g)
    communities = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))
    member = {n: i + 1 for i, c in enumerate(communities) for n in c}
    for n in g.nodes:
        text, m, doc, title = first[n]
        out.players.append(Player(n, labels.get(n, n.rsplit("/", 1)[-1]), classes.get(n, ""),
                                  round(degree[n], 4), round(between[n], 4), member[n], g.degree[n],
                                  text, m, doc, title))
    out.players.sort(key=lambda p: (-p.degree, -p.betweenness, p.label))
    out.communities = communities
    parks = {n for n in g.nodes if classes.get(n) == "IndustrialPark"}
    for n in sorted(g.nodes):
        if n in parks:
            continue
        near = {x for x in g.neighbors(n) if x in parks}
        near |= {y for x in g.neighbors(n) if x not in parks for y in g.neighbors(x) if y in parks}
        if len(near) >= 2:
            out.bridges.append(Bridge(n, labels.get(n, n), sorted(labels.get(p, p) for p in near)))
    return out


def analysis_dataset(result: Analysis, base: str = DEFAULT_BASE) -> Dataset:
    """The scores as observations in ``ANALYSIS_GRAPH``."""
    ds = Dataset()
    bind_prefixes(ds.namespace_manager, base)
    g = ds.graph(ANALYSIS_GRAPH)
    g.add((ANALYSIS_GRAPH, RDF.type, PROV.Bundle))  # marks a derived graph that queries see
    for p in result.players:
        e = URIRef(p.iri)
        indicators = ((ECO.DegreeCentrality, p.degree, "ratio", "度中心性"),
                      (ECO.BetweennessCentrality, p.betweenness, "ratio", "中介中心性"),
                      (ECO.CommunityNumber, p.community, "index", "社群编号"))
        for indicator, value, unit, name in indicators:
            o = iris.node_iri("obs", "analysis", result.region or "", e, indicator, base=base)
            g.add((o, RDF.type, ECO.Observation))
            g.add((o, ECO.value, Literal(Decimal(str(value)), datatype=XSD.decimal)))
            g.add((o, ECO.unit, Literal(unit)))
            g.add((o, ECO.qualifier, ECO.Exactly))
            g.add((o, ECO.indicator, indicator))
            g.add((o, ECO.observedEntity, e))
            g.add((o, RDFS.label, Literal(f"{name} {value}", lang="zh")))
            g.add((o, ECO.extractionRule, Literal("analysis:networkx")))
            if p.mention:
                g.add((o, PROV.wasDerivedFrom, URIRef(p.mention)))
    return ds


def write_analysis(store: EcoStore, result: Analysis) -> int:
    from ecokg.graph.placement import replace_graphs

    return replace_graphs(store, analysis_dataset(result), [ANALYSIS_GRAPH])


__all__ = ["RELATIONS", "Analysis", "Bridge", "Player", "analysis_dataset", "analyze", "regions",
           "resolve_region", "write_analysis"]
