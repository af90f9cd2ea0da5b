"""Named queries on a real Virtuoso after 'ecokg push' (digest auth), compared with the local answers.

Virtuoso's default graph is the union of every graph, its system graphs included; the queries run
scoped to the ecokg graphs, so the answers equal the local ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ecokg.queries.remote import Endpoint, RemoteBackend, run_remote
from ecokg.queries.runner import load_query, run_local

from .test_remote import MINI_PARAMS

pytestmark = [pytest.mark.server, pytest.mark.slow]


def test_push_with_digest_auth_then_every_query_matches_local(cli, mini_store: Path,  # type: ignore[no-untyped-def]
                                                              virtuoso_server: str) -> None:
    crud = f"{virtuoso_server}/sparql-graph-crud-auth"
    refused = cli("push", "--endpoint", crud, "--store", str(mini_store), "--user", "dba", "--password", "wrong")
    assert refused.returncode == 2 and "HTTP 401" in refused.stderr
    proc = cli("push", "--endpoint", crud, "--store", str(mini_store), "--chunk", "200",
               env={"ECOKG_ENDPOINT_USER": "dba", "ECOKG_ENDPOINT_PASSWORD": "dba"}, timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert "pushed 3 graphs" in proc.stderr
    endpoint = Endpoint(f"{virtuoso_server}/sparql", timeout=120)
    unscoped = RemoteBackend(endpoint)._json("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", [])
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
    assert RemoteBackend(endpoint).select_rows(count) == run_local(load_query(None, count), {}, str(mini_store)).rows
