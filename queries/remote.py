"""Remote SPARQL 1.1 endpoints: run named queries through SPARQLWrapper, push graphs with the
Graph Store HTTP Protocol.

Scope: an endpoint may hold other data (Virtuoso sees its system graphs in the default graph),
so every query runs with ``default-graph-uri``/``named-graph-uri`` set to the document graphs
and the ontology graph that the endpoint holds, the same scope as a local run. Parameters are
bound with a ``VALUES`` block of ``.n3()``-serialized terms (the protocol has no substitutions).
"""

from __future__ import annotations

import math
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ecokg.errors import EndpointError, QueryError
from ecokg.queries.runner import SCOPE_QUERY, NamedQuery, Result, bind_params, plain
from ecokg.queries.sparqltext import check_syntax, has_dataset_clause, inject_values, query_form


@dataclass
class Endpoint:
    """A SPARQL endpoint URL (or a Graph Store Protocol URL for push) and how to reach it."""

    url: str
    user: str | None = None
    password: str | None = None
    auth: str = "auto"  # auto | basic | digest
    timeout: float | None = None

    def scheme(self) -> str:
        if self.auth != "auto":
            return self.auth
        path = urllib.parse.urlsplit(self.url).path
        return "digest" if path.rstrip("/").endswith("-auth") else "basic"

    def check(self) -> None:
        parts = urllib.parse.urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise EndpointError(
                f"endpoint {self.url!r} is not an http(s) URL",
                hint="e.g. http://127.0.0.1:7878/query (Oxigraph) or http://host:8890/sparql (Virtuoso)",
            )
        if (self.user is None) != (self.password is None):
            raise EndpointError(
                "give both --user and --password (or ECOKG_ENDPOINT_USER and ECOKG_ENDPOINT_PASSWORD)"
            )


# -- JSON results -> rdflib terms ----------------------------------------------------------------
def term_from_json(b: dict[str, str]) -> Node:
    kind = b.get("type")
    if kind == "uri":
        return URIRef(b["value"])
    if kind == "bnode":
        return BNode(b["value"])
    if b.get("xml:lang"):
        return Literal(b["value"], lang=b["xml:lang"])
    if b.get("datatype"):
        return plain(Literal(b["value"], datatype=URIRef(b["datatype"])))
    return Literal(b["value"])


def _error(exc: BaseException, ep: Endpoint, what: str) -> QueryError:
    from SPARQLWrapper.SPARQLExceptions import (
        EndPointInternalError,
        EndPointNotFound,
        QueryBadFormed,
        Unauthorized,
    )

    if isinstance(exc, socket.timeout | TimeoutError) or "timed out" in str(exc):
        return EndpointError(f"{what} on {ep.url} stopped after {ep.timeout:g} s (the time limit)",
                          hint="raise --timeout, add LIMIT, or narrow the query with parameters")
    if isinstance(exc, Unauthorized):
        return EndpointError(
            f"{ep.url} refused the credentials (401)",
            hint="check --user/--password or ECOKG_ENDPOINT_USER/ECOKG_ENDPOINT_PASSWORD, and --auth",
        )
    if isinstance(exc, EndPointNotFound):
        return EndpointError(f"no SPARQL endpoint at {ep.url} (404)",
                          hint="Oxigraph: http://HOST:PORT/query; Virtuoso: http://HOST:8890/sparql; "
                               "Fuseki: http://HOST:3030/DATASET/sparql")
    if isinstance(exc, QueryBadFormed):
        first = " ".join(str(exc).split())[:300]
        return QueryError(f"{ep.url} rejected {what} as malformed: {first}", hint="check the query text")
    if isinstance(exc, EndPointInternalError):
        first = " ".join(str(exc).split())[:300]
        return EndpointError(f"{ep.url} failed on {what}: {first}", hint="see the server's log")
    if isinstance(exc, urllib.error.HTTPError):
        return EndpointError(
            f"{ep.url} answered HTTP {exc.code} {exc.reason} to {what}", hint="check the URL"
        )
    if isinstance(exc, urllib.error.URLError | ConnectionError | OSError):
        reason = getattr(exc, "reason", exc)
        return EndpointError(
            f"cannot reach {ep.url}: {reason}", hint="is the server running? check host and port"
        )
    return EndpointError(f"{what} on {ep.url} failed: {type(exc).__name__}: {exc}", hint="check the endpoint")


