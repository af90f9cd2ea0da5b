"""build_view: which nodes and edges a view draws, and what their details say."""

from __future__ import annotations

import math

import pytest
from rdflib import Graph

from ecokg.errors import InputError
from ecokg.graph.namespaces import ECO
from ecokg.viz.network import build_view
from tests.viz.fixtures import generated_graph, sample_extraction, sample_graph


@pytest.fixture(scope="module")
def graph() -> Graph:
    return sample_graph()


def by_label(view):
    return {n.label: n for n in view.nodes}


def test_all_entities_are_nodes_and_relations_are_edges(graph: Graph) -> None:
    ex = sample_extraction()
    view = build_view(graph)
    # every extracted entity and the industry concept; no mentions, documents, figures, designations
    assert sorted(n.label for n in view.nodes) == sorted([*ex.entities, "人工智能"])
    assert len(view.edges) == len(ex.relations)
    classes = {n.label: n.cls for n in view.nodes}
    assert classes["优必选"] == "Company"
    assert classes["示例软件园"] == "IndustrialPark"
    assert classes["人工智能"] == "Industry"
    located = [(e.source, e.target) for e in view.edges if e.prop == str(ECO.locatedIn)]
    assert len(located) == 4
    assert {e.label for e in view.edges if e.prop == str(ECO.locatedIn)} == {"位于"}  # ontology's zh label


def test_degree_and_positions(graph: Graph) -> None:
    view = build_view(graph)
    nodes = by_label(view)
    assert nodes["优必选"].degree == 3  # locatedIn park, Walker S developedBy, 星河智能 suppliesTo
    assert nodes["工业和信息化部"].degree == 0  # only a designation's grantor: folded
    assert all(math.isfinite(n.x) and math.isfinite(n.y) for n in view.nodes)
    again = build_view(graph)
    assert [(n.x, n.y) for n in view.nodes] == [(n.x, n.y) for n in again.nodes]
    assert view.physics is True
    assert build_view(graph, physics_limit=5).physics is False


def test_details_fold_figures_designations_and_sources(graph: Graph) -> None:
    nodes = by_label(build_view(graph))
    city = nodes["示例市"]
    figures = {f.indicator: f for f in city.figures}
    assert set(figures) == {"营业收入", "同比增长"}
    revenue = figures["营业收入"]
    assert (revenue.value, revenue.unit) == ("12,000,000,000", "CNY")
    assert revenue.qualifier and revenue.qualifier != "Exactly"
    assert revenue.period and "去年" in revenue.period and "2024-01-01" in revenue.period
    assert revenue.inferred is True
    assert revenue.sources and "营业收入超120亿元" in revenue.sources[0].text
    center = nodes["示例人工智能创新中心"]
    (des,) = center.designations
    assert des.title == "国家级制造业创新中心"
    assert des.batch == "首批"
    assert des.granted_by == ["工业和信息化部"]
    assert des.level and des.level != "National"  # the ontology's zh label of eco:National
    ubtech = nodes["优必选"]
    assert ubtech.names[0] == "优必选"
    assert {"UBTech", "优必选科技", "UBTECH Robotics"} <= set(ubtech.names)
    assert len(ubtech.sources) == 3
    view = build_view(graph)
    (doc,) = view.documents
    assert (doc.title, doc.date) == ("示例市人工智能产业快讯", "2025-06-30")
    assert all(s.doc == 0 for s in ubtech.sources)
    fund = nodes["人工智能产业基金"]
    assert "5,000,000,000" in dict(fund.attributes).values()


def test_edges_carry_their_sentence_and_inferred_flag(graph: Graph) -> None:
    view = build_view(graph)
    labels = {n.key: n.label for n in view.nodes}
    edges = {(labels[e.source], e.prop.rsplit("#", 1)[1], labels[e.target]): e for e in view.edges}
    supplies = edges[("星河智能", "suppliesTo", "优必选")]
    assert [s.text for s in supplies.sources] == ["星河智能发布天枢大模型，并向优必选供应关节模组。"]
    assert supplies.inferred is False
    assert edges[("人工智能产业基金", "establishedBy", "示例市工业和信息化局")].inferred is True


