"""Writing a store state: raw document files, the merge over all documents, one transaction.

Every document's *raw* graph (as the builder wrote it) and the evidence merging needs are kept
in ``ecokg-meta/docs/<key>.nt|.json``. A commit computes the merge over the documents the store
will hold, then writes in ONE transaction: the document graphs that are new or whose entities
merged differently (only the quads that change), the changed entity descriptions of the entity
graph (``ecokg.graph.entities``) and the removal of dropped documents. When nothing is deleted
(the usual case of adding articles), the quads go through ``Store.extend`` (one transaction,
streamed from the raw files, far cheaper than a SPARQL update); otherwise through one SPARQL
update. A crash or ``kill -9`` leaves the store as before either way.

With ``bulk=True`` (a large batch of a streamed build, ``EcoStore.ingest``) the new document
graphs go through pyoxigraph's bulk loader instead (``ecokg.graph.bulkload``: one ingestion, all
or nothing for readers), bracketed by the journal of ``ecokg.graph.ingest``; a batch that only
adds loads everything that way, otherwise the rest (entity graph, rewritten and dropped
documents) is the transaction that follows. ``recover`` finishes a batch whose writer was killed.
"""

from __future__ import annotations

import contextlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecokg.errors import StoreError
from ecokg.graph import iris
from ecokg.graph.bulkload import fold_inserts, load_files, write_bulk
from ecokg.graph.closure import commit_changes, materialize_class_closure
from ecokg.graph.entities import Description, changes, describe
from ecokg.graph.merge import Occurrence, Resolution, occurrences_from_triples, resolve, rewrite
from ecokg.graph.namespaces import CURATION_GRAPH, DCTERMS, ECO, ENTITY_GRAPH
from ecokg.graph.storefs import atomic_write, umask, write_error
from ecokg.graph.update_text import update_text

if TYPE_CHECKING:
    from ecokg.graph.store import EcoStore

META_DIR = "ecokg-meta"
#: ``layout`` in ``store.json`` once the store holds entity descriptions in the entity graph.
LAYOUT = "entity-graph"


@dataclass
class DocRecord:
    doc: str
    sha256: str | None
    source: str | None
    file_name: str | None
    occurrences: list[Occurrence]


def record_of(doc: str, triples: list[Any], gazetteer: list[str]) -> DocRecord:
    """The record of one raw document graph (pyoxigraph triples)."""
    from ecokg.graph.merge import EVIDENCE

    values: dict[str, str] = {}
    keys = {str(DCTERMS.source): "source", str(ECO.fileName): "file_name", str(ECO.sha256): "sha256"}
    evidence = []  # the triples merging reads: types, labels, identifiers, places (a fraction of all)
    for t in triples:
        p = t.predicate.value
        if p in EVIDENCE:
            evidence.append((t.subject, t.predicate, t.object))
        elif p in keys and t.subject.value == doc:
            values[keys[p]] = t.object.value
    return DocRecord(doc, values.get("sha256"), values.get("source"), values.get("file_name"),
                     occurrences_from_triples(doc, evidence, gazetteer))


def _record_json(record: DocRecord) -> str:
    data = {"doc": record.doc, "sha256": record.sha256, "source": record.source,
            "file_name": record.file_name, "occurrences": [o.to_json() for o in record.occurrences]}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def same_source(a: DocRecord, b: DocRecord) -> bool:
    return bool((a.source and a.source == b.source) or (a.file_name and a.file_name == b.file_name))


def _slice(record: DocRecord, resolution: dict[tuple[str, str], Resolution]) -> list[tuple[str, str]]:
    return sorted((o.iri, resolution[(o.doc, o.iri)].iri) for o in record.occurrences)


