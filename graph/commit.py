"""Writing a store state: raw document files, the merge over all documents, one transaction.

Every document's *raw* graph (as the builder wrote it) and the evidence merging needs are kept
in ``ecokg-meta/docs/<key>.nt|.json``. A commit computes the merge over the documents the store
will hold, then writes in ONE transaction: the document graphs that are new or whose entities
merged differently (only the quads that change), the changed entity descriptions of the entity
graph (``ecokg.graph.entities``) and the removal of dropped documents. When nothing is deleted
(the usual case of adding articles), the quads go through ``Store.extend`` (one transaction,
streamed from the raw files, far cheaper than a SPARQL update); otherwise through one SPARQL
update. A crash or ``kill -9`` leaves the store as before either way.
"""

from __future__ import annotations

import contextlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecokg.errors import StoreError
from ecokg.graph import iris
from ecokg.graph.entities import Description, changes, describe
from ecokg.graph.merge import Occurrence, Resolution, occurrences_from_triples, resolve, rewrite
from ecokg.graph.namespaces import CURATION_GRAPH, DCTERMS, ECO, ENTITY_GRAPH
from ecokg.graph.storefs import atomic_write, write_error

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
    values: dict[str, str] = {}
    keys = {str(DCTERMS.source): "source", str(ECO.fileName): "file_name", str(ECO.sha256): "sha256"}
    for t in triples:
        if t.subject.value == doc and t.predicate.value in keys:
            values[keys[t.predicate.value]] = t.object.value
    return DocRecord(doc, values.get("sha256"), values.get("source"), values.get("file_name"),
                     occurrences_from_triples(doc, ((t.subject, t.predicate, t.object) for t in triples), gazetteer))


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
        data = {"doc": record.doc, "sha256": record.sha256, "source": record.source, "file_name": record.file_name,
                "occurrences": [o.to_json() for o in record.occurrences]}
        atomic_write(js, json.dumps(data, ensure_ascii=False, sort_keys=True))

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


def _entity_graph(store: EcoStore) -> Description:
    import pyoxigraph as ox

    found: dict[str, set[Any]] = defaultdict(set)
    for q in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(str(ENTITY_GRAPH))):
        found[q.subject.value].add(q.triple)
    return {k: frozenset(v) for k, v in found.items()}


def commit(store: EcoStore, raw: RawFiles, before: dict[str, DocRecord], after: dict[str, DocRecord],
           fresh: set[str], dropped: set[str]) -> tuple[list[str], int]:
    """Write the store state for ``after`` in ONE transaction; returns (written docs, quads inserted).

    ``fresh``: documents whose raw files are new (written before this call).
    """
    import pyoxigraph as ox

    from ecokg.graph.curation import rules_for

    rules = rules_for(store.path)  # the analyst's decisions (graph/curation.py), applied at every commit
    old = resolve((o for r in before.values() for o in r.occurrences), rules)
    new = resolve((o for r in after.values() for o in r.occurrences), rules)
    legacy = bool(before) and _meta(store).get("layout") != LAYOUT  # labels in document graphs
    described = describe((o for r in after.values() for o in r.occurrences), new)
    if rules is not None:
        described = {k: v for k, v in described.items() if k not in rules.rejected}
    ent_delete, ent_insert = changes(_entity_graph(store), described)
    drops = sorted(dropped - set(after))
    deletes: list[Any] = list(ent_delete)
    inserts: list[Any] = list(ent_insert)
    cur_delete, cur_insert = _curation_changes(store, rules)
    deletes += cur_delete
    inserts += cur_insert

    def rewritten(doc: str) -> list[Any]:
        triples = rewrite(doc, raw.read(doc), new)
        return rules.filter(triples) if rules is not None else triples
    streamed: list[str] = []
    written: list[str] = []
    for doc in sorted(after):
        if doc not in fresh and not legacy and _slice(before[doc], old) == _slice(after[doc], new):
            continue
        written.append(doc)
        graph = ox.NamedNode(doc)
        if not store.ox.contains_named_graph(graph):
            streamed.append(doc)
            continue
        target = set(rewritten(doc))
        current = {q.triple for q in store.ox.quads_for_pattern(None, None, None, graph)}
        if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in current):
            drops.append(doc)  # DELETE DATA takes no blank nodes: replace the whole graph
            current = set()
        deletes.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in current - target)
        inserts.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in target - current)
    counter = [len(inserts)]

    def all_inserts() -> Iterator[Any]:
        yield from inserts
        for doc in streamed:
            graph = ox.NamedNode(doc)
            triples = rewritten(doc)
            counter[0] += len(triples)
            yield from (ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)

    try:
        if not deletes and not drops:
            store.ox.extend(all_inserts())
        else:
            store.ox.update(_update_text(drops, deletes, all_inserts()))
    except OSError as exc:
        raise write_error(store.path, exc, "could not be written, nothing was changed") from exc
    except SyntaxError as exc:
        raise StoreError(f"writing to the store {store.path} failed, nothing was changed: {exc}",
                         hint="check free disk space and permissions") from exc
    if _meta(store).get("layout") != LAYOUT:
        meta = _meta(store)
        meta["layout"] = LAYOUT
        atomic_write(store.path / META_DIR / "store.json", json.dumps(meta, indent=2, sort_keys=True))
    return written, counter[0]


def _curation_changes(store: EcoStore, rules: Any) -> tuple[list[Any], list[Any]]:
    """(deletes, inserts) that make the curation graph hold the decisions of ``rules``."""
    import pyoxigraph as ox

    graph = ox.NamedNode(str(CURATION_GRAPH))
    current = set(store.ox.quads_for_pattern(None, None, None, graph))
    target = rules.quads() if rules is not None else set()
    return sorted(current - target, key=str), sorted(target - current, key=str)


def _update_text(drops: list[str], deletes: list[Any], inserts: Iterable[Any]) -> str:
    ops = [f"DROP SILENT GRAPH <{d}>" for d in sorted(set(drops))]
    if deletes:
        ops.append("DELETE DATA {\n" + _grouped(deletes) + "\n}")
    body = _grouped(inserts)
    if body:
        ops.append("INSERT DATA {\n" + body + "\n}")
    return " ;\n".join(ops)


def _grouped(quads: Iterable[Any]) -> str:
    by_graph: dict[str, list[str]] = defaultdict(list)
    for q in quads:
        by_graph[str(q.graph_name)].append(f"{q.subject} {q.predicate} {q.object} .")
    return "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())


__all__ = ["LAYOUT", "DocRecord", "RawFiles", "commit", "load_state", "record_of", "same_source"]
