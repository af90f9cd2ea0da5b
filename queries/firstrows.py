"""The first rows of a named query without evaluating all of it: ``--limit N`` on the local store.

An ordered answer is known only when every row is: ``ORDER BY`` makes the engine evaluate the whole
query before it gives the first row, so ``ecokg query NAME --limit 100`` took as long as the complete
answer (seconds at a million quads). With a limit, a named ``SELECT`` query on the local store runs as

    SELECT <its variables> WHERE { { SELECT <as written> WHERE { ... } LIMIT N+1 } } ORDER BY <its keys>

The engine stops after the first N+1 rows it finds (``DISTINCT`` streams; the one more tells whether
the answer was cut); those are ordered by the query's own keys and the first N kept. So the answer
is N rows of the complete answer, distinct as the complete answer's, in the query's order among
themselves, but not necessarily the N that come first in the complete ordered answer (run it without
``--limit`` for those). A query that aggregates
(``GROUP BY``) still evaluates its groups completely. Queries the rewrite does not fit (not
``SELECT``, their own ``LIMIT``, ``OFFSET`` or trailing ``VALUES``, an order key that is not a
projected variable, ``SELECT *``) run as written, with the rows cut after N.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecokg.queries.sparqltext import tokens

_MODIFIERS = {"GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES"}


def _projection(text: str, start: int, end: int) -> list[str] | None:
    """The variables a ``SELECT`` clause projects (``?v`` and ``(expr AS ?v)``); None for ``*``."""
    names: list[str] = []
    depth, after_q, after_as = 0, False, False
    for kind, value, _pos in tokens(text[start:end]):
        if kind == "other" and value == "*" and depth == 0:
            return None
        if kind == "other" and value == "(":
            depth += 1
        elif kind == "other" and value == ")":
            depth -= 1
        elif kind == "other" and value in "?$":
            after_q = True
            continue
        elif kind == "word" and after_q:
            if depth == 0 or after_as:
                names.append(value)
            after_as = False
        elif kind == "word" and value.upper() == "AS" and depth == 1:
            after_as = True
        after_q = False
    return names


@dataclass
class _Shape:
    select: int  # offset of SELECT
    clause_end: int  # offset of WHERE (or of the group's brace)
    modifiers: dict[str, int]  # the solution modifiers after the group (ORDER, LIMIT ...): offsets
    order_vars: list[str]  # the variables of ORDER BY, in order


def query_shape(text: str) -> _Shape | None:
    """Where a SELECT query's parts are; None for another form or a dataset clause (FROM)."""
    select = where_kw = group_open = group_close = None
    depth, after_q = 0, False
    modifiers: dict[str, int] = {}
    order_vars: list[str] = []
    for kind, value, pos in tokens(text):
        upper = value.upper() if kind == "word" else ""
        if select is None:
            if upper in ("ASK", "CONSTRUCT", "DESCRIBE", "INSERT", "DELETE"):
                return None
            if upper == "SELECT":
                select = pos
            continue
        if kind == "brace":
            if value == "{":
                group_open = pos if depth == 0 and group_open is None else group_open
                depth += 1
            else:
                depth -= 1
                group_close = pos if depth == 0 and group_close is None else group_close
            continue
        if group_open is None:
            if upper == "FROM":
                return None  # its own dataset: leave it alone
            where_kw = pos if upper == "WHERE" else where_kw
            continue
        if group_close is None or depth:
            continue
        if upper in _MODIFIERS:
            modifiers.setdefault(upper, pos)
        elif "ORDER" in modifiers and kind == "word" and after_q:
            order_vars.append(value)
        after_q = "ORDER" in modifiers and kind == "other" and value in "?$"
    if select is None or group_open is None or group_close is None:
        return None
    return _Shape(select, where_kw if where_kw is not None else group_open, modifiers, order_vars)


def projected_variables(text: str) -> list[str] | None:
    """The variables a SELECT query projects, in order; None for ``SELECT *`` or another form."""
    shape = query_shape(text)
    return _projection(text, shape.select + len("SELECT"), shape.clause_end) if shape else None


def order_variables(text: str) -> list[str]:
    """The variables a SELECT query orders by (``ORDER BY ?a DESC(?b)``: a, b); [] if none."""
    shape = query_shape(text)
    return shape.order_vars if shape else []


def first_rows(text: str, n: int) -> str | None:
    """``text`` rewritten to stop after ``n`` rows and order those (see the module); None if it
    does not fit and the query should run as written."""
    shape = query_shape(text)
    if shape is None or "ORDER" not in shape.modifiers:
        return None
    if {"LIMIT", "OFFSET", "VALUES"} & shape.modifiers.keys():
        return None
    projected = projected_variables(text)
    if not projected or not shape.order_vars or not set(shape.order_vars) <= set(projected):
        return None
    order_at = shape.modifiers["ORDER"]
    inner = text[shape.select:order_at].rstrip()
    outer = " ".join(f"?{v}" for v in projected)
    return (f"{text[:shape.select]}SELECT {outer} WHERE {{\n  {{\n{inner}\nLIMIT {int(n)}\n  }}\n}}\n"
            f"{text[order_at:]}")
