"""Named queries on a real Oxigraph server after 'ecokg push', compared with the local answers."""

from __future__ import annotations

import json
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from typing import ClassVar

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from ecokg.errors import QueryError
from ecokg.queries.remote import Endpoint, RemoteBackend, run_remote, send
from ecokg.queries.runner import list_queries, load_query, run_local

pytestmark = pytest.mark.server

#: Parameters for the mini fixture (its city and park are invented).
MINI_PARAMS: list[tuple[str, dict[str, str]]] = [
    ("committees", {}),
    ("companies-in-park", {"park": "人工智能产业园"}),
    ("designations", {}),
    ("entity-profile", {"entity": "星川"}),
    ("entity-profile", {"entity": "江澜人工智能产业园"}),
    ("events", {}),
    ("fact-provenance", {}),
    ("fact-provenance", {"entity": "星川机器人"}),
    ("figures", {}),
    ("figures", {"entity": "江澜市"}),
    ("innovation-centers", {}),
    ("models-robots-platforms", {}),
    ("parks-and-venues", {"region": "江澜市"}),
    ("policies-and-funds", {}),
    ("supply-chains", {}),
]


#: Queries over the industry chain placements ('ecokg chain'), which the mini fixture lacks; they are
#: compared on a real server in tests/queries/test_corpus.py and tests/chain/test_analyze.py.
CHAIN_QUERIES = {"chain-coverage", "chain-gaps", "key-players"}
#: Queries over figures reported twice, which the mini fixture lacks: compared on a real server in
#: tests/queries/test_time_queries.py.
TIME_QUERIES = {"figure-series", "conflicts"}


def test_every_named_query_is_exercised() -> None:
    exercised = {name for name, _ in MINI_PARAMS}
    assert exercised == {q.name for q in list_queries()} - CHAIN_QUERIES - TIME_QUERIES


def compare_all(store: Path, endpoint: Endpoint) -> None:
    for name, params in MINI_PARAMS:
        local = run_local(load_query(name), params, str(store))
        remote = run_remote(load_query(name), params, endpoint)
        assert local.variables == remote.variables, name
        assert local.rows, f"{name} {params} has no rows: the comparison would prove nothing"
        assert local.row_set() == remote.row_set(), f"{name} {params}: local and remote answers differ"


