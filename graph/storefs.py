"""Files beside the RocksDB store: atomic writes, the writer's lock, write errors explained."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from ecokg.errors import StoreError


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write a file through a temporary file in the same directory and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~umask())  # mkstemp makes 0600; the file gets what open() would give
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise



def umask() -> int:
    """The process's umask, read without changing it where Linux shows it (threads may be writing)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_error(store: Path, exc: OSError, what: str) -> StoreError:
    """A StoreError for a failed write: full disk, read-only file system, permissions."""
    reason = exc.strerror or str(exc)
    text = str(exc)
    if exc.errno == errno.ENOSPC or "No space left" in text:
        hint = "free disk space, or use another --store"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) or "Read-only" in text or "ermission" in text:
        hint = "the store's directory is not writable; read it with query/export/show, or copy it elsewhere"
    else:
        hint = "check free disk space and permissions"
    where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
    if not where and ": " in text and "/" in text:
        reason = text  # pyoxigraph puts the file name in the message
    return StoreError(f"store {store} {what}: {reason}{where}", hint=hint)


def acquire_lock(path: Path, store: Path, wait: float,
                  on_wait: Callable[[str], None] | None = None) -> IO[str]:
    """An exclusive ``flock`` on the store's lock file, waiting up to ``wait`` seconds."""
    fh = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held until the store is closed
    deadline = time.monotonic() + max(wait, 0.0)
    told = False
    while True:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError:
            fh.seek(0)
            pid = fh.read().strip() or "unknown"
            if time.monotonic() >= deadline:
                fh.close()
                waited = f" after waiting {wait:g} s" if wait > 0 else ""
                raise StoreError(f"store {store} is in use by another ecokg process (pid {pid}){waited}",
                                 hint="wait for it to finish and run again (or give a longer --wait), "
                                      "or use another --store") from None
            if on_wait is not None and not told:
                told = True
                on_wait(pid)
            time.sleep(0.1)
    fh.seek(0)
    fh.truncate()
    fh.write(str(os.getpid()))
    fh.flush()
    return fh


__all__ = ["acquire_lock", "atomic_write", "write_error"]
