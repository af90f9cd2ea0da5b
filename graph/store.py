"""The persistent store: an embedded pyoxigraph (RocksDB) store, one named graph per document.

Interface the CLI, queries and views code against: ``resolve_store_path``, ``EcoStore.open``,
``EcoStore.ox`` (the pyoxigraph store; query it with ``use_default_graph_as_union=True`` to see
every document), ``ingest``, ``remove_document``, ``documents``, ``stats``, ``query``,
``construct``, ``union_graph``, ``add_dataset`` (raw, no merging), ``close``.

Layout of a store directory ``DIR``: RocksDB files (what ``oxigraph serve --location DIR``
reads) plus ``DIR/ecokg-meta/``: ``store.json`` (format, sha256 of the loaded ontology),
``lock`` (held with ``flock`` by the one process that writes) and ``docs/<key>.nt|.json``: each
document's *raw* graph as the builder wrote it and the evidence merging needs. The graphs in
RocksDB are the raw graphs rewritten by ``ecokg.graph.merge`` over all documents, so the union
depends on the set of documents only, never on their order. Every ingest or removal is one
RocksDB transaction (one SPARQL update): a crash or ``kill -9`` leaves the store as before.
Raw files are written before the transaction and only describe documents the store holds.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from ecokg.errors import InputError, QueryError, StoreError
from ecokg.graph import iris
from ecokg.graph.merge import Occurrence, Resolution, occurrences_from_triples, resolve, rewrite
from ecokg.graph.namespaces import DCTERMS, ECO, ONTOLOGY_GRAPH, sparql_prefixes

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset, Graph
    from rdflib.term import Node

    from ecokg.graph.builder import GraphBuilder
    from ecokg.loaders.records import Extraction

ENV_VAR = "ECOKG_STORE"
DEFAULT_DIR = "ecokg-data"
META_DIR = "ecokg-meta"
FORMAT_VERSION = 1


def resolve_store_path(option: str | os.PathLike[str] | None) -> Path:
    """``--store``, else ``$ECOKG_STORE``, else ``./ecokg-data``."""
    if option:
        return Path(option)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else Path(DEFAULT_DIR)


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write a file through a temporary file in the same directory and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; the file gets what open() would give
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    """The process's umask, read without changing it where Linux shows it (threads may be writing)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@dataclass
class DocumentInfo:
    """One document of the store."""

    iri: str
    title: str | None = None
    issued: str | None = None
    source: str | None = None
    file_name: str | None = None
    sha256: str | None = None
    triples: int = 0


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


@dataclass
class StoreStats:
    documents: int
    triples: int  # distinct triples of the union (ontology excluded)
    quads: int  # quads, all graphs
    entities: int
    entities_by_class: dict[str, int]
    figures: int
    designations: int
    ontology_triples: int


@dataclass
class _DocRecord:
    doc: str
    sha256: str | None
    source: str | None
    file_name: str | None
    occurrences: list[Occurrence]


