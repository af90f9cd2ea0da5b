"""A streamed build (batches, bulk loader, worker processes) stores what one transaction stored.

The reference ("the old path") is the whole set of documents merged and written in ONE
transaction (``commit`` without ``bulk``), as ``EcoStore.ingest`` did before it streamed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from rdflib.compare import isomorphic

from ecokg import api
from ecokg.batch import list_sources
from ecokg.errors import InputError
from ecokg.graph.builder import doc_graphs
from ecokg.graph.commit import RawFiles, commit, load_state
from ecokg.graph.ingest import Journal
from ecokg.graph.store import EcoStore
from tests.conftest import CORPUS_ARTICLE, REPO

SOURCES = [str(REPO / "samples"), str(CORPUS_ARTICLE)]


@pytest.fixture(autouse=True)
def _bulk_even_for_small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests exercise the bulk loader (a large corpus's path) on a few documents."""
    import ecokg.graph.ingest as ingest_module

    monkeypatch.setattr(ingest_module, "BULK_MIN_DOCS", 0)


def _docs(sources: list[str]) -> list[Any]:
    report = api.BuildReport()
    docs = list(api.KG.stream(list_sources(sources), report))
    assert not report.failed
    return docs


def _one_transaction(path: Path, docs: list[Any]) -> Any:
    """The old path: raw files, then one merge over all documents and one transaction."""
    with EcoStore.open(path, create=True) as store:
        raw = RawFiles(path)
        before = load_state(store, raw)
        for d in docs:
            raw.write(d.record, d.parse())
        after = {d.doc: d.record for d in docs}
        commit(store, raw, before, after, set(after), set())
        return store.union_graph()


@pytest.fixture(scope="module")
def sources() -> list[str]:
    if not CORPUS_ARTICLE.is_file():
        pytest.skip(f"the corpus article {CORPUS_ARTICLE} is not here (clone ../shared)")
    return SOURCES


