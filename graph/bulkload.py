"""A batch's new document graphs through pyoxigraph's bulk loader, in ONE ingestion.

``Store.extend`` (one RocksDB transaction) checks every quad against the store before writing
it and grows superlinearly with the number of quads (1.2 million quads of one long article:
about 7× the CPU time of 240,000), and a large transaction is flushed again at close. The bulk
loader sorts the quads itself and adds them as table files (SST) that RocksDB ingests in one
call at the end of a load (pyoxigraph 0.5: every table file of a load, all column families, in
one ``IngestExternalFiles``), so a reader sees none or all of what one ``bulk_load`` call adds;
``tests/store/test_bulk_atomic.py`` checks this on a load larger than the loader's batch.

A batch is bulk-loaded when it is large (``BULK_MIN_DOCS`` new documents, or ``BULK_MIN_QUADS``
quads in them: one long article is as heavy as a corpus). Its new document graphs are written
(rewritten on their text) into N-Quads files of ``BULK_DOCS`` documents each; when the batch
only adds (no entity description changes, nothing replaced), the entity graph's new quads go
in one more file, and all files are read by ONE ``bulk_load``: readers see the batch whole or
not at all. Otherwise the new document graphs are one ingestion, and the changes of the entity
graph the transaction that follows (``commit.apply``).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ecokg.graph.commit import Plan, RawFiles

#: New documents in a batch from which it is bulk-loaded (``ecokg.graph.ingest``).
BULK_MIN_DOCS = 64
#: Quads in a batch's new documents from which it is bulk-loaded (one long article).
BULK_MIN_QUADS = 100_000
#: Documents per bulk-loaded file.
BULK_DOCS = 256


class _Files(io.RawIOBase):
    """The bytes of several files one after the other (one ``bulk_load`` for all of them)."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self._paths = list(paths)
        self._fh: io.BufferedReader | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while True:
            if self._fh is None:
                if not self._paths:
                    return 0
                self._fh = self._paths.pop(0).open("rb")
            n = self._fh.readinto(buffer)
            if n:
                return n
            self._fh.close()
            self._fh = None

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        super().close()


def load_files(ox_store: Any, paths: list[Path]) -> None:
    """N-Quads files into the store in ONE bulk load (one ingestion: all or nothing for readers)."""
    import pyoxigraph as ox

    if not paths:
        return
    if len(paths) == 1:
        ox_store.bulk_load(path=str(paths[0]), format=ox.RdfFormat.N_QUADS)
        return
    with io.BufferedReader(_Files(paths), buffer_size=1 << 20) as fh:
        ox_store.bulk_load(fh, format=ox.RdfFormat.N_QUADS)


def write_bulk(out: Plan, streamed: list[str], raw: RawFiles, rules: Any, new: Any, after: Any,
               rewritten: Callable[[str], list[Any]]) -> None:
    """The new documents' graphs, rewritten on their text, into N-Quads files of ``BULK_DOCS`` each."""
    import pyoxigraph as ox

    from ecokg.graph.ingest import rewrite_ntriples

    for k in range(0, len(streamed), BULK_DOCS):
        path = raw.folder / f"bulk-{k // BULK_DOCS:05d}.nq.tmp"
        out.bulk.append(path)
        with path.open("wb") as fh:
            for doc in streamed[k:k + BULK_DOCS]:
                if rules is None:
                    merged = {o.iri: new[(doc, o.iri)].iri for o in after[doc].occurrences}
                    chunk, n = rewrite_ntriples(doc, raw.paths(doc)[0].read_bytes(), merged)
                else:  # curated: the rules filter triples, so the graph goes through objects
                    g = ox.NamedNode(doc)
                    quads = {ox.Quad(t.subject, t.predicate, t.object, g) for t in rewritten(doc)}
                    chunk, n = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"", len(quads)
                fh.write(chunk)
                out.bulk_counts[doc] = n
                out.quads += n


def fold_inserts(out: Plan, raw: RawFiles, inserts: list[Any]) -> bool:
    """When the batch only adds: its other quads (entity graph, curation) into one more bulk file,
    so one load adds the whole batch. Returns whether they were folded in."""
    import pyoxigraph as ox

    if not out.bulk or out.deletes or out.drops:
        return False
    if inserts:
        path = raw.folder / f"bulk-{len(out.bulk):05d}.nq.tmp"
        out.bulk.append(path)
        path.write_bytes(ox.serialize(inserts, format=ox.RdfFormat.N_QUADS) or b"")
    return True


__all__ = ["BULK_DOCS", "BULK_MIN_DOCS", "BULK_MIN_QUADS", "fold_inserts", "load_files", "write_bulk"]
