"""Malformed TriG to check and view --input."""

from __future__ import annotations

import pytest

from .conftest import assert_one_line_error

BAD = {
    "unclosed.trig": "<http://example.org/g> { <http://example.org/a> <http://example.org/b> "
                     "<http://example.org/c> .\n",
    "nested.trig": "<http://example.org/g> { <http://example.org/h> { } }\n",
    "literal-graph.trig": '"g" { <http://example.org/a> <http://example.org/b> <http://example.org/c> . }\n',
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_check_reports_malformed_trig(tmp_path, ecokg, name: str) -> None:
    path = tmp_path / name
    path.write_text(BAD[name], encoding="utf-8")
    assert_one_line_error(ecokg("check", "--no-reasoner", str(path)), name, codes=(2,))


@pytest.mark.parametrize("name", sorted(BAD))
def test_view_reports_malformed_trig(tmp_path, ecokg, name: str) -> None:
    path = tmp_path / name
    path.write_text(BAD[name], encoding="utf-8")
    out = tmp_path / "view.html"
    assert_one_line_error(ecokg("view", "--input", str(path), "-o", str(out)), name)
    assert not out.exists()
