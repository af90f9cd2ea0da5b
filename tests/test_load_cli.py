"""``ecokg load FILE``: a good file lands in the store; a bad one is one line, exit 2, store unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

import ecokg
from tests.conftest import run_ecokg as run


def quads(store: Path) -> set[str]:
    with ecokg.open(store, read_only=True) as kg:
        return {str(q) for q in kg.store.ox}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two exports: all three samples (N-Quads, TriG) and one sample alone (N-Quads)."""
    root = tmp_path_factory.mktemp("load")
    with ecokg.api.sample_files() as samples, ecokg.open() as kg, ecokg.open() as one:
        kg.build(samples)
        one.build(samples[:1])
        kg.export(root / "all.nq")
        kg.export(root / "all.trig")
        one.export(root / "one.nq")
        kg.export(root / "data.nq", ontology=False)
    return {"nq": root / "all.nq", "trig": root / "all.trig", "one": root / "one.nq",
            "data": root / "data.nq"}


@pytest.mark.parametrize("kind", ["nq", "trig", "data"])
def test_load_a_good_file(exported: dict[str, Path], tmp_path: Path, kind: str) -> None:
    store = tmp_path / "store"
    code, out, err = run("load", str(exported[kind]), "--store", str(store))
    assert code == 0, err
    assert out.startswith(f"loaded {exported[kind]} ({exported[kind].suffix[1:]}, ")
    assert "in 4 graphs" in out and str(store) in out
    code, out, _ = run("stats", "--store", str(store))
    assert code == 0 and "documents    3" in out
    code, out, _ = run("query", "companies-in-park", "--store", str(store), "--format", "csv")
    assert code == 0 and "青岛人工智能产业园" in out


def test_a_bad_file_changes_nothing(exported: dict[str, Path], tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run("load", str(exported["one"]), "--store", str(store))[0] == 0
    before = quads(store)
    bad = tmp_path / "bad.nq"  # the other documents, then a broken line at the very end
    bad.write_text(exported["nq"].read_text(encoding="utf-8") + "<urn:a> <urn:b> \"broken .\n",
                   encoding="utf-8")
    gexf = tmp_path / "kg.gexf"
    gexf.write_bytes(exported["nq"].read_bytes())
    cases = {
        "syntax": (str(bad), "is not valid nq"),
        "missing": (str(tmp_path / "none.nq"), "not found"),
        "suffix": (str(gexf), "cannot tell the RDF format"),
        "clash": (str(exported["one"]), "has already"),
    }
    for name, (file, message) in cases.items():
        code, out, err = run("load", file, "--store", str(store))
        assert code == 2, name
        assert out == "" and err.count("\n") == 1, (name, err)
        assert err.startswith("ecokg: error: ") and message in err, (name, err)
        assert quads(store) == before, name


def test_a_bad_file_makes_no_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    code, _out, err = run("load", str(bad), "--store", str(tmp_path / "new"))
    assert code == 2 and "is not valid ttl" in err
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("kind", ["nq", "data"])  # with the ontology graph (skipped) and without
def test_a_failed_bulk_load_is_rolled_back(exported: dict[str, Path], tmp_path: Path, kind: str) -> None:
    """The bulk loader has no transaction: what it wrote before failing is removed again."""
    import pyoxigraph as ox

    class Failing:
        def __init__(self, inner: object) -> None:
            self.inner = inner

        def __getattr__(self, name: str) -> object:
            return getattr(self.inner, name)

        def bulk_extend(self, quads: object) -> None:
            it = iter(quads)  # type: ignore[call-overload]
            self.inner.extend([next(it) for _ in range(500)])  # type: ignore[attr-defined]
            raise OSError("disk full")

        def bulk_load(self, *, path: str, format: object, **_: object) -> None:
            self.bulk_extend(ox.parse(path=path, format=format))

    with ecokg.open(tmp_path / "store") as kg:
        before = {str(q) for q in kg.store.ox}
        kg.store.ox = Failing(kg.store.ox)  # type: ignore[assignment]
        with pytest.raises(ecokg.errors.StoreError, match="nothing was loaded: disk full"):
            kg.load(exported[kind])
        kg.store.ox = kg.store.ox.inner  # type: ignore[attr-defined]
        assert {str(q) for q in kg.store.ox} == before


def test_load_help() -> None:
    code, out, _ = run("load", "--help")
    assert code == 0 and out.startswith("Usage: ecokg load [OPTIONS] FILE")
