"""Named queries with a time limit: a forked worker that is killed when the limit passes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ecokg.errors import QueryError
from ecokg.queries.catalogue import NamedQuery
from ecokg.queries.local import LocalBackend, execute
from ecokg.queries.results import Result


def local_job(conn: Any, store: str | None, query: NamedQuery, params: dict[str, str], limit: int | None,
              as_of: str | None = None) -> None:
    try:
        backend = LocalBackend(store, as_of)
        try:
            conn.send(("ok", execute(query, params, backend, limit)))
        finally:
            backend.close()
    except Exception as exc:  # sent back to the parent, which raises it
        conn.send(("error", exc))
    finally:
        conn.close()


def run_with_deadline(job: Callable[..., None], args: tuple[Any, ...], timeout: float, what: str,
                      context: str = "fork") -> Any:
    """Run ``job(conn, *args)`` in a forked worker; stop it after ``timeout`` seconds.

    pyoxigraph cannot interrupt a query from another thread, so a query with a time limit runs in
    a child process that is killed when the limit passes (cost: one fork and a store open).
    ``context`` is the multiprocessing start method: ``fork`` from a single-threaded CLI,
    ``forkserver`` from the threaded HTTP server.
    """
    import multiprocessing as mp

    ctx: Any = mp.get_context(context)
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=job, args=(child, *args), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise QueryError(f"{what} stopped after {timeout:g} s (the time limit)",
                             hint="raise --timeout, add LIMIT, or narrow the query with parameters")
        try:
            status, payload = parent.recv()
        except EOFError as exc:
            raise QueryError(f"{what} worker ended without an answer (exit code {proc.exitcode})",
                             hint="run again without --timeout to see the error") from exc
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if status == "error":
        raise payload
    return payload


def run_local(query: NamedQuery, params: dict[str, str], store: str | None = None,
              timeout: float | None = None, limit: int | None = None) -> Result:
    """Run a named query on the local store (in a worker process when there is a time limit)."""
    if timeout is None:
        backend = LocalBackend(store)
        try:
            return execute(query, params, backend, limit)
        finally:
            backend.close()
    return run_with_deadline(local_job, (store, query, params, limit), timeout, f"query {query.name}")
