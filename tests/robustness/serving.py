"""Start ``ecokg serve`` in a subprocess on a free loopback port and stop it (helpers over
``ecokg.testing``), and an HTTP client that returns error statuses instead of raising."""

from __future__ import annotations

import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ecokg.testing import serve_ecokg
from tests.conftest import ecokg_exe


@contextmanager
def serve(store: Path, log: Path, *extra: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``ecokg serve`` (the installed script) over ``store``; yields (the /sparql URL, the process)."""
    with serve_ecokg(ecokg_exe(), store, log, *extra) as (url, proc):
        yield url, proc


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None, timeout: float = 60) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()
