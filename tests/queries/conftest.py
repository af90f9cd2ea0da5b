"""Fixtures of the query tests: a store made from the hand-checked mini fixture (two invented
articles about an invented city), and helpers to read result rows by label."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ecokg.testing import free_port, serve_ecokg, stop, wait_for_port

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini.trig"


def recorded_answers() -> Any:
    """The module that records the named queries' answers (``answers/record.py``: its RUNS, SAMPLES
    and ``load``)."""
    spec = importlib.util.spec_from_file_location("ecokg_recorded_answers",
                                                  Path(__file__).parent / "answers" / "record.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


# -- real servers on 127.0.0.1 (ecokg.testing; oxigraph_server is in tests/conftest.py) -------------
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
    import time

    from tests.conftest import ecokg_exe

    with serve_ecokg(ecokg_exe(), store, tmp_path / f"serve-{time.monotonic_ns()}.log", *extra) as (url, _p):
        yield url


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
        pytest.skip(f"'ecokg build {article.name}' fails, so there is no graph to query: "
                    f"{proc.stderr.strip()}")
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
