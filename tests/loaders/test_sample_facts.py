"""What each bundled sample article must yield, fact by fact (replaces the golden Turtle files).

Each table names facts a reader of the article can check against its text: relations (subject,
property, object as IRIs under ``https://w3id.org/ecokg/id/``), designations (holder, title, level)
and figures (entity, indicator, value, unit, qualifier, period). A change to extraction that loses
one of them fails here with the fact named; new facts do not (the scorer's thresholds in
test_extraction.py and the gold files judge those). Every sample is built once (conftest.py).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from tests.conftest import REPO

ID = "https://w3id.org/ecokg/id/"
ECO = "https://w3id.org/ecokg/ontology#"
PREFIXES = f"""PREFIX eco: <{ECO}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

# sample -> (title, publisher, issued)
DOCUMENTS = {
    "qingdao-ai-brief": ("青岛人工智能产业观察：园区集聚300多家企业，前三季度规上营收超592亿元", "海岸财经",
                         "2025-12-20T15:30:00"),
    "wuhan-ai-brief": ("武汉人工智能产业跑出“加速度”：光谷园区集聚企业600家以上，“问津”大模型入选国家级案例",
                       "江城科技报", "2025-11-03T09:00:00"),
    "chengdu-ai-brief": ("成都蓉芯人工智能产业园去年营收150亿元 四足机器人走进智算中心", "锦城日报网",
                         "2025-10-15T10:20:00"),
}

RELATIONS = {
    "qingdao-ai-brief": [
        ("org/优必选", "locatedIn", "place/青岛人工智能产业园"),
        ("place/青岛人工智能产业园", "locatedIn", "place/青岛市"),
        ("product/Walker_S", "developedBy", "org/优必选"),
        ("product/Walker_S", "deployedAt", "place/青岛整车工厂"),
        ("product/夸父", "developedBy", "org/乐聚机器人"),
        ("org/青岛人工智能产业战略咨询委员会", "ledBy", "person/乔红"),
        ("policy/青岛人工智能产业发展基金", "establishedBy", "org/青岛市人民政府"),
    ],
    "wuhan-ai-brief": [
        ("product/问津", "developedBy", "org/澜图科技"),
        ("infrastructure/武汉江城智算中心", "operatedBy", "org/澜图科技"),
        ("org/鹤川精工", "suppliesTo", "org/星衡智能"),
        ("place/武汉光谷人工智能产业园", "locatedIn", "place/武汉东湖高新区"),
        ("policy/武汉市促进人工智能产业高质量发展三年行动计划(2025—2027年)", "issuedBy",
         "org/武汉市人民政府"),
        ("event/光谷人工智能创新大会", "organizedBy", "org/东湖高新区管委会"),
    ],
    "chengdu-ai-brief": [
        ("org/蜀瞳科技", "locatedIn", "place/成都蓉芯人工智能产业园"),
        ("product/青城", "developedBy", "org/蜀瞳科技"),
        ("product/巡川X1", "developedBy", "org/岷行机器人"),
        ("product/巡川X1", "deployedAt", "infrastructure/成都锦岚一号智算中心"),
        ("infrastructure/成都锦岚一号智算中心", "operatedBy", "org/锦岚智算"),
        ("policy/成都市加快人工智能场景开放若干措施", "issuedBy", "org/成都市人民政府"),
    ],
}

DESIGNATIONS = {
    "qingdao-ai-brief": [
        ("place/青岛人工智能产业园", "山东省首批省级未来产业加速园区", "Provincial"),
        ("place/青岛市", "国家人工智能创新应用先导区", "National"),
    ],
    "wuhan-ai-brief": [
        ("org/鹤川精工", "国家级专精特新“小巨人”企业", "National"),
        ("place/武汉光谷人工智能产业园", "首批省级人工智能产业示范园区", "Provincial"),
        ("place/武汉市", "国家新一代人工智能创新发展试验区", "National"),
    ],
    "chengdu-ai-brief": [
        ("org/蓉芯人工智能产业园孵化器", "新一批国家级科技企业孵化器", "National"),
    ],
}

# (entity, indicator, value, unit, qualifier, period start, period end); None: no period
FIGURES = {
    "qingdao-ai-brief": [
        ("place/青岛市", "OperatingRevenue", "59250000000", "CNY", "MoreThan", "2025-01-01", "2025-09-30"),
        ("place/青岛市", "YearOnYearGrowth", "15.8", "percent", "Exactly", "2025-01-01", "2025-09-30"),
        ("place/青岛人工智能产业园", "OperatingRevenue", "22000000000", "CNY", "Exactly", "2024-01-01",
         "2024-12-31"),
        ("place/青岛市", "FiveGBaseStationCount", "46000", "count", "Exactly", None, None),
        ("policy/青岛算力券", "SubsidyAmount", "20000000", "CNY", "AtMost", None, None),
    ],
    "wuhan-ai-brief": [
        ("place/武汉市", "OperatingRevenue", "86000000000", "CNY", "Approximately", "2025-01-01",
         "2025-09-30"),
        ("place/武汉市", "YearOnYearGrowth", "18.6", "percent", "Exactly", "2025-01-01", "2025-09-30"),
        ("infrastructure/武汉江城智算中心", "ComputingPowerScale", "1200", "PFLOPS", "Exactly", None, None),
        ("policy/武汉模型券", "SubsidyAmount", "5000000", "CNY", "AtMost", None, None),
        ("policy/武汉江城人工智能产业母基金", "Scale", "5000000000", "CNY", "Exactly", None, None),
    ],
    "chengdu-ai-brief": [
        ("place/成都蓉芯人工智能产业园", "OperatingRevenue", "15000000000", "CNY", "Exactly", "2024-01-01",
         "2024-12-31"),
        ("infrastructure/成都锦岚一号智算中心", "ComputingPowerScale", "800", "PFLOPS", "Exactly",
         "2025-09-30",
         "2025-09-30"),
        ("place/成都蓉芯人工智能产业园", "PatentCount", "1500", "count", "MoreThan", "2025-01-01",
         "2025-08-31"),
        ("policy/成都智能机器人首购补贴", "SubsidyAmount", "2000000", "CNY", "AtMost", None, None),
    ],
}

