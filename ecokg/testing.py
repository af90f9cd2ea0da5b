"""Real servers on 127.0.0.1 for tests and benchmarks: ``ecokg serve`` or ``oxigraph serve`` in a
child process, started on a free port, waited for (bounded), and stopped afterwards.

Not used by the library or the CLI; the tests (``tests/``) and ``bench/`` share it so that one
piece of code knows how such a server starts, how it says where it listens and how it ends.
"""

from __future__ import annotations

import re
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

#: the line ``ecokg serve`` writes to stderr once it listens
_LISTENING = re.compile(r"at (http://\S+/sparql)")


def free_port() -> int:
    """A TCP port nothing listens on at the moment of asking (127.0.0.1)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen[bytes], deadline: float = 60.0,
                  what: str = "server") -> None:
    """Wait until something listens on 127.0.0.1:port (bounded); fail if the process died."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode} before listening on {port}")
        with socket.socket() as s:
            s.settimeout(0.5)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on {port} within {deadline:g} s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate the process, kill it if it has not ended within 15 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


@contextmanager
def serve_ecokg(ecokg: Sequence[str], store: Path, log: Path, *extra: str,
                deadline: float = 60.0) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``ECOKG serve --store STORE --port 0 EXTRA…`` (``ecokg``: the command, e.g. the console
    script); yields (its /sparql URL, the process) once it listens; stderr goes to ``log``."""
    with log.open("wb") as fh:
        proc = subprocess.Popen([*ecokg, "serve", "--store", str(store), "--port", "0", *extra],
                                stdout=subprocess.DEVNULL, stderr=fh)
    try:
        url = None
        end = time.monotonic() + deadline
        while url is None and time.monotonic() < end and proc.poll() is None:
            m = _LISTENING.search(log.read_text(encoding="utf-8", errors="replace"))
            url = m.group(1) if m else None
            if url is None:
                time.sleep(0.1)
        if url is None:
            raise RuntimeError(f"ecokg serve did not start: {log.read_text(errors='replace')[-2000:]}")
        yield url, proc
    finally:
        stop(proc)


@contextmanager
def serve_oxigraph(exe: str, location: Path, log: Path) -> Iterator[str]:
    """``oxigraph serve`` (the PyPI package ``oxigraph``'s binary ``exe``) on a free port over a
    store at ``location``; yields its base URL once it listens."""
    port = free_port()
    with log.open("wb") as fh:
        proc = subprocess.Popen([exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                                stdout=fh, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, proc, what="oxigraph serve")
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)
