"""Two writers on one store: the second waits for the lock with a message (``--wait SECONDS``,
then one line), the result equals a serial build, and a writer killed with SIGKILL while holding
the lock leaves nothing that blocks the next one (the lock is a ``flock``; the kernel drops it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.compare import isomorphic

from bench.gen_articles import plan_article, render
from bench.world import World
from ecokg.graph.store import EcoStore
from tests.conftest import ecokg_exe, run_cli

from .conftest import assert_one_line_error, sample_article

LOCK = Path("ecokg-meta") / "lock"
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.default_context:DeprecationWarning")  # rdflib 7


def articles(folder: Path, first: int, count: int) -> Path:
    """``count`` generated articles of the genre (the same world, so entities overlap)."""
    folder.mkdir(parents=True)
    w = World(4)
    texts = [render(plan_article(w, i)) for i in range(first + count)]
    for i in range(first, first + count):
        (folder / f"article-{i:03d}.txt").write_text(texts[i], encoding="utf-8")
    return folder


def build(store: Path, folder: Path, log: Path, *extra: str) -> subprocess.Popen[bytes]:
    with log.open("wb") as fh:
        return subprocess.Popen([*ecokg_exe(), "build", "--store", str(store), *extra, str(folder)],
                                stdout=subprocess.DEVNULL, stderr=fh)


def wait_for(condition, seconds: float, what: str) -> None:
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, f"timed out waiting for {what}"
        time.sleep(0.1)


def dataset(store: Path, out: Path) -> Dataset:
    from ecokg.graph.export import export_store

    with EcoStore.open(store, read_only=True) as s:
        export_store(s, out, "nq")
    ds = Dataset()
    ds.parse(out, format="nquads")
    return ds


def same_graphs(a: Dataset, b: Dataset) -> None:
    names_a = {g.identifier for g in a.graphs()} - {URIRef("urn:x-rdflib:default")}
    names_b = {g.identifier for g in b.graphs()} - {URIRef("urn:x-rdflib:default")}
    assert names_a == names_b and len(names_a) > 10
    for name in names_a:
        assert isomorphic(a.graph(name), b.graph(name)), name


@contextmanager
def holding(store: Path) -> Iterator[EcoStore]:
    """This test process writes the store (holds its lock) inside the ``with``."""
    s = EcoStore.open(store, create=True)
    try:
        yield s
    finally:
        s.close()


def test_second_writer_waits_and_the_store_equals_a_serial_build(tmp_path: Path) -> None:
    a, b = articles(tmp_path / "a", 0, 8), articles(tmp_path / "b", 8, 8)
    store = tmp_path / "store"
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    with holding(store):  # both builds must wait, so they really run at the same time
        procs = [build(store, folder, log, "--wait", "120") for folder, log in zip((a, b), logs, strict=True)]
        wait_for(lambda: all("waiting up to 120 s" in log.read_text() for log in logs), 120,
                 "both builds to wait for the lock")
        for log in logs:
            text = log.read_text()
            assert f"(pid {os.getpid()})" in text and str(store) in text, text
    for proc, log in zip(procs, logs, strict=True):
        assert proc.wait(timeout=240) == 0, log.read_text()[-2000:]

    serial = tmp_path / "serial"
    for folder in (a, b):  # the reference: the same command, one after the other, in this process
        done = run_cli("build", "-q", "--store", str(serial), str(folder))
        assert done.returncode == 0, done.stderr[-2000:]
    same_graphs(dataset(store, tmp_path / "parallel.nq"), dataset(serial, tmp_path / "serial.nq"))


def test_wait_limit_then_one_line(tmp_path: Path, cli) -> None:
    store = tmp_path / "store"
    with holding(store) as s:
        started = time.monotonic()
        proc = cli("build", "-q", "--wait", "1", "--store", str(store), str(sample_article()))
        seconds = time.monotonic() - started
        assert_one_line_error(proc, str(store), f"pid {os.getpid()}", "after waiting 1 s", "--wait")
        assert 1 <= seconds < 60
        assert s.documents() == []  # nothing was written behind the holder's back


HOLDER = """
import sys, time
from ecokg.graph.store import EcoStore
s = EcoStore.open(sys.argv[1], create=True)
print("locked", flush=True)
time.sleep(120)
"""


def test_a_writer_killed_holding_the_lock_blocks_nobody(tmp_path: Path, cli) -> None:
    store = tmp_path / "store"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(store)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"locked"
        busy = cli("build", "-q", "--wait", "0", "--store", str(store), str(sample_article()))
        assert_one_line_error(busy, f"pid {holder.pid}")  # it really holds the lock
        os.kill(holder.pid, signal.SIGKILL)
        assert holder.wait(timeout=30) == -signal.SIGKILL
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(timeout=30)
    assert (store / LOCK).read_text().strip() == str(holder.pid)  # the lock file stays behind …
    proc = cli("build", "-q", "--wait", "0", "--store", str(store), str(sample_article()))
    assert proc.returncode == 0, proc.stderr  # … and does not block: no waiting needed
    with EcoStore.open(store, read_only=True) as s:
        assert len(s.documents()) == 1
