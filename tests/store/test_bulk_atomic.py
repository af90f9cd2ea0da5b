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

import pytest

QUADS = 1_100_000  # more than the bulk loader's batch (1,000,000 quads)
GRAPH = "http://example.org/doc"

READER = """
import json, sys, time
import pyoxigraph as ox
path, stop, out = sys.argv[1], sys.argv[2], sys.argv[3]
seen = []
query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }"
import os
while not os.path.exists(stop):
    t = time.time()
    try:
        store = ox.Store.read_only(path)
        n = int(next(iter(store.query(query)))[0].value)
        del store
    except OSError as exc:  # a table file replaced under the open: what the server retries
        n = -1
    seen.append([t, time.time(), n])
with open(out, "w") as fh:
    json.dump(seen, fh)
""" % GRAPH


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
    reader = subprocess.Popen([sys.executable, "-c", READER, str(store_path), str(stop), str(out)])
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
