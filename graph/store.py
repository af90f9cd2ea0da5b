"""The persistent store: an embedded pyoxigraph (RocksDB) store, one named graph per document.

Minimal interface that the CLI, queries and views code against (extended by the store work of
issue 5): ``resolve_store_path``, ``EcoStore.open``, ``EcoStore.ox`` (the pyoxigraph store; query it
with ``use_default_graph_as_union=True`` to see every document), ``add_dataset``, ``close``.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from ecokg.errors import StoreError

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset

ENV_VAR = "ECOKG_STORE"
DEFAULT_DIR = "ecokg-data"


def resolve_store_path(option: str | os.PathLike[str] | None) -> Path:
    """``--store``, else ``$ECOKG_STORE``, else ``./ecokg-data``."""
    if option:
        return Path(option)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else Path(DEFAULT_DIR)


class EcoStore:
    """An ecokg store on disk."""

    def __init__(self, path: Path, ox: pyoxigraph.Store, read_only: bool) -> None:
        self.path = path
        self.ox = ox
        self.read_only = read_only

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = False, read_only: bool = False) -> EcoStore:
        import pyoxigraph

        p = Path(path)
        if p.exists() and not p.is_dir():
            raise StoreError(f"store path {p} is a file, expected a directory",
                             hint="pass --store DIR with a directory, or remove the file")
        if not p.exists() and not create:
            raise StoreError(f"no ecokg store at {p}",
                             hint="build one with 'ecokg build ARTICLE... --store DIR' or set ECOKG_STORE")
        try:
            ox = pyoxigraph.Store.read_only(str(p)) if read_only else pyoxigraph.Store(str(p))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {p}: {exc}",
                             hint="is another ecokg process writing to it? wait for it, or use another --store") from exc
        return cls(p, ox, read_only)

    def add_dataset(self, ds: Dataset) -> int:
        """Add every quad of an rdflib Dataset in one transaction; returns the number of quads."""
        from ecokg.graph.oxconvert import dataset_to_quads

        quads = list(dataset_to_quads(ds))
        self.ox.extend(quads)
        return len(quads)

    def close(self) -> None:
        self.ox.flush() if not self.read_only else None
        del self.ox

    def __enter__(self) -> EcoStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
