"""The first rows of a named query's ordered answer without evaluating all of it: fetched in the order
of its first ``ORDER BY`` key.

``--limit N`` gives the first N rows of the complete ordered answer. The engine cannot stop early on
an ``ORDER BY``, but a named query whose first key follows from one variable it can start from (a
document, a region, an entity) can be run for a few values of that variable at a time, in the order
of the key: ``queries/first-keys.yaml`` names, per query, that variable (``bind``) and a small query
(``keys``) whose rows are every pair of it and the first key that an answer row can have. The
pairs are sorted by the key (in SPARQL's order, ``queries/ordering.py``) and the query is run with
``VALUES`` for the next batch of them (a batch ends between two key values); the rows whose first key
is at most the batch's last key are then all found, since every row's pair was in a batch up to there.
Once more than N such rows are known they are sorted by all the keys and cut: the same rows, in the
same order, as the complete answer's first N.

The bound variable is projected, so the batches' rows are distinct from each other. A row met whose
keys are not listed with its bound value gives way to the complete evaluation (``first_rows``
returns None), as does a key column the Python ordering leaves to the engine; a bound value the
``keys`` query does not list at all cannot be noticed, which the tests check for each plan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cmp_to_key
from typing import Any

from rdflib.term import Node

from ecokg.queries.results import Result

#: The first batch (pairs of the bound variable and the key); the next ones sized by the rows it gave.
FIRST_BATCH = 2


@dataclass(frozen=True)
class KeyPlan:
    bind: str  # the variable bound in batches (projected by the query)
    keys: str  # SELECT ?<bind> [?<first key>]: every pair an answer row can have


@cache
def plans() -> dict[str, KeyPlan]:
    """The plans of ``queries/first-keys.yaml``, by query name."""
    import yaml

    from ecokg.resources import QUERIES_PACKAGE, read_text

    data = yaml.safe_load(read_text(QUERIES_PACKAGE, "first-keys.yaml")) or {}
    return {name: KeyPlan(str(entry["bind"]), str(entry["keys"])) for name, entry in data.items()}


@cache
def _by_text() -> dict[str, KeyPlan]:
    from ecokg.queries.catalogue import list_queries

    known = plans()
    return {q.text: known[q.name] for q in list_queries() if q.name in known}


def plan_for(text: str) -> KeyPlan | None:
    """The plan of the named query whose text this is; None for other text."""
    return _by_text().get(text)


def prefixes(text: str) -> str:
    """The PREFIX / BASE lines of a query (the ``keys`` query is written with the same prefixes)."""
    return "".join(line + "\n" for line in text.splitlines()
                   if line.strip().upper().startswith(("PREFIX ", "BASE ")))


Runner = Callable[[str, dict[str, list[Node]]], Result]
#: ``keys: documents``: the document graphs the backend scopes queries to (it knows them already).
DOCUMENTS = "documents"


def _next_size(size: int, pairs_done: int, rows_final: int, limit: int) -> int:
    """The next batch: enough pairs, at the rate rows came so far, for the rows still wanted."""
    if rows_final == 0:
        return size * 8
    rate = rows_final / max(pairs_done, 1)
    return max(1, int((limit + 1 - rows_final) / rate * 1.25) + 1)


def _compare(a: tuple[Any, ...], b: tuple[Any, ...], desc: list[bool]) -> int:
    for x, y, d in zip(a, b, desc, strict=False):
        if x != y:
            return (1 if x > y else -1) * (-1 if d else 1)
    return 0


def first_rows(run: Runner, text: str, plan: KeyPlan, order: list[tuple[str, bool]],
               bound: dict[str, list[Node]], limit: int,
               documents: Callable[[], list[Node]]) -> Result | None:
    """The first ``limit`` rows of ``text`` ordered by ``order`` (the query without its ORDER BY);
    ``run(text, values)`` evaluates a query with ``VALUES`` for ``values``, ``documents()`` lists the
    document graphs. None: evaluate it all."""
    from ecokg.queries.ordering import sort_key, sort_rows

    if plan.keys.strip() == DOCUMENTS:
        cand = Result("SELECT", [plan.bind], [(d,) for d in documents()])
    else:
        cand = run(prefixes(text) + plan.keys, {})
    prefix: list[tuple[str, bool]] = []  # the leading ORDER BY keys the keys query gives
    for var, d in order:
        if var not in cand.variables:
            break
        prefix.append((var, d))
    if plan.bind not in cand.variables or not prefix:
        return None
    desc = [d for _, d in prefix]
    bi, kis = cand.variables.index(plan.bind), [cand.variables.index(v) for v, _ in prefix]
    pairs = {(r[bi], tuple(r[i] for i in kis)) for r in cand.rows if r[bi] is not None}
    for j in range(len(prefix)):
        if len({sort_key(k[j])[1] for _, k in pairs if sort_key(k[j])[0] == 3}) > 1:
            return None  # literals of different kinds: the engine's own comparison
    def by_key(x: tuple[tuple[Any, ...], Node | None], y: tuple[tuple[Any, ...], Node | None]) -> int:
        return _compare(x[0], y[0], desc)

    keyed = sorted(((tuple(sort_key(t) for t in k), b) for b, k in pairs), key=cmp_to_key(by_key))
    known = set(pairs)
    rows: list[tuple[Node | None, ...]] = []
    variables: list[str] | None = None
    done: set[Node | None] = set()
    at, size = 0, FIRST_BATCH
    while True:
        end = min(at + size, len(keyed))
        while 0 < end < len(keyed) and keyed[end][0] == keyed[end - 1][0]:
            end += 1  # a batch ends between two keys
        values = [b for b in dict.fromkeys(b for _, b in keyed[at:end]) if b is not None and b not in done]
        if values:
            part = run(text, {**bound, plan.bind: values})
            variables = part.variables
            if any(v not in variables for v in [plan.bind, *(v for v, _ in prefix)]):
                return None
            pb, pks = variables.index(plan.bind), [variables.index(v) for v, _ in prefix]
            if any((r[pb], tuple(r[i] for i in pks)) not in known for r in part.rows):
                return None  # a row the keys query did not list
            rows += part.rows
            done.update(values)
        at = end
        if at >= len(keyed):
            final = rows
            break
        last = keyed[at - 1][0]
        pks = [variables.index(v) for v, _ in prefix] if variables else []
        final = [r for r in rows if _compare(tuple(sort_key(r[i]) for i in pks), last, desc) <= 0]
        if len(final) > limit:
            break
        size = _next_size(size, at, len(final), limit)
    if variables is None:  # no pair at all: run it once to know its variables
        part = run(text, {**bound, plan.bind: []})
        variables, final = part.variables, part.rows
    ordered = sort_rows(final, variables, order)
    if ordered is None:
        return None
    return Result("SELECT", list(variables), ordered[:limit], truncated=len(ordered) > limit)
