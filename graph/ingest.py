"""What the store ingests: one ``DocGraph`` per article, streamed in bounded batches.

A ``DocGraph`` is one document's raw graph as N-Triples bytes (what ``GraphBuilder.doc_graph``
writes, in the process that extracted the article) with the merge evidence read from it
(``commit.DocRecord``). It is small to send between processes and needs no loader record:
``EcoStore.ingest`` takes these, never ``Extraction``s.

``ingest_docs`` writes each arriving document's raw graph to its file at once and keeps only its
merge evidence, so memory does not grow with the text of the corpus. Documents are committed in
batches (``commit.plan`` / ``commit.apply``). A small batch is one transaction. A large one
(``BULK_MIN_DOCS`` new documents or ``BULK_MIN_QUADS`` quads: ``ecokg.graph.bulkload``) has its
new document graphs rewritten on their text into N-Quads files that ONE call of pyoxigraph's bulk
loader ingests, with the entity graph's new quads when the batch only adds; otherwise the rest (the
entity graph, documents whose entities now merge differently, replaced versions) is one
transaction after it.

A bulk-loaded batch is bracketed by a small journal
(``ecokg-meta/journal.json``: the batch's new graphs and their quad counts, the documents it
rewrites and drops), written before the first write and removed after the last. A writer that
finds a journal (the previous one was killed mid-batch) finishes that batch from the raw files
(``recover``): a new graph that is incomplete is dropped, the others are kept and everything the
batch touched is rewritten, so the store is always at a document boundary.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecokg.graph.bulkload import BULK_MIN_DOCS, BULK_MIN_QUADS
from ecokg.graph.iris import KIND_BY_CLASS
from ecokg.graph.namespaces import ECO, OWL, RDF, RDFS, SCHEMA, SKOS
from ecokg.graph.storefs import atomic_write, write_error

if TYPE_CHECKING:
    from ecokg.graph.commit import DocRecord, Plan, RawFiles
    from ecokg.graph.store import EcoStore, IngestReport

JOURNAL = "journal.json"
#: Documents in a batch (or half the documents of the store, when that is more).
BATCH_DOCS = 256


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
    notes: tuple[str, ...] = ()  # what the loader noted about the article (shown by the CLI)

    def parse(self) -> list[Any]:
        """The raw graph as pyoxigraph ``Triple``s."""
        import pyoxigraph as ox

        return list(ox.parse(self.ntriples, format=ox.RdfFormat.N_TRIPLES))


def rewrite_ntriples(doc: str, data: bytes, merged: Mapping[str, str]) -> tuple[bytes, int]:
    """``rewrite`` done on the N-Triples text of a raw graph (as pyoxigraph writes it: one triple a
    line, ``<s> <p> <o> .``): the document graph as N-Quads in graph ``doc``, and its quad count.

    ``merged``: each occurrence's raw IRI in this document → its merged entity's IRI. Only lines
    whose subject or object is an occurrence are looked at; the rest are copied, so a document
    graph goes to the bulk loader without a Python object per triple.
    """
    mapping = {raw.encode("utf-8"): new.encode("utf-8") for raw, new in merged.items()}
    described = {str(p).encode()
                 for p in (RDFS.label, SKOS.altLabel, SKOS.exactMatch, OWL.sameAs, SCHEMA.sameAs)}
    type_, classes = str(RDF.type).encode(), {str(ECO[c]).encode() for c in KIND_BY_CLASS}
    suffix = b"<" + doc.encode("utf-8") + b"> .\n"
    out: dict[bytes, None] = {}
    for line in data.split(b"\n"):
        if not line:
            continue
        s_end = line.find(b"> ")
        subject = line[1:s_end] if line.startswith(b"<") else None
        p_end = line.find(b"> ", s_end + 2)
        obj = line[p_end + 2:-2]
        o_iri = obj[1:-1] if obj.startswith(b"<") and obj.endswith(b">") else None
        s_new = mapping.get(subject) if subject is not None else None
        o_new = mapping.get(o_iri) if o_iri is not None else None
        if s_new is None and o_new is None:
            out[line[:-1] + suffix] = None
            continue
        predicate = line[s_end + 3:p_end]
        if s_new is not None and (predicate in described or (predicate == type_ and o_iri in classes)):
            continue  # the entity's own description: written once, in the entity graph
        s_text = b"<" + s_new + b">" if s_new is not None else line[:s_end + 1]
        o_text = b"<" + o_new + b">" if o_new is not None else obj
        out[s_text + b" <" + predicate + b"> " + o_text + b" " + suffix] = None
    return b"".join(out), len(out)


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


def recover(store: EcoStore, raw: RawFiles) -> None:
    """Finish a bulk batch whose writer was killed (its journal is still there); see ``ecokg.graph.ingest``.

    A new graph with fewer quads than the journal says is dropped with its raw files; every other
    document the batch touched is rewritten from its raw graph, its replaced versions dropped and
    the entity graph recomputed, in one transaction.
    """
    import pyoxigraph as ox

    from ecokg.graph.commit import META_DIR, commit

    meta = store.path / META_DIR
    journal = Journal.read(meta)
    if journal is None:
        return
    for doc, expected in journal.new.items():
        graph = ox.NamedNode(doc)
        have = sum(1 for _ in store.ox.quads_for_pattern(None, None, None, graph))
        if have != expected:
            store.ox.remove_graph(graph)
            raw.delete(doc)
    docs = store.document_graphs()
    state = {}
    for doc in docs:
        with contextlib.suppress(OSError, ValueError, KeyError):
            state[doc] = raw.read_record(doc)
    after = {d: r for d, r in state.items() if d not in set(journal.dropped)}
    touched = ({d for d in journal.new if d in after} | set(journal.rewritten)) & set(after)
    commit(store, raw, state, after, touched, set(journal.dropped) & set(state))
    for doc in journal.dropped:
        raw.delete(doc)
    Journal.clear(meta)


# -- the stream -------------------------------------------------------------------------------------
@dataclass
class _Write:
    """A planned batch and the writer thread's future for it."""

    plan: Plan
    added: list[str]
    dropped: list[str]
    future: Future[None] | None = None


