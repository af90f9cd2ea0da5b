"""Read-only opens of a store that a writer may be changing at that very moment.

Readers take no lock (``storefs.acquire_lock`` is the one writer's). RocksDB's read-only open
reads the file list (``CURRENT`` → ``MANIFEST``) and then the files it names; a writer that
opens, flushes or compacts meanwhile deletes files the list still names ("No such file or
directory … MANIFEST … may be corrupted"), and a store being created has a ``CURRENT`` before its
column families ("Column family not found"). Nothing is wrong with the store: opened again, the
new list is read. ``open_read_only`` does that after short pauses (about 3 s in all).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from ecokg.errors import StoreError

if TYPE_CHECKING:
    import pyoxigraph

#: Pauses (seconds) before opening the store again after a read raced a writer (about 3 s in all).
RETRY_PAUSES = (0.02, 0.05, 0.1, 0.2, 0.4, 0.8, 1.5)

_STORE_FILES = (".sst", "MANIFEST", ".log", "CURRENT", "OPTIONS")


def raced_a_writer(exc: BaseException) -> bool:
    """Whether a read failed only because a writer changed the store's files under it."""
    text = str(exc)
    if "Column family not found" in text:
        return True
    return "No such file or directory" in text and any(name in text for name in _STORE_FILES)


def open_read_only(path: Path) -> pyoxigraph.Store:
    """``pyoxigraph.Store.read_only(path)``, opened again while it races a writer.

    Any other failure, or a race that lasts past the pauses, is a StoreError naming the store.
    """
    import pyoxigraph

    for pause in (*RETRY_PAUSES, None):
        try:
            return pyoxigraph.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            raced = raced_a_writer(exc)
            if raced and pause is not None:
                time.sleep(pause)
                continue
            reason = " ".join(str(exc).split())
            hint = ("a writer kept changing the store's files; run again when the build is done" if raced
                    else "check the path; rebuild the store if it is damaged")
            raise StoreError(f"cannot open the store at {path} for reading: {reason}", hint=hint) from exc
    raise AssertionError("unreachable")  # the last pass returns or raises


__all__ = ["RETRY_PAUSES", "open_read_only", "raced_a_writer"]