# -- raw files -----------------------------------------------------------------------------------
class RawFiles:
    """``ecokg-meta/docs``: each document's raw graph (.nt) and record (.json)."""

    def __init__(self, store_path: Path) -> None:
        self.store_path = store_path
        self.folder = store_path / META_DIR / "docs"

    def paths(self, doc: str) -> tuple[Path, Path]:
        key = iris.short_hash(doc)
        return self.folder / f"{key}.nt", self.folder / f"{key}.json"

    def write(self, record: DocRecord, triples: list[Any]) -> None:
        import pyoxigraph as ox

        nt, js = self.paths(record.doc)
        atomic_write(nt, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
        atomic_write(js, _record_json(record))

    def write_unsynced(self, record: DocRecord, ntriples: bytes) -> None:
        """A document's raw files, renamed into place whole but not synced (``sync`` makes a batch
        durable at once); a crash leaves whole files or ``.tmp`` leftovers (removed by ``sweep``)."""
        import os
        import tempfile

        self.folder.mkdir(parents=True, exist_ok=True)
        nt, js = self.paths(record.doc)
        for path, data in ((nt, ntriples), (js, _record_json(record).encode("utf-8"))):
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.chmod(tmp, 0o666 & ~umask())  # what open() would give, as atomic_write does
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise

    @staticmethod
    def sync() -> None:
        __import__("os").sync()

    def read(self, doc: str) -> list[Any]:
        import pyoxigraph as ox

        nt, _js = self.paths(doc)
        try:
            return list(ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES))
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"the raw graph of {doc} in {nt} is missing or damaged: {exc}",
                             hint="remove the document ('ecokg remove') and build it again") from exc

    def read_record(self, doc: str) -> DocRecord:
        _nt, js = self.paths(doc)
        data = json.loads(js.read_text(encoding="utf-8"))
        occ = [Occurrence.from_json(o) for o in data["occurrences"]]
        return DocRecord(doc, data.get("sha256"), data.get("source"), data.get("file_name"), occ)

    def delete(self, doc: str) -> None:
        for p in self.paths(doc):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()

    def sweep(self, keep_docs: Iterable[str]) -> None:
        """Remove leftovers of a killed ingest (we hold the lock): temporary and orphan files."""
        keep = {iris.short_hash(d) for d in keep_docs}
        if self.folder.is_dir():
            for f in self.folder.iterdir():
                if f.suffix == ".tmp" or (f.suffix in (".nt", ".json") and f.stem not in keep):
                    with contextlib.suppress(OSError):
                        f.unlink()


def load_state(store: EcoStore, raw: RawFiles) -> dict[str, DocRecord]:
    """The record of every document in the store (imports graphs added without one)."""
    import pyoxigraph as ox

    from ecokg.graph.ingest import recover

    recover(store, raw)
    state: dict[str, DocRecord] = {}
    docs = store.document_graphs()
    raw.sweep(docs)
    for doc in docs:
        try:
            state[doc] = raw.read_record(doc)
        except (OSError, ValueError, KeyError):
            triples = [ox.Triple(q.subject, q.predicate, q.object)
                       for q in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(doc))]
            state[doc] = record_of(doc, triples, [])
            try:
                raw.write(state[doc], triples)
            except OSError as exc:
                raise write_error(store.path, exc, "cannot record a document's raw graph") from exc
    return state


