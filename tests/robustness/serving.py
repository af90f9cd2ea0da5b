"""Start ``ecokg serve`` in a subprocess on a free loopback port and stop it (helpers)."""

from __future__ import annotations

import re
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ecokg_exe


@contextmanager
def serve(store: Path, log: Path, *extra: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Yields (the /sparql URL, the process)."""
    with log.open("wb") as fh:
        proc = subprocess.Popen([*ecokg_exe(), "serve", "--store", str(store), "--port", "0", *extra],
                                stdout=subprocess.DEVNULL, stderr=fh)
    try:
        url = None
        end = time.monotonic() + 60
        while url is None and time.monotonic() < end and proc.poll() is None:
            m = re.search(r"at (http://\S+/sparql)", log.read_text(encoding="utf-8", errors="replace"))
            url = m.group(1) if m else None
            if url is None:
                time.sleep(0.1)
        if url is None:
            raise RuntimeError(f"ecokg serve did not start: {log.read_text(errors='replace')}")
        yield url, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None, timeout: float = 60) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()
