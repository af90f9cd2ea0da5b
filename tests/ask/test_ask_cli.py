"""``ecokg ask`` as a user runs it, on the store built from the samples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def test_ask_answers_with_rows_and_sentences(cli: Any, samples_store: Path) -> None:
    r = cli("ask", "光谷AI园里入驻了哪些公司？", "--store", str(samples_store))
    assert r.returncode == 0, r.stderr
    assert "query: companies-in-park" in r.stdout and "park=武汉光谷人工智能产业园" in r.stdout
    assert "澜图科技" in r.stdout and "入驻光谷AI园" in r.stdout  # a row and its sentence


def test_explain_shows_sparql_and_bound_iri(cli: Any, samples_store: Path) -> None:
    r = cli("ask", "楚越智驾的出货量是多少", "--store", str(samples_store), "--explain")
    assert r.returncode == 0, r.stderr
    assert "bound: ?entity = <https://w3id.org/ecokg/id/org/楚越智驾>" in r.stdout
    assert "SELECT DISTINCT" in r.stdout


def test_decline_suggests_instead_of_guessing(cli: Any, samples_store: Path) -> None:
    r = cli("ask", "上海有哪些产业园区？", "--store", str(samples_store))
    assert r.returncode == 1
    assert "cannot answer" in r.stdout and "上海" in r.stdout and "did you mean" in r.stdout


def test_json_and_hostile_text(cli: Any, samples_store: Path) -> None:
    r = cli("ask", '介绍一下 "} UNION { ?s ?p ?o } #', "--store", str(samples_store), "--format", "json")
    assert r.returncode == 1  # declined: no text ever reaches SPARQL
    assert json.loads(r.stdout)["declined"] is True
    r = cli("ask", "介绍一下优必选", "--store", str(samples_store), "--format", "json")
    data = json.loads(r.stdout)
    assert data["query"] == "entity-profile" and data["iris"] == {"entity": "https://w3id.org/ecokg/id/org/优必选"}
