"""Entities once, documents apart: the entity graph holds each merged description, once."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import isomorphic

from ecokg.graph.namespaces import ENTITY_GRAPH, RDF, RDFS, SKOS
from ecokg.graph.oxconvert import from_ox
from ecokg.graph.store import EcoStore

DESCRIPTIVE = {str(RDFS.label), str(SKOS.altLabel), str(SKOS.exactMatch)}


def _graph(path: Path, name: str) -> Graph:
    g = Graph()
    with EcoStore.open(path, read_only=True) as store:
        for q in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return g


def test_document_graphs_hold_no_entity_description(tmp_path, make_store):
    path = make_store(tmp_path / "s", ["qd1", "qd2", "wh"])
    entities = _graph(path, str(ENTITY_GRAPH))
    described = set(entities.subjects(RDF.type, None))
    assert len(described) >= 9
    with EcoStore.open(path, read_only=True) as store:
        docs = store.document_graphs()
        assert len(docs) == 3
        for doc in docs:
            for q in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(doc)):
                subject = from_ox(q.subject)
                if subject in described:
                    assert q.predicate.value not in DESCRIPTIVE | {str(RDF.type)}, (doc, q)
        # one label per language per entity in the whole union: a join through a label is one row
        rows = store.query(f"SELECT ?e (COUNT(*) AS ?n) WHERE {{ ?e <{RDFS.label}> ?l }} "
                           "GROUP BY ?e HAVING (COUNT(*) > 2)")
        assert list(rows) == []


def test_removing_a_document_leaves_the_entity_graph_of_a_fresh_build(tmp_path, make_store):
    path = make_store(tmp_path / "s", ["qd1", "qd2", "wh"])
    fresh = make_store(tmp_path / "fresh", ["qd1", "wh"])
    with EcoStore.open(fresh, read_only=True) as store:
        kept = {d.iri for d in store.documents()}
    with EcoStore.open(path, read_only=True) as store:
        qd2 = [d.iri for d in store.documents() if d.iri not in kept]
    assert len(qd2) == 1
    before = _graph(path, str(ENTITY_GRAPH))
    with EcoStore.open(path) as store:
        store.remove_document(qd2[0])
    after = _graph(path, str(ENTITY_GRAPH))
    assert not isomorphic(before, after)  # qd2 named things the others do not
    assert isomorphic(after, _graph(fresh, str(ENTITY_GRAPH)))
    with EcoStore.open(path, read_only=True) as a, EcoStore.open(fresh, read_only=True) as b:
        assert isomorphic(a.union_graph(), b.union_graph())
