"""The 12 named queries on the local store, checked against the invented mini fixture."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

from ecokg.errors import QueryError
from ecokg.graph.namespaces import ECO, sparql_prefixes
from ecokg.names import match_key as normalize_name
from ecokg.queries.results import render, width
from ecokg.queries.runner import (
    Result,
    list_queries,
    load_query,
    run_local,
)
from ecokg.queries.sparqltext import check_syntax, inject_values

from .conftest import MINI

NAMES = {
    "committees", "companies-in-park", "designations", "entity-profile", "events", "fact-provenance",
         "figures",
    "innovation-centers", "models-robots-platforms", "parks-and-venues", "policies-and-funds",
         "supply-chains",
    "chain-coverage", "chain-gaps", "key-players", "figure-series", "conflicts",
}


def run(store: Path, name: str, **params: str) -> list[dict[str, str]]:
    result = run_local(load_query(name), params, str(store))
    return [{v: ("" if t is None else str(t)) for v, t in zip(result.variables, row, strict=True)}
            for row in result.rows]


def test_the_twelve_named_queries_have_headers_and_parse() -> None:
    queries = list_queries()
    assert {q.name for q in queries} == NAMES
    for q in queries:
        assert q.title_zh and q.title_en and q.title_zh != q.title_en, q.name
        assert q.description.startswith("CQ"), q.name
        assert check_syntax(q.text, q.name) == "SELECT"
    params = {q.name: {p.name: p for p in q.params} for q in queries}
    # no query defaults to one city's names: a park or region left out means every park or region
    assert all(p.default is None for ps in params.values() for p in ps.values())
    assert params["companies-in-park"]["park"].optional and params["parks-and-venues"]["region"].optional
    assert params["figures"]["entity"].optional
    profile = params["entity-profile"]["entity"]
    assert not profile.optional and profile.default is None


def test_cq1_companies_in_park_through_an_alias(mini_store: Path) -> None:
    rows = run(mini_store, "companies-in-park", park="人工智能产业园")
    companies = {r["memberLabel"] for r in rows if r["kind"] == "company"}
    assert companies == {"星川机器人", "云舟智能", "北辰算力"}  # 北辰算力 through the factory inside the park
    counts = [(r["value"], r["qualifier"]) for r in rows if r["kind"] == "enterprise-count"]
    assert counts == [("120", "MoreThan")]
    assert {r["parkLabel"] for r in rows} == {"江澜人工智能产业园"}


def test_cq2_parks_and_venues_of_a_region(mini_store: Path) -> None:
    rows = run(mini_store, "parks-and-venues", region="江澜")
    by_place = {r["placeLabel"]: r for r in rows}
    assert set(by_place) == {"江澜人工智能产业园", "江澜智能制造示范工厂"}
    park = by_place["江澜人工智能产业园"]
    assert (park["type"], park["level"], park["industryLabel"], park["designationTitle"]) == (
        "IndustrialPark", "Municipal", "人工智能", "省级人工智能产业园")
    assert by_place["江澜智能制造示范工厂"]["type"] == "Venue"


def test_cq3_policies_and_funds(mini_store: Path) -> None:
    rows = run(mini_store, "policies-and-funds")
    plan = [r for r in rows if r["type"] == "PolicyDocument"]
    assert {(r["relation"], r["targetLabel"]) for r in plan} == {("issuedBy", "江澜市工业和信息化局"),
                                                                 ("targetsIndustry", "人工智能")}
    assert {(r["periodStart"], r["periodEnd"]) for r in plan} == {("2025-01-01", "2027-12-31")}
    fund = next(r for r in rows if r["type"] == "Fund")
    assert (Decimal(fund["amount"]), fund["unit"]) == (Decimal("1000000000"), "CNY")
    subsidy = next(r for r in rows if r["type"] == "Subsidy")
    assert (Decimal(subsidy["amount"]), subsidy["perYear"]) == (Decimal("5000000"), "true")


def test_cq4_designations(mini_store: Path) -> None:
    rows = run(mini_store, "designations")
    got = {(r["holderLabel"], r["title"], r["level"], r["batch"], r["grantedByLabel"]) for r in rows}
    assert got == {
        ("江澜人工智能产业园", "省级人工智能产业园", "Provincial", "首批", "东岭省工业和信息化厅"),
        ("江澜机器人创新中心", "省级制造业创新中心", "Provincial", "", ""),
        ("星川机器人", "国家级专精特新“小巨人”企业", "National", "", ""),
    }


def test_cq5_models_robots_platforms(mini_store: Path) -> None:
    rows = run(mini_store, "models-robots-platforms")
    got = {(r["itemLabel"], r["type"], r["relation"], r["targetLabel"]) for r in rows}
    assert got == {
        ("智澜大模型", "AIModel", "developedBy", "云舟智能"),
        ("智澜大模型", "AIModel", "deployedAt", "江澜智能制造示范工厂"),
        ("星川X1", "Robot", "developedBy", "星川机器人"),
        ("江澜算力调度平台", "Platform", "operatedBy", "北辰算力"),
    }


def test_cq6_committees(mini_store: Path) -> None:
    rows = run(mini_store, "committees")
    assert {(r["committeeLabel"], r["relation"], r["targetLabel"]) for r in rows} == {
        ("人工智能产业专班", "ledBy", "江澜市人民政府"), ("人工智能产业专班", "establishedBy", "江澜市")}


def test_cq7_figures_with_period_and_sentence(mini_store: Path) -> None:
    rows = run(mini_store, "figures", entity="江澜市")
    revenue = [r for r in rows if r["indicatorLabel"] == "营业收入"]
    assert len(revenue) == 1
    r = revenue[0]
    assert (Decimal(r["value"]), r["unit"], r["qualifier"], r["periodStart"], r["periodEnd"]) == (
        Decimal("35000000000"), "CNY", "MoreThan", "2025-01-01", "2025-09-30")
    assert "营业收入超350亿元" in r["sentence"]
    assert {x["entityLabel"] for x in rows} == {"江澜市"}
    everything = run(mini_store, "figures")
    assert len(everything) == 6
    assert any(x["entity"] == "" and x["indicatorLabel"] == "新增项目" for x in everything)  # no subject


def test_cq8_innovation_centers(mini_store: Path) -> None:
    rows = run(mini_store, "innovation-centers")
    center = next(r for r in rows if r["centerLabel"] == "江澜机器人创新中心")
    assert (center["type"], center["level"], center["designationTitle"]) == (
        "InnovationCenter", "Provincial", "省级制造业创新中心")
    assert {r["centerLabel"] for r in rows} == {"江澜机器人创新中心", "江澜算力调度平台"}


def test_cq9_supply_chains(mini_store: Path) -> None:
    rows = run(mini_store, "supply-chains")
    assert {(r["kind"], r["companyLabel"], r["targetLabel"], r["rank"]) for r in rows} == {
        ("suppliesTo", "澜峰精密", "星川机器人", ""), ("rank", "澜峰精密", "", "1")}


def test_cq10_events(mini_store: Path) -> None:
    rows = run(mini_store, "events")
    assert {(r["relation"], r["targetLabel"], r["value"], r["unit"]) for r in rows} == {
        ("organizedBy", "江澜市人民政府", "", ""), ("figure", "", "3", "year")}


def test_cq11_fact_provenance(mini_store: Path) -> None:
    content = {str(q[2]) for q in Dataset().parse(MINI, format="trig").quads((None, ECO.content, None, None))}
    assert len(content) == 2
    rows = run(mini_store, "fact-provenance", entity="星川机器人")
    located = [r for r in rows if r["predicate"] == str(ECO.locatedIn)]
    assert {r["title"] for r in located} == {"江澜市人工智能产业发展综述", "江澜人工智能产业园新进展"}
    for r in rows:  # every sentence sits at its offsets in its document's text
        assert any(text[int(r["start"]):int(r["end"])] == r["sentence"] for text in content)
    assert any(r["kind"] == "designation" for r in rows)
    everything = run(mini_store, "fact-provenance")
    assert {r["kind"] for r in everything} == {"statement", "observation", "designation"}
    assert len(everything) > len(rows)


def test_cq12_entity_profile_merges_documents(mini_store: Path) -> None:
    rows = run(mini_store, "entity-profile", entity="星川")
    names = {r["value"] for r in rows if r["section"] == "name"}
    assert names == {"星川机器人", "星川", "Xingchuan Robotics"}
    assert {r["sourceTitle"] for r in rows if r["section"] == "source"} == {
        "江澜市人工智能产业发展综述", "江澜人工智能产业园新进展"}
    assert {(r["section"], r["valueLabel"]) for r in rows if r["section"] in ("in", "out")} >= {
        ("out", "江澜人工智能产业园"), ("in", "星川X1"), ("in", "澜峰精密"), ("out",
                                                               "国家级专精特新“小巨人”企业")}
    assert len({r["entity"] for r in rows}) == 1


def test_names_are_normalized() -> None:
    assert normalize_name("《江澜 行动方案（2025-2027）》") == normalize_name("江澜行动方案(2025—2027)")
    assert normalize_name("Walker S") == normalize_name("walkers")


def test_unknown_and_ambiguous_parameters(mini_store: Path) -> None:
    with pytest.raises(QueryError, match="no entity named"):
        run(mini_store, "companies-in-park", park="不存在的园区")
    with pytest.raises(QueryError, match="needs --param entity"):
        run(mini_store, "entity-profile")
    with pytest.raises(QueryError, match="ambiguous"):
        run(mini_store, "entity-profile", entity="算力")  # part of three names
    assert {r["entity"] for r in run(mini_store, "entity-profile", entity="江澜")} == {  # an alias, exact
        "https://w3id.org/ecokg/id/place/江澜市"}
    assert run(mini_store, "entity-profile", entity="调度平台")  # part of one name only


def test_values_injection_escapes_terms() -> None:
    nasty = Literal('x" } ; DROP ALL ; SELECT * { "')
    text = inject_values(f"{sparql_prefixes()}SELECT ?v WHERE {{ BIND(1 AS ?one) }}", {"v": [nasty]})
    assert check_syntax(text, "test") == "SELECT"
    g = Graph()
    assert [str(r[0]) for r in g.query(text)] == [str(nasty)]
    construct = inject_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": [ECO.X]})
    assert construct.index("VALUES") > construct.index("WHERE")


def test_formats(mini_store: Path) -> None:
    result = run_local(load_query("committees"), {}, str(mini_store))
    doc = json.loads(render(result, "json"))
    assert doc["head"]["vars"][0] == "committee"
    assert {b["targetLabel"]["xml:lang"] for b in doc["results"]["bindings"]} == {"zh"}
    rows = list(csv.reader(io.StringIO(render(result, "csv"))))
    assert rows[0] == result.variables and len(rows) == 3
    tsv = render(result, "tsv").splitlines()
    assert tsv[0].startswith("?committee\t") and '"江澜市"@zh' in tsv[1] + tsv[2]
    md = render(result, "md").splitlines()
    assert md[0].startswith("| committee |") and len(md) == 4
    table = render(result, "table").splitlines()
    col = table[0].index("committeeLabel")
    starts = {width(line[: line.index("人工智能产业专班", 10)]) for line in table[2:4]}
    assert starts == {width(table[0][:col])}  # columns line up although Chinese takes two columns
    with pytest.raises(QueryError, match="ttl is for CONSTRUCT"):
        render(result, "ttl")
    assert render(Result("ASK", boolean=True), "json") == '{"head": {}, "boolean": true}\n'


def test_construct_returns_the_graph(mini_store: Path) -> None:
    q = (f"{sparql_prefixes()}CONSTRUCT {{ ?c eco:locatedIn ?p }} "
         "WHERE { ?c a eco:Company ; eco:locatedIn ?p }")
    from ecokg.queries.runner import parse_header
    result = run_local(parse_header(q, "-e", "-e"), {}, str(mini_store))
    got = Graph().parse(data=render(result, "ttl"), format="turtle")
    ds = Dataset(default_union=True).parse(MINI, format="trig")
    expected = Graph()
    for row in ds.query(q):
        expected.add(row)
    assert len(got) == 3 and isomorphic(got, expected)
