"""The format registry: every writer writes, every reader reads back, an unknown suffix is one clear error."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import XSD, Dataset, Graph, Literal
from rdflib.compare import isomorphic

from ecokg.errors import InputError
from ecokg.graph import formats
from ecokg.graph.export import export_store
from ecokg.graph.namespaces import ONTOLOGY_GRAPH
from ecokg.graph.oxconvert import from_ox
from ecokg.graph.store import EcoStore

WRITERS = formats.names("writer")
READERS = formats.names("reader")
#: rdflib serializer names, for the readers ecokg has no writer of (N3: pyoxigraph's, which keeps
#: a decimal's lexical form).
RDFLIB_ONLY = {"n3": "", "trix": "trix", "hext": "hext"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from .conftest import build_store

    path = build_store(tmp_path_factory.mktemp("fmt") / "store", ["qd1", "qd2", "wh"])
    with EcoStore.open(path, read_only=True) as st:
        yield st


def plain(o):
    """RDF 1.1: a literal without datatype is an xsd:string (rdflib's Hextuples parser writes it)."""
    return Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o


def union(quads) -> Graph:
    g = Graph()
    for q in quads:
        g.add((from_ox(q.subject), from_ox(q.predicate), plain(from_ox(q.object))))
    return g


def test_the_builtin_formats_are_registered():
    assert {"ttl", "trig", "nt", "nq", "jsonld", "xml", "gexf", "graphml", "csv"} <= set(WRITERS)
    assert {"ttl", "trig", "nt", "nq", "jsonld", "xml", "csv", "n3", "trix", "hext"} <= set(READERS)
    for kind in ("writer", "reader"):
        seen: dict[str, str] = {}
        for f in formats.formats(kind):
            for s in f.suffixes:  # one suffix, one format
                assert seen.setdefault(s, f.name) == f.name, (kind, s)
            assert formats.by_suffix(f"x{f.suffixes[0].upper()}", kind) == f


@pytest.mark.parametrize("name", WRITERS)
def test_every_writer_writes_and_what_can_be_read_reads_back(store, tmp_path, name):
    spec = formats.by_name(name, "writer")
    assert spec is not None
    out = tmp_path / f"g{spec.suffixes[0]}"
    report = export_store(store, out, ontology=False)
    assert report.format == name and report.statements > 5 and out.stat().st_size > 100
    reader = formats.by_suffix(out, "reader")
    if reader is None:  # a network for Gephi: written, not read back as RDF
        assert out.read_bytes().startswith(b"<?xml")
        return
    back = list(reader.implementation().quads(out))
    expected = [q for q in store.ox if q.graph_name != ox.NamedNode(str(ONTOLOGY_GRAPH))]
    assert isomorphic(union(back), union(expected))
    if spec.graphs:
        assert {q.graph_name for q in back} == {q.graph_name for q in expected}


@pytest.mark.parametrize("name", READERS)
def test_every_reader_reads_into_a_dataset_and_quads(store, tmp_path, name):
    spec = formats.by_name(name, "reader")
    assert spec is not None
    path = tmp_path / f"g{spec.suffixes[0]}"
    data = [q for q in store.ox if q.graph_name != ox.NamedNode(str(ONTOLOGY_GRAPH))]
    expected = union(data)
    if name == "n3":
        ox.serialize([q.triple for q in data], str(path), ox.RdfFormat.N3)
    elif name in RDFLIB_ONLY:
        ds = Dataset()
        for t in expected:
            ds.add((*t, ds.default_graph.identifier))
        path.write_text(ds.serialize(format=RDFLIB_ONLY[name]), encoding="utf-8")
    else:
        export_store(store, path, ontology=False)
    reader = spec.implementation()
    ds = Dataset()
    reader.into_dataset(path, ds)
    back = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        back.add((s, p, plain(o)))
    assert isomorphic(back, expected)
    assert isomorphic(union(reader.quads(path)), expected)


def test_load_reads_what_export_wrote(store, tmp_path):
    for name in ("nq", "trig", "csv"):
        out = tmp_path / f"kg.{name}"
        export_store(store, out)
        copy = ox.Store()
        formats.reader_format(out).implementation().bulk_load(copy, out)
        assert len(copy) == len(store.ox) and isomorphic(union(copy), union(store.ox))


def test_an_unknown_suffix_is_one_error_listing_the_known_ones(tmp_path):
    with pytest.raises(InputError) as exc:
        formats.writer_format(tmp_path / "g.docx")
    message = exc.value.one_line()
    assert "cannot tell the export format of 'g.docx'" in message and "'.docx'" in message
    assert all(s in message for s in formats.suffixes("writer"))
    with pytest.raises(InputError) as exc:
        formats.reader_format(tmp_path / "g.gexf")
    assert "cannot tell the RDF format" in exc.value.one_line() and ".trig" in exc.value.one_line()
    with pytest.raises(InputError, match="unknown export format 'yaml'"):
        formats.writer_format("g.ttl", "yaml")
    assert formats.writer_format("g", "Turtle").name == "ttl"


def test_a_new_format_is_one_registered_class(store, tmp_path, monkeypatch):
    import sys
    import types

    module = types.ModuleType("ecokg_test_lines")

    class LineCount:
        def write(self, selection, out) -> int:
            n = sum(1 for _ in selection.quads())
            out.write(f"{n}\n".encode())
            return n

    module.LineCount = LineCount  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ecokg_test_lines", module)
    monkeypatch.setitem(formats._REGISTRY, "writer", dict(formats._REGISTRY["writer"]))
    formats.register_writer("count", "ecokg_test_lines", "LineCount", title="count", suffixes=(".count",))
    report = export_store(store, tmp_path / "g.count", ontology=False)
    assert report.format == "count" and (tmp_path / "g.count").read_text() == f"{report.statements}\n"


@pytest.mark.parametrize("name", ["nq", "trig"])
def test_streamed_quads_are_the_stores_quads(store, tmp_path, name):
    """The streamed export holds exactly the store's quads (blank nodes up to renaming)."""
    out = tmp_path / f"kg.{name}"
    report = export_store(store, out)
    back = ox.Dataset(formats.reader_format(out).implementation().quads(out))
    expected = ox.Dataset(list(store.ox))
    for ds in (back, expected):
        ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    assert report.statements == len(expected) and set(back) == set(expected)


def test_quad_exports_are_byte_stable_whatever_the_ingest_order(tmp_path):
    from .conftest import build_store

    outs = []
    for n, order in enumerate((["qd1", "qd2", "wh"], ["wh", "qd2", "qd1"])):
        with EcoStore.open(build_store(tmp_path / f"s{n}", order), read_only=True) as st:
            export_store(st, tmp_path / f"{n}.nq")
            outs.append((tmp_path / f"{n}.nq").read_bytes())
    assert outs[0] == outs[1] and outs[0].count(b"\n") > 1000


def test_one_document_in_turtle_is_its_graph_and_the_ontology(store, tmp_path):
    wh = next(d for d in store.documents() if d.file_name == "wh.md")
    out = tmp_path / "wh.ttl"
    export_store(store, out, document="wh.md")
    chosen = {ox.NamedNode(wh.iri), ox.NamedNode(str(ONTOLOGY_GRAPH))}
    expected = union(q for q in store.ox if q.graph_name in chosen)
    assert isomorphic(union(ox.parse(path=str(out), format=ox.RdfFormat.TURTLE)), expected)


@pytest.mark.parametrize("name", ["ttl", "trig"])
def test_an_empty_graph_is_our_prefix_header_alone(tmp_path, name):
    from ecokg.graph.export import export_dataset
    from ecokg.graph.namespaces import PREFIXES

    out = tmp_path / f"empty.{name}"
    report = export_dataset(Dataset(), out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert report.statements == 0 and lines == [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
