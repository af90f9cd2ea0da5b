"""Shared fixtures: paths to the repository, the shared corpus and the CLI.

``run_cli`` runs ``ecokg ARGS`` in this process (``click.testing.CliRunner`` around the same
``ecokg.cli.main`` as the console script), which saves a Python start and the imports of every
call; ``run_installed`` starts the installed console script for the few tests that must prove
the entry point itself (tests/test_package.py, the kill/concurrency tests that need a process).

Under pytest-xdist (the README's ``pytest -q -n 2 --dist loadgroup``) a test marked ``serial`` runs
while no other worker runs a test: the tests that bound a time (CPU-time ratios, a server's
deadlines) measure the code, not a neighbour (``_turn`` below).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Generator, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ecokg.loaders.records import Extraction

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ECOKG_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"
EVAL = SHARED / "eval"
CORPUS_ARTICLE = CORPUS / "qingdao-ai-2025-12-11.txt"
CORPUS_GOLD = EVAL / "qingdao-ai-2025-12-11.gold.yaml"


REQUIRED_SHARED = (EVAL / "score.py", EVAL / "pool.py", CORPUS_ARTICLE, CORPUS_GOLD)

# Every build in the tests (in this process, the CLI's subprocesses, worker processes) stamps its
# extractions with one fixed prov:generatedAtTime, 2026-01-01T00:00:00Z, so that two builds of the
# same articles compare byte for byte (graph/generated.py; tests/time/test_generated.py checks the
# stamp itself, with and without this variable).
os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")


def pytest_sessionstart(session: pytest.Session) -> None:
    """Quality gates never skip silently: on CI (CI=true) a missing ../shared fails the run."""
    if os.environ.get("CI", "").lower() != "true":
        return
    missing = [str(p) for p in REQUIRED_SHARED if not p.is_file()]
    if missing:
        raise pytest.UsageError(f"CI=true but the shared files the quality gates need are missing: "
                                f"{', '.join(missing)} (clone ../shared beside the repository)")


@contextmanager
def _flock(path: Path, mode: int) -> Iterator[None]:
    with path.open("a") as f:
        fcntl.flock(f, mode)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


@contextmanager
def _turn(config: pytest.Config, serial: bool) -> Iterator[None]:
    """Hold this xdist worker's turn for one test: shared for an ordinary test, exclusive for a
    ``serial`` one. A readers-writer lock over two files in the run's base temporary folder (shared
    by the workers of one run): the turnstile, which a serial test holds while it waits, keeps new
    ordinary tests from starting meanwhile, so it waits only for the tests already running.
    Outside xdist (no ``workerinput``) nothing is locked."""
    if not hasattr(config, "workerinput") or not config.option.basetemp:
        yield
        return
    base = Path(config.option.basetemp).parent  # xdist gives each worker BASETEMP/<worker id>
    base.mkdir(parents=True, exist_ok=True)
    turnstile, turns = base / "serial-turnstile.lock", base / "serial-turns.lock"
    if serial:
        with _flock(turnstile, fcntl.LOCK_EX), _flock(turns, fcntl.LOCK_EX):
            yield
        return
    with _flock(turnstile, fcntl.LOCK_EX):
        pass
    with _flock(turns, fcntl.LOCK_SH):
        yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item,
                            nextitem: pytest.Item | None) -> Generator[None, object, object]:
    with _turn(item.config, item.get_closest_marker("serial") is not None):
        return (yield)


def store_of(path: Path, extractions: Iterable[Extraction]) -> Path:
    """A new store at ``path`` holding these extractions (one ingest); returns ``path``."""
    from ecokg.graph.builder import doc_graphs
    from ecokg.graph.store import EcoStore

    with EcoStore.open(path, create=True) as store:
        store.ingest(doc_graphs(list(extractions)))
    return path


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def corpus_article() -> Path:
    if not CORPUS_ARTICLE.is_file():
        pytest.skip(f"shared corpus article not found at {CORPUS_ARTICLE} (../shared is absent)")
    return CORPUS_ARTICLE


@pytest.fixture
def corpus_gold() -> Path:
    if not CORPUS_GOLD.is_file():
        pytest.skip(f"shared gold file not found at {CORPUS_GOLD} (../shared is absent)")
    return CORPUS_GOLD


def ecokg_exe() -> list[str]:
    """The installed console script, else ``python -m ecokg``."""
    exe = shutil.which("ecokg")
    return [exe] if exe else [sys.executable, "-m", "ecokg"]


def run_cli(*args: str, cwd: Path | None = None, input: bytes | None = None,
            env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``ecokg ARGS`` in this process, through the console script's ``main``.

    Same result shape as ``run_installed`` (exit code, stdout, stderr as text); ``cwd`` is entered
    for the call and left after it; ``timeout`` is the test's own (pytest-timeout) here.
    """
    from click.testing import CliRunner

    from ecokg.cli import main

    del timeout
    here = os.getcwd()
    with CliRunner().isolation(input=input, env=env) as (out, err, _mixed):
        try:
            if cwd is not None:
                os.chdir(cwd)
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        else:
            code = 0
        finally:
            os.chdir(here)
    return subprocess.CompletedProcess(["ecokg", *args], code, out.getvalue().decode("utf-8", "replace"),
                                       err.getvalue().decode("utf-8", "replace"))


def run_ecokg(*args: str) -> tuple[int, str, str]:
    """``run_cli(*args)`` as (exit code, stdout, stderr)."""
    proc = run_cli(*args)
    return proc.returncode, proc.stdout, proc.stderr


def run_installed(*args: str, cwd: Path | None = None, input: bytes | None = None,
                  env: dict[str, str] | None = None,
                  timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``ecokg ARGS`` in a subprocess through the installed console script, as a user would."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    return subprocess.run(
        [*ecokg_exe(), *args], cwd=cwd, input=input.decode() if input is not None else None,
        capture_output=True, text=True, env=full_env, timeout=timeout,
    )


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """A real ``oxigraph serve`` on a free loopback port; yields its base URL."""
    from ecokg.testing import serve_oxigraph

    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.skip("the 'oxigraph' server binary (PyPI package oxigraph) is not installed")
    with serve_oxigraph(exe, tmp_path / "ox", tmp_path / "oxigraph.log") as url:
        yield url
