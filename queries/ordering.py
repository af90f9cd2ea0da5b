"""A named query's ORDER BY applied to its rows in Python, after the engine found them unordered.

pyoxigraph sorts by looking each compared term's text up in the store, so ``ORDER BY`` over some
ten thousand rows takes seconds at a million quads (companies-in-park: 3 s to find its 21,070 rows,
7 s more to order them). Its rows are already converted to Python terms, and sorting those takes
milliseconds. So a named query whose ``ORDER BY`` keys are plain projected variables (``?x``,
``ASC(?x)``, ``DESC(?x)``) runs without it, and its rows are sorted here in SPARQL's order: unbound
first, then blank nodes, IRIs (by their text), literals; numbers by value, strings by their text
(code points, as the engine compares them). Rows with equal keys keep the engine's order, as its
own (stable) sort keeps them. A key column that mixes kinds of literals the engine compares in its
own way (numbers with text, dates with date-times ...) is not sorted here: the query runs again
with its ``ORDER BY`` (``sort_rows`` returns None).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from rdflib.term import BNode, Literal, Node, URIRef

from ecokg.queries.sparqltext import tokens

_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {f"{_XSD}{t}" for t in (
    "integer", "decimal", "float", "double", "int", "long", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong",
    "unsignedShort", "unsignedByte")}
_STRINGS = {None, f"{_XSD}string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


def split_order(text: str) -> tuple[str, list[tuple[str, bool]]] | None:
    """The query without its final ``ORDER BY``, and the keys (variable, descending); None when the
    clause is not plain variables, is followed by LIMIT / OFFSET, or a key is not projected."""
    from ecokg.queries.firstrows import projected_variables, query_shape

    shape = query_shape(text)
    if shape is None or "ORDER" not in shape.modifiers:
        return None
    if {"LIMIT", "OFFSET", "VALUES"} & shape.modifiers.keys():
        return None
    at = shape.modifiers["ORDER"]
    words = [(kind, value) for kind, value, _ in tokens(text[at:])]
    if [v.upper() for _, v in words[:2]] != ["ORDER", "BY"]:
        return None
    keys: list[tuple[str, bool]] = []
    rest = words[2:]
    while rest:
        if rest[0][1] in "?$" and len(rest) > 1 and rest[1][0] == "word":
            keys.append((rest[1][1], False))
            rest = rest[2:]
        elif (len(rest) >= 5 and rest[0][1].upper() in ("ASC", "DESC") and rest[1][1] == "("
              and rest[2][1] in "?$" and rest[3][0] == "word" and rest[4][1] == ")"):
            keys.append((rest[3][1], rest[0][1].upper() == "DESC"))
            rest = rest[5:]
        else:
            return None  # an expression: the engine orders
    projected = projected_variables(text) or []
    if not keys or not {k for k, _ in keys} <= set(projected):
        return None
    return text[:at].rstrip() + "\n", keys


def sort_key(term: Node | None) -> tuple[Any, ...]:
    """A term's place in SPARQL's order, as a Python sort key."""
    if term is None:
        return (0,)
    if isinstance(term, BNode):
        return (1,)
    if isinstance(term, URIRef):
        return (2, str(term))
    if isinstance(term, Literal):
        dt = str(term.datatype) if term.datatype is not None else None
        if dt in _NUMERIC:
            try:
                return (3, "number", Decimal(str(term)))
            except InvalidOperation:  # NaN, INF, a bad lexical form: the engine's own way
                return (3, "other", dt, str(term))
        if dt in _STRINGS:
            return (3, "string", str(term))
        return (3, dt, str(term))
    return (4, str(term))


def sort_rows(rows: list[tuple[Node | None, ...]], variables: Sequence[str],
              keys: list[tuple[str, bool]]) -> list[tuple[Node | None, ...]] | None:
    """``rows`` in the order of ``keys``; None if a key column mixes literals of different kinds."""
    cols = [(variables.index(name), desc) for name, desc in keys]
    seen: dict[Node | None, tuple[Any, ...]] = {}  # terms repeat (labels, classes): one key each

    def key(term: Node | None) -> tuple[Any, ...]:
        got = seen.get(term)
        if got is None:
            got = seen[term] = sort_key(term)
        return got

    table = [tuple(key(row[i]) for i, _ in cols) for row in rows]
    for j in range(len(cols)):
        kinds = {t[j][1] for t in table if t[j][0] == 3}
        if len(kinds) > 1:
            return None
    order = list(range(len(rows)))
    j = len(cols)
    while j > 0:  # stable sorts from the last run of keys of one direction to the first
        i = j - 1
        while i > 0 and cols[i - 1][1] == cols[j - 1][1]:
            i -= 1
        order.sort(key=lambda r, i=i, j=j: table[r][i:j], reverse=cols[i][1])  # type: ignore[misc]
        j = i
    return [rows[r] for r in order]
