"""The class closure: every entity typed with each superclass of its class, in the inferred graph.

With it a query asks ``?x a eco:Organization`` and finds companies, government bodies, committees
and innovation centers, or ``?x a eco:Policy`` and finds funds and subsidies, without
``rdfs:subClassOf*`` (a path the planner evaluates for every typed node). The entity graph holds
each entity's asserted class; its strict superclasses (``rdfs:subClassOf+`` in the ontology graph,
named classes only) go to ``INFERRED_GRAPH``, minus those a graph already states.

The graph is derived and kept up to date by every commit (``graph/commit.py``: ingest, removal,
curation, re-ingest): ``closure_changes`` turns the entity graph's type changes into the inferred
graph's, written in the same transaction; when the ontology's class hierarchy changed (or the store
predates the closure) ``materialize_class_closure`` brings the whole graph up to date (~3 s at 1M
quads) and ``signature`` is recorded in ``store.json``. The graph names itself ``a prov:Bundle``,
so queries see it in their scope. A named query that reports an entity's *asserted* class reads it
from the graphs other than the inferred one (``GRAPH ?g { ?x a ?class } FILTER(?g != <…/inferred>)``).
Exports write it as any graph; ``ecokg load`` skips a file's and makes it again.
"""

from __future__ import annotations

from typing import Any

from ecokg.graph.namespaces import ENTITY_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, PROV, RDF, RDFS

#: Quads added by ``materialize_class_closure`` from which they go through the bulk loader (a store's
#: first large batch: 100,000 quads for one 5 MB article; ``Store.extend`` checks each one, 3× slower).
BULK_MIN_CLOSURE = 10_000


def superclasses(ox_store: Any) -> dict[Any, set[Any]]:
    """Each class of the ontology graph → its strict named superclasses (transitive)."""
    import pyoxigraph as ox

    direct: dict[Any, set[Any]] = {}
    onto = ox.NamedNode(str(ONTOLOGY_GRAPH))
    for q in ox_store.quads_for_pattern(None, ox.NamedNode(str(RDFS.subClassOf)), None, onto):
        named = isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode)
        if named and q.subject != q.object:
            direct.setdefault(q.subject, set()).add(q.object)
    closed: dict[Any, set[Any]] = {}
    for cls in direct:
        seen: set[Any] = set()
        todo = list(direct[cls])
        while todo:
            sup = todo.pop()
            if sup not in seen and sup != cls:
                seen.add(sup)
                todo += direct.get(sup, ())
        closed[cls] = seen
    return closed


def signature(supers: dict[Any, set[Any]]) -> str:
    """A short fingerprint of a class hierarchy (``superclasses``): the closure is redone when it changes."""
    import hashlib

    lines = (f"{c.value} {' '.join(sorted(s.value for s in sups))}" for c, sups in supers.items())
    text = "\n".join(sorted(lines))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def packaged_superclasses() -> dict[Any, set[Any]]:
    """``superclasses`` of the packaged ontology (for a store without its ontology graph)."""
    import pyoxigraph as ox

    from ecokg.resources import ontology_file

    src, onto = ontology_file(), ox.NamedNode(str(ONTOLOGY_GRAPH))
    mem = ox.Store()
    if src.is_file():
        mem.load(src.read_bytes(), format=ox.RdfFormat.TURTLE, base_iri=str(ONTOLOGY_GRAPH), to_graph=onto)
    return superclasses(mem)


def class_closure(ox_store: Any, supers: dict[Any, set[Any]] | None = None) -> set[Any]:
    """The quads the inferred graph should hold: (entity, rdf:type, superclass) not stated elsewhere."""
    import pyoxigraph as ox

    rdf_type, graph = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(INFERRED_GRAPH))
    if supers is None:
        supers = superclasses(ox_store)
    candidates: dict[Any, set[Any]] = {}
    for q in _entity_types(ox_store, graph):
        candidates.setdefault(q.subject, set()).update(supers.get(q.object, ()))
    out: set[Any] = set()
    for s, sups in candidates.items():
        if sups:  # minus what a graph states already (one lookup per entity)
            pattern = ox_store.quads_for_pattern(s, rdf_type, None, None)
            sups = sups - {q.object for q in pattern if q.graph_name != graph}
            out.update(ox.Quad(s, rdf_type, sup, graph) for sup in sups)
    if out:
        out.add(ox.Quad(graph, rdf_type, ox.NamedNode(str(PROV.Bundle)), graph))
    return out


