"""Export: every RDF format reads back isomorphic, Turtle is byte-stable, GEXF/GraphML for Gephi."""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from ecokg.errors import InputError
from ecokg.graph.builder import GraphBuilder
from ecokg.graph.export import INFERRED_GRAPH, export_dataset, export_store, format_for, read_csv
from ecokg.graph.namespaces import ECO, ONTOLOGY_GRAPH, RDF
from ecokg.graph.store import EcoStore

ID = "https://w3id.org/ecokg/id/"
RDFLIB = {"ttl": "turtle", "nt": "nt", "xml": "xml", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}


@pytest.fixture
def store(tmp_path, make_store):
    path = make_store(tmp_path / "store", ["qd1", "qd2", "wh"])
    with EcoStore.open(path, read_only=True) as st:
        yield st


def quads_dataset(store: EcoStore) -> Dataset:
    from ecokg.graph.oxconvert import from_ox

    ds = Dataset()
    for q in store.ox:
        ds.graph(from_ox(q.graph_name)).add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return ds


@pytest.mark.parametrize("fmt", ["ttl", "nt", "xml"])
def test_triple_formats_read_back_isomorphic_to_the_union(store, tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    report = export_store(store, out)
    assert report.format == fmt and report.statements > 1000
    back = Graph().parse(out, format=RDFLIB[fmt])
    assert isomorphic(back, store.union_graph())


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_quad_formats_keep_one_graph_per_document(store, tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    export_store(store, out)
    back = Dataset()
    back.parse(out, format=RDFLIB[fmt])
    expected = quads_dataset(store)
    names = {g.identifier for g in back.graphs() if len(g)}
    assert {URIRef(d) for d in store.document_graphs()} | {ONTOLOGY_GRAPH} <= names
    for doc in store.document_graphs():
        assert isomorphic(back.graph(URIRef(doc)), expected.graph(URIRef(doc)))


def test_csv_round_trips(store, tmp_path):
    out = tmp_path / "g.csv"
    export_store(store, out)
    assert out.read_bytes().startswith("\ufeffgraph,subject".encode())
    back = ox.Dataset(read_csv(out))
    expected = ox.Dataset(list(store.ox))
    for ds in (back, expected):  # blank nodes (the ontology's) compared up to renaming
        ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    assert len(back) == len(expected) > 1000 and set(back) == set(expected)


def test_turtle_is_byte_stable_and_independent_of_ingest_order(tmp_path, make_store):
    a = make_store(tmp_path / "a", ["qd1", "qd2", "wh"])
    b = make_store(tmp_path / "b", ["wh", "qd2", "qd1"])
    outs = []
    for n, path in enumerate([a, a, b]):
        with EcoStore.open(path, read_only=True) as st:
            out = tmp_path / f"{n}.ttl"
            export_store(st, out, ontology=False)
            outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]
    text = outs[0].decode()
    assert text.startswith("@prefix eco: <https://w3id.org/ecokg/ontology#> .\n@prefix schema:")
    assert "<https://w3id.org/ecokg/ontology#Class>" not in text


def test_no_ontology_and_one_document(store, tmp_path):
    out = tmp_path / "doc.nq"
    wh = next(d for d in store.documents() if d.file_name == "wh.md")
    export_store(store, out, document="wh.md", ontology=False)
    graphs = {q.graph_name.value for q in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)}
    assert graphs == {wh.iri}


def test_inferred_adds_located_in_closure_and_superclasses(store, tmp_path):
    out = tmp_path / "inf.trig"
    report = export_store(store, out, ontology=False, inferred=True)
    assert report.inferred > 0
    back = Dataset()
    back.parse(out, format="trig")
    inferred = back.graph(URIRef(INFERRED_GRAPH))
    ubtech = URIRef(ID + "org/优必选")
    assert (ubtech, ECO.locatedIn, URIRef(ID + "place/崂山区")) in inferred  # via the Qingdao park
    assert (ubtech, RDF.type, ECO.Organization) in inferred
    assert (URIRef(ID + "place/崂山区"), ECO.locatedIn, URIRef(ID + "place/青岛市")) not in inferred  # stated


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_networks_read_back_with_the_same_counts(store, tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    export_store(store, out)
    g = nx.read_gexf(out) if fmt == "gexf" else nx.read_graphml(out)
    union = store.union_graph(ontology=False)
    entities = {s for s in union.subjects(RDF.type, None) if str(s).startswith(ID) and str(s).split("/")[-2]
                in ("org", "place", "product")}
    edges = {(s, p, o) for s, p,
             o in union if s in entities and o in entities and str(p).startswith(str(ECO))}
    assert g.number_of_nodes() == len(entities) == 9
    assert g.number_of_edges() == len(edges) > 5
    node = g.nodes[ID + "org/优必选"]
    assert node["label"] == "优必选" and node["label_en"] == "UBTech" and node["class"] == "Company"
    labels = {d["label"] for _u, _v, d in g.edges(data=True)}
    assert "locatedIn 位于" in labels


def test_export_dataset_writes_an_in_memory_build(tmp_path, articles):
    ds = GraphBuilder().build([articles["qd2"]()])
    out = tmp_path / "build.ttl"
    export_dataset(ds, out)
    back = Graph().parse(out, format="turtle")
    union = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(back, union)


def test_unknown_formats_are_input_errors():
    assert format_for("x.TTL") == "ttl" and format_for("x", "turtle") == "ttl"
    with pytest.raises(InputError):
        format_for("x.docx")
    with pytest.raises(InputError):
        format_for("x.ttl", "yaml")
