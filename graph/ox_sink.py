"""A sink for the graph builder that collects pyoxigraph triples directly (what the store ingests),
converting each IRI once and making text and integer literals without rdflib's checks."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ecokg.graph.oxconvert import to_ox

__all__ = ["OxSink"]


class OxSink:
    """Collects rdflib triples as pyoxigraph ``Triple``s, each once, IRIs converted once."""

    def __init__(self) -> None:
        self.triples: dict[Any, None] = {}
        self._iris: dict[Any, Any] = {}
        ox = _ox()
        self._ox_literal, self._triple = ox.Literal, ox.Triple
        self._boolean, self._integer = ox.NamedNode(str(XSD.boolean)), ox.NamedNode(str(XSD.integer))

    def make_literal(self, value: Any, lang: str | None = None, datatype: Any = None) -> Any:
        """``rdflib.Literal(value, lang=…, datatype=…)`` as the pyoxigraph literal it converts to, made
        directly for text and integers (rdflib's literal checks and normalizes: the costly part)."""
        if datatype is None:
            if type(value) is str:
                return self._ox_literal(value, language=lang) if lang else self._ox_literal(value)
            if type(value) is bool and lang is None:
                return self._ox_literal("true" if value else "false", datatype=self._boolean)
            if type(value) is int and lang is None:
                return self._ox_literal(str(value), datatype=self._integer)
        return to_ox(Literal(value, lang=lang, datatype=datatype))

    def _term(self, term: Node) -> Any:
        if isinstance(term, URIRef):
            node = self._iris.get(term)
            if node is None:
                node = self._iris[term] = _ox().NamedNode(str(term))
            return node
        if not isinstance(term, Node):  # made by ``make_literal``
            return term
        return to_ox(term)

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        s, p, o = triple
        iris = self._iris
        s_node = iris.get(s)
        if s_node is None:
            s_node = self._term(s)
        p_node = iris.get(p)
        if p_node is None:
            p_node = self._term(p)
        if type(o) is URIRef:
            o_node = iris.get(o)
            if o_node is None:
                o_node = self._term(o)
        elif isinstance(o, Node):
            o_node = to_ox(o)
        else:  # made by ``make_literal``
            o_node = o
        self.triples[self._triple(s_node, p_node, o_node)] = None


@lru_cache(maxsize=1)
def _ox() -> Any:
    import pyoxigraph

    return pyoxigraph
