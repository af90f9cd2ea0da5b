"""Named queries on a real Virtuoso after 'ecokg push' (digest auth), compared with the local answers.

Virtuoso's default graph is the union of every graph, its system graphs included; the queries run
scoped to the ecokg graphs, so the answers equal the local ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ecokg.queries.remote import Endpoint, RemoteBackend, run_remote
from ecokg.queries.runner import list_queries, load_query, run_local

from .test_remote import MINI_PARAMS

# one Virtuoso (a session fixture) for both tests: under pytest-xdist they run on one worker
pytestmark = [pytest.mark.server, pytest.mark.slow, pytest.mark.xdist_group("virtuoso")]


def test_push_with_digest_auth_then_every_query_matches_local(cli, mini_store: Path,  # type: ignore[no-untyped-def]
                                                              virtuoso_server: str) -> None:
    drop_ecokg_graphs(virtuoso_server)
    crud = f"{virtuoso_server}/sparql-graph-crud-auth"
    refused = cli("push", "--endpoint", crud, "--store", str(mini_store),
                  "--user", "dba", "--password", "wrong")
    assert refused.returncode == 2 and "HTTP 401" in refused.stderr
    proc = cli("push", "--endpoint", crud, "--store", str(mini_store), "--chunk", "200",
               env={"ECOKG_ENDPOINT_USER": "dba", "ECOKG_ENDPOINT_PASSWORD": "dba"}, timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert "pushed 4 graphs" in proc.stderr  # two documents, the ontology and the class closure
    endpoint = Endpoint(f"{virtuoso_server}/sparql", timeout=120)
    unscoped = RemoteBackend(endpoint)._json(
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", [])
    assert int(unscoped.rows[0][0]) > 3  # Virtuoso's own graphs are there too
    for name, params in MINI_PARAMS:
        local = run_local(load_query(name), params, str(mini_store))
        remote = run_remote(load_query(name), params, endpoint)
        assert local.variables == remote.variables, name
        assert local.rows, f"{name} {params} has no rows"
        assert local.row_set() == remote.row_set(), f"{name} {params}: local and Virtuoso answers differ"
    again = cli("push", "--endpoint", crud, "--store", str(mini_store), "--user", "dba", "--password", "dba")
    assert again.returncode == 0, again.stderr
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert RemoteBackend(endpoint).select_rows(count) == run_local(load_query(None, count), {},
                                                                   str(mini_store)).rows


def drop_ecokg_graphs(base: str) -> None:
    """Empty the server of ecokg graphs left by other tests (Graph Store DELETE, digest auth)."""
    import urllib.request

    from ecokg.queries.remote import _opener, graph_url

    crud = Endpoint(f"{base}/sparql-graph-crud-auth", user="dba", password="dba")
    for g in RemoteBackend(Endpoint(f"{base}/sparql")).scope():
        req = urllib.request.Request(graph_url(crud, str(g)), method="DELETE")
        with _opener(crud).open(req, timeout=60) as resp:
            assert resp.status in (200, 204)


def test_corpus_on_virtuoso_equals_local(cli, corpus_store: Path, virtuoso_server: str) -> None:  # type: ignore[no-untyped-def]
    drop_ecokg_graphs(virtuoso_server)
    proc = cli("push", "--endpoint", f"{virtuoso_server}/sparql-graph-crud-auth", "--store",
               str(corpus_store), "--user", "dba", "--password", "dba", timeout=180)
    assert proc.returncode == 0, proc.stderr
    endpoint = Endpoint(f"{virtuoso_server}/sparql", timeout=120)
    params = {"entity-profile": {"entity": "优必选"}, "companies-in-park": {"park": "人工智能产业园"},
              "figures": {"entity": "青岛"}}
    for q in list_queries():
        p = params.get(q.name, {})
        local = run_local(q, p, str(corpus_store))
        remote = run_remote(q, p, endpoint)
        if q.name in ("chain-coverage", "chain-gaps", "key-players"):
            # GROUP_CONCAT order, an empty GROUP_CONCAT and MIN over language-tagged strings are
            # engine-defined: compare the grouping keys and the counts
            assert {_key(r) for r in local.rows} == {_key(r) for r in remote.rows}, \
                f"{q.name}: answers differ"
            continue
        assert local.rows or q.name == "conflicts", f"{q.name} has no rows"  # one article: no conflict
        assert local.row_set() == remote.row_set(), f"{q.name}: local and Virtuoso answers differ"


def _key(row: tuple) -> tuple:  # type: ignore[type-arg]
    """A row without its concatenated lists and sample sentence."""
    texts = ["" if v is None else str(v) for v in row]  # an empty GROUP_CONCAT: unbound or ""
    return tuple(v for v in texts if len(v) < 40 and ", " not in v)
