"""Named SPARQL queries: find them, read their headers, bind their parameters, run them locally.

A named query is a packaged ``queries/<name>.rq`` file whose header comment says what it answers::

    # title: 园区内的企业 | Companies located in a park
    # description: CQ1. Which companies are located in a given park ...
    # param: park = 青岛人工智能产业园      (a parameter with a default)
    # param: entity                       (required)
    # param: entity (optional)            (may stay unbound)

Parameters name entities. They are resolved to IRIs through ``rdfs:label``/``skos:altLabel``/
``skos:prefLabel`` (normalized match) and bound, never pasted into the text: with pyoxigraph
``substitutions`` here, with a ``VALUES`` block of ``.n3()`` terms for remote endpoints
(``ecokg.queries.remote``). Every query runs over the same scope everywhere: the named graphs of
the source documents, the entity graph and the ontology graph, so local and remote answers are equal.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import Any, Protocol

from rdflib import Literal, URIRef
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
    ONTOLOGY_GRAPH,
    OWL,
    PLACEMENT_GRAPH,
    PROV,
    RDFS,
    SKOS,
    XSD,
)
from ecokg.names import match_key
from ecokg.queries.sparqltext import check_syntax, has_dataset_clause, inject_values, query_form, syntax_error

SCOPE_QUERY = (
    f"SELECT DISTINCT ?g WHERE {{ {{ GRAPH ?g {{ ?g a <{ECO.SourceDocument}> }} }} UNION "
    f"{{ GRAPH ?g {{ ?g a <{OWL.Ontology}> }} FILTER(?g = <{ONTOLOGY_GRAPH}>) }} UNION "
    f"{{ VALUES ?g {{ <{ENTITY_GRAPH}> }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }} UNION "
    f"{{ GRAPH ?g {{ ?g a <{PROV.Bundle}> }} FILTER(?g IN (<{CHAIN_GRAPH}>, <{PLACEMENT_GRAPH}>, <{ANALYSIS_GRAPH}>, "
    f"<{CONFLICT_GRAPH}>, <{CURATION_GRAPH}>)) }} }}"
)  # documents, the ontology, the entity graph, the derived graphs (chain, placements, analysis, conflicts, curation)
#: Documents stated after a date, or undated: left out of the scope of ``--as-of DATE``.
LATER_QUERY = (
    f"SELECT ?g ?asof WHERE {{ GRAPH ?g {{ ?g a <{ECO.SourceDocument}> OPTIONAL {{ ?g <{DCTERMS.issued}> ?d }} }} "
    f"FILTER(!BOUND(?d) || SUBSTR(STR(?d), 1, 10) > ?asof) }}"
)
LABELS_QUERY = (
    f"SELECT DISTINCT ?s ?label WHERE {{ VALUES ?p {{ <{RDFS.label}> <{SKOS.altLabel}> <{SKOS.prefLabel}> }} "
    f"?s ?p ?label ; <{ECO.mentionedIn}> ?doc . FILTER(isIRI(?s)) "
    f"FILTER NOT EXISTS {{ ?s a <{ECO.Observation}> }} }}"
)


# -- named queries -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Param:
    name: str
    default: str | None = None
    optional: bool = False

    def describe(self) -> str:
        if self.default is not None:
            return f"{self.name}={self.default}"
        return f"{self.name} (optional)" if self.optional else f"{self.name} (required)"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    title_zh: str = ""
    title_en: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    source: str = ""


_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*(?:=\s*(?P<default>.*?)|\((?P<opt>optional)\))?\s*$")


def parse_header(text: str, name: str, source: str = "") -> NamedQuery:
    """Read the ``# key: value`` comment lines at the top of a query."""
    title_zh = title_en = description = ""
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        key, sep, value = stripped.lstrip("#").strip().partition(":")
        if not sep:
            continue
        key, value = key.strip().lower(), value.strip()
        if key == "title":
            zh, _, en = value.partition("|")
            title_zh, title_en = zh.strip(), (en.strip() or zh.strip())
        elif key == "description":
            description = value
        elif key == "param":
            m = _PARAM.match(value)
            if not m:
                raise QueryError(f"bad '# param:' line in {source or name}: {value!r}",
                                 hint="write '# param: NAME = DEFAULT', '# param: NAME' or '# param: NAME (optional)'")
            default = m.group("default")
            params.append(Param(m.group("name"), default if default else None, bool(m.group("opt"))))
    return NamedQuery(name, text, title_zh, title_en, description, tuple(params), source)


def list_queries() -> list[NamedQuery]:
    """Every packaged named query, sorted by name."""
    from ecokg.resources import query_files

    out = []
    for f in query_files():
        stem = f.name[: -len(".rq")]
        out.append(parse_header(f.read_text(encoding="utf-8"), stem, f"queries/{f.name}"))
    return out


