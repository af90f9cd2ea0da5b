"""The persistent store: no-op re-ingest, replacement, removal, locking, clear errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from ecokg.errors import InputError, StoreError
from ecokg.graph.builder import doc_graphs
from ecokg.graph.namespaces import ECO, ONTOLOGY_GRAPH, RDFS
from ecokg.graph.store import EcoStore, resolve_store_path
from tests.conftest import run_cli

ID = "https://w3id.org/ecokg/id/"
HERE = Path(__file__).resolve().parent


def snapshot(path: Path):
    with EcoStore.open(path, read_only=True) as store:
        return sorted(str(q) for q in store.ox)


def test_resolve_store_path(monkeypatch):
    monkeypatch.delenv("ECOKG_STORE", raising=False)
    assert resolve_store_path(None) == Path("ecokg-data")
    monkeypatch.setenv("ECOKG_STORE", "/x/y")
    assert resolve_store_path(None) == Path("/x/y")
    assert resolve_store_path("z") == Path("z")


def test_new_store_holds_the_ontology_in_its_graph(store_dir):
    import pyoxigraph as ox

    with EcoStore.open(store_dir, create=True) as store:
        assert store.ox.contains_named_graph(ox.NamedNode(str(ONTOLOGY_GRAPH)))
        assert store.stats().ontology_triples > 100
        assert store.documents() == []


def test_reingest_is_a_noop(store_dir, make_store, articles):
    make_store(store_dir, ["qd1", "qd2"])
    before = snapshot(store_dir)
    with EcoStore.open(store_dir) as store:
        report = store.ingest(doc_graphs([articles["qd2"](), articles["qd1"]()]))
    assert report.added == [] and report.replaced == [] and len(report.unchanged) == 2
    assert snapshot(store_dir) == before


def test_changed_version_of_the_same_url_replaces_the_old(tmp_path, make_store, articles):
    path = make_store(tmp_path / "s", ["qd1", "qd2"])
    with EcoStore.open(path) as store:
        old = {d.file_name: d.iri for d in store.documents()}["qd1.txt"]
        report = store.ingest(doc_graphs([articles["qd1"](2)]))
        assert report.replaced == [old] and len(report.added) == 1 and report.added[0] != old
        assert sorted(d.file_name for d in store.documents()) == ["qd1.txt", "qd2.html"]
        assert old not in store.document_graphs()
        texts = [str(r["t"]) for r in store.select("SELECT ?t ?p WHERE { ?d ?p ?t }", {"p": ECO.content})]
        assert sum("园区今年新增企业20家。" in t for t in texts) == 1 and len(texts) == 2
    # the same as building the new version in the first place
    with EcoStore.open(tmp_path / "fresh", create=True) as store:
        store.ingest(doc_graphs([articles["qd2"](), articles["qd1"](2)]))
        fresh = store.union_graph(ontology=False)
    with EcoStore.open(path, read_only=True) as store:
        assert isomorphic(store.union_graph(ontology=False), fresh)


def test_remove_keeps_shared_entities_and_equals_a_store_without_the_document(tmp_path, make_store):
    full = make_store(tmp_path / "full", ["qd1", "qd2", "wh"])
    without = make_store(tmp_path / "without", ["qd2", "wh"])
    with EcoStore.open(full) as store:
        docs = {d.file_name: d.iri for d in store.documents()}
        assert store.remove_document("qd1.txt") == docs["qd1.txt"]
        assert len(store.documents()) == 2
        with pytest.raises(InputError):
            store.remove_document("qd1.txt")
    with EcoStore.open(full, read_only=True) as a, EcoStore.open(without, read_only=True) as b:
        ga, gb = a.union_graph(ontology=False), b.union_graph(ontology=False)
    assert isomorphic(ga, gb)
    ubtech = URIRef(ID + "org/优必选")
    assert (ubtech, RDFS.label, Literal("优必选", lang="zh")) in ga  # mentioned elsewhere: stays
    assert (ubtech, ECO.hasDesignation, None) not in ga  # only qd1 said so: gone
    assert (URIRef(ID + "place/崂山区"), None, None) not in ga


def test_remove_by_sha_prefix_and_unknown_document(store_dir, make_store):
    make_store(store_dir, ["qd2"])
    with EcoStore.open(store_dir) as store:
        sha = store.documents()[0].sha256
        with pytest.raises(InputError, match="no document"):
            store.remove_document("nothing-like-this")
        store.remove_document(sha[:8])
        assert store.documents() == []


def test_missing_store_and_non_store_directory_are_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="no ecokg store"):
        EcoStore.open(tmp_path / "absent", read_only=True)
    with pytest.raises(StoreError, match="no ecokg store"):
        EcoStore.open(tmp_path / "absent")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("x")
    with pytest.raises(StoreError, match="not an ecokg store"):
        EcoStore.open(tmp_path / "busy", create=True)
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        EcoStore.open(tmp_path / "file", create=True)


HOLDER = """
import sys
from ecokg.graph.store import EcoStore
store = EcoStore.open(sys.argv[1], create=True)
print("locked", flush=True)
sys.stdin.readline()
store.close()
"""


def test_second_writer_gets_a_clear_message_and_readers_still_read(store_dir, make_store):
    make_store(store_dir, ["qd2"])
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(store_dir)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError, match=rf"in use by another ecokg process \(pid {holder.pid}\)"):
            EcoStore.open(store_dir)
        # in this process: the reader below opens within milliseconds of the holder's open, which
        # RocksDB's read-only open survives by opening again (graph/readonly.py)
        result = run_cli("remove", "qd2.html", "--store", str(store_dir))
        assert result.returncode == 2
        assert "in use by another ecokg process" in result.stderr and "Traceback" not in result.stderr
        with EcoStore.open(store_dir, read_only=True) as reader:
            assert len(reader.documents()) == 1
    finally:
        holder.communicate("\n", timeout=60)
    with EcoStore.open(store_dir) as store:  # free again once the holder is gone
        assert len(store.documents()) == 1


def test_graphs_added_raw_take_part_in_merging(tmp_path, make_store, articles):
    from ecokg.graph.builder import GraphBuilder
    from ecokg.graph.generated import generation_time

    with EcoStore.open(tmp_path / "raw", create=True) as store:  # stamped as the builds below are
        stamped = GraphBuilder(generated_at=generation_time(None))
        assert store.add_dataset(stamped.build([articles["qd2"]()])) > 50
        report = store.ingest(doc_graphs([articles["qd1"](), articles["wh"]()]))
        assert report.rewritten == [store.find_document("qd2.html")]  # its 优必选 gained names
        got = store.union_graph(ontology=False)
    expected = make_store(tmp_path / "ingested", ["qd1", "qd2", "wh"])
    with EcoStore.open(expected, read_only=True) as store:
        assert isomorphic(got, store.union_graph(ontology=False))