class RemoteBackend:
    """One SPARQL endpoint, queried over the SPARQL 1.1 Protocol with SPARQLWrapper."""

    def __init__(self, ep: Endpoint) -> None:
        ep.check()
        self.ep = ep
        self._scope: list[URIRef] | None = None

    def _wrapper(self, text: str, graphs: Iterable[URIRef]) -> Any:
        from SPARQLWrapper import BASIC, DIGEST, POST, SPARQLWrapper

        sw = SPARQLWrapper(self.ep.url, agent="ecokg")
        sw.setMethod(POST)
        sw.setQuery(text)
        for g in graphs:
            sw.addDefaultGraph(str(g))
            sw.addNamedGraph(str(g))
        if self.ep.timeout:
            sw.setTimeout(max(1, math.ceil(self.ep.timeout)))
        if self.ep.user is not None:
            sw.setHTTPAuth(DIGEST if self.ep.scheme() == "digest" else BASIC)
            sw.setCredentials(self.ep.user, self.ep.password)
        return sw

    def scope(self) -> list[URIRef]:
        """The endpoint's ecokg graphs: document graphs and the ontology graph."""
        if self._scope is None:
            self._scope = [r[0] for r in self._select(SCOPE_QUERY, []) if isinstance(r[0], URIRef)]
        return self._scope

    def _graphs(self, text: str) -> list[URIRef]:
        return [] if has_dataset_clause(text) else self.scope()

    def _select(self, text: str, graphs: list[URIRef]) -> list[tuple[Node | None, ...]]:
        return self._json(text, graphs).rows

    def _json(self, text: str, graphs: list[URIRef]) -> Result:
        from SPARQLWrapper import JSON

        sw = self._wrapper(text, graphs)
        sw.setReturnFormat(JSON)
        try:
            doc = sw.queryAndConvert()
        except Exception as exc:
            raise _error(exc, self.ep, "the query") from exc
        if not isinstance(doc, dict):
            raise EndpointError(
                f"{self.ep.url} did not answer with SPARQL JSON results", hint="is it a SPARQL endpoint?"
            )
        if "boolean" in doc:
            return Result("ASK", boolean=bool(doc["boolean"]))
        names = list(doc.get("head", {}).get("vars", []))
        rows = [tuple(term_from_json(b[n]) if n in b else None for n in names)
                for b in doc.get("results", {}).get("bindings", [])]
        return Result("SELECT", names, rows)

    def select_rows(self, text: str) -> list[tuple[Node | None, ...]]:
        return self._select(text, self._graphs(text))

    def run(self, text: str, limit: int | None = None) -> Result:
        form = query_form(text)
        if form in ("CONSTRUCT", "DESCRIBE"):
            from SPARQLWrapper import TURTLE

            sw = self._wrapper(text, self._graphs(text))
            sw.setReturnFormat(TURTLE)
            try:
                response = sw.query().response
                data = response.read()
            except Exception as exc:
                raise _error(exc, self.ep, "the query") from exc
            g = Graph()
            try:
                g.parse(data=data, format="turtle")
            except Exception as exc:
                raise EndpointError(f"{self.ep.url} answered with unreadable Turtle: {exc}") from exc
            triples = [(s, p, plain(o)) for s, p, o in g]
            truncated = limit is not None and len(triples) > limit
            return Result(form, triples=triples[:limit] if truncated else triples, truncated=truncated)
        result = self._json(text, self._graphs(text))
        if limit is not None and len(result.rows) > limit:
            result.rows, result.truncated = result.rows[:limit], True
        return result


def run_remote(query: NamedQuery, params: dict[str, str], ep: Endpoint, limit: int | None = None) -> Result:
    """Run a named query on an endpoint, parameters bound with a VALUES block."""
    check_syntax(query.text, query.source or query.name)
    backend = RemoteBackend(ep)
    bound = bind_params(query, params, backend)
    return backend.run(inject_values(query.text, bound), limit)


# -- Graph Store HTTP Protocol -------------------------------------------------------------------
TRANSIENT = (500, 502, 503, 504)


def _opener(ep: Endpoint) -> urllib.request.OpenerDirector:
    handlers: list[Any] = []
    if ep.user is not None:
        mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        mgr.add_password(None, ep.url, ep.user, ep.password or "")
        handlers += [urllib.request.HTTPDigestAuthHandler(mgr), urllib.request.HTTPBasicAuthHandler(mgr)]
    return urllib.request.build_opener(*handlers)


