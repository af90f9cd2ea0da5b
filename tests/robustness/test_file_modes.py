"""Files ecokg writes keep the user's umask: 0666 & ~umask, as ``open()`` would make them.

Atomic writes go through a ``mkstemp`` file (mode 0600) renamed into place; without care every
export and view would be private to its owner. Checked for ``export``, ``view``, ``build -o``
(with and without a store) and the store's own side files, under umask 022 and 077.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import sample_article


@contextmanager
def umask(mask: int) -> Iterator[None]:
    """The test process's umask (inherited by the ecokg subprocesses) set to ``mask``."""
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600)])
def test_outputs_follow_the_umask(tmp_path: Path, store: Path, ecokg, mask: int, expected: int) -> None:
    article = sample_article()
    out = tmp_path / "out"
    out.mkdir()
    with umask(mask):
        runs = {
            "export.nq": ecokg("export", "--store", str(store), "-o", str(out / "export.nq")),
            "view.html": ecokg("view", "--store", str(store), "-o", str(out / "view.html")),
            "built.ttl": ecokg("build", "-q", "-o", str(out / "built.ttl"), str(article)),
            "stored.trig": ecokg("build", "-q", "--store", str(tmp_path / "new"), "-o",
                                 str(out / "stored.trig"), str(article)),
        }
    for name, proc in runs.items():
        assert proc.returncode == 0, (name, proc.stderr[-2000:])
        assert mode(out / name) == expected, (name, oct(mode(out / name)), oct(expected))
    meta = tmp_path / "new" / "ecokg-meta"
    side = [meta / "store.json", *sorted((meta / "docs").iterdir())]
    assert len(side) >= 3
    assert {p.name: oct(mode(p)) for p in side} == {p.name: oct(expected) for p in side}
    assert not list(out.glob(".*.tmp"))


def test_atomic_write_reads_the_umask_without_changing_it(tmp_path: Path) -> None:
    from ecokg.graph.store import atomic_write

    with umask(0o027):
        atomic_write(tmp_path / "a.txt", "x")
        assert os.umask(0o027) == 0o027  # still what the caller set
    assert mode(tmp_path / "a.txt") == 0o640
