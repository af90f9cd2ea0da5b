"""Fixtures of the query tests: a store made from the hand-checked mini fixture (two invented
articles about an invented city), and helpers to read result rows by label."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini.trig"


def make_store(path: Path, trig: Path = MINI) -> Path:
    import pyoxigraph as ox

    from ecokg.graph.closure import materialize_class_closure
    from ecokg.graph.store import EcoStore

    store = EcoStore.open(path, create=True)
    try:
        store.ox.load(path=str(trig), format=ox.RdfFormat.TRIG)
        materialize_class_closure(store.ox)  # as 'ecokg load' does
    finally:
        store.close()
    return path


@pytest.fixture(scope="session")
def mini_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("mini") / "store")


# -- real servers on 127.0.0.1 ---------------------------------------------------------------------
def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, proc: Any, deadline: float = 60.0, what: str = "server") -> None:
    """Wait until something listens on 127.0.0.1:port (bounded); fail if the process died."""
    import socket
    import time

    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode} before listening on {port}")
        with socket.socket() as s:
            s.settimeout(0.5)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on {port} within {deadline:g} s")


def stop(proc: Any) -> None:
    import subprocess

    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """A real ``oxigraph serve`` on a free loopback port; yields its base URL."""
    import shutil
    import subprocess

    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.skip("the 'oxigraph' server binary (PyPI package oxigraph) is not installed")
    port = free_port()
    log = (tmp_path / "oxigraph.log").open("wb")
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, proc, what="oxigraph serve")
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)
        log.close()


@pytest.fixture(scope="session")
def ecokg_serve(mini_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``ecokg serve`` on the mini store in a subprocess (port 0); yields its /sparql URL."""
    yield from _serve(mini_store, tmp_path_factory.mktemp("serve"))


@pytest.fixture
def ecokg_serve_rw(tmp_path: Path) -> Iterator[str]:
    """``ecokg serve --allow-update --token s3cret`` on a fresh copy of the mini store."""
    store = make_store(tmp_path / "rw-store")
    yield from _serve(store, tmp_path, "--allow-update", "--token", "s3cret", "--timeout", "20")


def _serve(store: Path, tmp_path: Path, *extra: str) -> Iterator[str]:
    import re
    import subprocess
    import time

    from tests.conftest import ecokg_exe

    err = tmp_path / f"serve-{time.monotonic_ns()}.log"
    with err.open("wb") as log:
        proc = subprocess.Popen([*ecokg_exe(), "serve", "--store", str(store), "--port", "0", *extra],
                                stdout=subprocess.DEVNULL, stderr=log)
    try:
        end = time.monotonic() + 60
        url = None
        while url is None and time.monotonic() < end and proc.poll() is None:
            m = re.search(r"at (http://127\.0\.0\.1:\d+/sparql)", err.read_text(encoding="utf-8"))
            url = m.group(1) if m else time.sleep(0.1)
        if url is None:
            raise RuntimeError(f"ecokg serve did not start: {err.read_text(encoding='utf-8')}")
        yield url
    finally:
        stop(proc)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
"""


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Virtuoso (Debian virtuoso-opensource) on loopback ports; yields its base URL.

    User dba/dba; Graph Store Protocol with digest auth at /sparql-graph-crud-auth.
    """
    import shutil
    import subprocess

    exe = shutil.which("virtuoso-t")
    if exe is None:
        pytest.skip("virtuoso-t not found: install Debian's virtuoso-opensource to run the Virtuoso tests")
    d = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    ini = d / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=d, sql=sql, http=http), encoding="utf-8")
    log = (d / "stdout.log").open("wb")
    proc = subprocess.Popen([exe, "+foreground", "+configfile", str(ini)], cwd=d, stdout=log,
                            stderr=subprocess.STDOUT)
    try:
        wait_for_port(http, proc, deadline=120, what="virtuoso-t")
        yield f"http://127.0.0.1:{http}"
    finally:
        stop(proc)
        log.close()


# -- stores built from articles with 'ecokg build' -------------------------------------------------
def _build(article: Path, store: Path) -> Path:
    if not article.is_file():
        pytest.skip(f"article not found at {article}")
    from tests.conftest import run_cli

    proc = run_cli("build", str(article), "--store", str(store), "-q", timeout=300)
    if proc.returncode != 0:
        pytest.skip(f"'ecokg build {article.name}' fails, so there is no graph to query: {proc.stderr.strip()}")
    proc = run_cli("chain", "--store", str(store), timeout=120)  # the industry chain placements
    assert proc.returncode == 0, proc.stderr
    return store


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import CORPUS_ARTICLE

    return _build(CORPUS_ARTICLE, tmp_path_factory.mktemp("corpus") / "store")


@pytest.fixture(scope="session")
def wuhan_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import REPO

    return _build(REPO / "samples" / "wuhan-ai-brief.md", tmp_path_factory.mktemp("wuhan") / "store")
