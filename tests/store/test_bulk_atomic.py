"""A bulk-loaded batch is all or nothing for readers (``ecokg.graph.bulkload``).

The guarantee rests on pyoxigraph's bulk loader ingesting every table file of one ``bulk_load``
call in one RocksDB ingestion at its end, also when the load is larger than the loader's batch
of a million quads (it sorts and writes each batch apart). A reader process opens the store
read-only again and again, as ``ecokg serve`` does per query, while ``load_files`` adds 1.1
million quads from two files: every count it sees is 0 or all of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

QUADS = 1_100_000  # more than the bulk loader's batch (1,000,000 quads)
GRAPH = "http://example.org/doc"

READER = """
import json, os, sys, time
import pyoxigraph as ox
path, stop, out, graph = sys.argv[1:5]
seen = []
query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + graph + "> { ?s ?p ?o } }"
while not os.path.exists(stop):
    t = time.time()
    try:
        store = ox.Store.read_only(path)
        n = int(next(iter(store.query(query)))[0].value)
        del store
    except (OSError, RuntimeError) as exc:  # a table file replaced under the open: what the server
        if "No such file or directory" not in str(exc):  # retries (graph/readonly.py)
            raise
        n = -1
    seen.append([t, time.time(), n])
with open(out, "w") as fh:
    json.dump(seen, fh)
"""


def _write(path: Path, start: int, stop: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, stop):
            fh.write(f'<{GRAPH}#m{i // 5}> <http://example.org/p{i % 17}> "value {i} 文本" <{GRAPH}> .\n')


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_one_bulk_load_larger_than_a_loader_batch_is_seen_whole_or_not_at_all(tmp_path: Path) -> None:
    import pyoxigraph as ox

    from ecokg.graph.bulkload import load_files

    files = [tmp_path / "a.nq", tmp_path / "b.nq"]
    _write(files[0], 0, 600_000)
    _write(files[1], 600_000, QUADS)
    store_path = tmp_path / "store"
    store = ox.Store(str(store_path))
    store.extend([ox.Quad(ox.NamedNode("http://example.org/x"), ox.NamedNode("http://example.org/p"),
                          ox.Literal("x"), ox.NamedNode("http://example.org/other"))])
    store.flush()
    stop, out = tmp_path / "stop", tmp_path / "seen.json"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(store_path), str(stop), str(out), GRAPH])
    try:
        time.sleep(1.0)
        started = time.time()
        load_files(store, files)
        ended = time.time()
        time.sleep(1.0)
    finally:
        stop.touch()
        reader.wait(timeout=120)
    seen = json.loads(out.read_text(encoding="utf-8"))
    counts = {n for _t0, _t1, n in seen if n >= 0}
    during = [n for t0, t1, n in seen if t0 > started and t1 < ended and n >= 0]
    assert counts <= {0, QUADS}, f"a reader saw part of the load: {sorted(counts)}"
    assert QUADS in counts, "the reader never saw the loaded graph"
    assert len(during) >= 2, f"only {len(during)} reads ran while the load ran: the test saw nothing"
    assert len(store) == QUADS + 1


class _NoTransactions:
    """A pyoxigraph store that refuses transactions: only the bulk loader may write, but for the
    class closure (the derived inferred graph, made again after the first commit of a store)."""

    def __init__(self, ox: Any) -> None:
        self._ox = ox
        self.loads = 0

    def bulk_load(self, *args: Any, **kwargs: Any) -> None:
        self.loads += 1
        self._ox.bulk_load(*args, **kwargs)

    def extend(self, quads: Any) -> None:
        from ecokg.graph.namespaces import INFERRED_GRAPH

        quads = list(quads)
        outside = [q for q in quads if q.graph_name.value != str(INFERRED_GRAPH)]
        assert not outside, f"a transaction in a batch that only adds: {outside[:3]}"
        self._ox.extend(quads)

    def update(self, *_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("an update in a batch that only adds")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ox, name)


def test_a_long_article_in_a_new_store_is_one_bulk_load_and_no_transaction(tmp_path: Path) -> None:
    """One document of 100,000 quads or more is a large batch; it only adds (a new store), so its
    graph and the entity graph go in ONE bulk load, and the store equals the transaction path's."""
    from rdflib.compare import isomorphic

    import ecokg.graph.ingest as ingest_module
    from bench.gen_articles import long_article
    from ecokg.graph.builder import GraphBuilder
    from ecokg.graph.store import EcoStore
    from ecokg.loaders.news_loader import NewsArticleLoader
    from ecokg.loaders.reader import iter_sources

    article = tmp_path / "long.txt"
    article.write_text(long_article(60_000, 7), encoding="utf-8")
    doc = GraphBuilder().doc_graph(NewsArticleLoader().load(next(iter_sources([str(article)]))))
    graphs = {}
    for name, min_quads in (("bulk", min(doc.triples, ingest_module.BULK_MIN_QUADS)), ("transaction", 10**9)):
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(ingest_module, "BULK_MIN_QUADS", min_quads)
            with EcoStore.open(tmp_path / name, create=True) as store:
                guard = _NoTransactions(store.ox) if name == "bulk" else None
                if guard is not None:
                    store.ox = guard
                store.ingest([doc])
                if guard is not None:
                    assert guard.loads == 1
                    store.ox = guard._ox
                graphs[name] = store.union_graph()
    assert len(graphs["bulk"]) > 0 and isomorphic(graphs["bulk"], graphs["transaction"])


def test_the_bulk_rewrite_leaves_an_entity_s_own_description_to_the_entity_graph() -> None:
    """``rewrite_ntriples`` (the bulk path) drops what ``merge.rewrite`` (the transaction path)
    drops: an occurrence's labels, alternative names, exactMatch and both sameAs links."""
    import pyoxigraph as ox

    from ecokg.graph.ingest import rewrite_ntriples
    from ecokg.graph.namespaces import ECO, OWL, RDFS, SCHEMA, SKOS

    doc, raw, merged = "http://example.org/doc", "http://example.org/raw/a", "http://example.org/entity/a"
    wd = ox.NamedNode("http://www.wikidata.org/entity/Q1")
    s = ox.NamedNode(raw)
    triples = [ox.Triple(s, ox.NamedNode(str(RDFS.label)), ox.Literal("甲", language="zh")),
               ox.Triple(s, ox.NamedNode(str(SKOS.altLabel)), ox.Literal("甲乙", language="zh")),
               ox.Triple(s, ox.NamedNode(str(SKOS.exactMatch)), wd),
               ox.Triple(s, ox.NamedNode(str(OWL.sameAs)), wd),
               ox.Triple(s, ox.NamedNode(str(SCHEMA.sameAs)), wd),
               ox.Triple(s, ox.NamedNode(str(ECO.mentionedIn)), ox.NamedNode(doc))]
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    out, n = rewrite_ntriples(doc, data, {raw: merged})
    quads = list(ox.parse(out, format=ox.RdfFormat.N_QUADS))
    assert n == 1
    assert [(q.subject.value, q.predicate.value) for q in quads] == [(merged, str(ECO.mentionedIn))]
