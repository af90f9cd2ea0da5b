"""Malformed JSON-LD to check and view --input: broken JSON, and JSON that is not JSON-LD."""

from __future__ import annotations

import pytest

from .conftest import assert_one_line_error

BAD = {
    "truncated.jsonld": '{"@context": {"ex": "http://example.org/"}, "@id": "ex:a", "ex:b": [1, 2',
    "notjson.jsonld": "<rdf:RDF>this is XML</rdf:RDF>",
    "badcontext.jsonld": '{"@context": 42, "@id": "http://example.org/a", "http://example.org/p": "x"}',
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_check_reports_malformed_jsonld(tmp_path, ecokg, name: str) -> None:
    path = tmp_path / name
    path.write_text(BAD[name], encoding="utf-8")
    assert_one_line_error(ecokg("check", "--no-reasoner", str(path)), name, codes=(2,))


@pytest.mark.parametrize("name", sorted(BAD))
def test_view_reports_malformed_jsonld(tmp_path, ecokg, name: str) -> None:
    path = tmp_path / name
    path.write_text(BAD[name], encoding="utf-8")
    out = tmp_path / "view.html"
    assert_one_line_error(ecokg("view", "--input", str(path), "-o", str(out)), name)
    assert not out.exists()