def load_query(spec: str | None = None, expression: str | None = None) -> NamedQuery:
    """A named query (``companies-in-park``), a ``.rq`` file, or the text of ``-e``."""
    if expression is not None:
        if spec:
            raise QueryError("give either a query name/file or -e 'SPARQL', not both")
        return parse_header(expression, "-e", "-e")
    if not spec:
        raise QueryError("no query given", hint="name one of 'ecokg queries', a .rq file, or -e 'SPARQL'")
    path = Path(spec)
    if spec.endswith(".rq") or path.suffix == ".sparql" or "/" in spec:
        if not path.is_file():
            raise QueryError(f"query file {spec} not found", hint="check the path")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read query file {spec}: {exc}", hint="it must be UTF-8 text") from exc
        return parse_header(text, path.stem, str(path))
    named = {q.name: q for q in list_queries()}
    if spec in named:
        return named[spec]
    close = difflib.get_close_matches(spec, list(named), n=3, cutoff=0.4)
    close += [n for n in named if spec in n and n not in close]
    hint = f"did you mean {', '.join(close[:4])}?" if close else "'ecokg queries' lists them"
    raise QueryError(f"unknown query {spec!r}: expected one of the {len(named)} named queries, a .rq file or -e",
                     hint=hint)


# -- results -------------------------------------------------------------------------------------
_XSD_STRING = str(XSD.string)


def plain(term: Node) -> Node:
    """RDF 1.1 simple literals one way: ``"x"^^xsd:string`` as ``"x"`` (engines differ here)."""
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD_STRING:
        return Literal(str(term))
    return term


@dataclass
class Result:
    """The answer of a query, as rdflib terms (picklable, engine-neutral)."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)
    truncated: bool = False

    def row_set(self) -> set[tuple[Node | None, ...]]:
        return set(self.rows)

    def merge(self, other: Result) -> None:
        if self.form == "ASK":
            self.boolean = bool(self.boolean) or bool(other.boolean)
            return
        seen = set(self.rows)
        self.rows += [r for r in other.rows if r not in seen and not seen.add(r)]  # type: ignore[func-returns-value]
        have = set(self.triples)
        self.triples += [t for t in other.triples if t not in have]
        self.truncated = self.truncated or other.truncated


# -- parameter binding ---------------------------------------------------------------------------


class Backend(Protocol):
    def select_rows(self, text: str) -> list[tuple[Node | None, ...]]: ...


def resolve_name(param: str, value: str, labels: list[tuple[Node | None, ...]]) -> list[Node]:
    """The entity IRIs a parameter value names (an IRI as ``<...>`` or ``http…`` is taken as is)."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if re.match(r"^(https?|urn):", value):
        if any(ch in value for ch in '<>"{}|\\^` '):
            raise QueryError(f"parameter {param}: {value!r} is not a valid IRI", hint="give a name or an IRI")
        return [URIRef(value)]
    wanted = match_key(value)
    if not wanted:
        raise QueryError(f"parameter {param} is empty", hint=f"give --param {param}=NAME")
    exact = {s for s, label in labels if s is not None and label is not None and match_key(str(label)) == wanted}
    if exact:
        return sorted(exact, key=str)
    partial: dict[Node, str] = {}
    for s, label in labels:
        if s is not None and label is not None and wanted in match_key(str(label)):
            partial.setdefault(s, str(label))
    if len(partial) == 1:
        return list(partial)
    names = sorted({str(label) for _s, label in labels if label is not None})
    if partial:
        some = sorted(set(partial.values()))[:6]
        raise QueryError(f"parameter {param}={value!r} is ambiguous: {len(partial)} entities have names containing it",
                         hint=f"use the full name: {', '.join(some)}")
    close = difflib.get_close_matches(value, names, n=4, cutoff=0.5)
    hint = f"close names: {', '.join(close)}" if close else "use an entity's name or alias as the articles write it, or its IRI"
    raise QueryError(f"parameter {param}: no entity named {value!r} in the graph", hint=hint)


def bind_params(query: NamedQuery, given: dict[str, str], backend: Backend) -> dict[str, list[Node]]:
    """Resolve every declared (and every extra given) parameter to RDF terms."""
    declared = {p.name: p for p in query.params}
    values: dict[str, str] = {}
    for name, p in declared.items():
        if name in given:
            values[name] = given[name]
        elif p.default is not None:
            values[name] = p.default
        elif not p.optional:
            raise QueryError(f"query {query.name} needs --param {name}=NAME", hint=f"parameters: "
                             f"{', '.join(q.describe() for q in query.params)}")
    for name, value in given.items():
        if name not in declared:
            if query.params or query.name != "-e":
                known = ", ".join(declared) or "none"
                raise QueryError(f"query {query.name} has no parameter {name!r}", hint=f"its parameters: {known}")
            values[name] = value
    if not values:
        return {}
    labels = backend.select_rows(LABELS_QUERY)
    return {name: resolve_name(name, value, labels) for name, value in values.items()}


