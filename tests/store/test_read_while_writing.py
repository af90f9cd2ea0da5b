"""Read-only opens while writer processes open, write, close and exit, one after another.

A writer's RocksDB open, flush and compaction delete files that a reader opening at that moment
has just read the names of ("No such file or directory … MANIFEST … may be corrupted", a
RuntimeError from pyoxigraph). ``EcoStore.open(read_only=True)`` opens again after short pauses
(graph/readonly.py); without that this test fails within its first writers.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from ecokg.errors import StoreError
from ecokg.graph.readonly import raced_a_writer
from ecokg.graph.store import EcoStore

WRITERS = 6
WRITES = 3  # transactions per writer, each its own open and close
GRAPH = "https://example.org/writes"

WRITER = f"""
import sys
import pyoxigraph as ox
from ecokg.graph.store import EcoStore
first = int(sys.argv[2])
for i in range(first, first + {WRITES}):
    with EcoStore.open(sys.argv[1], wait=60) as store:
        store.ox.add(ox.Quad(ox.NamedNode(f"https://example.org/s{{i}}"), ox.NamedNode("https://example.org/p"),
                             ox.Literal(str(i)), ox.NamedNode("{GRAPH}")))
"""


def _writes(store_dir: Path) -> int:
    """Quads written so far. The open must not fail; a read that a live writer's compaction
    overtakes (RocksDB opens table files lazily) is read again from a new open, as the server's
    query workers do (ecokg/workers.py)."""
    for _ in range(20):
        with EcoStore.open(store_dir, read_only=True) as reader:
            try:
                return len(list(reader.ox.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH))))
            except (OSError, RuntimeError) as exc:
                if not raced_a_writer(exc):
                    raise
    raise AssertionError("20 reads in a row raced the writer")


@pytest.mark.slow
def test_read_only_opens_survive_writers_that_open_write_and_exit(tmp_path):
    store_dir = tmp_path / "store"
    EcoStore.open(store_dir, create=True).close()
    seen: list[int] = []
    deadline = time.monotonic() + 240
    for n in range(WRITERS):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(store_dir), str(n * WRITES)],
                                  stderr=subprocess.PIPE, text=True)
        try:
            while writer.poll() is None and time.monotonic() < deadline:  # during its opens and closes
                seen.append(_writes(store_dir))
        finally:
            _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        seen.append(_writes(store_dir))  # right after it exited
        assert seen[-1] == (n + 1) * WRITES
    assert len(seen) > 3 * WRITERS  # the reads did overlap the writers
    assert all(0 <= n <= WRITERS * WRITES for n in seen)


def test_the_races_retried_are_a_writers_file_changes_only():
    sst = RuntimeError("Corruption: Corruption: IO error: No such file or directory: While open a file for "
                       "random read: /s/000058.sst: No such file or directory  The file /s/MANIFEST-000045 "
                       "may be corrupted.")
    assert raced_a_writer(sst)
    assert raced_a_writer(RuntimeError("Invalid argument: Column family not found: id2str"))
    assert not raced_a_writer(RuntimeError("Corruption: bad block contents in /s/000058.sst"))
    assert not raced_a_writer(OSError("Permission denied: /s/CURRENT"))


def test_a_damaged_store_is_one_store_error_not_an_engine_error(tmp_path):
    store_dir = tmp_path / "store"
    EcoStore.open(store_dir, create=True).close()
    current = store_dir / "CURRENT"
    current.write_text("MANIFEST-999999\n")  # names a file list that is not there
    started = time.monotonic()
    with pytest.raises(StoreError, match=r"cannot open the store at .* for reading") as info:
        EcoStore.open(store_dir, read_only=True)
    assert "MANIFEST-999999" in str(info.value)
    assert time.monotonic() - started < 30  # the pauses are bounded (about 3 s in all)
