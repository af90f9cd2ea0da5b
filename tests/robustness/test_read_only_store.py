"""A read-only store. As root chmod does not stop writes, so the store sits on a tmpfs that is
remounted read-only; as another user plain chmod is enough. Writers fail in one line and change
nothing; readers still work."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from .conftest import assert_one_line_error, remount_read_only, sample_article, snapshot, tmpfs


def _chmod_tree(root: Path, writable: bool) -> None:
    for path in [root, *root.rglob("*")]:
        mode = path.stat().st_mode
        bits = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
        path.chmod(mode | stat.S_IWUSR if writable else mode & ~bits)


@pytest.fixture
def read_only_store(template_store: Path, tmp_path: Path):
    if os.geteuid() == 0:
        with tmpfs(tmp_path / "ro", "64m") as mnt:
            dest = mnt / "store"
            shutil.copytree(template_store, dest)
            remount_read_only(mnt)
            yield dest
    else:
        dest = tmp_path / "store"
        shutil.copytree(template_store, dest)
        _chmod_tree(dest, writable=False)
        try:
            yield dest
        finally:
            _chmod_tree(dest, writable=True)


def test_build_into_read_only_store(tmp_path, read_only_store, ecokg) -> None:
    before = snapshot(read_only_store, tmp_path)
    proc = ecokg("build", "-q", "--store", str(read_only_store), str(sample_article("wuhan-ai-brief.md")))
    assert_one_line_error(proc, str(read_only_store))
    assert snapshot(read_only_store, tmp_path) == before


def test_remove_from_read_only_store(tmp_path, read_only_store, ecokg) -> None:
    before = snapshot(read_only_store, tmp_path)
    proc = ecokg("remove", "--store", str(read_only_store), "qingdao-ai-brief.txt")
    assert_one_line_error(proc, str(read_only_store))
    assert snapshot(read_only_store, tmp_path) == before


def test_readers_work_on_read_only_store(tmp_path, read_only_store, ecokg) -> None:
    out = tmp_path / "all.ttl"
    assert ecokg("export", "--store", str(read_only_store), "-o", str(out)).returncode == 0
    assert out.stat().st_size > 0
    proc = ecokg("stats", "--store", str(read_only_store))
    assert proc.returncode == 0 and "documents    1" in proc.stdout
    proc = ecokg("query", "--store", str(read_only_store), "figures", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("\n") >= 2
