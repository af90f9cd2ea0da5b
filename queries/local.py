"""The local backend: named queries on the embedded pyoxigraph store, scoped like a remote endpoint.

Every query runs over the same scope everywhere: the named graphs of the source documents, the
entity graph, the derived graphs and the ontology graph, so local and remote answers are equal.
Bound parameters go in as a ``VALUES`` block at the start of the WHERE group (the planner starts
from it), with pyoxigraph ``substitutions`` as the fallback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib.term import Node

from ecokg.errors import QueryError
from ecokg.graph.namespaces import (
    ANALYSIS_GRAPH,
    CHAIN_GRAPH,
    CONFLICT_GRAPH,
    CURATION_GRAPH,
    DCTERMS,
    ECO,
    ENTITY_GRAPH,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    OWL,
    PLACEMENT_GRAPH,
    PROV,
)
from ecokg.queries.binding import bind_params, combinations
from ecokg.queries.catalogue import NamedQuery
from ecokg.queries.firstkey import first_rows, plan_for
from ecokg.queries.ordering import sort_rows, split_order
from ecokg.queries.results import Result, plain
from ecokg.queries.sparqltext import check_syntax, has_dataset_clause, inject_values, query_form, syntax_error

SCOPE_QUERY = (
    f"SELECT DISTINCT ?g WHERE {{ {{ GRAPH ?g {{ ?g a <{ECO.SourceDocument}> }} }} UNION "
    f"{{ GRAPH ?g {{ ?g a <{OWL.Ontology}> }} FILTER(?g = <{ONTOLOGY_GRAPH}>) }} UNION "
    f"{{ VALUES ?g {{ <{ENTITY_GRAPH}> }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }} UNION "
    f"{{ GRAPH ?g {{ ?g a <{PROV.Bundle}> }} "
    f"FILTER(?g IN (<{CHAIN_GRAPH}>, <{PLACEMENT_GRAPH}>, <{ANALYSIS_GRAPH}>, "
    f"<{CONFLICT_GRAPH}>, <{CURATION_GRAPH}>, <{INFERRED_GRAPH}>)) }} }}"
)  # documents, the ontology, the entity graph, the derived graphs (chain, placements, analysis, conflicts,
# curation, the class closure)
#: Documents stated after a date, or undated: left out of the scope of ``--as-of DATE``.
LATER_QUERY = (
    f"SELECT ?g ?asof WHERE {{ GRAPH ?g {{ ?g a <{ECO.SourceDocument}> "
    f"OPTIONAL {{ ?g <{DCTERMS.issued}> ?d }} }} "
    f"FILTER(!BOUND(?d) || SUBSTR(STR(?d), 1, 10) > ?asof) }}"
)


class LocalBackend:
    """Runs queries on the embedded pyoxigraph store, scoped like a remote endpoint."""

    def __init__(self, store_path: str | Path | None, as_of: str | None = None) -> None:
        from ecokg.graph.store import EcoStore, resolve_store_path

        self.store = EcoStore.open(resolve_store_path(store_path), read_only=True)
        self._scope: list[Any] | None = None
        self._all_ours: bool | None = None
        self.as_of = as_of  # ISO date: only documents issued by then (--as-of)

    @classmethod
    def from_store(cls, store: Any, as_of: str | None = None) -> LocalBackend:
        """A backend over an already open ``EcoStore`` (e.g. an in-memory one)."""
        self = cls.__new__(cls)
        self.store = store
        self._scope = None
        self._all_ours = None
        self.as_of = as_of
        return self

    def close(self) -> None:
        self.store.close()

    def scope(self) -> list[Any]:
        """The document graphs and the ontology graph (pyoxigraph terms); [] if there are none."""
        if self._scope is None:
            self._scope = [s["g"] for s in self.store.ox.query(SCOPE_QUERY)]
            if self.as_of:
                import pyoxigraph as ox

                later = {s["g"] for s in self.store.ox.query(LATER_QUERY, substitutions={
                    ox.Variable("asof"): ox.Literal(self.as_of)})}
                self._scope = [g for g in self._scope if g not in later]
        return self._scope

    def _only_scope(self) -> bool:
        """Whether every named graph of the store is a document graph or the ontology graph."""
        if self._all_ours is None and self.as_of:
            self._all_ours = False
        if self._all_ours is None:
            names = {s.value for s in self.scope()}
            self._all_ours = all(g.value in names for g in self.store.ox.named_graphs()) and \
                not any(True for _ in self.store.ox.quads_for_pattern(None, None, None, _default_graph()))
        return self._all_ours

    def _query(self, text: str, substitutions: dict[str, Node] | None = None,
               values: dict[str, list[Node]] | None = None) -> Any:
        import pyoxigraph as ox

        from ecokg.graph.oxconvert import to_ox

        kwargs: dict[str, Any] = {}
        if not has_dataset_clause(text):
            scope = self.scope()
            if scope and not self._only_scope():
                kwargs = {"default_graph": scope, "named_graphs": scope}
            else:  # the store holds only our graphs: the union is the same data, and much faster
                kwargs = {"use_default_graph_as_union": True}
        if values:  # several values of a variable (``queries/firstkey.py``)
            text = inject_values(text, values)
        if substitutions:
            try:  # a VALUES block the planner starts from (as remotely): far faster than substitutions
                text = inject_values(text, {k: [v] for k, v in substitutions.items()})
            except QueryError:
                kwargs["substitutions"] = {ox.Variable(k): to_ox(v) for k, v in substitutions.items()}
        try:
            return self.store.ox.query(text, **kwargs)
        except SyntaxError as exc:
            raise syntax_error(exc, "the query", text) from exc
        except (ValueError, OSError, RuntimeError) as exc:
            raise QueryError(f"the query failed on the store: {exc}", hint="check the query") from exc

    def _documents(self) -> list[Node]:
        """The graphs queries are scoped to, as rdflib terms (a superset of the documents)."""
        from ecokg.graph.oxconvert import from_ox

        return [from_ox(g) for g in self.scope()]

    def select_rows(self, text: str) -> list[tuple[Node | None, ...]]:
        return self.run(text).rows

    def run(
        self, text: str, substitutions: dict[str, Node] | None = None, limit: int | None = None,
        first: bool = False,
    ) -> Result:
        """Rows (or triples) of ``text``; at most ``limit``, the first ones of its ordered answer. With
        ``first`` (a named query), an ordered ``SELECT`` is evaluated without its ``ORDER BY`` and its
        rows are ordered in Python (``queries/ordering.py``), then cut to ``limit``; with ``limit``
        and no parameter bound, a query with a plan in ``first-keys.yaml`` is run in the order of its
        first keys until its first ``limit`` rows are known (``queries/firstkey.py``)."""
        split = split_order(text) if first else None
        # a bound parameter already narrows the answer to a few rows: the plan would only add its keys
        plan = plan_for(text) if split is not None and limit is not None and not substitutions else None
        if split is not None and plan is not None and limit is not None:
            got = first_rows(lambda t, v: self._run(t, None, None, v), split[0], plan, split[1], {}, limit,
                             self._documents)
            if got is not None:
                return got
        if split is not None:
            unordered = self._run(split[0], substitutions, None)
            rows = sort_rows(unordered.rows, unordered.variables, split[1])
            if rows is not None:
                if limit is not None and len(rows) > limit:
                    rows, unordered.truncated = rows[:limit], True
                unordered.rows = rows
                return unordered
        return self._run(text, substitutions, limit)

    def _run(self, text: str, substitutions: dict[str, Node] | None, limit: int | None,
             values: dict[str, list[Node]] | None = None) -> Result:
        import pyoxigraph as ox

        from ecokg.graph.oxconvert import from_ox

        answer = self._query(text, substitutions, values)
        if isinstance(answer, ox.QueryBoolean):
            return Result("ASK", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            rows: list[tuple[Node | None, ...]] = []
            truncated = False
            seen: dict[
                Any, Node
            ] = {}  # values repeat across rows (documents, titles, labels): convert each once

            def term(value: Any) -> Node | None:
                if value is None:
                    return None
                got = seen.get(value)
                if got is None:
                    got = seen[value] = plain(from_ox(value))
                return got

            for sol in answer:
                if limit is not None and len(rows) >= limit:
                    truncated = True
                    break
                rows.append(tuple(term(sol[n]) for n in names))
            return Result("SELECT", names, rows, truncated=truncated)
        triples: list[tuple[Node, Node, Node]] = []
        for t in answer:
            if limit is not None and len(triples) >= limit:
                return Result(query_form(text) or "CONSTRUCT", triples=triples, truncated=True)
            triples.append((from_ox(t.subject), from_ox(t.predicate), plain(from_ox(t.object))))
        return Result(query_form(text) or "CONSTRUCT", triples=triples)


def execute(query: NamedQuery, params: dict[str, str], backend: LocalBackend,
            limit: int | None = None) -> Result:
    """Bind the parameters and run the query locally; one run per combination of bound values.

    With ``limit``, the first ``limit`` rows of the ordered answer; a named query (not ``-e`` text) has
    its rows ordered in Python (``queries/ordering.py``)."""
    if query.source == "-e" or query.name == "-e":
        check_syntax(query.text, "the -e query")
    bound = bind_params(query, params, backend)
    result: Result | None = None
    first = query.source != "-e" and query.name != "-e"  # a named query: ordered in Python
    for subst in combinations(bound) or [{}]:
        try:
            part = backend.run(query.text, subst, limit, first=first)
        except QueryError as exc:
            raise QueryError(
                exc.message.replace("the query", query.source or query.name, 1), hint=exc.hint
            ) from exc
        if result is None:
            result = part
        else:
            result.merge(part)
    assert result is not None
    if limit is not None and len(result.rows) > limit:
        result.rows, result.truncated = result.rows[:limit], True
    return result


def _default_graph() -> Any:
    import pyoxigraph as ox

    return ox.DefaultGraph()
