"""The disk fills up in the middle of a build of many articles: one line naming the store, the
store still opens and holds exactly what it held before, and after space is freed the same
command builds them all.

Two ways to run out of space: a small tmpfs (root only) whose free space is a fraction of what the
build needs, measured first on an ordinary disk, so that it ends at different points of the
ingest (raw-graph files, the RocksDB log, the table files); and, anywhere, a file size limit
(RLIMIT_FSIZE with SIGXFSZ ignored: writes past it fail with EFBIG), set in the build process
only."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from bench.during_build import write_articles
from ecokg.graph.store import EcoStore
from tests.conftest import ecokg_exe

from .conftest import assert_one_line_error, snapshot, tmpfs
from .test_full_disk import _fill

ARTICLES = 20


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _build(store: Path, articles: Path, fsize: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit() -> None:  # in the child only: the test process keeps its own limits
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    env = {**os.environ, "ECOKG_DEBUG": ""}
    return subprocess.run([*ecokg_exe(), "build", "-q", "--store", str(store), str(articles)],
                          capture_output=True, text=True, timeout=600, env=env,
                          preexec_fn=limit if fsize is not None else None)


def _check_failed(proc: subprocess.CompletedProcess[str], store: Path, before: object, tmp: Path) -> None:
    assert_one_line_error(proc, str(store))
    with EcoStore.open(store) as s:  # opens for writing: not corrupted, the lock is free
        assert len(s.document_graphs()) == 1
    assert snapshot(store, tmp) == before
    assert not [p for p in (store / "ecokg-meta" / "docs").iterdir() if p.suffix == ".tmp"]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_tmpfs_fills_up_mid_ingest(tmp_path, template_store) -> None:
    articles = tmp_path / "articles"
    write_articles(articles, ARTICLES)
    probe = tmp_path / "probe"
    shutil.copytree(template_store, probe)
    start = _du(probe)
    assert _build(probe, articles).returncode == 0
    need = max(_du(probe) - start, 1 << 20)
    shutil.rmtree(probe)
    failures = 0
    with tmpfs(tmp_path / "disk", f"{(_du(template_store) + 3 * need) // 1024 + 4096}k") as mnt:
        store = mnt / "store"
        shutil.copytree(template_store, store)
        before = snapshot(store, tmp_path)
        with EcoStore.open(store, read_only=True) as s:
            docs_before = set(s.document_graphs())
        for share in (0.05, 0.3, 0.6):
            _fill(mnt, int(need * share) // 1024)
            proc = _build(store, articles)
            (mnt / "filler").unlink()
            if proc.returncode == 0:  # RocksDB fitted its write in what was left: undo it for the next round
                with EcoStore.open(store) as s:
                    for doc in [d for d in s.document_graphs() if d not in docs_before]:
                        s.remove_document(doc)
                continue
            failures += 1
            _check_failed(proc, store, before, tmp_path)
        assert failures >= 1
        proc = _build(store, articles)  # space again: the same command now builds them all
        assert proc.returncode == 0, proc.stderr
        with EcoStore.open(store, read_only=True) as s:
            assert len(s.document_graphs()) == ARTICLES + 1


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize("fsize_kb", [16, 256, 2048])
def test_file_size_limit_mid_ingest(tmp_path, store, fsize_kb: int) -> None:
    articles = tmp_path / "articles"
    write_articles(articles, ARTICLES)
    before = snapshot(store, tmp_path)
    proc = _build(store, articles, fsize_kb * 1024)
    _check_failed(proc, store, before, tmp_path)
    proc = _build(store, articles)
    assert proc.returncode == 0, proc.stderr
    with EcoStore.open(store, read_only=True) as s:
        assert len(s.document_graphs()) == ARTICLES + 1
