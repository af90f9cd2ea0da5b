"""Where a view's graph comes from, and which part of it a view shows.

A ``GraphSource`` is the data (an rdflib union graph without the ontology) plus a query backend
over the same quads: the persistent store (``--store``) or an RDF file of any format
(``--input``), loaded into an in-memory pyoxigraph store so that named queries run the same
way on both. ``make_view`` turns a choice (all, focus, query, classes) into a view model;
``ecokg view`` and ``ecokg serve`` both call it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from rdflib import Graph, URIRef
from rdflib.term import Node

from ecokg.errors import InputError, QueryError, RDFSyntaxError
from ecokg.graph.namespaces import ONTOLOGY_GRAPH
from ecokg.queries.runner import LocalBackend
from ecokg.viz.model import ViewModel


@dataclass
class GraphSource:
    """The data of a view and a query backend over it."""

    graph: Graph
    backend: LocalBackend
    name: str

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> GraphSource:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def open_store(path: str | os.PathLike[str] | None) -> GraphSource:
    """The store at ``path`` (``--store``, ``$ECOKG_STORE``, ``./ecokg-data``), read-only."""
    from ecokg.graph.store import resolve_store_path

    store_path = resolve_store_path(path)
    backend = LocalBackend(store_path)
    try:
        graph = backend.store.union_graph(ontology=False)
    except BaseException:
        backend.close()
        raise
    return GraphSource(graph, backend, str(store_path))


def open_file(path: str | os.PathLike[str]) -> GraphSource:
    """An RDF file of any format the registry reads (``ecokg.graph.formats``; format from the suffix)."""
    from rdflib import Dataset

    from ecokg.graph.builder import union_graph
    from ecokg.graph.formats import reader_format
    from ecokg.graph.load import memory_store
    from ecokg.graph.oxconvert import dataset_to_quads

    p = Path(path)
    if not p.is_file():
        raise InputError(f"RDF input {p} not found" if not p.exists() else f"RDF input {p} is not a file",
                         hint="pass --input FILE with a Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML "
                              "or CSV file")
    spec = reader_format(p)
    fmt = spec.title
    ds = Dataset()
    try:
        spec.implementation().into_dataset(p, ds, p.resolve().as_uri())
    except UnicodeDecodeError as exc:
        raise RDFSyntaxError(f"{p} is not UTF-8 text ({exc.reason})", hint="convert it to UTF-8") from exc
    except Exception as exc:  # rdflib raises many types for bad input
        detail = " ".join(str(exc).split())[:300]
        raise RDFSyntaxError(f"cannot parse {p} as {fmt}: {detail}",
                             hint="check the file and its suffix") from exc
    for ctx in list(ds.graphs()):
        if ctx.identifier == ONTOLOGY_GRAPH:
            ds.remove_graph(ctx)
    graph = union_graph(ds)
    try:
        store = memory_store(dataset_to_quads(ds), p)
    except (ValueError, SyntaxError) as exc:  # an IRI rdflib let through but RDF does not allow
        raise RDFSyntaxError(f"{p}: not valid {fmt}: {exc}", hint="check the file's IRIs") from exc
    return GraphSource(graph, LocalBackend.from_store(store), str(p))


def open_source(input_file: str | os.PathLike[str] | None,
                store: str | os.PathLike[str] | None) -> GraphSource:
    if input_file is not None and store is not None:
        raise InputError("give either --input FILE or --store DIR, not both")
    return open_file(input_file) if input_file is not None else open_store(store)


def query_selection(source: GraphSource, spec: str, params: Mapping[str, str]) -> tuple[
        list[Node], list[tuple[Node, Node, Node]] | None, str, str]:
    """Run a named or file query: the terms it returns, its triples (CONSTRUCT), its titles."""
    from ecokg.queries.runner import execute, load_query

    query = load_query(spec)
    result = execute(query, dict(params), source.backend)
    if result.form == "ASK":
        raise QueryError(f"query {query.name} is an ASK query: a yes/no answer has no graph to draw",
                         hint="view a SELECT or CONSTRUCT query")
    title_zh = str(query.title_zh or query.name)
    title_en = str(query.title_en or query.name)
    terms: list[Node]
    if result.form == "SELECT":
        terms = [t for row in result.rows for t in row if isinstance(t, URIRef)]
        return terms, None, title_zh, title_en
    triples: list[tuple[Node, Node, Node]] = list(result.triples)
    terms = [t for s, _p, o in triples for t in (s, o) if isinstance(t, URIRef)]
    return terms, triples, title_zh, title_en


def make_view(source: GraphSource, *, focus: str | None = None, depth: int = 1, query: str | None = None,
              params: Mapping[str, str] | None = None, classes: Iterable[str] | None = None,
              include: Iterable[str] = (), lang: str = "zh", title: str | None = None) -> ViewModel:
    """The view a user asked for: everything, a neighbourhood, or a query's subgraph; maybe by class."""
    from ecokg.viz.network import build_view

    if focus is not None and query is not None:
        raise InputError("choose either --focus or --query, not both")
    class_list = list(classes) if classes else None
    nodes: list[Node] | None = None
    edges = None
    if query is not None:
        nodes, edges, title_zh, title_en = query_selection(source, query, params or {})
        heading = title_en if lang == "en" else title_zh
        if params:
            heading += " · " + ", ".join(f"{k}={v}" for k, v in params.items())
    elif params:
        raise InputError("--param is only used with --query", hint="add --query NAME, or drop --param")
    elif focus is not None:
        heading = f"{focus} · {depth} 层关系" if lang == "zh" else f"{focus} · depth {depth}"
    elif class_list:
        heading = " · ".join(class_list)
    else:
        heading = "ecokg" if lang == "zh" else "ecokg: everything"
    return build_view(source.graph, lang=lang, classes=class_list, focus=focus, depth=depth,
                      nodes=nodes, edges=edges, include=include, title=title or heading)


__all__ = ["GraphSource", "make_view", "open_file", "open_source", "open_store", "query_selection"]
