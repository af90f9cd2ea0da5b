"""Malformed RDF files (Turtle, TriG, JSON-LD) to every command that reads them: ``check`` and
``view --input`` fail with one line that names the file, and write nothing."""

from __future__ import annotations

import pytest

from .conftest import assert_one_line_error

BAD = {
    # Turtle
    "unterminated.ttl": '@prefix ex: <http://example.org/> .\nex:a ex:b "never closed .\n',
    "noprefix.ttl": "ex:a ex:b ex:c .\n",
    "garbage.ttl": "\x00\x01 this is not RDF {{{ \n",
    "badiri.ttl": "<http://example.org/a b> <http://example.org/p> <http://example.org/c> .\n",
    # TriG
    "unclosed.trig": "<http://example.org/g> { <http://example.org/a> <http://example.org/b> "
                     "<http://example.org/c> .\n",
    "nested.trig": "<http://example.org/g> { <http://example.org/h> { } }\n",
    "literal-graph.trig": '"g" { <http://example.org/a> <http://example.org/b> <http://example.org/c> . }\n',
    # JSON-LD: broken JSON, and JSON that is not JSON-LD
    "truncated.jsonld": '{"@context": {"ex": "http://example.org/"}, "@id": "ex:a", "ex:b": [1, 2',
    "notjson.jsonld": "<rdf:RDF>this is XML</rdf:RDF>",
    "badcontext.jsonld": '{"@context": 42, "@id": "http://example.org/a", "http://example.org/p": "x"}',
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_check_reports_malformed_rdf(tmp_path, ecokg, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BAD[name].encode("utf-8"))
    assert_one_line_error(ecokg("check", "--no-reasoner", str(path)), name, codes=(2,))


@pytest.mark.parametrize("name", sorted(BAD))
def test_view_reports_malformed_rdf(tmp_path, ecokg, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BAD[name].encode("utf-8"))
    out = tmp_path / "view.html"
    assert_one_line_error(ecokg("view", "--input", str(path), "-o", str(out)), name)
    assert not out.exists()