def graph_url(ep: Endpoint, graph: str) -> str:
    """The Graph Store URL of one graph (Virtuoso's CRUD endpoints name the parameter graph-uri)."""
    param = "graph-uri" if "sparql-graph-crud" in urllib.parse.urlsplit(ep.url).path else "graph"
    sep = "&" if "?" in ep.url else "?"
    return f"{ep.url}{sep}{urllib.parse.urlencode({param: graph})}"


def send(ep: Endpoint, method: str, graph: str, body: bytes, *, retries: int = 4,
         backoff: float = 0.5, sleep: Callable[[float], None] = time.sleep) -> int:
    """PUT (replace) or POST (add) one Turtle body into a graph; retry 5xx and connection errors."""
    opener = _opener(ep)
    url = graph_url(ep, graph)
    attempt = 0
    while True:
        req = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": "text/turtle; charset=utf-8"})
        try:
            with opener.open(req, timeout=ep.timeout or 300) as resp:
                return int(resp.status)
        except urllib.error.HTTPError as exc:
            if exc.code not in TRANSIENT or attempt >= retries:
                detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
                hint = ("check --user/--password (Virtuoso: /sparql-graph-crud-auth with digest auth)"
                        if exc.code in (401, 403) else "check the Graph Store URL (Oxigraph: /store)")
                raise EndpointError(
                    f"{method} of graph <{graph}> to {ep.url} failed: HTTP {exc.code} {detail}", hint=hint
                ) from exc
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            if attempt >= retries:
                reason = getattr(exc, "reason", exc)
                raise EndpointError(
                    f"{method} of graph <{graph}> to {ep.url} failed after {attempt + 1} tries: {reason}",
                    hint="is the server running? check host and port",
                ) from exc
        sleep(backoff * (2 ** attempt))
        attempt += 1


def chunks(triples: list[Any], size: int) -> list[list[Any]]:
    """Split a graph for upload; triples with blank nodes stay together in the first chunk."""
    import pyoxigraph as ox

    def has_bnode(t: Any) -> bool:
        return isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)

    with_b = [t for t in triples if has_bnode(t)]
    rest = [t for t in triples if not has_bnode(t)]
    first_room = max(size - len(with_b), 0)
    out = [with_b + rest[:first_room]]
    out += [rest[i:i + size] for i in range(first_room, len(rest), size)]
    return out


@dataclass
class PushReport:
    graphs: int = 0
    triples: int = 0
    requests: int = 0


def push(store_path: str | None, ep: Endpoint, *, graph: str | None = None, document: str | None = None,
         chunk_size: int = 20000, progress: Callable[[str, int, int], None] | None = None) -> PushReport:
    """Upload the store's document graphs and the ontology graph (or one graph) to a Graph Store.

    Each graph is replaced (PUT of its first chunk, POST of the others), so a re-push of a
    document replaces its graph. ``progress(graph, triples_sent, triples_total)`` after each request.
    """
    import pyoxigraph as ox

    from ecokg.graph.namespaces import ONTOLOGY_GRAPH
    from ecokg.graph.store import EcoStore, resolve_store_path

    ep.check()
    store = EcoStore.open(resolve_store_path(store_path), read_only=True)
    try:
        names = [g.value for g in store.ox.named_graphs() if isinstance(g, ox.NamedNode)]
        docs = {r["g"].value for r in store.ox.query(SCOPE_QUERY)}
        if document is not None:
            graph = store.find_document(document)
        if graph is not None:
            if graph not in names:
                raise QueryError(f"the store has no graph <{graph}>",
                                 hint="'ecokg query -e \"SELECT DISTINCT ?g { GRAPH ?g {} }\"' lists them")
            selected = [graph]
        else:
            selected = sorted(g for g in names if g in docs or g == str(ONTOLOGY_GRAPH))  # docs: the scope
        report = PushReport()
        work = {g: [q.triple for q in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(g))]
                for g in selected}
    finally:
        store.close()
    total = sum(len(t) for t in work.values())
    for g, triples in work.items():
        for i, part in enumerate(chunks(triples, chunk_size)):
            body = ox.serialize(part, format=ox.RdfFormat.N_TRIPLES) or b""  # N-Triples is Turtle
            send(ep, "PUT" if i == 0 else "POST", g, body)
            report.requests += 1
            report.triples += len(part)
            if progress:
                progress(g, report.triples, total)
        report.graphs += 1
    return report
