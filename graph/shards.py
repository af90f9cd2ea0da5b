"""N-Quads shards of a store, for loaders that take many files at once.

``write_shards(store, folder)`` writes every named graph of the store except the ontology (each
server keeps its own) into ``part-00000.nq``, ``part-00001.nq`` …: whole graphs, about
``max_quads`` quads a file, streamed from the store by pyoxigraph's serializer. What
``oxigraph load --location DIR --file …`` (one per file, or all at once), Virtuoso's
``ld_dir('DIR', '*.nq', 'x')`` + ``rdf_loader_run()`` on several threads, or ``ecokg load``
take. Each file is written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ecokg.errors import InputError
from ecokg.graph.namespaces import ONTOLOGY_GRAPH

if TYPE_CHECKING:
    from ecokg.graph.store import EcoStore

MAX_QUADS = 1_000_000


@dataclass
class ShardReport:
    files: list[Path] = field(default_factory=list)
    quads: int = 0
    graphs: int = 0


def write_shards(store: EcoStore, folder: str | os.PathLike[str], max_quads: int = MAX_QUADS) -> ShardReport:
    """Write the store's graphs (the ontology left out) into N-Quads files in ``folder`` (see module doc)."""
    import pyoxigraph as ox

    out = Path(folder)
    if out.exists() and (not out.is_dir() or any(out.glob("part-*.nq"))):
        raise InputError(f"--shards {out}: expected a new or empty folder, found "
                         + ("a file" if not out.is_dir() else "part-*.nq files in it"),
                         hint="give another folder, or remove the old shards first")
    out.mkdir(parents=True, exist_ok=True)
    report = ShardReport()
    onto = str(ONTOLOGY_GRAPH)
    graphs = sorted(g.value for g in store.ox.named_graphs()
                    if isinstance(g, ox.NamedNode) and g.value != onto)
    fh = None
    tmp = path = Path()
    in_file = 0
    try:
        for g in graphs:
            quads = list(store.ox.quads_for_pattern(None, None, None, ox.NamedNode(g)))
            if fh is None or (in_file and in_file + len(quads) > max_quads):
                if fh is not None:
                    fh.close()
                    tmp.replace(path)
                    report.files.append(path)
                path = out / f"part-{len(report.files):05d}.nq"
                tmp = path.with_suffix(".nq.tmp")
                fh = tmp.open("wb")
                in_file = 0
            ox.serialize(quads, fh, format=ox.RdfFormat.N_QUADS)
            in_file += len(quads)
            report.quads += len(quads)
            report.graphs += 1
        if fh is not None:
            fh.close()
            tmp.replace(path)
            report.files.append(path)
    except BaseException:
        if fh is not None:
            fh.close()
            tmp.unlink(missing_ok=True)
        raise
    return report


__all__ = ["MAX_QUADS", "ShardReport", "write_shards"]
