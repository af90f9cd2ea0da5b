"""Two articles about one company: a conflict for the same year, a series across years, the later
document preferred, a target kept a target; --as-of; the rule on its own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import ecokg
from ecokg.graph.conflicts import Figure, find_conflicts

from .conftest import COMPANY


def _rows(store: Path, name: str, **kw: str) -> list[dict]:
    with ecokg.open(store, read_only=True) as kg:
        return kg.query(name, **kw).rows


def test_one_conflict_one_series_and_the_preferred_value(two_store: Path) -> None:
    rows = _rows(two_store, "conflicts")
    assert len(rows) == 2  # one conflict, seen from each side
    by_rank = {r["rank"]: r for r in rows}
    preferred = by_rank["PreferredRank"]
    assert preferred["value"] == 1260000000 and preferred["reason"] == "later document"
    assert by_rank["NormalRank"]["value"] == 1200000000
    assert {r["entityLabel"] for r in rows} == {COMPANY} and {r["periodLabel"] for r in rows} == {"2024年"}
    series = [r for r in _rows(two_store, "figure-series", entity=COMPANY)
              if r["indicatorLabel"] == "营业收入" and r["kind"] == "result"]
    assert [(r["periodLabel"], r["value"]) for r in series] == [
        ("2023年", 900000000), ("2024年", 1200000000), ("2024年", 1260000000)]  # 2023 and 2024: a series


def test_a_target_stays_a_target(two_store: Path) -> None:
    rows = _rows(two_store, "figure-series", entity=COMPANY)
    targets = [r for r in rows if r["kind"] == "target"]
    assert [(r["indicatorLabel"], r["value"]) for r in targets] == [("营业收入", 2000000000)]
    assert all(r["value"] != 2000000000 for r in _rows(two_store, "conflicts"))


def test_as_of_sees_only_what_was_stated_by_then(two_store: Path) -> None:
    early = _rows(two_store, "figure-series", entity=COMPANY, as_of="2025-02-01")
    assert {r["value"] for r in early if r["indicatorLabel"] == "营业收入"} == {900000000, 1200000000}
    late = _rows(two_store, "figure-series", entity=COMPANY, as_of="2025-03-05")
    assert 1260000000 in {r["value"] for r in late}


def _fig(obs: str, value: str, issued: str, gov: bool, year: int = 2024, doc: str | None = None) -> Figure:
    return Figure(obs, value, "e", "i", "CNY", date(year, 1, 1), date(year, 12, 31), False, doc or obs,
                  issued, gov)


def test_the_rule_later_document_then_government_source() -> None:
    same_day = find_conflicts([_fig("a", "1", "2025-01-01", False), _fig("b", "2", "2025-01-01", True)])
    assert same_day.preferred == {"b": "government source"} and same_day.normal == ["a"]
    later = find_conflicts([_fig("a", "1", "2025-02-01", False), _fig("b", "2", "2025-01-01", True)])
    assert later.preferred == {"a": "later document"}
    series = find_conflicts([_fig("a", "1", "2025-01-01", False, 2023),
                             _fig("b", "2", "2025-01-01", True, 2024)])
    assert not series.conflicts
    agree = find_conflicts([_fig("a", "1.0", "2025-01-01", False), _fig("b", "1", "2025-02-01", True)])
    assert not agree.conflicts
    one_doc = find_conflicts([_fig("a", "1", "2025-01-01", False, doc="d"),
                              _fig("b", "2", "2025-01-01", False, doc="d")])
    assert not one_doc.conflicts


def test_the_python_api_says_what_changed(tmp_path: Path) -> None:
    from .conftest import GOV, MEDIA

    with ecokg.open(tmp_path / "a") as kg:
        first = kg.build([str(GOV)])
        assert first.changes is not None and first.changes.count("entity", "added") >= 3
    import shutil

    shutil.copytree(tmp_path / "a", tmp_path / "b")
    with ecokg.open(tmp_path / "b") as kg:
        second = kg.build([str(MEDIA)])
        assert second.changes is not None
        assert second.changes.summary() == "1 new entity, 1 new fact, 1 revised figure"
    d = ecokg.diff(tmp_path / "a", tmp_path / "b")
    assert d.to_json()["summary"] == second.changes.summary()
    assert {(c.kind, c.change) for c in d.changes} == {("entity", "added"), ("figure", "added"),
                                                       ("figure", "changed")}
