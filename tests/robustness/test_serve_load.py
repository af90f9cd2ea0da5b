"""A bounded load test from a second process: 600 queries from 8 concurrent clients on
127.0.0.1 against ``ecokg serve``; no errors and every answer equal to the local one. The figures
(requests, errors, p50/p99 latency) are printed and, with $ECOKG_LOAD_REPORT, written to that
file; no timing is asserted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecokg.graph.namespaces import sparql_prefixes
from ecokg.queries.results import render
from ecokg.queries.runner import LocalBackend, NamedQuery, execute
from ecokg.resources import query_files

from .load_client import canonical
from .serving import serve

pytestmark = pytest.mark.server
REQUESTS = 600  # 75 per client, each of the 11 queries about 55 times, by GET and by POST
CLIENTS = 8
HERE = Path(__file__).resolve().parent


def _jobs(store: Path) -> list[dict]:
    texts = [
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        sparql_prefixes() + "SELECT ?c ?l WHERE { ?c a eco:Company ; rdfs:label ?l } ORDER BY ?c ?l",
        sparql_prefixes() + "ASK { ?x a eco:IndustrialPark }",
        sparql_prefixes() + "SELECT ?e (COUNT(?d) AS ?n) WHERE { ?e eco:mentionedIn ?d } GROUP BY ?e",
        sparql_prefixes() + 'SELECT ?s WHERE { ?s rdfs:label ?l FILTER(CONTAINS(STR(?l), "青岛")) }',
    ]
    # named queries that answer in milliseconds without parameters (the others scan the whole graph)
    quick = ("committees", "designations", "events", "figures", "innovation-centers", "policies-and-funds")
    texts += [f.read_text(encoding="utf-8") for f in query_files() if f.name.removesuffix(".rq") in quick]
    backend = LocalBackend(store)
    try:
        return [{"query": t,
                 "expected": canonical(json.loads(render(execute(NamedQuery("-e", t, source="q"), {},
                                                                             backend, 10000), "json")))}
                for t in texts]
    finally:
        backend.close()


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_600_queries_from_8_clients(tmp_path, store) -> None:
    jobs = tmp_path / "jobs.json"
    jobs.write_text(json.dumps(_jobs(store), ensure_ascii=False), encoding="utf-8")
    with serve(store, tmp_path / "serve.log") as (url, proc):
        client = subprocess.run([sys.executable, str(HERE / "load_client.py"), url, str(jobs), str(REQUESTS),
                                 str(CLIENTS)], capture_output=True, text=True, timeout=580)
        assert client.returncode == 0, client.stderr
        summary = json.loads(client.stdout)
        assert proc.poll() is None
    print(f"\nload: {json.dumps(summary)}")
    if os.environ.get("ECOKG_LOAD_REPORT"):
        Path(os.environ["ECOKG_LOAD_REPORT"]).write_text(json.dumps(summary, indent=1), encoding="utf-8")
    assert summary["errors"] == 0, summary["first_errors"]
    assert summary["wrong"] == 0, summary["first_wrong"]
    assert summary["answered"] == REQUESTS