# -- the commit ----------------------------------------------------------------------------------
def _meta(store: EcoStore) -> dict[str, Any]:
    try:
        return dict(json.loads((store.path / META_DIR / "store.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def _entity_graph(store: EcoStore, subjects: Iterable[str] | None = None) -> Description:
    """The stored descriptions (of ``subjects`` only, when given)."""
    import pyoxigraph as ox

    graph = ox.NamedNode(str(ENTITY_GRAPH))
    found: dict[str, set[Any]] = defaultdict(set)
    if subjects is None:
        for q in store.ox.quads_for_pattern(None, None, None, graph):
            found[q.subject.value].add(q.triple)
    else:
        for iri in subjects:
            for q in store.ox.quads_for_pattern(ox.NamedNode(iri), None, None, graph):
                found[iri].add(q.triple)
    return {k: frozenset(v) for k, v in found.items()}


def _clusters(records: Iterable[DocRecord], resolution: dict[tuple[str, str], Resolution]
              ) -> dict[str, tuple[Resolution, set[tuple[str, str]]]]:  # Clusters
    """Merged IRI → (its resolution, the occurrences in it)."""
    out: dict[str, tuple[Resolution, set[tuple[str, str]]]] = {}
    for r in records:
        for o in r.occurrences:
            res = resolution[(o.doc, o.iri)]
            entry = out.get(res.iri)
            if entry is None:
                entry = out[res.iri] = (res, set())
            entry[1].add((o.doc, o.iri))
    return out


Clusters = dict[str, tuple[Resolution, set[tuple[str, str]]]]


@dataclass
class Plan:
    """What one commit writes (``plan``), written by ``apply`` (possibly in another thread)."""

    written: list[str]  # documents whose graphs are written
    quads: int  # quads inserted
    resolution: dict[tuple[str, str], Resolution]  # of the state after it
    bulk: list[Path] = field(default_factory=list)  # new document graphs as N-Quads files (bulk loader)
    bulk_counts: dict[str, int] = field(default_factory=dict)  # quads per new graph (the journal)
    drops: list[str] = field(default_factory=list)  # graphs dropped
    deletes: list[Any] = field(default_factory=list)
    inserts: Any = ()  # quads, or an iterator of them (streamed from raw files)
    has_inserts: bool = False
    streamed: list[int] = field(default_factory=lambda: [0])  # quads the iterator gave
    clusters: Clusters | None = None  # of the state after it (``old_clusters`` of the next plan)
    closure: str | None = None  # the class hierarchy's signature when the whole closure is to be redone


def plan(store: EcoStore, raw: RawFiles, before: dict[str, DocRecord], after: dict[str, DocRecord],
         fresh: set[str], dropped: set[str], *, bulk: bool = False,
         old: dict[tuple[str, str], Resolution] | None = None, full: bool = True,
         old_clusters: Clusters | None = None) -> Plan:
    """The writes that take the store from ``before`` to ``after`` (see ``commit``)."""
    import pyoxigraph as ox

    from ecokg.graph.curation import rules_for

    rules = rules_for(store.path)  # the analyst's decisions (graph/curation.py), applied at every commit
    if old is None:
        old = resolve((o for r in before.values() for o in r.occurrences), rules)
    new = resolve((o for r in after.values() for o in r.occurrences), rules)
    legacy = bool(before) and _meta(store).get("layout") != LAYOUT  # labels in document graphs
    clusters = None
    if full or legacy:
        current = _entity_graph(store)
        target = describe((o for r in after.values() for o in r.occurrences), new)
    else:  # only the entities whose occurrences or resolution changed
        a = old_clusters if old_clusters is not None else _clusters(before.values(), old)
        clusters = _clusters(after.values(), new)
        touched = {iri for iri in a.keys() | clusters.keys() if a.get(iri) != clusters.get(iri)}
        current = _entity_graph(store, touched)
        target = describe((o for r in after.values() for o in r.occurrences
                           if new[(o.doc, o.iri)].iri in touched), new)
    if rules is not None:
        target = {k: v for k, v in target.items() if k not in rules.rejected}
    ent_delete, ent_insert = changes(current, target)
    recorded = _meta(store).get("closure")  # the class closure (graph/closure.py): in the same transaction
    inf_delete, inf_insert, sig = commit_changes(store.ox, recorded, ent_delete, ent_insert)
    out = Plan([], 0, new, drops=sorted(dropped - set(after)), deletes=list(ent_delete) + inf_delete,
               clusters=clusters, closure=sig)
    cur_delete, cur_insert = _curation_changes(store, rules)
    out.deletes += cur_delete
    inserts: list[Any] = list(ent_insert) + inf_insert + list(cur_insert)

    def rewritten(doc: str) -> list[Any]:
        triples = rewrite(doc, raw.read(doc), new)
        return rules.filter(triples) if rules is not None else triples
    streamed: list[str] = []
    for doc in sorted(after):
        if doc not in fresh and not legacy and _slice(before[doc], old) == _slice(after[doc], new):
            continue
        out.written.append(doc)
        graph = ox.NamedNode(doc)
        if not store.ox.contains_named_graph(graph):
            streamed.append(doc)
            continue
        target_doc = set(rewritten(doc))
        current_doc = {q.triple for q in store.ox.quads_for_pattern(None, None, None, graph)}
        if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
               for t in current_doc):
            out.drops.append(doc)  # DELETE DATA takes no blank nodes: replace the whole graph
            current_doc = set()
        out.deletes.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in current_doc - target_doc)
        inserts.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in target_doc - current_doc)
    out.quads = len(inserts)
    if bulk:  # new graphs (and, when the batch only adds, everything else) through ONE bulk load
        try:
            write_bulk(out, streamed, raw, rules, new, after, rewritten)
            if fold_inserts(out, raw, inserts):
                inserts = []
        except BaseException:
            for path in out.bulk:  # a full disk: no part-written file stays behind
                path.unlink(missing_ok=True)
            raise
        out.inserts, out.has_inserts = inserts, bool(inserts)
        return out
    counter = out.streamed

    def all_inserts() -> Iterator[Any]:
        yield from inserts
        for doc in streamed:
            graph = ox.NamedNode(doc)
            triples = rewritten(doc)
            counter[0] += len(triples)
            yield from (ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)

    out.inserts, out.has_inserts = all_inserts(), True
    return out


