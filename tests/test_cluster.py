"""``--scheduler``: extraction on a real Dask distributed cluster (a LocalCluster of worker
processes on 127.0.0.1) gives the store a serial build gives, even when a worker is killed."""

from __future__ import annotations

import os
import signal

import pytest
from rdflib.compare import isomorphic

from ecokg import api
from tests.conftest import CORPUS_ARTICLE, REPO

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as c:
        yield c


def _sources() -> list[str]:
    sources = [str(p) for p in sorted((REPO / "samples").iterdir()) if p.suffix in (".txt", ".md", ".html")]
    if CORPUS_ARTICLE.is_file():
        sources.append(str(CORPUS_ARTICLE))
    return sources


def test_a_dask_cluster_builds_the_store_a_serial_build_builds(cluster, tmp_path):
    sources = _sources()
    with api.open(tmp_path / "serial") as serial, api.open(tmp_path / "dask") as dask:
        a = serial.build(sources)
        b = dask.build(sources, scheduler=cluster.scheduler_address)
        assert b.articles == a.articles == len(sources) and not b.failed
        assert isomorphic(dask.store.union_graph(), serial.store.union_graph())


def test_a_worker_killed_mid_run_loses_no_article(cluster, tmp_path):
    sources = _sources() * 3  # each entry one task, more than the workers take at once
    with distributed.Client(cluster) as client:
        pids = client.run(os.getpid)
    killed: list[int] = []

    def progress(_source: str, done: int, _total: int, _entities: int) -> None:
        if done == 1 and not killed:  # tasks of the other entries are running or queued now
            pid = sorted(pids.values())[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    with api.open(tmp_path / "serial") as serial, api.open(tmp_path / "dask") as dask:
        serial.build(sources)
        report = dask.build(sources, scheduler=cluster.scheduler_address, progress=progress)
        assert killed and report.articles == len(sources) and not report.failed
        assert isomorphic(dask.store.union_graph(), serial.store.union_graph())