class EcoStore:
    """An ecokg store on disk."""

    def __init__(self, path: Path, ox: pyoxigraph.Store, read_only: bool, lock: IO[str] | None = None) -> None:
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
        naming the process that holds it. Readers (``read_only``) never wait. The lock is a
        ``flock``: the kernel drops it when its process ends, even by ``kill -9``.
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
                                 hint="build one with 'ecokg build ARTICLE... --store DIR' or set ECOKG_STORE")
        if read_only:
            try:
                ox = pyoxigraph.Store.read_only(str(p))
            except OSError as exc:
                raise StoreError(f"cannot open the store at {p} for reading: {exc}",
                                 hint="check the path; rebuild the store if it is damaged") from exc
            return cls(p, ox, True)
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
                raise StoreError(f"store {p} is in use by another process and cannot be opened for writing: {exc}",
                                 hint="wait for the other process (an 'oxigraph serve' or another ecokg) to finish") from exc
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
        q = sparql_prefixes() + """
        SELECT ?g ?title ?issued ?source ?file ?sha (COUNT(*) AS ?n) WHERE {
          GRAPH ?g { ?g a eco:SourceDocument . ?s ?p ?o .
            OPTIONAL { ?g dcterms:title ?title } OPTIONAL { ?g dcterms:issued ?issued }
            OPTIONAL { ?g dcterms:source ?source } OPTIONAL { ?g eco:fileName ?file }
            OPTIONAL { ?g eco:sha256 ?sha } }
        } GROUP BY ?g ?title ?issued ?source ?file ?sha ORDER BY ?g"""
        out: dict[str, DocumentInfo] = {}
        for s in self._rows(q):
            iri = s["g"].value
            if iri in out:
                continue
            out[iri] = DocumentInfo(iri=iri, title=_val(s["title"]), issued=_val(s["issued"]),
                                    source=_val(s["source"]), file_name=_val(s["file"]), sha256=_val(s["sha"]),
                                    triples=int(s["n"].value))
        return list(out.values())

    def stats(self) -> StoreStats:
        """Counts for ``ecokg stats``."""
        import pyoxigraph as ox

        from ecokg.graph.iris import KIND_BY_CLASS

        onto = str(ONTOLOGY_GRAPH)
        data_graphs: list[Any] = [ox.NamedNode(g.value) for g in self.ox.named_graphs() if g.value != onto]
        triples = 0
        if data_graphs:
            q = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
            triples = int(self._rows(q, default_graph=data_graphs)[0]["n"].value)
        by_class: dict[str, int] = {}
        q = "SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c } GROUP BY ?c"
        for s in self._rows(q, default_graph=data_graphs) if data_graphs else []:
            cls = s["c"].value
            name = cls[len(str(ECO)):] if cls.startswith(str(ECO)) else ""
            if name in KIND_BY_CLASS:
                by_class[name] = int(s["n"].value)
        counts = {c: by_class.get(c, 0) for c in ("Observation", "Designation")}
        for c in ("Observation", "Designation"):
            if not data_graphs:
                break
            res = self._rows(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{ECO[c]}> }}",
                             default_graph=data_graphs)
            counts[c] = int(res[0]["n"].value)
        onto_n = sum(1 for _ in self.ox.quads_for_pattern(None, None, None, ox.NamedNode(onto)))
        return StoreStats(documents=len(self.document_graphs()), triples=triples, quads=len(self.ox),
                          entities=sum(by_class.values()), entities_by_class=dict(sorted(by_class.items())),
                          figures=counts["Observation"], designations=counts["Designation"],
                          ontology_triples=onto_n)

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

    def ingest(self, extractions: Iterable[Extraction], builder: GraphBuilder | None = None, *,
               on_progress: Callable[[Extraction, str], None] | None = None) -> IngestReport:
        """Add articles; merge their entities with the store's; all in one transaction.

        The same article again (same sha256) is a no-op; a new version of an article already
        in the store (same ``dcterms:source`` URL or same file name) replaces it.
        ``on_progress(extraction, status)`` is called per article, status ``added`` or ``unchanged``.
        """
        import pyoxigraph as ox

        from ecokg.graph.builder import GraphBuilder
        from ecokg.graph.oxconvert import to_ox

        started = time.monotonic()
        self._require_writable()
        builder = builder or GraphBuilder()
        report = IngestReport()
        state = self._load_state()
        pending: dict[str, tuple[_DocRecord, list[Any]]] = {}
        dropped: set[str] = set()
        for ex in extractions:
            doc = str(builder.doc_iri(ex))
            if (doc in state and doc not in dropped) or doc in pending:
                report.unchanged.append(doc)
                if on_progress:
                    on_progress(ex, "unchanged")
                continue
            ds = builder.new_dataset()
            builder.add(ds, ex)
            triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in ds.graph(builder.doc_iri(ex))]
            gaz = [str(builder.entity_iri(ex, k)) for k, e in ex.entities.items() if e.source == "gazetteer"]
            record = _record(doc, triples, gaz)
            for other in [d for d in pending if _same_source(pending[d][0], record)]:
                report.added.remove(other)  # an older version earlier in this same call
                del pending[other]
            for other in [d for d in state if d not in dropped and _same_source(state[d], record)]:
                dropped.add(other)
                report.replaced.append(other)
            pending[doc] = (record, triples)
            report.added.append(doc)
            if on_progress:
                on_progress(ex, "added")
        if not pending and not dropped:
            report.entities = self._entity_count()
            report.seconds = time.monotonic() - started
            return report
        try:
            for record, triples in pending.values():
                self._write_raw(record, triples)
        except OSError as exc:
            for doc in pending:
                if doc not in state:
                    self._delete_raw(doc)
            raise _write_error(self.path, exc, "cannot take the new documents, nothing was changed") from exc
        after = {d: r for d, r in state.items() if d not in dropped}
        after.update({d: rec for d, (rec, _t) in pending.items()})
        try:
            rewritten, quads = self._commit(state, after, {d: t for d, (_r, t) in pending.items()}, dropped)
        except StoreError:
            for doc in pending:
                if doc not in state:
                    self._delete_raw(doc)
            raise
        report.rewritten = sorted(set(rewritten) - set(pending))
        report.quads = quads
        for doc in dropped - set(pending):
            self._delete_raw(doc)
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
        state = self._load_state()
        after = {d: r for d, r in state.items() if d != iri}
        self._commit(state, after, {}, {iri})
        self._delete_raw(iri)
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

    def _docs_dir(self) -> Path:
        return self.path / META_DIR / "docs"

    def _raw_paths(self, doc: str) -> tuple[Path, Path]:
        key = iris.short_hash(doc)
        return self._docs_dir() / f"{key}.nt", self._docs_dir() / f"{key}.json"

    def _write_raw(self, record: _DocRecord, triples: list[Any]) -> None:
        import pyoxigraph as ox

        nt, js = self._raw_paths(record.doc)
        atomic_write(nt, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
        data = {"doc": record.doc, "sha256": record.sha256, "source": record.source, "file_name": record.file_name,
                "occurrences": [o.to_json() for o in record.occurrences]}
        atomic_write(js, json.dumps(data, ensure_ascii=False, sort_keys=True))

    def _read_raw(self, doc: str) -> list[Any]:
        import pyoxigraph as ox

        nt, _js = self._raw_paths(doc)
        try:
            return list(ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES))
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"the raw graph of {doc} in {nt} is missing or damaged: {exc}",
                             hint="remove the document ('ecokg remove') and build it again") from exc

    def _delete_raw(self, doc: str) -> None:
        for p in self._raw_paths(doc):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()

    def _load_state(self) -> dict[str, _DocRecord]:
        """The raw evidence of every document in the store (imports graphs added without it)."""
        import pyoxigraph as ox

        state: dict[str, _DocRecord] = {}
        docs = self.document_graphs()
        keep = {iris.short_hash(d) for d in docs}
        if self._docs_dir().is_dir():  # we hold the lock: leftovers of a killed ingest
            for f in self._docs_dir().iterdir():
                if f.suffix == ".tmp" or (f.suffix in (".nt", ".json") and f.stem not in keep):
                    with contextlib.suppress(OSError):
                        f.unlink()
        for doc in docs:
            _nt, js = self._raw_paths(doc)
            try:
                data = json.loads(js.read_text(encoding="utf-8"))
                occ = [Occurrence.from_json(o) for o in data["occurrences"]]
                state[doc] = _DocRecord(doc, data.get("sha256"), data.get("source"), data.get("file_name"), occ)
            except (OSError, ValueError, KeyError):
                triples = [ox.Triple(q.subject, q.predicate, q.object)
                           for q in self.ox.quads_for_pattern(None, None, None, ox.NamedNode(doc))]
                state[doc] = _record(doc, triples, [])
                try:
                    self._write_raw(state[doc], triples)
                except OSError as exc:
                    raise _write_error(self.path, exc, "cannot record a document's raw graph") from exc
        return state

    def _commit(self, before: dict[str, _DocRecord], after: dict[str, _DocRecord],
                new_raw: dict[str, list[Any]], dropped: set[str]) -> tuple[list[str], int]:
        """Write the store state for ``after`` in ONE transaction; returns (rewritten docs, quads)."""
        old = resolve(o for r in before.values() for o in r.occurrences)
        new = resolve(o for r in after.values() for o in r.occurrences)
        ops: list[str] = [f"DROP SILENT GRAPH <{d}>" for d in sorted(dropped - set(after))]
        rewritten: list[str] = []
        quads = 0
        for doc in sorted(after):
            if doc not in new_raw and _slice(before[doc], old) == _slice(after[doc], new):
                continue
            raw = new_raw[doc] if doc in new_raw else self._read_raw(doc)
            triples = rewrite(doc, raw, new)
            ops.append(f"DROP SILENT GRAPH <{doc}>")
            body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
            ops.append(f"INSERT DATA {{ GRAPH <{doc}> {{\n{body}\n}} }}")
            rewritten.append(doc)
            quads += len(triples)
        if ops:
            try:
                self.ox.update(" ;\n".join(ops))
            except OSError as exc:
                raise _write_error(self.path, exc, "could not be written, nothing was changed") from exc
            except SyntaxError as exc:
                raise StoreError(f"writing to the store {self.path} failed, nothing was changed: {exc}",
                                 hint="check free disk space and permissions") from exc
        return rewritten, quads

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
        if meta.get("ontology_sha256") == sha and self.ox.contains_named_graph(ox.NamedNode(str(ONTOLOGY_GRAPH))):
            return
        triples = ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=str(ONTOLOGY_GRAPH))
        body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
        self.ox.update(f"DROP SILENT GRAPH <{ONTOLOGY_GRAPH}> ;\n"
                       f"INSERT DATA {{ GRAPH <{ONTOLOGY_GRAPH}> {{\n{body}\n}} }}")
        meta.update({"format": FORMAT_VERSION, "ontology_sha256": sha})
        atomic_write(meta_file, json.dumps(meta, indent=2, sort_keys=True))


