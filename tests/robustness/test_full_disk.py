"""A full disk: the store sits on a small tmpfs, a filler file leaves a few KB free, and a build
of another article must either succeed or fail in one line with the store unchanged, whatever
the amount left (the raw-graph files, the RocksDB WAL or the manifest is the first to hit it)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ecokg.graph.store import EcoStore

from .conftest import assert_one_line_error, sample_article, snapshot, tmpfs

LEFT_KB = [0, 64, 400]


def _fill(mnt: Path, leave_kb: int) -> None:
    filler = mnt / "filler"
    filler.unlink(missing_ok=True)
    st = os.statvfs(mnt)
    free = st.f_bavail * st.f_frsize
    size = max(free - leave_kb * 1024, 0)
    with filler.open("wb") as fh:
        chunk = b"\0" * (1 << 20)
        while size > 0:
            n = min(size, len(chunk))
            try:
                fh.write(chunk[:n])
                fh.flush()
            except OSError:
                break
            size -= n


@pytest.mark.slow
def test_build_on_a_full_disk(tmp_path, template_store, ecokg) -> None:
    article = sample_article("wuhan-ai-brief.md")
    failures = 0
    with tmpfs(tmp_path / "disk", "12m") as mnt:
        store = mnt / "store"
        shutil.copytree(template_store, store)
        for leave in LEFT_KB:
            before = snapshot(store, tmp_path)
            _fill(mnt, leave)
            proc = ecokg("build", "-q", "--store", str(store), str(article))
            (mnt / "filler").unlink()
            if proc.returncode == 0:
                with EcoStore.open(store) as s:  # it went in: take it out for the next round
                    assert len(s.document_graphs()) == 2
                    s.remove_document("wuhan-ai-brief.md")
            else:
                failures += 1
                assert_one_line_error(proc, str(store))
                assert snapshot(store, tmp_path) == before, f"store changed with {leave} KB left"
                assert not [p for p in (store / "ecokg-meta" / "docs").iterdir() if p.suffix == ".tmp"]
    assert failures >= 1  # at least "0 KB left" must fail


def test_export_to_a_full_disk(tmp_path, store, ecokg) -> None:
    with tmpfs(tmp_path / "disk", "1m") as mnt:
        _fill(mnt, 0)
        out = mnt / "export.ttl"
        proc = ecokg("export", "--store", str(store), "-o", str(out))
        assert_one_line_error(proc, "export.ttl")
        assert not out.exists()
        assert not [p for p in mnt.iterdir() if p.name != "filler"]
