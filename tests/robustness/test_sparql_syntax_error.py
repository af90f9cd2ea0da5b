"""SPARQL syntax errors: -e text, a .rq file, an update smuggled into query: one line with the
line and column, exit 2, the store unchanged."""

from __future__ import annotations

import pytest

from .conftest import assert_one_line_error, snapshot

BAD = {
    "missing-object": "SELECT * WHERE { ?s ?p }",
    "typo": "SELEC ?s WHERE { ?s ?p ?o }",
    "unclosed": "SELECT * WHERE { ?s ?p ?o ",
    "unknown-prefix": "SELECT * WHERE { ?s nope:p ?o }",
    "newline-inside": "SELECT * WHERE {\n ?s ?p ?o .\n FILTER(\n}",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_expression_with_syntax_error(tmp_path, store, ecokg, name: str) -> None:
    before = snapshot(store, tmp_path)
    proc = ecokg("query", "--store", str(store), "-e", BAD[name])
    assert_one_line_error(proc, "line", codes=(2,))
    assert proc.stdout == ""
    assert snapshot(store, tmp_path) == before


def test_query_file_with_syntax_error(tmp_path, store, ecokg) -> None:
    rq = tmp_path / "broken.rq"
    rq.write_text("# title: broken\nSELECT * WHERE {\n  ?s ?p ?o\n  FILTER(?o = )\n}\n", encoding="utf-8")
    proc = ecokg("query", "--store", str(store), str(rq))
    assert_one_line_error(proc, "broken.rq", "line", "column", codes=(2,))


def test_update_as_query_changes_nothing(tmp_path, store, ecokg) -> None:
    before = snapshot(store, tmp_path)
    proc = ecokg("query", "--store", str(store), "-e", "DELETE WHERE { ?s ?p ?o }")
    assert_one_line_error(proc, codes=(2,))
    assert snapshot(store, tmp_path) == before


def test_query_file_not_utf8(tmp_path, store, ecokg) -> None:
    rq = tmp_path / "gbk.rq"
    rq.write_bytes("SELECT * WHERE { ?s ?p '青岛' }".encode("gbk"))
    assert_one_line_error(ecokg("query", "--store", str(store), str(rq)), "gbk.rq", codes=(2,))