def ingest_docs(store: EcoStore, docs: Iterable[DocGraph], report: IngestReport, *,
                on_progress: Callable[[DocGraph, str], None] | None = None,
                batch_docs: int = BATCH_DOCS) -> None:
    """``EcoStore.ingest``: each document's raw graph goes to its file as it arrives (only its
    merge evidence stays in memory); each batch is planned here and written by one writer thread
    (the bulk loader runs without the GIL) while the documents of the next batch are read and
    extracted. A batch holds ``batch_docs`` documents, or half as many as the store holds when that
    is more, so the merge over all documents runs a logarithmic number of times."""
    from concurrent.futures import ThreadPoolExecutor

    from ecokg.gc_pause import gc_paused
    from ecokg.graph.commit import RawFiles, apply, load_state

    raw = RawFiles(store.path)
    state = load_state(store, raw)
    resolution: dict[tuple[str, str], Any] | None = None
    clusters: Any = None
    inflight: _Write | None = None
    batch: list[DocGraph] = []
    with ThreadPoolExecutor(1, thread_name_prefix="ecokg-writer") as writer:
        try:
            stream = iter(docs)
            while True:
                dg = next(stream, None)
                if dg is not None:
                    if dg.doc not in state:
                        raw.write_unsynced(dg.record, dg.ntriples)
                    batch.append(DocGraph(dg.doc, b"", dg.record, dg.triples, dg.source, dg.characters,
                                          dg.counts))
                    if len(batch) < max(batch_docs, len(state) // 2):
                        continue
                if not batch:
                    break
                _finish(store, inflight, raw, report)
                inflight = None
                with gc_paused():  # merging a long article: many objects, no cycles (ecokg/gc_pause.py)
                    prepared = _plan_batch(store, batch, state, raw, report, resolution, clusters,
                                           on_progress)
                batch = []
                if prepared is not None:
                    resolution, clusters = prepared.plan.resolution, prepared.plan.clusters
                    prepared.future = writer.submit(apply, store, prepared.plan)
                    inflight = prepared
                if dg is None:
                    break
            _finish(store, inflight, raw, report)
        except BaseException as exc:
            with contextlib.suppress(BaseException):
                _finish(store, inflight, raw)
            for d in batch:  # raw files of documents that never reached a plan
                if d.doc not in state:
                    with contextlib.suppress(OSError):
                        raw.delete(d.doc)
            if isinstance(exc, OSError):  # a full disk, a read-only file system: one line, no traceback
                raise write_error(store.path, exc,
                                  "cannot take the new documents, nothing was changed") from exc
            raise


def _plan_batch(store: EcoStore, batch: list[DocGraph], state: dict[str, DocRecord], raw: RawFiles,
                report: IngestReport, resolution: dict[tuple[str, str], Any] | None, clusters: Any,
                on_progress: Callable[[DocGraph, str], None] | None) -> _Write | None:
    """One batch: raw files written, its commit planned; ``state`` becomes the state after it."""
    from ecokg.graph.commit import plan, same_source

    pending: dict[str, DocGraph] = {}
    dropped: set[str] = set()
    by_source: dict[tuple[str, str], list[str]] = {}  # (kind, URL or file name) → documents of the store
    for d, r in state.items():
        for key in (("url", r.source), ("file", r.file_name)):
            if key[1]:
                by_source.setdefault(key, []).append(d)
    for dg in batch:
        doc, record = dg.doc, dg.record
        if doc in state or doc in pending:
            report.unchanged.append(doc)
            if on_progress:
                on_progress(dg, "unchanged")
            continue
        for other in [d for d in pending if same_source(pending[d].record, record)]:
            report.added.remove(other)  # an older version earlier in this same batch
            del pending[other]
        candidates = {d for key in (("url", record.source), ("file", record.file_name)) if key[1]
                      for d in by_source.get(key, ())}
        for other in sorted(d for d in candidates if d not in dropped and same_source(state[d], record)):
            dropped.add(other)
            report.replaced.append(other)
        pending[doc] = dg
        report.added.append(doc)
        if on_progress:
            on_progress(dg, "added")
    if not pending and not dropped:
        return None
    try:
        raw.sync()  # the batch's raw files (written as they came) are on disk before the store changes
    except OSError as exc:
        for doc in pending:
            raw.delete(doc)
        raise write_error(store.path, exc, "cannot take the new documents, nothing was changed") from exc
    after = {d: r for d, r in state.items() if d not in dropped}
    after.update((d, dg.record) for d, dg in pending.items())
    try:
        bulk = len(pending) >= BULK_MIN_DOCS or sum(dg.triples for dg in pending.values()) >= BULK_MIN_QUADS
        p = plan(store, raw, state, after, set(pending), dropped, bulk=bulk,
                 old=resolution,
                 full=resolution is None, old_clusters=clusters)
    except BaseException:
        for doc in pending:
            raw.delete(doc)
        raise
    report.rewritten = sorted((set(report.rewritten) | set(p.written)) - set(report.added))
    report.quads += p.quads
    state.clear()
    state.update(after)
    return _Write(p, list(pending), sorted(dropped))


def _finish(store: EcoStore, write: _Write | None, raw: RawFiles, report: IngestReport | None = None) -> None:
    """Wait for a batch's write; on failure its raw files go, unless its journal stayed (the next
    writer finishes that batch). ``report.quads`` gets the quads streamed from raw files too."""
    from ecokg.graph.commit import META_DIR

    if write is None or write.future is None:
        return
    try:
        write.future.result()
    except BaseException:
        if not Journal.path(store.path / META_DIR).exists():  # nothing of the batch reached the store
            for doc in write.added:
                raw.delete(doc)
        raise
    if report is not None:
        report.quads += write.plan.streamed[0]
    for doc in write.dropped:
        raw.delete(doc)


__all__ = ["BATCH_DOCS", "JOURNAL", "DocGraph", "Journal", "ingest_docs", "recover", "rewrite_ntriples"]