def push(cli, store: Path, url: str, *extra: str) -> str:  # type: ignore[no-untyped-def]
    proc = cli("push", "--endpoint", url, "--store", str(store), *extra, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


def test_push_then_every_query_matches_local(cli, mini_store: Path, oxigraph_server: str) -> None:  # type: ignore[no-untyped-def]
    out = push(cli, mini_store, f"{oxigraph_server}/store", "--chunk", "100")
    assert "pushed 4 graphs" in out  # two documents, the ontology and the class closure
    compare_all(mini_store, Endpoint(f"{oxigraph_server}/query"))


def test_cli_query_on_endpoint_equals_local(cli, mini_store: Path, oxigraph_server: str) -> None:  # type: ignore[no-untyped-def]
    push(cli, mini_store, f"{oxigraph_server}/store")
    args = ("figures", "--param", "entity=江澜市", "--format", "json")
    local = cli("query", *args, "--store", str(mini_store))
    remote = cli("query", *args, "--endpoint", f"{oxigraph_server}/query")
    assert local.returncode == remote.returncode == 0, remote.stderr
    rows = lambda doc: sorted(json.dumps(b, sort_keys=True) for b in json.loads(doc)["results"]["bindings"])  # noqa: E731
    assert rows(local.stdout) == rows(remote.stdout) and len(rows(local.stdout)) == 2


def test_repush_replaces_a_document_graph(cli, mini_store: Path, oxigraph_server: str) -> None:  # type: ignore[no-untyped-def]
    from ecokg.graph.store import EcoStore

    with EcoStore.open(mini_store, read_only=True) as store:
        doc = sorted(store.document_graphs())[0]
    push(cli, mini_store, f"{oxigraph_server}/store")
    stray = "<urn:x:stray> <urn:x:p> <urn:x:o> ."
    req = urllib.request.Request(f"{oxigraph_server}/store?graph={doc}", data=stray.encode(), method="POST",
                                 headers={"Content-Type": "application/n-triples"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        assert resp.status in (200, 201, 204)
    ask = f"ASK {{ GRAPH <{doc}> {{ <urn:x:stray> ?p ?o }} }}"
    backend = RemoteBackend(Endpoint(f"{oxigraph_server}/query"))
    assert backend._json(ask, []).boolean is True
    push(cli, mini_store, f"{oxigraph_server}/store", "--document", doc)
    assert backend._json(ask, []).boolean is False
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    local = run_local(load_query(None, count), {}, str(mini_store))
    assert backend._json(count, []).rows == local.rows


def test_remote_construct_is_the_local_graph(cli, mini_store: Path, oxigraph_server: str) -> None:  # type: ignore[no-untyped-def]
    push(cli, mini_store, f"{oxigraph_server}/store")
    q = ("PREFIX eco: <https://w3id.org/ecokg/ontology#> "
         "CONSTRUCT { ?o eco:locatedIn ?p } WHERE { ?o eco:locatedIn ?p }")
    local = run_local(load_query(None, q), {}, str(mini_store))
    remote = run_remote(load_query(None, q), {}, Endpoint(f"{oxigraph_server}/query"))
    g1, g2 = Graph(), Graph()
    for t in local.triples:
        g1.add(t)
    for t in remote.triples:
        g2.add(t)
    assert len(g1) == 5 and isomorphic(g1, g2)


def test_endpoint_errors_are_one_line(cli, mini_store: Path, oxigraph_server: str) -> None:  # type: ignore[no-untyped-def]
    bad = cli("query", "-e", "SELECT * WHERE { ?s ?p }", "--endpoint", f"{oxigraph_server}/query")
    assert bad.returncode == 2 and "line 1, column" in bad.stderr and len(bad.stderr.splitlines()) == 1
    gone = cli("query", "figures", "--endpoint", f"http://127.0.0.1:{_closed_port()}/query")
    assert gone.returncode == 2 and "cannot reach" in gone.stderr and "Traceback" not in gone.stderr
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    push(cli, mini_store, f"{oxigraph_server}/store")
    slow = cli("query", "-e", endless, "--endpoint", f"{oxigraph_server}/query", "--timeout", "1")
    assert slow.returncode == 2 and "stopped after 1 s" in slow.stderr  # the server is killed at teardown
    with pytest.raises(QueryError, match="not an http"):
        run_remote(load_query("figures"), {}, Endpoint("ftp://example/sparql"))


def _closed_port() -> int:
    from .conftest import free_port

    return free_port()  # nothing listens there once the probe socket is closed


class _Flaky(BaseHTTPRequestHandler):
    """A Graph Store that fails twice with 503, then accepts."""

    calls: ClassVar[list[tuple[str, str, bytes]]] = []

    def log_message(self, *args: object) -> None:
        return

    def do_PUT(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.calls.append((self.command, self.path, body))
        status = 503 if len(self.calls) <= 2 else 204
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()


def test_push_retries_transient_errors() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    thread = Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/store"
        waits: list[float] = []
        status = send(Endpoint(url, timeout=10), "PUT", "https://w3id.org/ecokg/id/doc/x",
                      b"<urn:a> <urn:b> <urn:c> .", sleep=waits.append)
        assert status == 204 and waits == [0.5, 1.0]
        assert [c[0] for c in _Flaky.calls] == ["PUT"] * 3
        assert _Flaky.calls[-1][1].endswith("?graph=https%3A%2F%2Fw3id.org%2Fecokg%2Fid%2Fdoc%2Fx")
        with pytest.raises(QueryError, match="HTTP 503"):
            _Flaky.calls.clear()
            send(Endpoint(url, timeout=10), "PUT", "urn:g", b"", retries=1, sleep=waits.append)
    finally:
        server.shutdown()
        server.server_close()


def test_terms_from_json() -> None:
    from ecokg.queries.remote import term_from_json

    assert term_from_json({"type": "uri", "value": "urn:a"}) == URIRef("urn:a")
    assert term_from_json({"type": "literal", "value": "青岛", "xml:lang": "zh"}) == Literal("青岛",
                                                                                           lang="zh")
    assert term_from_json({"type": "typed-literal", "value": "1",
                           "datatype": "http://www.w3.org/2001/XMLSchema#integer"}) == Literal(1)
