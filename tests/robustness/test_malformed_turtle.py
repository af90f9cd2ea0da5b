"""Malformed Turtle to every command that reads RDF files (check, view --input)."""

from __future__ import annotations

import pytest

from .conftest import assert_one_line_error

BAD = {
    "unterminated.ttl": '@prefix ex: <http://example.org/> .\nex:a ex:b "never closed .\n',
    "noprefix.ttl": "ex:a ex:b ex:c .\n",
    "garbage.ttl": "\x00\x01 this is not RDF {{{ \n",
    "badiri.ttl": "<http://example.org/a b> <http://example.org/p> <http://example.org/c> .\n",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_check_reports_malformed_turtle(tmp_path, ecokg, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BAD[name].encode("utf-8"))
    proc = ecokg("check", "--no-reasoner", str(path))
    assert_one_line_error(proc, name, codes=(2,))


_VIEW_CASES = sorted(BAD)


@pytest.mark.parametrize("name", _VIEW_CASES)
def test_view_reports_malformed_turtle(tmp_path, ecokg, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BAD[name].encode("utf-8"))
    out = tmp_path / "view.html"
    proc = ecokg("view", "--input", str(path), "-o", str(out))
    assert_one_line_error(proc, name)
    assert not out.exists()