def _record(doc: str, triples: list[Any], gazetteer: list[str]) -> _DocRecord:
    values: dict[str, str] = {}
    keys = {str(DCTERMS.source): "source", str(ECO.fileName): "file_name", str(ECO.sha256): "sha256"}
    for t in triples:
        if t.subject.value == doc and t.predicate.value in keys:
            values[keys[t.predicate.value]] = t.object.value
    return _DocRecord(doc, values.get("sha256"), values.get("source"), values.get("file_name"),
                      occurrences_from_triples(doc, ((t.subject, t.predicate, t.object) for t in triples), gazetteer))


def _same_source(a: _DocRecord, b: _DocRecord) -> bool:
    return bool((a.source and a.source == b.source) or (a.file_name and a.file_name == b.file_name))


def _slice(record: _DocRecord, resolution: dict[tuple[str, str], Resolution]) -> list[tuple[str, Resolution]]:
    return sorted(((o.iri, resolution[(o.doc, o.iri)]) for o in record.occurrences), key=lambda x: x[0])


def _val(term: Any) -> str | None:
    return None if term is None else term.value


def _ox_named(iri: str) -> Any:
    import pyoxigraph as ox

    return ox.NamedNode(iri)


def _write_error(store: Path, exc: OSError, what: str) -> StoreError:
    """A StoreError for a failed write: full disk, read-only file system, permissions."""
    import errno

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


def _acquire_lock(path: Path, store: Path, wait: float,
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


def iter_quads(store: EcoStore, graph: str | None = None) -> Iterator[Any]:
    """pyoxigraph quads of the store, of one graph when ``graph`` is given."""
    import pyoxigraph as ox

    if graph is None:
        yield from store.ox
    else:
        yield from store.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph))


__all__ = ["DEFAULT_DIR", "ENV_VAR", "DocumentInfo", "EcoStore", "IngestReport", "StoreStats", "atomic_write",
           "iter_quads", "resolve_store_path"]
