"""``ecokg view`` as a user runs it: from a store or an RDF file, each mode, and its errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import store_of
from tests.viz.fixtures import dataset, sample_extraction

DATA = re.compile(r'<script type="application/json" id="ecokg-data">(.*?)</script>', re.S)


def page_labels(path: Path) -> set[str]:
    data = json.loads(DATA.search(path.read_text(encoding="utf-8")).group(1))
    return {n["label"] for n in data["nodes"]}


@pytest.fixture(scope="module")
def trig(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rdf") / "sample.trig"
    dataset(sample_extraction()).serialize(path, format="trig")
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return store_of(tmp_path_factory.mktemp("store") / "kg", [sample_extraction()])


def test_view_of_a_store_by_focus(cli, store: Path, tmp_path: Path) -> None:
    out = tmp_path / "focus.html"
    proc = cli("view", "--store", str(store), "--focus", "UBTech", "--depth", "1", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"wrote {out}: 4 nodes, 4 edges"
    assert page_labels(out) == {"优必选", "示例软件园", "Walker S", "星河智能"}


def test_view_of_a_named_query_with_a_param(cli, trig: Path, tmp_path: Path) -> None:
    out = tmp_path / "park.html"
    proc = cli("view", "--input", str(trig), "--query", "companies-in-park", "--param", "park=示例软件园",
               "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert page_labels(out) == {"示例软件园", "优必选", "星河智能"}
    assert "<title>园区内的企业 · park=示例软件园</title>" in out.read_text(encoding="utf-8")


def test_view_of_a_query_file_and_classes_in_english(cli, trig: Path, tmp_path: Path) -> None:
    rq = tmp_path / "robots.rq"
    rq.write_text("PREFIX eco: <https://w3id.org/ecokg/ontology#>\n"
                  "CONSTRUCT { ?r eco:developedBy ?o } WHERE { ?r eco:developedBy ?o }\n", encoding="utf-8")
    out = tmp_path / "q.html"
    proc = cli("view", "--input", str(trig), "--query", str(rq), "--lang", "en", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert page_labels(out) == {"Walker S", "UBTECH Robotics", "天枢大模型", "星河智能"}
    out2 = tmp_path / "c.html"
    proc = cli("view", "--input", str(trig), "--class", "IndustrialPark", "--class", "企业", "-o", str(out2))
    assert proc.returncode == 0, proc.stderr
    assert page_labels(out2) == {"示例软件园", "优必选", "星河智能", "星河汽车"}


@pytest.mark.parametrize(("args", "message"), [
    (["--focus", "不存在"], "no entity is named '不存在'"),
    (["--class", "Spaceship"], "unknown class 'Spaceship'"),
    (["--query", "no-such-query"], "unknown query 'no-such-query'"),
    (["--all", "--param", "park=x"], "--param is only used with --query"),
])
def test_errors_are_one_line(cli, trig: Path, tmp_path: Path, args: list[str], message: str) -> None:
    proc = cli("view", "--input", str(trig), *args, "-o", str(tmp_path / "x.html"))
    assert proc.returncode == 2
    assert message in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert not (tmp_path / "x.html").exists()


def test_bad_inputs(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    proc = cli("view", "--input", str(bad))
    assert proc.returncode == 2 and proc.stderr.startswith("ecokg: error: cannot parse")
    assert len(proc.stderr.strip().splitlines()) == 1
    proc = cli("view", "--store", str(tmp_path / "nothing-here"))
    assert proc.returncode == 2 and "no ecokg store" in proc.stderr
    proc = cli("view", "--all", "--focus", "x", "--input", str(bad))
    assert proc.returncode == 2 and "choose one of --all, --focus, --query" in proc.stderr
