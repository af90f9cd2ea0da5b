"""What the store ingests: one ``DocGraph`` per article, streamed in bounded batches.

A ``DocGraph`` is one document's raw graph as N-Triples bytes (what ``GraphBuilder.doc_graph``
writes, in the process that extracted the article) with the merge evidence read from it
(``commit.DocRecord``). It is small to send between processes and needs no loader record:
``EcoStore.ingest`` takes these, never ``Extraction``s.

``batches`` cuts a stream of them into batches bounded in documents and bytes, so memory does not
grow with the corpus. Each batch is one commit (``commit.commit``): its new document graphs go
through pyoxigraph's bulk loader, everything else (the entity graph, documents whose entities
now merge differently, replaced versions) through one transaction.

The bulk loader has no transaction, so a batch is bracketed by a small journal
(``ecokg-meta/journal.json``: the batch's new graphs and their quad counts, the documents it
rewrites and drops), written before the first write and removed after the last. A writer that
finds a journal (the previous one was killed mid-batch) finishes that batch from the raw files
(``recover``): a new graph that is incomplete is dropped, the others are kept and everything the
batch touched is rewritten, so the store is always at a document boundary.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecokg.graph.storefs import atomic_write

if TYPE_CHECKING:
    from ecokg.graph.commit import DocRecord

JOURNAL = "journal.json"
#: A batch ends at this many documents or bytes of N-Triples, whichever comes first.
BATCH_DOCS = 1024
BATCH_BYTES = 64 * 1024 * 1024


@dataclass
class DocGraph:
    """One document's raw graph (N-Triples) and the evidence merging needs (``record``)."""

    doc: str
    ntriples: bytes
    record: DocRecord
    triples: int = 0  # how many triples ``ntriples`` holds
    source: str = ""  # where it came from (a file, FILE:LINE …), for messages
    characters: int = 0  # of the article's text
    counts: tuple[int, int, int, int] = (0, 0, 0, 0)  # entities, relations, designations, figures

    def parse(self) -> list[Any]:
        """The raw graph as pyoxigraph ``Triple``s."""
        import pyoxigraph as ox

        return list(ox.parse(self.ntriples, format=ox.RdfFormat.N_TRIPLES))


def batches(docs: Iterable[DocGraph], *, max_docs: int = BATCH_DOCS, max_bytes: int = BATCH_BYTES
            ) -> Iterator[list[DocGraph]]:
    """Consecutive batches of at most ``max_docs`` documents and about ``max_bytes`` bytes."""
    batch: list[DocGraph] = []
    size = 0
    for d in docs:
        batch.append(d)
        size += len(d.ntriples)
        if len(batch) >= max_docs or size >= max_bytes:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


# -- the journal --------------------------------------------------------------------------------------
@dataclass
class Journal:
    """A batch in flight: new graphs (IRI → quads expected), documents rewritten and dropped."""

    new: dict[str, int]
    rewritten: list[str]
    dropped: list[str]

    @staticmethod
    def path(meta: Path) -> Path:
        return meta / JOURNAL

    def write(self, meta: Path) -> None:
        data = {"new": self.new, "rewritten": sorted(self.rewritten), "dropped": sorted(self.dropped)}
        atomic_write(self.path(meta), json.dumps(data, ensure_ascii=False, sort_keys=True))

    @classmethod
    def read(cls, meta: Path) -> Journal | None:
        try:
            data = json.loads(cls.path(meta).read_text(encoding="utf-8"))
            return cls(dict(data["new"]), list(data["rewritten"]), list(data["dropped"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return cls({}, [], [])  # unreadable: nothing to finish, but the state is checked again

    @classmethod
    def clear(cls, meta: Path) -> None:
        with contextlib.suppress(FileNotFoundError):
            cls.path(meta).unlink()


__all__ = ["BATCH_BYTES", "BATCH_DOCS", "JOURNAL", "DocGraph", "Journal", "batches"]