def test_focus_by_alias_and_depth(graph: Graph) -> None:
    one = build_view(graph, focus="ubtech", depth=1)
    assert {n.label for n in one.nodes} == {"优必选", "示例软件园", "Walker S", "星河智能"}
    zero = build_view(graph, focus="优必选科技", depth=0)
    assert [n.label for n in zero.nodes] == ["优必选"] and zero.edges == []
    two = build_view(graph, focus="UBTech", depth=2)
    assert {"崂西区", "星河汽车", "天枢大模型"} <= {n.label for n in two.nodes}
    assert "示例市" not in {n.label for n in two.nodes}


def test_focus_errors(graph: Graph) -> None:
    with pytest.raises(InputError, match="no entity is named"):
        build_view(graph, focus="不存在的公司")
    with pytest.raises(InputError, match="entities have a name containing"):
        build_view(graph, focus="示例")
    # one entity contains the text: taken
    assert [n.label for n in build_view(graph, focus="天枢", depth=0).nodes] == ["天枢大模型"]


def test_class_filter_by_name_or_label(graph: Graph) -> None:
    view = build_view(graph, classes=["company", "产业园区"])
    assert {n.cls for n in view.nodes} == {"Company", "IndustrialPark"}
    assert len(view.nodes) == 4
    assert all(e.prop in (str(ECO.locatedIn), str(ECO.suppliesTo)) for e in view.edges)
    with pytest.raises(InputError, match="unknown class 'Spaceship'"):
        build_view(graph, classes=["Spaceship"])


def test_english_labels(graph: Graph) -> None:
    view = build_view(graph, lang="en")
    labels = {n.label for n in view.nodes}
    assert "UBTECH Robotics" in labels and "优必选" not in labels
    assert "星河智能" in labels  # no English label known: Chinese
    assert view.class_labels["Company"].lower() == "company"
    assert "located in" in {e.label.lower() for e in view.edges}
    with pytest.raises(InputError):
        build_view(graph, lang="fr")


def test_designations_and_figures_drawn_when_asked(graph: Graph) -> None:
    view = build_view(graph, include=["designations", "observations"])
    classes = [n.cls for n in view.nodes]
    assert classes.count("Designation") == 1 and classes.count("Observation") == 2
    props = {e.prop for e in view.edges}
    assert {str(ECO.hasDesignation), str(ECO.grantedBy), str(ECO.observedEntity)} <= props


def test_query_terms_stand_for_entities(graph: Graph) -> None:
    # a figure's IRI stands for the entity it is about; a document stands for nothing
    obs = next(iter(graph.subjects(ECO.observedEntity, None)))
    doc = next(iter(graph.subjects(None, ECO.SourceDocument)))
    view = build_view(graph, nodes=[obs, doc])
    assert [n.label for n in view.nodes] == ["示例市"]


def test_large_views_are_aggregated_per_park_then_class() -> None:
    g = generated_graph(300, parks=4)
    view = build_view(g, aggregate_above=100)
    assert view.aggregated and view.note
    assert len(view.nodes) == 4  # every company sits in one of the 4 parks
    assert sum(n.count for n in view.nodes) == 304
    assert all(n.cls == "IndustrialPark" for n in view.nodes)
    assert any("企业7" in n.names for n in view.nodes)
    flat = build_view(generated_graph(300), aggregate_above=100)
    assert [(n.cls, n.count) for n in flat.nodes] == [("Company", 300)]
    assert flat.edges == []  # edges inside one group are not drawn


def test_5000_nodes_are_not_aggregated_and_get_positions() -> None:
    view = build_view(generated_graph(5000))
    assert len(view.nodes) == 5000 and not view.aggregated and view.physics is False
    assert len({(n.x, n.y) for n in view.nodes}) > 4900
