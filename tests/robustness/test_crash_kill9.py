"""Crash safety: ``kill -9`` at random points of multi-article ``ecokg build`` runs, 12 times.
After each kill the store opens, holds exactly the documents of the builds that finished (one
build is one transaction: all of its articles or none), and its export passes ``ecokg check``
(SHACL and data checks after every kill, HermiT too at the end when Java is installed). At the
end the store equals a store built afresh from the committed articles."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from ecokg.graph.builder import doc_graphs
from ecokg.graph.checker import check
from ecokg.graph.export import export_store
from ecokg.graph.store import EcoStore
from ecokg.loaders.news_loader import NewsArticleLoader
from ecokg.loaders.reader import iter_sources

# (half anywhere, half late; the check after each kill reads the whole store with rdflib, so its
# cost grows with the store: two articles a build keep it small, and still one transaction of several)
KILLS = 12
PER_BUILD = 2
CITIES = ["青岛", "武汉", "成都"]


def _article(folder: Path, i: int) -> Path:
    city = CITIES[i % len(CITIES)]
    path = folder / f"a{i:03d}.txt"
    path.write_text(f"{city}第{i}智能科技有限公司落户{city}市人工智能产业园。\n"
                    f"该公司2025年营业收入超过{i + 1}亿元，入选国家级专精特新“小巨人”企业。\n"
                    f"{city}市人工智能产业园今年新增企业{i + 10}家。\n", encoding="utf-8")
    return path


def _build(store: Path, files: list[Path]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "ecokg", "build", "-q", "--store", str(store),
                             *map(str, files)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def _names(store: Path) -> set[str]:
    with EcoStore.open(store, read_only=True) as s:
        return {d.file_name or "" for d in s.documents()}


def _checked(store: Path, out: Path, reasoner: bool = False) -> None:
    with EcoStore.open(store, read_only=True) as s:
        export_store(s, out, "trig")
    report = check([out], shacl=True, reasoner=reasoner)
    assert report.conforms, report.to_dict()


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_kill_9_during_builds(tmp_path: Path) -> None:
    rng = random.Random(20251211)
    articles = tmp_path / "articles"
    articles.mkdir()
    store = tmp_path / "store"
    committed: set[str] = set()
    # one build runs to its end: how long a build takes here sets the range of kill times
    first = [_article(articles, i) for i in range(PER_BUILD)]
    started = time.monotonic()
    proc = _build(store, first)
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""
    duration = time.monotonic() - started
    committed |= {p.name for p in first}
    assert _names(store) == committed
    n = PER_BUILD
    kills = attempts = 0
    while kills < KILLS and attempts < 3 * KILLS:  # bounded: a build that ends first is no kill
        attempts += 1
        files = [_article(articles, n + j) for j in range(PER_BUILD)]
        n += PER_BUILD
        started = time.monotonic()
        proc = _build(store, files)
        # half the kills anywhere, half late, where the transaction is written
        delay = rng.uniform(0.05, duration) if attempts % 2 else rng.uniform(0.5 * duration, 0.95 * duration)
        try:
            proc.wait(timeout=delay)
            duration = min(duration, time.monotonic() - started)  # builds got faster (warm caches)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)
            kills += 1
        names = _names(store)
        batch = {p.name for p in files}
        if proc.returncode == 0:
            assert names == committed | batch
        else:
            assert names in (committed, committed | batch), (sorted(names ^ committed))
        committed = names
        _checked(store, tmp_path / f"after-{attempts}.trig")
    assert kills == KILLS
    assert len(committed) >= PER_BUILD
    # the survivors equal a fresh build of exactly the committed articles
    loader = NewsArticleLoader()
    fresh = tmp_path / "fresh"
    raws = list(iter_sources([str(articles / name) for name in sorted(committed)]))
    with EcoStore.open(fresh, create=True) as f:
        f.ingest(doc_graphs([loader.load(r) for r in raws]))
        expected = f.union_graph(ontology=False)
    with EcoStore.open(store) as s:  # a writer again: the killed writers' lock is gone
        assert isomorphic(s.union_graph(ontology=False), expected)
        s.ingest([])
    raw = sorted(p.name for p in (store / "ecokg-meta" / "docs").iterdir())
    assert len(raw) == 2 * len(committed) and not [r for r in raw if r.endswith(".tmp")]
    _checked(store, tmp_path / "final.trig", reasoner=shutil.which("java") is not None)
