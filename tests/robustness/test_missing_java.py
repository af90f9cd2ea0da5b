"""``ecokg check`` with no Java on PATH: one line that says what to install, exit 2; with
--no-reasoner it still checks."""

from __future__ import annotations

import subprocess
import sys

from .conftest import assert_one_line_error

DATA = """@prefix eco: <https://w3id.org/ecokg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/ecokg/id/org/x> a eco:Company ; rdfs:label "澜峰精密"@zh .
"""


def _run(tmp_path, *args: str) -> subprocess.CompletedProcess[str]:
    empty = tmp_path / "empty-bin"
    empty.mkdir(exist_ok=True)
    env = {"PATH": str(empty), "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "ecokg", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def test_check_without_java(tmp_path) -> None:
    data = tmp_path / "data.ttl"
    data.write_text(DATA, encoding="utf-8")
    proc = _run(tmp_path, "check", str(data))
    line = assert_one_line_error(proc, "Java", codes=(2,))
    assert "--no-reasoner" in line
    assert proc.stdout == ""


def test_check_without_java_but_no_reasoner(tmp_path) -> None:
    data = tmp_path / "data.ttl"
    data.write_text(DATA, encoding="utf-8")
    proc = _run(tmp_path, "check", "--no-reasoner", str(data))
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr and "OWL (HermiT): skipped" in proc.stdout
