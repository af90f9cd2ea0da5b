"""Shared helpers of the bad-input suite: a small store to break, a snapshot of it, and the
contract every failing command must keep (exit code 1 or 2, exactly one line on stderr that
starts with ``ecokg: error:``, no traceback, the store unchanged).

Large inputs are generated at test time; nothing big is committed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import run_cli, store_of


@dataclass(frozen=True)
class Snapshot:
    """What a store holds: its canonical N-Quads export and its raw-graph files."""

    nquads: bytes
    raw_files: tuple[str, ...]


def snapshot(store: Path, tmp: Path) -> Snapshot:
    from ecokg.graph.export import export_store
    from ecokg.graph.store import EcoStore

    out = tmp / f"snapshot-{len(list(tmp.glob('snapshot-*')))}.nq"
    with EcoStore.open(store, read_only=True) as s:
        export_store(s, out, "nq")
    docs = store / "ecokg-meta" / "docs"
    raw = tuple(sorted(p.name for p in docs.iterdir())) if docs.is_dir() else ()
    return Snapshot(out.read_bytes(), raw)


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *mentions: str,
                          codes: tuple[int, ...] = (1, 2)) -> str:
    """The failure contract; returns the message line."""
    assert proc.returncode in codes, (proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr[-3000:]
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr[-3000:]
    line = lines[0]
    assert line.startswith("ecokg: error: "), line
    assert "internal error" not in line, line
    for m in mentions:
        assert m in line, (m, line)
    return line


def sample_article(name: str = "qingdao-ai-brief.txt") -> Path:
    """A bundled sample article (invented text shipped with ecokg) as a real path."""
    from ecokg.resources import sample_articles

    for f in sample_articles():
        if f.name == name:
            return Path(str(f))
    raise LookupError(name)


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding one bundled sample article, built once per session."""
    from ecokg.loaders.news_loader import NewsArticleLoader
    from ecokg.loaders.reader import iter_sources

    path = tmp_path_factory.mktemp("robust-template") / "store"
    (raw,) = list(iter_sources([str(sample_article())]))
    return store_of(path, [NewsArticleLoader().load(raw)])


@pytest.fixture
def store(template_store: Path, tmp_path: Path) -> Path:
    """A private copy of the template store."""
    dest = tmp_path / "store"
    shutil.copytree(template_store, dest)
    return dest


@pytest.fixture
def ecokg() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_cli


@pytest.fixture
def build_must_fail(store: Path, tmp_path: Path) -> Callable[..., str]:
    """``ecokg build --store S FILE`` fails by the contract and leaves the store as it was."""

    def check(article: Path, *mentions: str) -> str:
        before = snapshot(store, tmp_path)
        proc = run_cli("build", "-q", "--store", str(store), str(article))
        line = assert_one_line_error(proc, article.name, *mentions)
        assert snapshot(store, tmp_path) == before
        return line

    return check


@contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    """A small tmpfs mounted at ``path`` (root only); skips the test where mounting is not allowed."""
    if os.geteuid() != 0:
        pytest.skip("mounting a size-limited tmpfs needs root")
    if shutil.which("mount") is None or shutil.which("umount") is None:
        pytest.skip("mount/umount are not installed")
    path.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (no CAP_SYS_ADMIN?): {proc.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def remount_read_only(path: Path) -> None:
    proc = subprocess.run(["mount", "-o", "remount,ro", str(path)], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot remount {path} read-only: {proc.stderr.strip()}")
