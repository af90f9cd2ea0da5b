"""``--store`` (or $ECOKG_STORE) naming a regular file: every command says so in one line and
the file is left alone."""

from __future__ import annotations

import pytest

from .conftest import assert_one_line_error, sample_article

COMMANDS = {
    "build": ["build", "-q", str(sample_article())],
    "stats": ["stats"],
    "export": ["export", "-o", "{tmp}/out.ttl"],
    "show": ["show", "青岛"],
    "query": ["query", "figures"],
    "remove": ["remove", "x.txt"],
    "serve": ["serve", "--port", "0"],
    "view": ["view", "-o", "{tmp}/v.html"],
    "push": ["push", "--endpoint", "http://127.0.0.1:9/store"],
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_store_option_is_a_file(tmp_path, ecokg, name: str) -> None:
    blocker = tmp_path / "not-a-store"
    blocker.write_bytes(b"precious")
    args = [a.format(tmp=tmp_path) for a in COMMANDS[name]]
    proc = ecokg(*args, "--store", str(blocker))
    assert_one_line_error(proc, "not-a-store", "file")
    assert blocker.read_bytes() == b"precious"


@pytest.mark.parametrize("name", ["build", "stats", "query"])
def test_store_variable_is_a_file(tmp_path, ecokg, name: str) -> None:
    blocker = tmp_path / "not-a-store"
    blocker.write_bytes(b"precious")
    proc = ecokg(*COMMANDS[name], env={"ECOKG_STORE": str(blocker)})
    assert_one_line_error(proc, "not-a-store", "file")
    assert blocker.read_bytes() == b"precious"


def test_directory_that_is_not_a_store(tmp_path, ecokg) -> None:
    other = tmp_path / "photos"
    other.mkdir()
    (other / "cat.jpg").write_bytes(b"\xff\xd8\xff")
    proc = ecokg("build", "-q", "--store", str(other), str(sample_article()))
    assert_one_line_error(proc, "photos", "not an ecokg store")
    assert sorted(p.name for p in other.iterdir()) == ["cat.jpg"]
