"""The persistent store: an embedded pyoxigraph (RocksDB) store, one named graph per document.

Interface the CLI, queries and views code against: ``resolve_store_path``, ``EcoStore.open``,
``EcoStore.ox`` (the pyoxigraph store; query it with ``use_default_graph_as_union=True`` to see
every document), ``ingest``, ``remove_document``, ``documents``, ``stats``, ``query``,
``construct``, ``union_graph``, ``add_dataset`` (raw, no merging), ``close``.

A store directory ``DIR`` holds the RocksDB files (what ``oxigraph serve --location DIR`` reads)
and ``DIR/ecokg-meta/``: ``store.json``, ``lock`` (``flock`` of the one writer, ``storefs``) and
``docs/`` (each document's raw graph, ``commit.RawFiles``). Document graphs are the raw graphs
rewritten by the merge over all documents; entity descriptions sit once in the entity graph
(``entities``). Every ingest or removal is one transaction (``commit``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from ecokg.errors import InputError, QueryError, StoreError
from ecokg.graph.commit import META_DIR, RawFiles, commit, load_state
from ecokg.graph.ingest import BATCH_DOCS
from ecokg.graph.namespaces import ECO, ONTOLOGY_GRAPH
from ecokg.graph.readonly import open_read_only
from ecokg.graph.storefs import acquire_lock as _acquire_lock
from ecokg.graph.storefs import atomic_write
from ecokg.graph.storefs import write_error as _write_error
from ecokg.graph.storestats import DocumentInfo, StoreStats, store_documents, store_stats

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset, Graph
    from rdflib.term import Node

    from ecokg.graph.ingest import DocGraph

ENV_VAR = "ECOKG_STORE"
DEFAULT_DIR = "ecokg-data"
FORMAT_VERSION = 1


def resolve_store_path(option: str | os.PathLike[str] | None) -> Path:
    """``--store``, else ``$ECOKG_STORE``, else ``./ecokg-data``."""
    if option:
        return Path(option)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else Path(DEFAULT_DIR)


@dataclass
class IngestReport:
    """What one ``ingest`` call did."""

    added: list[str] = field(default_factory=list)  # new documents (including new versions)
    replaced: list[str] = field(default_factory=list)  # older versions dropped for a new one
    unchanged: list[str] = field(default_factory=list)  # already in the store (same sha256)
    rewritten: list[str] = field(default_factory=list)  # other documents whose entities merged
    quads: int = 0  # quads written
    entities: int = 0  # entities in the store after the call
    seconds: float = 0.0


class EcoStore:
    """An ecokg store on disk."""

    def __init__(self, path: Path, ox: pyoxigraph.Store, read_only: bool,
                 lock: IO[str] | None = None) -> None:
        self.path = path
        self.ox = ox
        self.read_only = read_only
        self._lock = lock

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = False, read_only: bool = False,
             wait: float = 0.0, on_wait: Callable[[str], None] | None = None) -> EcoStore:
        """Open (or with ``create`` make) the store at ``path``.

        Writers take an exclusive lock; a second writer waits up to ``wait`` seconds (calling
        ``on_wait(pid of the holder)`` once when it starts waiting), then fails with a StoreError
        naming the process that holds it. Readers (``read_only``) take no lock and never wait for
        one; an open that races a writer changing the files is tried again for a few seconds
        (``readonly.open_read_only``). The lock is a ``flock``: the kernel drops it when its
        process ends, even by ``kill -9``.
        """
        import pyoxigraph

        p = Path(path)
        if p.exists() and not p.is_dir():
            raise StoreError(f"store path {p} is a file, expected a directory",
                             hint="pass --store DIR with a directory, or remove the file")
        is_store = (p / "CURRENT").is_file() or (p / META_DIR).is_dir()
        if not is_store:
            if p.exists() and any(p.iterdir()):
                raise StoreError(f"{p} is a directory but not an ecokg store (no RocksDB files in it)",
                                 hint="pass --store with an empty or new directory")
            if not create or read_only:
                raise StoreError(f"no ecokg store at {p}",
                                 hint="build one with 'ecokg build ARTICLE... --store DIR' "
                                      "or set ECOKG_STORE")
        if read_only:
            return cls(p, open_read_only(p), True)  # opened again while it races a writer
        meta = p / META_DIR
        try:
            meta.mkdir(parents=True, exist_ok=True)
            lock = _acquire_lock(meta / "lock", p, wait, on_wait)
        except OSError as exc:
            raise _write_error(p, exc, "cannot be opened for writing") from exc
        try:
            try:
                ox = pyoxigraph.Store(str(p))
            except OSError as exc:
                if "lock" not in str(exc).lower():
                    raise _write_error(p, exc, "cannot be opened for writing") from exc
                raise StoreError(f"store {p} is in use by another process and cannot be opened for "
                                 f"writing: {exc}", hint="wait for the other process (an 'oxigraph serve' "
                                                         "or another ecokg) to finish") from exc
            store = cls(p, ox, False, lock)
            try:
                store._refresh_ontology()
            except OSError as exc:
                store.close()
                raise _write_error(p, exc, "cannot load the ontology") from exc
            return store
        except BaseException:
            lock.close()
            raise

    def close(self) -> None:
        if not hasattr(self, "ox"):
            return
        if not self.read_only:
            with contextlib.suppress(OSError):  # committed transactions are in the WAL already
                self.ox.flush()
        del self.ox
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __enter__(self) -> EcoStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------
    def query(self, sparql: str, substitutions: dict[str, Any] | None = None) -> Any:
        """Run SPARQL over the union of all graphs; ``substitutions`` bind variables (name → term).

        pyoxigraph 0.5 substitutes only variables that a SELECT projects: list them after SELECT.
        Terms may be rdflib or pyoxigraph terms. Returns pyoxigraph's result object.
        """
        import pyoxigraph as ox

        from ecokg.graph.oxconvert import to_ox

        subs = None
        if substitutions:
            subs = {ox.Variable(k.lstrip("?$")): v if isinstance(v, ox.NamedNode | ox.Literal | ox.BlankNode)
                    else to_ox(v) for k, v in substitutions.items()}
        try:
            return self.ox.query(sparql, use_default_graph_as_union=True, substitutions=subs)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}", hint="check the query text") from exc
        except RuntimeError as exc:  # e.g. a substituted variable that the SELECT does not project
            raise QueryError(f"the SPARQL query cannot run: {exc}",
                             hint="pyoxigraph substitutes only variables the query projects") from exc

    def select(self, sparql: str, substitutions: dict[str, Any] | None = None) -> list[dict[str, Node]]:
        """SELECT rows as dicts of rdflib terms (unbound variables left out)."""
        from ecokg.graph.oxconvert import from_ox

        result = self.query(sparql, substitutions)
        names = [v.value for v in result.variables]
        rows = []
        for sol in result:
            row = {}
            for n in names:
                term = sol[n]
                if term is not None:
                    row[n] = from_ox(term)
            rows.append(row)
        return rows

    def construct(self, sparql: str, substitutions: dict[str, Any] | None = None) -> Graph:
        """A CONSTRUCT (or DESCRIBE) over the union, as an rdflib Graph."""
        from rdflib import Graph

        from ecokg.graph.namespaces import bind_prefixes
        from ecokg.graph.oxconvert import from_ox

        g = Graph()
        bind_prefixes(g.namespace_manager)
        for t in self.query(sparql, substitutions):
            g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return g

    def union_graph(self, *, ontology: bool = True) -> Graph:
        """Every triple of the store in one rdflib Graph (for small exports and checks)."""
        from rdflib import Graph

        from ecokg.graph.namespaces import bind_prefixes
        from ecokg.graph.oxconvert import from_ox

        g = Graph()
        bind_prefixes(g.namespace_manager)
        onto = _ox_named(str(ONTOLOGY_GRAPH))
        for q in self.ox:
            if not ontology and q.graph_name == onto:
                continue
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return g

    def document_graphs(self) -> list[str]:
        """IRIs of the document graphs (a named graph whose name is a ``eco:SourceDocument`` in it)."""
        q = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g a <{ECO.SourceDocument}> }} }}"
        return sorted({s["g"].value for s in self._rows(q)})

    def documents(self) -> list[DocumentInfo]:
        """Every document with its title, date, source, file name, sha256 and triple count."""
        return store_documents(self)

    def stats(self) -> StoreStats:
        """Counts for ``ecokg stats``."""
        return store_stats(self)

    def find_document(self, doc: str) -> str:
        """A document's IRI from its IRI, a sha256 prefix (4+ hex), its file name or its title."""
        docs = self.documents()
        exact = [d for d in docs if d.iri == doc]
        if exact:
            return exact[0].iri
        needle = doc.strip()
        hits = [d for d in docs if needle and (
            (len(needle) >= 4 and all(c in "0123456789abcdef" for c in needle.lower())
             and (d.sha256 or "").startswith(needle.lower()))
            or d.file_name == needle or d.title == needle or d.source == needle)]
        if not hits:
            raise InputError(f"no document '{doc}' in the store {self.path} ({len(docs)} documents)",
                             hint="give its IRI, a sha256 prefix, its file name or its title; "
                                  "'ecokg stats' lists the store")
        if len(hits) > 1:
            names = "; ".join(f"{d.iri} ({d.file_name or d.title})" for d in hits[:10])
            raise InputError(f"'{doc}' matches {len(hits)} documents: {names}",
                             hint="give the document IRI or a longer sha256 prefix")
        return hits[0].iri

    # -- writing ---------------------------------------------------------------------------
    def add_dataset(self, ds: Dataset) -> int:
        """Add every quad of an rdflib Dataset in one transaction, as is (no merging)."""
        from ecokg.graph.oxconvert import dataset_to_quads

        self._require_writable()
        quads = list(dataset_to_quads(ds))
        self.ox.extend(quads)
        return len(quads)

    def ingest(self, docs: Iterable[DocGraph], *, on_progress: Callable[[DocGraph, str], None] | None = None,
               batch_docs: int = BATCH_DOCS) -> IngestReport:
        """Add document graphs (``GraphBuilder.doc_graph``); merge their entities with the store's.

        The same article again (same sha256) is a no-op; a new version of an article already
        in the store (same ``dcterms:source`` URL or same file name) replaces it.
        ``on_progress(doc, status)`` is called per document, status ``added`` or ``unchanged``.
        ``docs`` is consumed as a stream (``ecokg.graph.ingest``): each document's raw graph goes to
        its file as it comes, and documents are committed in batches of ``batch_docs`` (or half the
        store's documents, when more), new graphs through the bulk loader, so memory stays flat in
        the corpus's text and a crash leaves the store at a batch boundary. An error (or a failure
        of the stream that feeds ``docs``) keeps the batches committed before it.
        """
        from ecokg.graph.ingest import ingest_docs

        started = time.monotonic()
        self._require_writable()
        report = IngestReport()
        ingest_docs(self, docs, report, on_progress=on_progress, batch_docs=batch_docs)
        report.entities = self._entity_count()
        report.seconds = time.monotonic() - started
        return report

    def remove_document(self, doc: str) -> str:
        """Drop one document (IRI, sha256 prefix, file name or title); returns its IRI.

        Facts only it stated go with its graph; entities other documents mention stay, and
        merges that only it justified are undone, all in one transaction.
        """
        self._require_writable()
        iri = self.find_document(doc)
        raw = RawFiles(self.path)
        state = load_state(self, raw)
        after = {d: r for d, r in state.items() if d != iri}
        commit(self, raw, state, after, set(), {iri})
        raw.delete(iri)
        return iri

    # -- internals -------------------------------------------------------------------------
    def _rows(self, sparql: str, **kw: Any) -> list[Any]:
        """Solutions of a SELECT on the raw pyoxigraph store (no union unless asked)."""
        result: Any = self.ox.query(sparql, **kw)
        return list(result)

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store {self.path} was opened read-only", hint="open it for writing")

    def _entity_count(self) -> int:
        from ecokg.graph.iris import KIND_BY_CLASS

        values = " ".join(f"<{ECO[c]}>" for c in KIND_BY_CLASS)
        q = f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?c {{ {values} }} ?e a ?c }}"
        return int(self._rows(q, use_default_graph_as_union=True)[0]["n"].value)

    def _refresh_ontology(self) -> None:
        """Load the packaged ontology into its graph when the store lacks it or it changed."""
        import pyoxigraph as ox

        from ecokg.resources import ontology_file

        src = ontology_file()
        if not src.is_file():
            return  # no ontology packaged (yet): nothing to load
        data = src.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        meta_file = self.path / META_DIR / "store.json"
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
        onto = ox.NamedNode(str(ONTOLOGY_GRAPH))
        if meta.get("ontology_sha256") == sha and self.ox.contains_named_graph(onto):
            return
        triples = ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=str(ONTOLOGY_GRAPH))
        body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
        self.ox.update(f"DROP SILENT GRAPH <{ONTOLOGY_GRAPH}> ;\n"
                       f"INSERT DATA {{ GRAPH <{ONTOLOGY_GRAPH}> {{\n{body}\n}} }}")
        meta.update({"format": FORMAT_VERSION, "ontology_sha256": sha})
        atomic_write(meta_file, json.dumps(meta, indent=2, sort_keys=True))


def _ox_named(iri: str) -> Any:
    import pyoxigraph as ox

    return ox.NamedNode(iri)


def iter_quads(store: EcoStore, graph: str | None = None) -> Iterator[Any]:
    """pyoxigraph quads of the store, of one graph when ``graph`` is given."""
    import pyoxigraph as ox

    if graph is None:
        yield from store.ox
    else:
        yield from store.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph))


__all__ = ["DEFAULT_DIR", "ENV_VAR", "DocumentInfo", "EcoStore", "IngestReport", "StoreStats", "atomic_write",
           "iter_quads", "resolve_store_path"]