def combinations(bound: dict[str, list[Node]]) -> list[dict[str, Node]]:
    """One substitution mapping per combination of the bound values."""
    names = list(bound)
    return [dict(zip(names, combo, strict=True)) for combo in product(*(bound[n] for n in names))]


# -- the local store -----------------------------------------------------------------------------
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

    def _query(self, text: str, substitutions: dict[str, Node] | None = None) -> Any:
        import pyoxigraph as ox

        from ecokg.graph.oxconvert import to_ox

        kwargs: dict[str, Any] = {}
        if not has_dataset_clause(text):
            scope = self.scope()
            if scope and not self._only_scope():
                kwargs = {"default_graph": scope, "named_graphs": scope}
            else:  # the store holds only our graphs: the union is the same data, and much faster
                kwargs = {"use_default_graph_as_union": True}
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

    def select_rows(self, text: str) -> list[tuple[Node | None, ...]]:
        return self.run(text).rows

    def run(self, text: str, substitutions: dict[str, Node] | None = None, limit: int | None = None) -> Result:
        import pyoxigraph as ox

        from ecokg.graph.oxconvert import from_ox

        answer = self._query(text, substitutions)
        if isinstance(answer, ox.QueryBoolean):
            return Result("ASK", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            rows: list[tuple[Node | None, ...]] = []
            truncated = False
            for sol in answer:
                if limit is not None and len(rows) >= limit:
                    truncated = True
                    break
                rows.append(tuple(None if sol[n] is None else plain(from_ox(sol[n])) for n in names))
            return Result("SELECT", names, rows, truncated=truncated)
        triples: list[tuple[Node, Node, Node]] = []
        for t in answer:
            if limit is not None and len(triples) >= limit:
                return Result(query_form(text) or "CONSTRUCT", triples=triples, truncated=True)
            triples.append((from_ox(t.subject), from_ox(t.predicate), plain(from_ox(t.object))))
        return Result(query_form(text) or "CONSTRUCT", triples=triples)


def execute(query: NamedQuery, params: dict[str, str], backend: LocalBackend,
            limit: int | None = None) -> Result:
    """Bind the parameters and run the query locally; one run per combination of bound values."""
    if query.source == "-e" or query.name == "-e":
        check_syntax(query.text, "the -e query")
    bound = bind_params(query, params, backend)
    result: Result | None = None
    for subst in combinations(bound) or [{}]:
        try:
            part = backend.run(query.text, subst, limit)
        except QueryError as exc:
            raise QueryError(exc.message.replace("the query", query.source or query.name, 1), hint=exc.hint) from exc
        if result is None:
            result = part
        else:
            result.merge(part)
    assert result is not None
    if limit is not None and len(result.rows) > limit:
        result.rows, result.truncated = result.rows[:limit], True
    return result


def local_job(conn: Any, store: str | None, query: NamedQuery, params: dict[str, str], limit: int | None,
              as_of: str | None = None) -> None:
    try:
        backend = LocalBackend(store, as_of)
        try:
            conn.send(("ok", execute(query, params, backend, limit)))
        finally:
            backend.close()
    except Exception as exc:  # sent back to the parent, which raises it
        conn.send(("error", exc))
    finally:
        conn.close()


def run_with_deadline(job: Callable[..., None], args: tuple[Any, ...], timeout: float, what: str,
                      context: str = "fork") -> Any:
    """Run ``job(conn, *args)`` in a forked worker; stop it after ``timeout`` seconds.

    pyoxigraph cannot interrupt a query from another thread, so a query with a time limit runs in
    a child process that is killed when the limit passes (cost: one fork and a store open).
    ``context`` is the multiprocessing start method: ``fork`` from a single-threaded CLI,
    ``forkserver`` from the threaded HTTP server.
    """
    import multiprocessing as mp

    ctx: Any = mp.get_context(context)
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=job, args=(child, *args), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise QueryError(f"{what} stopped after {timeout:g} s (the time limit)",
                             hint="raise --timeout, add LIMIT, or narrow the query with parameters")
        try:
            status, payload = parent.recv()
        except EOFError as exc:
            raise QueryError(f"{what} worker ended without an answer (exit code {proc.exitcode})",
                             hint="run again without --timeout to see the error") from exc
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if status == "error":
        raise payload
    return payload


def run_local(query: NamedQuery, params: dict[str, str], store: str | None = None,
              timeout: float | None = None, limit: int | None = None) -> Result:
    """Run a named query on the local store (in a worker process when there is a time limit)."""
    if timeout is None:
        backend = LocalBackend(store)
        try:
            return execute(query, params, backend, limit)
        finally:
            backend.close()
    return run_with_deadline(local_job, (store, query, params, limit), timeout, f"query {query.name}")


def _default_graph() -> Any:
    import pyoxigraph as ox

    return ox.DefaultGraph()
