"""The class closure: every entity typed with each superclass of its class, in the inferred graph.

With it a query asks ``?x a eco:Organization`` and finds companies, government bodies, committees
and innovation centers, or ``?x a eco:Policy`` and finds funds and subsidies, without
``rdfs:subClassOf*`` (a path the planner evaluates for every typed node). The entity graph holds
each entity's asserted class; its strict superclasses (``rdfs:subClassOf+`` in the ontology graph,
named classes only) go to ``INFERRED_GRAPH``, minus those a graph already states.

The graph is derived: ``materialize_class_closure`` writes only its changes (new entities' types
in, removed entities' types out; ~1 s at 1M quads), and it names itself ``a prov:Bundle``.

Not yet called after each ingest: with these types in the union default graph, the named queries
that report an entity's class (key-players, parks-and-venues, policies-and-funds,
models-robots-platforms, entity-profile; companies-in-park's Organization members) need
``FILTER NOT EXISTS { GRAPH <…/graph/inferred> { ?x a ?class } }``, which Virtuoso answers
differently from Oxigraph, and the store tests that expect one type per entity in the union, a
build → export → load round trip of four graphs, and the load report change with it.
"""

from __future__ import annotations

from typing import Any

from ecokg.graph.namespaces import ENTITY_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, PROV, RDF, RDFS


def superclasses(ox_store: Any) -> dict[Any, set[Any]]:
    """Each class of the ontology graph → its strict named superclasses (transitive)."""
    import pyoxigraph as ox

    direct: dict[Any, set[Any]] = {}
    onto = ox.NamedNode(str(ONTOLOGY_GRAPH))
    for q in ox_store.quads_for_pattern(None, ox.NamedNode(str(RDFS.subClassOf)), None, onto):
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode) and q.subject != q.object:
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


def class_closure(ox_store: Any) -> set[Any]:
    """The quads the inferred graph should hold: (entity, rdf:type, superclass) not stated elsewhere."""
    import pyoxigraph as ox

    rdf_type, graph = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(INFERRED_GRAPH))
    supers = superclasses(ox_store)
    wanted = {sup for sups in supers.values() for sup in sups}
    stated = {sup: {q.subject for q in ox_store.quads_for_pattern(None, rdf_type, sup, None) if q.graph_name != graph}
              for sup in wanted}
    out = set()
    for q in ox_store.quads_for_pattern(None, rdf_type, None, ox.NamedNode(str(ENTITY_GRAPH))):
        for sup in supers.get(q.object, ()):
            if q.subject not in stated[sup]:
                out.add(ox.Quad(q.subject, rdf_type, sup, graph))
    if out:
        out.add(ox.Quad(graph, rdf_type, ox.NamedNode(str(PROV.Bundle)), graph))
    return out


def materialize_class_closure(ox_store: Any) -> tuple[int, int]:
    """Bring the inferred graph's types up to date; returns (quads added, quads removed)."""
    import pyoxigraph as ox

    graph = ox.NamedNode(str(INFERRED_GRAPH))
    want = class_closure(ox_store)
    have = set(ox_store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), None, graph))
    gone, new = have - want, want - have
    if gone:
        triples = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in gone)
        ox_store.update(f"DELETE DATA {{ GRAPH {graph} {{ {triples} }} }}")
    if new:
        ox_store.extend(new)
    return len(new), len(gone)
