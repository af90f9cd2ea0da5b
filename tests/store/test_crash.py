"""kill -9 in the middle of multi-article ingests: the store opens and holds exactly what committed."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from ecokg.graph.builder import doc_graphs
from ecokg.graph.store import EcoStore

HERE = Path(__file__).resolve().parent

WRITER = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("articles", sys.argv[1])
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
from ecokg.graph.builder import doc_graphs
from ecokg.graph.store import EcoStore
first, batches = int(sys.argv[3]), int(sys.argv[4])
with EcoStore.open(sys.argv[2], create=True) as store:
    for b in range(batches):
        if sys.stdin.readline().strip() != "go":
            break
        exs = [mod.variant(first + 3 * b + k) for k in range(3)]
        print("start", " ".join(f"v{first + 3 * b + k}.txt" for k in range(3)), flush=True)
        store.ingest(doc_graphs(exs))
        print("committed", flush=True)
"""


@pytest.mark.slow
def test_kill_9_during_ingest_leaves_exactly_the_committed_documents(tmp_path):
    rng = random.Random(20251211)
    store_dir = tmp_path / "store"
    committed: set[str] = set()
    first = 0
    for _round in range(5):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(HERE / "conftest.py"), str(store_dir),
                                 str(first), "40"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                text=True)
        assert proc.stdout is not None and proc.stdin is not None

        def go(proc: subprocess.Popen[str] = proc) -> set[str]:
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
            line = proc.stdout.readline().split()
            assert line[0] == "start"
            return set(line[1:])

        # let it commit a random number of batches, then kill it while a batch is in flight
        for _ in range(rng.randint(1, 3)):
            in_flight = go()
            assert proc.stdout.readline().strip() == "committed"
            committed |= in_flight
        in_flight = go()  # the writer is now building, merging or committing this batch
        time.sleep(rng.uniform(0, 0.05))
        proc.kill()  # SIGKILL: no cleanup, no flush
        rest = proc.stdout.read()
        proc.wait()
        if rest.startswith("committed"):
            committed |= in_flight
            in_flight = set()
        with EcoStore.open(store_dir, read_only=True) as store:
            names = {d.file_name for d in store.documents()}
        assert names == committed or names == committed | in_flight, (names ^ committed)
        committed = names
        first += 3 * 40
    assert len(committed) >= 15
    # the state is consistent: the same union as building those articles afresh
    spec_names = sorted(int(n[1:-4]) for n in committed)
    import importlib.util

    spec = importlib.util.spec_from_file_location("store_articles", HERE / "conftest.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    with EcoStore.open(tmp_path / "fresh", create=True) as fresh:
        fresh.ingest(doc_graphs([mod.variant(i) for i in spec_names]))
        expected = fresh.union_graph(ontology=False)
    with EcoStore.open(store_dir) as store:  # opens for writing again: lock released by the kill
        assert isomorphic(store.union_graph(ontology=False), expected)
        store.ingest([])  # a writer drops raw files of batches that never committed
    raw = sorted(p.name for p in (store_dir / "ecokg-meta" / "docs").iterdir())
    assert len(raw) == 2 * len(committed) and not [n for n in raw if n.endswith(".tmp")]