SAMPLES = sorted(p for p in (REPO / "samples").iterdir() if p.suffix in (".txt", ".md", ".html"))


@pytest.fixture(scope="module")
def graphs(sample_ttl: dict[str, Path]) -> dict[str, Graph]:
    return {stem: Graph().parse(ttl, format="turtle") for stem, ttl in sample_ttl.items()}


def _rows(g: Graph, query: str, **bindings: object) -> list[tuple[str | None, ...]]:
    return [tuple(None if v is None else str(v) for v in row)
            for row in g.query(PREFIXES + query, initBindings=bindings)]  # type: ignore[arg-type]


def test_every_bundled_sample_has_its_table() -> None:
    assert sorted(p.stem for p in SAMPLES) == sorted(DOCUMENTS)
    assert set(DOCUMENTS) == set(RELATIONS) == set(DESIGNATIONS) == set(FIGURES)


@pytest.mark.parametrize("sample", sorted(DOCUMENTS))
def test_the_document_and_its_metadata(graphs: dict[str, Graph], sample: str) -> None:
    rows = _rows(graphs[sample], "SELECT ?t ?p ?i WHERE { ?d a eco:SourceDocument ; dcterms:title ?t ; "
                                 "dcterms:publisher ?p ; dcterms:issued ?i }")
    assert rows == [DOCUMENTS[sample]]


@pytest.mark.parametrize("sample", sorted(DOCUMENTS))
def test_relations_each_traced_to_the_sentence_that_states_it(graphs: dict[str, Graph], sample: str) -> None:
    g = graphs[sample]
    for s, p, o in RELATIONS[sample]:
        triple = (URIRef(ID + s), URIRef(ECO + p), URIRef(ID + o))
        assert triple in g, f"{sample}: missing {s} {p} {o}"
        texts = _rows(g, "SELECT ?t WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; "
                         "prov:wasDerivedFrom ?m . ?m eco:text ?t }", s=triple[0], p=triple[1], o=triple[2])
        assert texts, f"{sample}: {s} {p} {o} has no statement traced to a sentence"


@pytest.mark.parametrize("sample", sorted(DOCUMENTS))
def test_designations_with_their_level(graphs: dict[str, Graph], sample: str) -> None:
    got = set(_rows(graphs[sample], "SELECT ?e ?t ?l WHERE { ?e eco:hasDesignation ?d . ?d eco:title ?t ; "
                                    "eco:level ?l }"))
    for holder, title, level in DESIGNATIONS[sample]:
        assert (ID + holder, title, ECO + level) in got, f"{sample}: {holder} lacks {title} ({level})"


@pytest.mark.parametrize("sample", sorted(DOCUMENTS))
def test_figures_with_value_unit_qualifier_and_period(graphs: dict[str, Graph], sample: str) -> None:
    g = graphs[sample]
    for entity, indicator, value, unit, qualifier, start, end in FIGURES[sample]:
        rows = _rows(g, "SELECT ?v ?u ?q ?ps ?pe WHERE { ?o eco:observedEntity ?e ; eco:indicator ?i ; "
                        "eco:value ?v ; eco:unit ?u ; eco:qualifier ?q ; prov:wasDerivedFrom ?m . "
                        "?m eco:text ?t OPTIONAL { ?o eco:periodStart ?ps } "
                        "OPTIONAL { ?o eco:periodEnd ?pe } }",
                     e=URIRef(ID + entity), i=URIRef(ECO + indicator))
        want = (Decimal(value), unit, ECO + qualifier, start, end)
        got = [(Decimal(v or "nan"), u, q, ps, pe) for v, u, q, ps, pe in rows]
        assert want in got, f"{sample}: {entity} {indicator}: want {want}, found {got}"


@pytest.mark.parametrize("sample", sorted(DOCUMENTS))
def test_labels_and_mentions_are_well_formed(graphs: dict[str, Graph], sample: str) -> None:
    g = graphs[sample]
    two_zh = _rows(g, "SELECT ?e WHERE { ?e rdfs:label ?a , ?b FILTER(lang(?a) = 'zh' && lang(?b) = 'zh' "
                      "&& ?a != ?b) }")
    assert two_zh == [], f"{sample}: entities with two Chinese labels"
    spans = _rows(g,
                  "SELECT ?m ?s ?e ?t WHERE { ?m a eco:Mention ; eco:start ?s ; eco:end ?e ; eco:text ?t }")
    assert spans, sample
    for m, s, e, t in spans:
        assert s is not None and e is not None and t is not None
        assert int(e) - int(s) == len(t) > 0, f"{sample}: mention {m} spans {s}-{e} but says {t!r}"
