"""Conversion between rdflib terms and pyoxigraph terms."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ecokg.graph.namespaces import XSD

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset


_XSD_STRING = str(XSD.string)


def to_ox(term: Node) -> Any:
    """An rdflib term as a pyoxigraph term."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to a pyoxigraph term")


def from_ox(term: Any) -> Node:
    """A pyoxigraph term as an rdflib term."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # RDF 1.1 simple literal: rdflib's plain Literal
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


def dataset_to_quads(ds: Dataset) -> Iterator[pyoxigraph.Quad]:
    """Every quad of an rdflib Dataset as pyoxigraph quads (default graph → DefaultGraph)."""
    import pyoxigraph as ox

    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = getattr(g, "identifier", g)
        graph = (ox.DefaultGraph() if gid is None or str(gid).startswith("urn:x-rdflib:default")
                 else to_ox(gid))
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)
