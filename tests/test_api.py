"""The library API: ecokg.open → build → query → export → load into another store → the same graphs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

import ecokg
from ecokg.errors import EcokgError, InputError, QueryError, StoreError


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A store of the bundled samples, built through the API, and its N-Quads export."""
    root = tmp_path_factory.mktemp("api")
    with ecokg.open(root / "store") as kg, ecokg.api.sample_files() as samples:
        report = kg.build(samples)
        assert len(report.ingest.added) == 3 and report.entities > 20
        assert report.summary().startswith("3 articles (")
        kg.export(root / "kg.nq")
    return root / "store", root / "kg.nq"


def graphs(kg: ecokg.KG) -> dict[str, Graph]:
    """Every graph of the store (named and default) as an rdflib Graph."""
    import pyoxigraph as ox

    from ecokg.graph.oxconvert import from_ox

    out: dict[str, Graph] = {}
    for g in [*kg.store.ox.named_graphs(), ox.DefaultGraph()]:
        graph = Graph()
        for q in kg.store.ox.quads_for_pattern(None, None, None, g):
            graph.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        out[str(g)] = graph
    return out


def test_build_export_load_gives_isomorphic_graphs(built: tuple[Path, Path], tmp_path: Path) -> None:
    store, nq = built
    with ecokg.open(store, read_only=True) as a, ecokg.open(tmp_path / "copy") as b:
        report = b.load(nq)
        # three document graphs and the entity graph; the ontology graph is skipped
        assert report.format == "nq" and report.graphs == 4 and report.statements > 1000
        assert report.skipped > 0  # the ontology graph: the new store has its own
        ga, gb = graphs(a), graphs(b)
        assert set(ga) == set(gb)
        for name in ga:
            assert isomorphic(ga[name], gb[name]), name
        assert isomorphic(a.store.union_graph(), b.store.union_graph())
        assert a.stats() == b.stats()
        assert a.query("figures").rows == b.query("figures").rows


def test_query_result_rows_columns_iteration(built: tuple[Path, Path]) -> None:
    with ecokg.open(built[0], read_only=True) as kg:
        result = kg.query("companies-in-park", park="青岛人工智能产业园", limit=3)
        assert result.form == "SELECT" and len(result) == 3 and result.truncated
        assert result.columns[:2] == ["park", "parkLabel"]
        assert list(result) == result.rows and set(result.rows[0]) == set(result.columns)
        assert result.rows[0]["parkLabel"] == "青岛人工智能产业园"
        count = kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/ecokg/ontology#Company> }")
        assert isinstance(count.rows[0]["n"], int) and count.rows[0]["n"] > 0
        assert kg.query("ASK { ?s ?p ?o }").boolean is True
        assert "parkLabel" in result.render("csv").splitlines()[0]
        timed = kg.query("companies-in-park", params={"park": "青岛人工智能产业园"}, limit=3, timeout=60)
        assert timed.rows == result.rows


def test_to_pandas_or_a_clear_error(built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    with ecokg.open(built[0], read_only=True) as kg:
        result = kg.query("figures", limit=2)
    try:
        import pandas  # noqa: F401
    except ImportError:
        pass
    else:
        frame = result.to_pandas()
        assert list(frame.columns) == result.columns and len(frame) == 2
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(EcokgError, match="needs pandas") as exc:
        result.to_pandas()
    assert "\n" not in exc.value.one_line()


def test_temporary_store_is_removed_on_close() -> None:
    kg = ecokg.open()
    path = kg.path
    assert path.is_dir() and "temporary" in repr(kg)
    assert kg.stats().documents == 0
    kg.close()
    assert not path.exists()


def test_errors_are_domain_errors(built: tuple[Path, Path], tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no ecokg store"):
        ecokg.open(tmp_path / "none", read_only=True)
    with ecokg.open(built[0], read_only=True) as kg:
        with pytest.raises(QueryError, match="unknown query"):
            kg.query("no-such-query")
        with pytest.raises(StoreError, match="read-only"):
            kg.load(built[1])
    with ecokg.open() as kg, ecokg.api.sample_files() as samples, pytest.raises(InputError,
                                                                                match="one article"):
        kg.build(samples, title="x")


def test_import_ecokg_stays_light() -> None:
    code = ("import sys, ecokg; assert 'ecokg.api' not in sys.modules; assert 'rdflib' not in sys.modules; "
            "ecokg.open; assert 'ecokg.api' in sys.modules; print('ok')")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr
    code = ("import sys\nfrom ecokg.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('rdflib', 'pyoxigraph', 'jieba', 'ecokg.api') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip().endswith("[]"), proc.stdout + proc.stderr  # ecokg --help stays fast
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        ecokg.nope  # noqa: B018
