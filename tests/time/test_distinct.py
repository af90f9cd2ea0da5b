"""Two actors with one name: ``distinct`` with NAME@PLACE or NAME@DOCUMENT keeps them apart, each
with its own IRI, through later builds and a full rebuild; a plain ``distinct X X`` is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

import ecokg
from ecokg.graph.curation import Curation, CurationError, matches
from ecokg.graph.merge import Occurrence
from tests.conftest import run_ecokg as _run

ECO = "https://w3id.org/ecokg/ontology#"
NAME = "华信科技有限公司"  # an invented company name, in two invented articles of two cities
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
COMPANIES = f"SELECT ?e ?l WHERE {{ ?e a <{ECO}Company> ; {LABEL} ?l }}"
FIGURES = f"SELECT ?e ?v WHERE {{ ?o <{ECO}observedEntity> ?e ; <{ECO}value> ?v }}"


@pytest.fixture
def articles(tmp_path: Path) -> dict[str, Path]:
    texts = {"qd": "青岛市人工智能产业发展情况\n"
                   "华信科技有限公司今年发布工业视觉平台，2024年营业收入3亿元。\n",
             "wh": "武汉市人工智能产业动态\n华信科技有限公司入驻光谷人工智能产业园，2024年营业收入5亿元。\n",
             "qd2": "青岛市智能制造简报\n华信科技有限公司与本地高校共建联合实验室。\n"}
    out = {}
    for name, text in texts.items():
        out[name] = tmp_path / f"{name}.txt"
        out[name].write_text(text, encoding="utf-8")
    return out


def test_two_companies_with_one_name_kept_apart_by_place(articles: dict[str, Path], tmp_path: Path) -> None:
    store = tmp_path / "s"
    with ecokg.open(store) as kg:
        kg.build([str(articles["qd"]), str(articles["wh"])])
        assert [r["l"] for r in kg.query(COMPANIES).rows] == [NAME]  # merged by name: one node
        assert len(kg.query("conflicts").rows) == 2  # 3亿 and 5亿 for "one" company: a false conflict
    code, _, err = _run("curate", "distinct", f"{NAME}@青岛市", f"{NAME}@武汉市", "--by", "李工",
                        "--store", str(store))
    assert code == 0, err
    with ecokg.open(store) as kg:
        rows = kg.query(COMPANIES).rows
        assert sorted(r["e"] for r in rows) == [f"https://w3id.org/ecokg/id/org/武汉市{NAME}",
                                                  f"https://w3id.org/ecokg/id/org/青岛市{NAME}"]
        assert {r["l"] for r in rows} == {NAME}  # the name stays as written; the IRIs differ
        figures = {r["e"].rsplit("/", 1)[1]: int(r["v"]) for r in kg.query(FIGURES).rows}
        assert figures == {f"青岛市{NAME}": 300000000, f"武汉市{NAME}": 500000000}
        assert not kg.query("conflicts").rows  # two companies, no conflict
        kg.build([str(articles["qd2"])])  # a later Qingdao article joins the Qingdao company
        assert len(kg.query(COMPANIES).rows) == 2
        mentions = kg.query(f"SELECT ?e (COUNT(?d) AS ?n) WHERE {{ ?e a <{ECO}Company> ; "
                            f"<{ECO}mentionedIn> ?d }} GROUP BY ?e").rows
        counted = {r["e"].rsplit("/", 1)[1]: int(r["n"]) for r in mentions}
        assert counted == {f"青岛市{NAME}": 2, f"武汉市{NAME}": 1}
        for doc in [d.iri for d in kg.documents()]:
            kg.remove(doc)  # a full rebuild keeps the decision
        kg.build([str(articles["wh"]), str(articles["qd2"]), str(articles["qd"])])
        assert len(kg.query(COMPANIES).rows) == 2 and not kg.query("conflicts").rows
        who = kg.query(f"SELECT ?s WHERE {{ ?d <{ECO}curationAction> 'distinct' ; "
                       "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s }").rows
        assert [r["s"] for r in who] == [f"https://w3id.org/ecokg/id/org/青岛市{NAME}"]


def test_kept_apart_by_document(articles: dict[str, Path], tmp_path: Path) -> None:
    with ecokg.open(tmp_path / "s") as kg:
        kg.build([str(articles["qd"]), str(articles["qd2"])])  # the same city: a place cannot tell them apart
        docs = sorted(d.iri for d in kg.documents())
        assert len(kg.query(COMPANIES).rows) == 1
        kg.curate("distinct", f"{NAME}@{docs[0].rsplit('/', 1)[1]}", f"{NAME}@{docs[1]}")
        iris = sorted(r["e"] for r in kg.query(COMPANIES).rows)
    assert len(iris) == 2 and all(i.startswith(f"https://w3id.org/ecokg/id/org/青岛市{NAME}-") for i in iris)


def test_distinct_of_one_plain_name_is_refused(articles: dict[str, Path], tmp_path: Path) -> None:
    store = tmp_path / "s"
    with ecokg.open(store) as kg:
        kg.build([str(articles["qd"]), str(articles["wh"])])
    code, _, err = _run("curate", "distinct", NAME, NAME, "--store", str(store))
    assert code == 2 and err.count("\n") == 1 and "names one entity twice" in err and "@青岛市" in err
    code, _, err = _run("curate", "distinct", f"{NAME}@深圳市", f"{NAME}@武汉市", "--store", str(store))
    assert code == 2 and f"no entity named '{NAME}@深圳市'" in err
    assert not (store / "ecokg-meta" / "curation.yaml").exists()
    with pytest.raises(CurationError, match=r"x\.yaml:3: 'distinct 甲@青岛市 甲@武汉市' contradicts"):
        Curation.parse("decisions:\n- same: [甲@青岛市, 甲@武汉市]\n"
                       "- distinct: [甲@青岛市, 甲@武汉市]\n", "x.yaml")


def test_a_qualified_name_matches_only_where_it_says() -> None:
    occ = Occurrence(doc="https://w3id.org/ecokg/id/doc/0123456789abcdef", iri="x", cls="Company", label=NAME,
                     regions=("青岛市",))
    assert matches(NAME, occ) and matches(f"{NAME}@青岛市", occ) and matches(f"{NAME}@青岛", occ)
    assert not matches(f"{NAME}@武汉市", occ)
    assert matches(f"{NAME}@0123456789abcdef", occ) and matches(f"{NAME}@{occ.doc}", occ)
    assert not matches(f"{NAME}@fedcba9876543210", occ)
    assert matches("https://w3id.org/ecokg/id/org/a@b", Occurrence("d", "https://w3id.org/ecokg/id/org/a@b",
                                                                   "Company", "甲"))
