"""Extraction on a Dask distributed cluster (``ecokg build --scheduler ADDRESS``; extra ``ecokg[dask]``).

Workers read and extract whole entries (``ecokg.batch.extract_entry``) and send back each
document's graph as N-Triples with its merge evidence; this process merges and writes the
store, as with ``--jobs``. The sources must be readable at the same paths on every worker (a
shared file system). A worker that dies mid-task loses nothing: the scheduler runs its tasks
again elsewhere, and results are taken in source order.

``ADDRESS`` is a scheduler (``tcp://HOST:8786``, started with ``dask scheduler``, workers with
``dask worker tcp://HOST:8786`` on each machine, ecokg installed on each) or ``local`` /
``local:N``: a ``LocalCluster`` of N worker processes on this machine, loopback only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from ecokg.batch import Workers
from ecokg.errors import InputError


def _local_size(address: str) -> int | None:
    """``local`` → 2 workers, ``local:N`` → N; None for a scheduler address."""
    if address != "local" and not address.startswith("local:"):
        return None
    text = address.partition(":")[2] or "2"
    if not text.isdigit() or int(text) < 1:
        raise InputError(f"--scheduler {address}: expected local:N with N a number of workers (local:4)")
    return int(text)


@contextlib.contextmanager
def dask_workers(address: str, *, timeout: float = 30.0) -> Iterator[Workers]:
    """The workers of a Dask cluster (see the module doc), closed on leaving."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise InputError("--scheduler needs Dask distributed, which is not installed",
                         hint="pip install 'ecokg[dask]' (or dask[distributed])") from exc
    size = _local_size(address)
    cluster = None
    try:
        if size is not None:
            cluster = LocalCluster(n_workers=size, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address=None)
            client = Client(cluster, timeout=timeout)
        else:
            client = Client(address, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}",
                         hint="start one with 'dask scheduler' (and 'dask worker ADDRESS' on each machine), "
                              "or use --scheduler local:N") from exc
    try:
        width = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))

        def submit(fn: Callable[..., Any], *args: Any) -> Any:
            return client.submit(fn, *args, pure=False)

        yield Workers(submit, width, client.close)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


__all__ = ["dask_workers"]
