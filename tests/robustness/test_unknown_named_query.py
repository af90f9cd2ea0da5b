"""An unknown named query, a missing .rq file, an unknown parameter: one line with a hint."""

from __future__ import annotations

from .conftest import assert_one_line_error


def test_unknown_named_query(store, ecokg) -> None:
    proc = ecokg("query", "--store", str(store), "companies-in-prak")
    line = assert_one_line_error(proc, "unknown query 'companies-in-prak'", codes=(2,))
    assert "companies-in-park" in line  # the close match is suggested


def test_missing_query_file(tmp_path, store, ecokg) -> None:
    proc = ecokg("query", "--store", str(store), str(tmp_path / "nowhere.rq"))
    assert_one_line_error(proc, "nowhere.rq", "not found", codes=(2,))


def test_unknown_parameter(store, ecokg) -> None:
    proc = ecokg("query", "--store", str(store), "companies-in-park", "--param", "nosuch=1")
    assert_one_line_error(proc, "nosuch", codes=(2,))


def test_parameter_without_equals(store, ecokg) -> None:
    proc = ecokg("query", "--store", str(store), "companies-in-park", "--param", "park")
    assert_one_line_error(proc, "NAME=VALUE", codes=(2,))


def test_parameter_naming_nothing(store, ecokg) -> None:
    proc = ecokg("query", "--store", str(store), "companies-in-park", "--param", "park=不存在的园区}\"\\")
    assert_one_line_error(proc, "park", codes=(2,))
