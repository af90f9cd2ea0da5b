"""Curation: decisions applied, kept through a full rebuild, exported, visible in SPARQL; bad
input is one error naming the line and changes nothing; diff and build say what changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import ecokg
from ecokg.graph.curation import Curation, CurationError
from tests.conftest import run_ecokg as _run

from .conftest import COMPANY, GOV, MEDIA

ECO = "https://w3id.org/ecokg/ontology#"


def _companies(kg: ecokg.KG) -> set[str]:
    rows = kg.query(f"SELECT ?l WHERE {{ ?c a <{ECO}Company> ; "
                    "<http://www.w3.org/2000/01/rdf-schema#label> ?l }").rows
    return {r["l"] for r in rows}


@pytest.fixture
def store(two_store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(two_store, copy)
    return copy


def test_curate_applied_kept_through_a_rebuild_exported_and_in_sparql(store: Path, tmp_path: Path) -> None:
    with ecokg.open(store) as kg:
        assert {COMPANY, "云启智能"} <= _companies(kg)
        kg.curate("same", COMPANY, "云启智能", by="李工", note="品牌简称")
        kg.curate("label", COMPANY, "云启智能科技")
        assert "云启智能" not in _companies(kg) and "云启智能科技" in _companies(kg)
        for doc in [d.iri for d in kg.documents()]:
            kg.remove(doc)  # a full rebuild: every article out, then in again
        kg.build([str(GOV), str(MEDIA)])
        assert "云启智能科技" in _companies(kg) and "云启智能" not in _companies(kg)
        rows = kg.query(f"""SELECT ?action ?who WHERE {{
            ?d a <{ECO}CurationDecision> ; <{ECO}curationAction> ?action ;
               <http://www.w3.org/ns/prov#wasAttributedTo>/<http://www.w3.org/2000/01/rdf-schema#label> ?who
            }}""").rows
        assert {(r["action"], r["who"]) for r in rows} == {("same", "李工"), ("label", "analyst")}
        kg.export(tmp_path / "kg.nq")
    exported = (tmp_path / "kg.nq").read_text(encoding="utf-8")
    assert f"{ECO}CurationDecision" in exported and "李工" in exported
    code, out, _ = _run("curate", "list", "--store", str(store), "--format", "yaml")
    assert code == 0 and Curation.parse(out).decisions[0].args == (COMPANY, "云启智能")


def test_reject_an_entity_and_a_fact(store: Path) -> None:
    with ecokg.open(store) as kg:
        kg.curate("reject", "云启智能")
        assert "云启智能" not in _companies(kg)
        assert not kg.query(f"SELECT ?s WHERE {{ ?s <{ECO}observedEntity> "
                            "<https://w3id.org/ecokg/id/org/云启智能> }").rows


def test_bad_curation_is_one_error_naming_the_line_and_changes_nothing(store: Path) -> None:
    meta = store / "ecokg-meta" / "curation.yaml"
    code, _, err = _run("curate", "same", COMPANY, "澄湾高新区", "--store", str(store))
    assert code == 2 and err.count("\n") == 1 and "curation.yaml:" in err and "cannot be one entity" in err
    assert not meta.exists()
    code, _, err = _run("curate", "type", COMPANY, "Spaceship", "--store", str(store))
    assert code == 2 and "unknown class 'Spaceship'" in err and not meta.exists()
    code, _, err = _run("curate", "same", COMPANY, "不存在的公司", "--store", str(store))
    assert code == 2 and "no entity named '不存在的公司'" in err and not meta.exists()
    _run("curate", "same", COMPANY, "云启智能", "--store", str(store))
    before = meta.read_bytes()
    code, _, err = _run("curate", "distinct", "云启智能", COMPANY, "--store", str(store))
    assert code == 2 and "cycle" in err and meta.read_bytes() == before
    with pytest.raises(CurationError, match=r"x.yaml:3: unknown key 'merge'"):
        Curation.parse("decisions:\n- same: [a, b]\n- merge: [a, b]\n", "x.yaml")
    meta.write_text("decisions:\n- same: [a, b]\n  colour: red\n", encoding="utf-8")
    new = store.parent / "new.txt"
    new.write_text("澄湾星海机器人有限公司2024年营业收入3亿元。", encoding="utf-8")
    with ecokg.open(store, read_only=True) as kg:
        docs = len(kg.documents())
    code, _, err = _run("build", str(new), "--store", str(store), "-q")
    assert code == 2 and "curation.yaml:2: unknown key 'colour'" in err and err.count("\n") == 1
    with ecokg.open(store, read_only=True) as kg:
        assert len(kg.documents()) == docs


def test_diff_and_build_say_what_changed(tmp_path: Path) -> None:
    store = tmp_path / "s"
    code, _, err = _run("build", str(GOV), "--store", str(store))
    assert code == 0 and "new entities" in err and "0 revised figures" in err
    _run("export", "-o", str(tmp_path / "old.nq"), "--store", str(store))
    code, _, err = _run("build", str(MEDIA), "--store", str(store))
    assert code == 0 and "1 new entity, 1 new fact, 1 revised figure" in err
    _run("export", "-o", str(tmp_path / "new.nq"), "--store", str(store))
    code, out, _ = _run("diff", str(tmp_path / "old.nq"), str(tmp_path / "new.nq"), "--format", "json")
    data = json.loads(out)
    revised = [c for c in data["changes"] if c["kind"] == "figure" and c["change"] == "changed"]
    assert len(revised) == 1
    assert revised[0]["before"] == "1200000000 CNY" and "12.6亿元" in revised[0]["sentence"]
    assert any(c["kind"] == "figure" and c["change"] == "added" and "(target)" in c["what"]
               for c in data["changes"])
    page = tmp_path / "d.html"
    code, _, _ = _run("diff", str(tmp_path / "old.nq"), str(store), "--format", "html", "-o", str(page))
    assert code == 0 and "<td>changed</td>" in page.read_text(encoding="utf-8")
    code, out, _ = _run("diff", str(tmp_path / "new.nq"), str(store))
    assert code == 0 and out.strip().count("\n") == 0  # the header only: nothing changed


def test_diff_page_escapes_article_text() -> None:
    from ecokg.graph.diff import Change, Diff
    from ecokg.viz.diff_page import diff_page

    page = diff_page(Diff([Change("entity", "added", "<script>alert(1)</script>", sentence="a&b")]), "o", "n")
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "a&amp;b" in page


def test_a_curation_file_moves_to_another_store(store: Path, two_store: Path, tmp_path: Path) -> None:
    _run("curate", "same", COMPANY, "云启智能", "--store", str(store), "--by", "李工")
    code, out, _ = _run("curate", "list", "--format", "yaml", "--store", str(store))
    (tmp_path / "c.yaml").write_text(out, encoding="utf-8")
    other = tmp_path / "other"
    shutil.copytree(two_store, other)
    assert _run("curate", "apply", str(tmp_path / "c.yaml"), "--store", str(other))[0] == 0
    with ecokg.open(other, read_only=True) as kg:
        assert "云启智能" not in _companies(kg) and kg.curation().decisions[0].by == "李工"
    (tmp_path / "bad.yaml").write_text("decisions:\n- same: [a, b]\n- distinct: [b, a]\n", encoding="utf-8")
    code, _, err = _run("curate", "apply", str(tmp_path / "bad.yaml"), "--store", str(other))
    assert code == 2 and "bad.yaml:3:" in err and "cycle" in err
    with ecokg.open(other, read_only=True) as kg:
        assert len(kg.curation().decisions) == 1
