"""prov:generatedAtTime of an extraction: chosen once per run (--generated-at, SOURCE_DATE_EPOCH, the
clock), kept by the store, and builds given the same time are byte-identical."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

import ecokg
from ecokg.errors import InputError
from ecokg.graph.generated import generation_time, parse_time
from tests.conftest import run_ecokg as _run

from .conftest import GOV, MEDIA

PROV_TIME = URIRef("http://www.w3.org/ns/prov#generatedAtTime")


def _stamps(path: Path) -> dict[str, str]:
    """Document graph → its prov:generatedAtTime, from an N-Quads export."""
    ds = Dataset()
    ds.parse(path, format="nquads")
    quads = ds.quads((None, PROV_TIME, None, None))
    return {str(s).rsplit("/extraction", 1)[0]: _z(o) for s, _p, o, _g in quads}


def _z(term: object) -> str:
    """rdflib writes a UTC time's zone as +00:00 when it parses it; the files say Z."""
    return str(term).replace("+00:00", "Z")


def test_the_time_is_chosen_in_order_option_epoch_clock() -> None:
    clock = datetime(2025, 3, 4, 5, 6, 7, 890, tzinfo=UTC)
    assert generation_time(None, {}, clock) == "2025-03-04T05:06:07Z"
    assert generation_time(None, {"SOURCE_DATE_EPOCH": "1767225600"}, clock) == "2026-01-01T00:00:00Z"
    given = generation_time("2025-06-01T08:30:00+08:00", {"SOURCE_DATE_EPOCH": "0"}, clock)
    assert given == "2025-06-01T00:30:00Z"
    assert parse_time("2025-06-01") == "2025-06-01T00:00:00Z"
    assert parse_time("2025-06-01T10:00Z") == "2025-06-01T10:00:00Z"
    with pytest.raises(InputError, match="not a date or time"):
        parse_time("last tuesday")
    with pytest.raises(InputError, match="SOURCE_DATE_EPOCH='soon'"):
        generation_time(None, {"SOURCE_DATE_EPOCH": "soon"})


def test_same_time_same_bytes_whatever_the_order(tmp_path: Path) -> None:
    for name, order in (("a", [GOV, MEDIA]), ("b", [MEDIA, GOV])):
        with ecokg.open(tmp_path / name) as kg:
            for article in order:  # one build each: two runs, the same time given
                kg.build([str(article)], generated_at="2025-07-01T12:00:00+08:00")
            kg.export(tmp_path / f"{name}.nq")
    a, b = (tmp_path / "a.nq").read_bytes(), (tmp_path / "b.nq").read_bytes()
    assert a == b
    stamps = _stamps(tmp_path / "a.nq")
    assert set(stamps.values()) == {"2025-07-01T04:00:00Z"} and len(stamps) == 2


def test_each_extraction_keeps_its_time(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.now(UTC).replace(microsecond=0)
    with ecokg.open(tmp_path / "s") as kg:
        kg.build([str(GOV)])  # the clock
        kg.build([str(MEDIA)], generated_at="2030-01-01")  # re-merges GOV's graph: its stamp stays
        kg.export(tmp_path / "one.nq")
        kg.export(tmp_path / "two.nq")
    after = datetime.now(UTC)
    stamps = sorted(_stamps(tmp_path / "one.nq").values())
    assert len(stamps) == 2 and stamps[1] == "2030-01-01T00:00:00Z"
    clock = datetime.fromisoformat(stamps[0].replace("Z", "+00:00"))
    assert before <= clock <= after
    assert (tmp_path / "one.nq").read_bytes() == (tmp_path / "two.nq").read_bytes()  # a store exports stably


def test_build_to_a_file_fixed_time_identical_other_time_differs_only_in_the_stamp(tmp_path: Path) -> None:
    files = {}
    for name, when in (("a", "2025-01-01"), ("b", "2025-01-01"), ("c", "2026-02-02")):
        files[name] = tmp_path / f"{name}.ttl"
        code, _, err = _run("build", str(GOV), "-o", str(files[name]), "-q", "--generated-at", when)
        assert code == 0, err
    assert files["a"].read_bytes() == files["b"].read_bytes()
    assert files["a"].read_bytes() != files["c"].read_bytes()
    ga, gc = Graph().parse(files["a"]), Graph().parse(files["c"])
    assert {_z(o) for o in ga.objects(None, PROV_TIME)} == {"2025-01-01T00:00:00Z"}
    ga.remove((None, PROV_TIME, None))
    gc.remove((None, PROV_TIME, None))
    assert isomorphic(ga, gc)


def test_a_bad_time_is_one_line(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "kg.ttl"
    code, _, err = _run("build", str(GOV), "-o", str(out), "--generated-at", "yesterday")
    assert code == 2 and err.count("\n") == 1 and "--generated-at 'yesterday'" in err and not out.exists()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "-5")
    code, _, err = _run("build", str(GOV), "--store", str(tmp_path / "s"))
    assert code == 2 and "SOURCE_DATE_EPOCH" in err and not (tmp_path / "s").exists()


def test_the_stamp_is_visible_in_sparql(two_store: Path) -> None:
    with ecokg.open(two_store, read_only=True) as kg:
        rows = kg.query("""PREFIX prov: <http://www.w3.org/ns/prov#>
            SELECT ?doc ?t WHERE { ?x prov:wasDerivedFrom ?doc ; prov:generatedAtTime ?t .
            ?doc a <https://w3id.org/ecokg/ontology#SourceDocument> }""").rows
    epoch = datetime(2026, 1, 1, tzinfo=UTC)  # tests/conftest.py's SOURCE_DATE_EPOCH
    assert len(rows) == 2 and {r["t"] for r in rows} == {epoch}
