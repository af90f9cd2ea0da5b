"""``ecokg check`` as a user runs it: a real subprocess, real HermiT (Java), real files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="no Java runtime (HermiT needs one)")


@pytest.mark.java
@needs_java
def test_conforming_file_exits_0(cli, ontology_data: Path, tmp_path: Path) -> None:
    proc = cli("check", str(ontology_data / "conforming.ttl"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().splitlines()[-1].endswith("conforms")
    assert "consistent" in proc.stdout
    assert list(tmp_path.iterdir()) == [], "the check left files in the working directory"


@pytest.mark.java
@needs_java
def test_disjoint_types_are_inconsistent_and_named(cli, ontology_data: Path) -> None:
    proc = cli("check", str(ontology_data / "conforming.ttl"), str(ontology_data / "disjoint-types.ttl"))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "INCONSISTENT" in proc.stdout
    assert "示例集团" in proc.stdout
    assert "eco:Company" in proc.stdout and "eco:GovernmentBody" in proc.stdout
    assert "示例公司" not in proc.stdout  # the innocent company is not blamed


def test_missing_unit_names_the_shape(cli, ontology_data: Path) -> None:
    proc = cli("check", "--no-reasoner", str(ontology_data / "conforming.ttl"),
               str(ontology_data / "missing-unit.ttl"))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "observation unit" in proc.stdout
    assert "ObservationUnitShape" in proc.stdout
    assert "同比增长 无单位" in proc.stdout  # the focus node, by its label
    assert "1 SHACL violation" in proc.stdout.strip().splitlines()[-1]


def test_json_report(cli, ontology_data: Path) -> None:
    proc = cli("check", "--no-reasoner", "--format", "json", str(ontology_data / "conforming.ttl"),
               str(ontology_data / "missing-unit.ttl"))
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["conforms"] is False
    assert report["unsatisfiable"] == [] and report["inconsistent"] == []
    (violation,) = report["shacl"]
    assert violation["shape"] == "ecosh:ObservationUnitShape"
    assert violation["focus_label"] == "同比增长 无单位"
    assert violation["path"] == "eco:unit"


@pytest.mark.java
@needs_java
def test_json_report_of_inconsistency(cli, ontology_data: Path) -> None:
    proc = cli("check", "--no-shacl", "--format", "json", str(ontology_data / "conforming.ttl"),
               str(ontology_data / "disjoint-types.ttl"))
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["consistent"] is False
    assert [t["label"] for t in report["inconsistent"]] == ["示例集团"]


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".nt", ".jsonld", ".rdf"])
def test_truncated_file_exits_2_with_one_line(cli, ontology_data: Path, tmp_path: Path, suffix: str) -> None:
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(ontology_data / "conforming.ttl", format="turtle")
    fmt = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml"}[suffix]
    text = ds.serialize(format=fmt) if fmt in ("trig", "json-ld") else ds.default_graph.serialize(format=fmt)
    broken = tmp_path / f"broken{suffix}"
    broken.write_text(text[: len(text) // 2] + ("\n<" if fmt == "nt" else ""), encoding="utf-8")
    proc = cli("check", "--no-reasoner", str(broken))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "broken" in lines[0] and "line" in lines[0]
    assert proc.stdout == ""


def test_missing_file_exits_2(cli, tmp_path: Path) -> None:
    proc = cli("check", "--no-reasoner", str(tmp_path / "nowhere.ttl"))
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"ecokg: error: {tmp_path / 'nowhere.ttl'}: no such file "
                                                "(check the path)"]


def test_unknown_extension_exits_2(cli, tmp_path: Path) -> None:
    path = tmp_path / "graph.xyz"
    path.write_text("a,b\n", encoding="utf-8")
    proc = cli("check", "--no-reasoner", str(path))
    assert proc.returncode == 2
    assert "unknown RDF file extension '.xyz'" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_no_java_exits_2(cli, ontology_data: Path, tmp_path: Path) -> None:
    # PATH without java: the reasoner cannot run, the user is told what to do
    bindir = tmp_path / "bin"
    bindir.mkdir()
    proc = cli("check", str(ontology_data / "conforming.ttl"), env={"PATH": str(bindir)})
    assert proc.returncode == 2
    assert "no Java runtime found" in proc.stderr
    assert "--no-reasoner" in proc.stderr
    ok = cli("check", "--no-reasoner", str(ontology_data / "conforming.ttl"), env={"PATH": str(bindir)})
    assert ok.returncode == 0, ok.stderr


@pytest.mark.java
@needs_java
def test_ill_typed_literal_is_blamed_without_crashing(cli, ontology_data: Path) -> None:
    proc = cli("check", str(ontology_data / "conforming.ttl"), str(ontology_data / "ill-typed.ttl"))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stderr == ""  # no rdflib tracebacks or warnings leak through
    assert "INCONSISTENT" in proc.stdout
    assert "营业收入 超5亿元" in proc.stdout and "not a valid xsd:decimal" in proc.stdout
    assert "ecosh:LevelValueShape" in proc.stdout and "示例市人工智能产业园" in proc.stdout


@pytest.mark.java
@needs_java
def test_extra_ontology_with_unsatisfiable_class(cli, ontology_data: Path) -> None:
    proc = cli("check", "--no-shacl", "--format", "json", "--ontology",
               str(ontology_data / "unsatisfiable.ttl"), str(ontology_data / "conforming.ttl"))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert report["consistent"] is True
    assert report["unsatisfiable"] == [{"iri": "https://example.org/onto#CompanyPerson", "label": "公司人",
                                        "reason": ""}]


def test_remote_jsonld_context_is_refused(cli, tmp_path: Path) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps({"@context": "http://127.0.0.1:9/context.jsonld", "@id": "http://example.org/a"}),
                    encoding="utf-8")
    proc = cli("check", "--no-reasoner", str(path))
    assert proc.returncode == 2
    assert "would be fetched over the network" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
