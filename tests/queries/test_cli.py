"""'ecokg queries' and 'ecokg query' as a user runs them: output, and one-line errors with exit 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path


def one_line_error(proc) -> str:  # type: ignore[no-untyped-def]
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ecokg: error: "), proc.stderr
    return lines[0]


def test_queries_lists_the_twelve(cli) -> None:  # type: ignore[no-untyped-def]
    proc = cli("queries", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    listed = json.loads(proc.stdout)
    assert len(listed) == 17  # the twelve competency questions, three over the industry chain, two over time
    park = next(q for q in listed if q["name"] == "companies-in-park")
    assert park["title_zh"] == "园区内的企业" and park["params"][0]["default"] is None
    table = cli("queries")
    assert "companies-in-park" in table.stdout and "青岛" not in table.stdout


def test_query_table_and_csv(cli, mini_store: Path) -> None:  # type: ignore[no-untyped-def]
    proc = cli("query", "companies-in-park", "--param", "park=人工智能产业园", "--store", str(mini_store))
    assert proc.returncode == 0, proc.stderr
    assert "星川机器人" in proc.stdout and "(4 rows)" in proc.stdout
    proc = cli("query", "designations", "-f", "csv", "--store", str(mini_store), "--limit", "1")
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert len(rows) == 1 and rows[0]["title"]


def test_query_file_and_env_store(cli, mini_store: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rq = tmp_path / "mine.rq"
    rq.write_text("# title: 我的 | Mine\nPREFIX eco: <https://w3id.org/ecokg/ontology#>\n"
                  "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a eco:Event }\n", encoding="utf-8")
    proc = cli("query", str(rq), "-f", "tsv", env={"ECOKG_STORE": str(mini_store)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1].startswith('"1"^^')


def test_unknown_query_name(cli, mini_store: Path) -> None:  # type: ignore[no-untyped-def]
    line = one_line_error(cli("query", "companies-in-prak", "--store", str(mini_store)))
    assert "unknown query 'companies-in-prak'" in line and "companies-in-park" in line


def test_bad_sparql_reports_line_and_column(cli, mini_store: Path) -> None:  # type: ignore[no-untyped-def]
    line = one_line_error(cli("query", "-e", "SELECT ?x\nWHERE { ?x ?y }", "--store", str(mini_store)))
    assert "syntax error" in line and "line 2, column" in line
    line = one_line_error(cli("query", "-e", "DELETE WHERE { ?s ?p ?o }", "--store", str(mini_store)))
    assert "update" in line


def test_timeout_stops_the_query(cli, mini_store: Path) -> None:  # type: ignore[no-untyped-def]
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    line = one_line_error(cli("query", "-e", endless, "--store", str(mini_store), "--timeout", "1"))
    assert "stopped after 1 s" in line
    ok = cli("query", "events", "--store", str(mini_store), "--timeout", "60")
    assert ok.returncode == 0 and "江澜人工智能大会" in ok.stdout


def test_parameters_are_bound_not_pasted(cli, mini_store: Path) -> None:  # type: ignore[no-untyped-def]
    evil = 'x" } } ; DROP ALL ; SELECT * { { "'
    line = one_line_error(cli("query", "entity-profile", "--param", f"entity={evil}", "--store",
                              str(mini_store)))
    assert "no entity named" in line
    line = one_line_error(cli("query", "figures", "--param", "nope=1", "--store", str(mini_store)))
    assert "no parameter 'nope'" in line
    line = one_line_error(cli("query", "figures", "--param", "novalue", "--store", str(mini_store)))
    assert "NAME=VALUE" in line


def test_missing_store(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    line = one_line_error(cli("query", "figures", "--store", str(tmp_path / "none")))
    assert "no ecokg store" in line


def test_construct_as_turtle(cli, mini_store: Path) -> None:  # type: ignore[no-untyped-def]
    from rdflib import Graph

    q = "PREFIX eco: <https://w3id.org/ecokg/ontology#> CONSTRUCT WHERE { ?s eco:organizedBy ?o }"
    proc = cli("query", "-e", q, "--store", str(mini_store), "-f", "ttl")
    assert proc.returncode == 0, proc.stderr
    assert len(Graph().parse(data=proc.stdout, format="turtle")) == 1
    line = one_line_error(cli("query", "-e", q, "--store", str(mini_store), "-f", "csv"))
    assert "returns a graph" in line