def _entity_types(ox_store: Any, inferred: Any) -> Any:
    """The stated types of entities: the entity graph's, and an entity class stated in any other graph
    (a store or file of the older layout, where document graphs describe their entities)."""
    import pyoxigraph as ox

    from ecokg.graph.iris import KIND_BY_CLASS
    from ecokg.graph.namespaces import ECO

    rdf_type, entities = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(ENTITY_GRAPH))
    yield from ox_store.quads_for_pattern(None, rdf_type, None, entities)
    for cls in KIND_BY_CLASS:
        for q in ox_store.quads_for_pattern(None, rdf_type, ox.NamedNode(str(ECO[cls])), None):
            if q.graph_name != inferred and q.graph_name != entities:
                yield q


def materialize_class_closure(ox_store: Any, supers: dict[Any, set[Any]] | None = None) -> tuple[int, int]:
    """Bring the inferred graph's types up to date; returns (quads added, quads removed)."""
    import pyoxigraph as ox

    graph = ox.NamedNode(str(INFERRED_GRAPH))
    want = class_closure(ox_store, supers)
    have = set(ox_store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), None, graph))
    gone, new = have - want, want - have
    if gone:
        triples = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in gone)
        ox_store.update(f"DELETE DATA {{ GRAPH {graph} {{ {triples} }} }}")
    if len(new) >= BULK_MIN_CLOSURE:  # the bulk loader: one ingestion, no per-quad transaction check
        ox_store.bulk_extend(new)
    elif new:
        ox_store.extend(new)
    return len(new), len(gone)


def closure_changes(ox_store: Any, delete: list[Any], insert: list[Any],
                    supers: dict[Any, set[Any]] | None = None) -> tuple[list[Any], list[Any]]:
    """(deletes, inserts) of the inferred graph that go with the entity graph changes ``delete`` and
    ``insert`` (quads of the entity graph, not yet written): only the entities whose types change."""
    import pyoxigraph as ox

    rdf_type, graph = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(INFERRED_GRAPH))
    entities = ox.NamedNode(str(ENTITY_GRAPH))
    gone = {(q.subject, q.object) for q in delete if q.predicate == rdf_type}
    came = {(q.subject, q.object) for q in insert if q.predicate == rdf_type}
    if not gone and not came:
        return [], []
    if supers is None:
        supers = superclasses(ox_store)
    out_delete: list[Any] = []
    out_insert: list[Any] = []
    for s in {s for s, _ in gone | came}:
        asserted = {q.object for q in ox_store.quads_for_pattern(s, rdf_type, None, entities)}
        asserted = (asserted - {c for x, c in gone if x == s}) | {c for x, c in came if x == s}
        stated = asserted | {q.object for q in ox_store.quads_for_pattern(s, rdf_type, None, None)
                             if q.graph_name != graph and q.graph_name != entities}
        want = {sup for c in asserted for sup in supers.get(c, ())} - stated
        have = {q.object for q in ox_store.quads_for_pattern(s, rdf_type, None, graph)}
        out_delete += [ox.Quad(s, rdf_type, c, graph) for c in have - want]
        out_insert += [ox.Quad(s, rdf_type, c, graph) for c in want - have]
    marker = ox.Quad(graph, rdf_type, ox.NamedNode(str(PROV.Bundle)), graph)
    has_marker = any(True for _ in ox_store.quads_for_pattern(graph, rdf_type, marker.object, graph))
    dropped = {(q.subject, q.object) for q in out_delete}
    pattern = ox_store.quads_for_pattern(None, rdf_type, None, graph)
    left = bool(out_insert) or any((q.subject, q.object) not in dropped for q in pattern if q != marker)
    if left and not has_marker:
        out_insert.append(marker)
    elif not left and has_marker:
        out_delete.append(marker)
    return out_delete, out_insert


def commit_changes(ox_store: Any, recorded: str | None, delete: list[Any], insert: list[Any]
                   ) -> tuple[list[Any], list[Any], str | None]:
    """For a commit: (deletes, inserts) of the inferred graph that go with the entity graph's
    ``delete``/``insert``, and None; or ([], [], the hierarchy's signature) when ``recorded`` (the
    signature in ``store.json``) differs: the whole closure is to be made again after the commit."""
    supers = superclasses(ox_store)
    sig = signature(supers)
    if recorded != sig:
        return [], [], sig
    return (*closure_changes(ox_store, delete, insert, supers), None)
