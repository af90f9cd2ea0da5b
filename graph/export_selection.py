"""What an export writes, streamed from the store in a deterministic order without sorting it all.

An ``ExportSelection`` is a pyoxigraph store, the graphs chosen from it (in output order) and
the triples ``--inferred`` adds. Writers read it as a stream:

* ``quads()``: graph by graph (the default graph, the named graphs sorted by IRI, the ontology
  last), subject by subject (sorted by IRI), each subject's statements sorted by predicate and
  object: the order depends only on the data, not on the order the store was filled in (an
  in-memory store iterates in insertion order);
* ``triples()``: the union, de-duplicated: subject by subject (subjects sorted by IRI, which
  is the only list held in memory), each subject's statements sorted the same way, so the
  copies of one triple in several graphs are neighbours and written once.

Statements with a blank node (only the ontology has them) are held back, canonicalized
(RDFC-1.0, so their labels do not depend on the store) and written after the others, sorted;
the inferred triples come last, sorted. Memory holds those and one subject's or one graph's
statements, never the whole store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

#: A class's local name → its colour ``#rrggbb`` (GEXF, GraphML).
Colours = Callable[[str], str]

_DISTINCT_SUBJECTS = "SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


def _has_blank(q: Any) -> bool:
    import pyoxigraph as ox

    return isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)


def _graph_key(q: Any) -> str:
    import pyoxigraph as ox

    return "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)


def _in_order(subjects: Any) -> list[Any]:
    """Subjects by IRI, blank nodes last (their quads are relabelled canonically anyway)."""
    import pyoxigraph as ox

    found = list(subjects)
    named = sorted((s for s in found if not isinstance(s, ox.BlankNode)), key=str)
    return named + [s for s in found if isinstance(s, ox.BlankNode)]


def _by_text(quads: Any) -> list[Any]:
    """One subject's quads by predicate and object text: the order does not depend on how the
    store was filled (an in-memory store iterates in insertion order)."""
    return sorted(quads, key=lambda q: (str(q.predicate), str(q.object)))


def canonical(quads: list[Any]) -> list[Any]:
    """Quads with their blank nodes relabelled canonically (RDFC-1.0), sorted by graph and text."""
    import pyoxigraph as ox

    ds = ox.Dataset(quads)
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(ds, key=lambda q: (_graph_key(q), str(q.triple)))


@dataclass
class ExportSelection:
    """The graphs of a store an export writes (see the module doc for the order)."""

    ox_store: Any  # pyoxigraph.Store
    graphs: list[Any]  # pyoxigraph graph names, in output order
    inferred: list[Any] = field(default_factory=list)  # quads in the inferred graph
    colours: Colours | None = None  # for network formats

    def quads(self) -> Iterator[Any]:
        """Every quad of the selected graphs, then the inferred ones (see module doc)."""
        held: list[Any] = []
        pattern = self.ox_store.quads_for_pattern
        for g in self.graphs:
            for s in _in_order({q.subject for q in pattern(None, None, None, g)}):
                for q in _by_text(pattern(s, None, None, g)):
                    if _has_blank(q):
                        held.append(q)
                    else:
                        yield q
        if held:
            yield from canonical(held)
        yield from sorted(self.inferred, key=lambda q: (_graph_key(q), str(q.triple)))

    def _subjects(self) -> list[Any]:
        """The subjects of the selected graphs: from the store for most of it, else off the graphs."""
        if len(self.graphs) > sum(1 for _ in self.ox_store.named_graphs()) // 2:
            return [sol["s"] for sol in self.ox_store.query(_DISTINCT_SUBJECTS)]
        pattern = self.ox_store.quads_for_pattern
        return list({q.subject for g in self.graphs for q in pattern(None, None, None, g)})

    def triples(self) -> Iterator[Any]:
        """The union of the selected graphs, each triple once, then the inferred triples."""
        import pyoxigraph as ox

        held: list[Any] = []
        chosen = set(self.graphs)
        for s in _in_order(self._subjects()):
            last = None
            for q in _by_text(q for q in self.ox_store.quads_for_pattern(s, None, None, None)
                              if q.graph_name in chosen):
                if _has_blank(q):
                    held.append(q)
                    continue
                t = q.triple
                if t != last:
                    last = t
                    yield t
        if held:
            union = {ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in held}
            yield from (q.triple for q in canonical(list(union)))
        yield from sorted((q.triple for q in self.inferred), key=str)


__all__ = ["Colours", "ExportSelection", "canonical"]