def apply(store: EcoStore, plan: Plan) -> None:
    """Write a ``plan``: new graphs through ONE bulk load under the journal, the rest in ONE transaction."""
    from ecokg.graph.ingest import Journal

    meta = store.path / META_DIR
    try:
        if plan.bulk_counts:
            rest = [d for d in plan.written if d not in plan.bulk_counts]
            Journal(plan.bulk_counts, rest, plan.drops).write(meta)
            load_files(store.ox, plan.bulk)  # one ingestion: a reader sees all of the files or none
            for path in plan.bulk:
                path.unlink()
        if not plan.deletes and not plan.drops:
            if plan.has_inserts:
                store.ox.extend(plan.inserts)
        else:
            store.ox.update(update_text(plan.drops, plan.deletes, plan.inserts))
        if plan.bulk_counts:
            Journal.clear(meta)
        if plan.closure:  # the hierarchy changed (or a store older than the closure): all of it again
            materialize_class_closure(store.ox)
    except OSError as exc:
        raise write_error(store.path, exc, "could not be written, nothing was changed") from exc
    except SyntaxError as exc:
        raise StoreError(f"writing to the store {store.path} failed, nothing was changed: {exc}",
                         hint="check free disk space and permissions") from exc
    if (meta_data := _meta(store)).get("layout") != LAYOUT or plan.closure:
        meta_data.update({"layout": LAYOUT, **({"closure": plan.closure} if plan.closure else {})})
        atomic_write(store.path / META_DIR / "store.json", json.dumps(meta_data, indent=2, sort_keys=True))


def commit(store: EcoStore, raw: RawFiles, before: dict[str, DocRecord], after: dict[str, DocRecord],
           fresh: set[str], dropped: set[str],
           **kw: Any) -> tuple[list[str], int, dict[tuple[str, str], Resolution]]:
    """Write the store state for ``after``; returns (written docs, quads inserted, its resolution).

    ``fresh``: documents whose raw files are new (written before this call). Without ``bulk`` (a
    keyword of ``plan``) everything is ONE transaction. With ``bulk`` the graphs of documents the
    store lacks are bulk-loaded first (rewritten from their raw files, ``ecokg.graph.bulkload``), under the
    journal (``ecokg.graph.ingest.Journal``), then the rest is one transaction. ``old``: the
    resolution of ``before`` when the caller kept it; ``full=False``: the entity graph is known to
    describe ``before``, so only the entities whose clusters changed are compared.
    """
    p = plan(store, raw, before, after, fresh, dropped, **kw)
    apply(store, p)
    return p.written, p.quads + p.streamed[0], p.resolution


def _curation_changes(store: EcoStore, rules: Any) -> tuple[list[Any], list[Any]]:
    """(deletes, inserts) that make the curation graph hold the decisions of ``rules``."""
    import pyoxigraph as ox

    graph = ox.NamedNode(str(CURATION_GRAPH))
    current = set(store.ox.quads_for_pattern(None, None, None, graph))
    target = rules.quads() if rules is not None else set()
    return sorted(current - target, key=str), sorted(target - current, key=str)


__all__ = ["LAYOUT", "DocRecord", "Plan", "RawFiles", "apply", "commit", "load_state", "plan", "record_of",
           "same_source"]
