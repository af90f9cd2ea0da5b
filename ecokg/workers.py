"""Query workers of ``ecokg serve``: processes kept between requests, killed at the time limit."""

from __future__ import annotations

import contextlib
import time
from typing import Any

from ecokg.errors import QueryError
from ecokg.graph.readonly import RETRY_PAUSES, raced_a_writer


def _worker_loop(conn: Any, store: str) -> None:
    """A pooled query worker: one query at a time from ``conn`` until it is closed or sent None."""
    from ecokg.queries.runner import LocalBackend, NamedQuery, execute

    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        text, limit = job
        answer: tuple[str, Any] = ("error", QueryError("the query was not run"))
        for pause in (*RETRY_PAUSES, None):
            try:
                backend = LocalBackend(store)  # opened per query: it sees what was written since
                try:
                    answer = ("ok", execute(NamedQuery("-e", text, source="the query"), {}, backend, limit))
                finally:
                    backend.close()
            except Exception as exc:  # sent back to the server, which answers 400/500
                answer = ("error", exc)
                if pause is not None and raced_a_writer(exc):
                    time.sleep(pause)
                    continue
            break
        try:
            conn.send(answer)
        except (OSError, ValueError):
            return


class WorkerPool:
    """Query workers kept alive between requests (a process per request costs ~0.15 s).

    pyoxigraph cannot stop a running query, so a worker that passes the time limit is killed
    and a new one is started on demand; at most ``keep`` idle workers are kept.
    """

    def __init__(self, ctx: Any, store: str, keep: int = 8) -> None:
        import queue
        import threading

        self._ctx = ctx
        self._store = store
        self._keep = keep
        self._idle: queue.SimpleQueue[tuple[Any, Any]] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._idle_count = 0

    def _take(self) -> tuple[Any, Any]:
        with self._lock:
            if self._idle_count:
                self._idle_count -= 1
                return self._idle.get()
        parent, child = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(target=_worker_loop, args=(child, self._store), daemon=True)
        proc.start()
        child.close()
        return proc, parent

    def _give_back(self, worker: tuple[Any, Any]) -> None:
        with self._lock:
            if self._idle_count < self._keep and worker[0].is_alive():
                self._idle_count += 1
                self._idle.put(worker)
                return
        self._stop(worker)

    @staticmethod
    def _stop(worker: tuple[Any, Any], kill: bool = False) -> None:
        proc, conn = worker
        if kill:
            proc.kill()
        else:
            with contextlib.suppress(OSError, ValueError):
                conn.send(None)
        conn.close()
        proc.join(5)
        if proc.is_alive():
            proc.kill()
            proc.join(5)

    def run(self, text: str, limit: int, timeout: float) -> Any:
        worker = self._take()
        proc, conn = worker
        try:
            conn.send((text, limit))
            if not conn.poll(timeout):
                self._stop(worker, kill=True)
                raise QueryError(f"the query stopped after {timeout:g} s (the time limit)",
                                 hint="add LIMIT, or narrow the query")
            status, payload = conn.recv()
        except (EOFError, OSError) as exc:
            self._stop(worker, kill=True)
            raise QueryError(f"the query worker ended without an answer (exit code {proc.exitcode})",
                             hint="the server is overloaded or the query crashed the engine; "
                                  "try again") from exc
        self._give_back(worker)
        if status == "error":
            raise payload
        return payload

    def close(self) -> None:
        with self._lock:
            while self._idle_count:
                self._idle_count -= 1
                self._stop(self._idle.get())
