"""'ecokg chain', 'ecokg analyze' and the chain queries on a real Oxigraph server; the graphs conform."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ecokg.queries.remote import Endpoint, run_remote
from ecokg.queries.runner import load_query, run_local
from tests.conftest import run_cli

CHAIN_QUERIES = [("chain-coverage", {}), ("chain-coverage", {"region": "青岛市"}), ("chain-gaps", {}),
                 ("chain-gaps", {"region": "武汉市"}), ("key-players", {}),
                 ("key-players", {"region": "成都市"})]


@pytest.fixture
def copy(chain_store: Path, tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(chain_store, target, ignore=shutil.ignore_patterns("lock"))
    return target


def test_chain_command_lists_placements(copy: Path) -> None:
    proc = run_cli("chain", "--store", str(copy), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert {"actor": "国华智能", "segment": "核心零部件"}.items() <= next(
        r for r in rows if r["actor"] == "国华智能" and r["segment"] == "核心零部件").items()
    assert all(r["sentence"] and r["rule"].startswith("chain:") for r in rows)
    bad = run_cli("chain", "--store", str(copy), "--chain", str(copy / "missing.yaml"))
    assert bad.returncode != 0 and bad.stderr.count("\n") == 1 and "missing.yaml" in bad.stderr


def test_analyze_formats_and_write_back(copy: Path) -> None:
    table = run_cli("analyze", "--store", str(copy), "--region", "青岛市")
    assert table.returncode == 0, table.stderr
    assert "key players" in table.stdout and "青岛人工智能产业园" in table.stdout
    data = json.loads(run_cli("analyze", "--store", str(copy), "--format", "json").stdout)
    assert data["players"] and data["communities"] and data["region"] is None
    csv = run_cli("analyze", "--store", str(copy), "--region", "武汉", "--format", "csv").stdout
    assert csv.startswith("label,cls,degree") and "澜图科技" in csv
    ttl = run_cli("analyze", "--store", str(copy), "--region", "成都市", "--format", "ttl").stdout
    assert "eco:DegreeCentrality" in ttl and "prov:wasDerivedFrom" in ttl
    wrote = run_cli("analyze", "--store", str(copy), "--region", "青岛市", "--write")
    assert wrote.returncode == 0 and "written" in wrote.stdout
    got = run_local(load_query(None, """PREFIX eco: <https://w3id.org/ecokg/ontology#>
        SELECT ?o WHERE { ?o eco:indicator eco:BetweennessCentrality }"""), {}, str(copy))
    assert got.rows
    missing = run_cli("analyze", "--store", str(copy), "--region", "火星")
    assert missing.returncode != 0 and "regions: 成都市, 武汉市, 青岛市" in missing.stderr


@pytest.mark.java
@pytest.mark.slow
def test_the_graphs_with_placements_and_analysis_conform(copy: Path, tmp_path: Path) -> None:
    if shutil.which("java") is None:
        pytest.skip("no Java runtime")
    assert run_cli("analyze", "--store", str(copy), "--write").returncode == 0
    out = tmp_path / "kg.nq"
    assert run_cli("export", "--store", str(copy), "-o", str(out)).returncode == 0
    proc = run_cli("check", str(out), timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr


@pytest.mark.server
def test_chain_queries_same_on_oxigraph_server(chain_store: Path, oxigraph_server: str) -> None:
    oxigraph = oxigraph_server  # tests/conftest.py
    proc = run_cli("push", "--endpoint", f"{oxigraph}/store", "--store", str(chain_store), timeout=120)
    assert proc.returncode == 0, proc.stderr
    for name, params in CHAIN_QUERIES:
        local = run_local(load_query(name), params, str(chain_store))
        remote = run_remote(load_query(name), params, Endpoint(f"{oxigraph}/query"))
        assert local.rows and local.row_set() == remote.row_set(), (name, params)