@pytest.fixture(scope="module")
def reference(sources: list[str], tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _one_transaction(tmp_path_factory.mktemp("old") / "store", _docs(sources))


@pytest.mark.parametrize("batch", [1, 2, 100])
def test_streamed_batches_store_what_one_transaction_stored(sources, reference, tmp_path, batch):
    with EcoStore.open(tmp_path / "store", create=True) as store:
        report = store.ingest(iter(_docs(sources)), batch_docs=batch)
        assert len(report.added) == 4 and not report.unchanged
        assert not (tmp_path / "store" / "ecokg-meta" / "journal.json").exists()
        assert isomorphic(store.union_graph(), reference)


@pytest.mark.slow
def test_two_worker_processes_build_the_same_store_as_one(sources, tmp_path):
    with api.open(tmp_path / "one") as one, api.open(tmp_path / "two") as two:
        a = one.build(sources, jobs=1)
        b = two.build(sources, jobs=2)
        assert a.articles == b.articles == 4 and a.summary() == b.summary()
        assert isomorphic(one.store.union_graph(),
                          two.store.union_graph())  # (build adds the conflicts graph)


def test_keep_going_with_workers_reports_the_bad_article_and_builds_the_rest(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for p in (REPO / "samples").iterdir():
        if p.suffix in (".txt", ".md", ".html"):
            (folder / p.name).write_bytes(p.read_bytes())
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff" * 50)
    with api.open(tmp_path / "store") as kg:
        report = kg.build([folder], jobs=2, keep_going=True)
        assert [Path(f.source).name for f in report.failed] == ["broken.txt"]
        assert report.articles == 3 and len(kg.documents()) == 3
    with api.open(tmp_path / "store2") as kg:
        with pytest.raises(InputError, match=r"broken\.txt"):
            kg.build([folder], jobs=2)
        assert kg.documents() == []  # stopped at the bad article, which sorts first: nothing before it


class _CrashAfterBulk:
    """A pyoxigraph store whose transactions fail: the writer 'dies' between bulk load and commit."""

    def __init__(self, ox: Any) -> None:
        self._ox = ox

    def __getattr__(self, name: str) -> Any:
        if name in ("extend", "update"):
            def fail(*_a: Any, **_k: Any) -> None:
                raise KeyboardInterrupt
            return fail
        return getattr(self._ox, name)


@contextmanager
def _second_batch_cut(path: Path, articles: Any,
                      second: tuple[str, ...] = ("qd2", "wh")) -> Iterator[EcoStore]:
    """A new store holding qd1, whose second batch (``second``) the writer 'dies' in
    (``_CrashAfterBulk``); yields the store, still open, with its own pyoxigraph store back."""
    with EcoStore.open(path, create=True) as store:
        store.ingest(doc_graphs([articles["qd1"]()]))
        store.ox = _CrashAfterBulk(store.ox)
        with pytest.raises(KeyboardInterrupt):
            store.ingest(doc_graphs([articles[n]() for n in second]))
        store.ox = store.ox._ox
        yield store


def _built_at_once(path: Path, articles: Any, names: tuple[str, ...]) -> Any:
    """The union graph of a new store that ingested ``names`` in one call, as the reference."""
    with EcoStore.open(path, create=True) as fresh:
        fresh.ingest(doc_graphs([articles[n]() for n in names]))
        return fresh.union_graph()


def test_a_batch_cut_between_bulk_load_and_commit_is_finished_by_the_next_writer(articles, tmp_path):
    path = tmp_path / "store"
    with _second_batch_cut(path, articles):
        pass
    assert Journal.read(path / "ecokg-meta") is not None
    with EcoStore.open(path) as store:
        store.ingest([])  # a writer finishes the batch from the journal
        assert Journal.read(path / "ecokg-meta") is None
        got = store.union_graph()
    assert isomorphic(got, _built_at_once(tmp_path / "fresh", articles, ("qd1", "qd2", "wh")))


def test_an_incomplete_new_graph_is_dropped_by_the_next_writer(articles, tmp_path):
    path = tmp_path / "store"
    with _second_batch_cut(path, articles, ("qd2",)):
        pass
    journal = Journal.read(path / "ecokg-meta")
    assert journal is not None and len(journal.new) == 1
    journal.new = {d: n + 1 for d, n in journal.new.items()}  # as if the bulk load had stopped short
    journal.write(path / "ecokg-meta")
    with EcoStore.open(path) as store:
        store.ingest([])
        got = store.union_graph()
        assert len(store.documents()) == 1
    assert isomorphic(got, _built_at_once(tmp_path / "fresh", articles, ("qd1",)))


def test_shards_hold_every_graph_but_the_ontology_once(articles, tmp_path):
    import rdflib

    from ecokg.graph.shards import write_shards

    with EcoStore.open(tmp_path / "store", create=True) as store:
        store.ingest(doc_graphs([articles[n]() for n in ("qd1", "qd2", "wh")]))
        report = write_shards(store, tmp_path / "shards", max_quads=100)
        expected = store.union_graph(ontology=False)
    assert len(report.files) > 1 and report.graphs == 5  # three documents, entity graph, class closure
    ds = rdflib.Dataset()
    for f in report.files:
        ds.parse(f, format="nquads")
    got = rdflib.Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        got.add((s, p, o))
    assert sum(1 for _ in ds.quads((None, None, None, None))) == report.quads
    assert isomorphic(got, expected)


def test_a_batch_bulk_loaded_in_several_files_stores_the_same(sources, reference, tmp_path, monkeypatch):
    import ecokg.graph.bulkload as bulkload_module

    monkeypatch.setattr(bulkload_module, "BULK_DOCS", 1)  # one document a file
    with EcoStore.open(tmp_path / "store", create=True) as store:
        store.ingest(iter(_docs(sources)), batch_docs=100)
        assert isomorphic(store.union_graph(), reference)
    assert not list((tmp_path / "store" / "ecokg-meta" / "docs").glob("bulk-*"))


def test_a_small_batch_is_one_transaction(articles, tmp_path, monkeypatch):
    """Under ``BULK_MIN_DOCS`` new documents, a crash of the transaction leaves nothing (no journal,
    no new graph): readers never see part of the batch."""
    import ecokg.graph.ingest as ingest_module

    monkeypatch.setattr(ingest_module, "BULK_MIN_DOCS", 64)
    path = tmp_path / "store"
    with _second_batch_cut(path, articles) as store:
        assert Journal.read(path / "ecokg-meta") is None
        assert len(store.document_graphs()) == 1
