"""Graph sources and make_view: every named competency query has a view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from ecokg.errors import InputError, QueryError, RDFSyntaxError
from ecokg.queries.runner import list_queries
from ecokg.viz.source import GraphSource, make_view, open_file
from tests.viz.fixtures import dataset, sample_extraction, sample_graph

#: Parameters that name things of the sample article (the queries' defaults name Qingdao's).
SAMPLE_PARAMS = {"park": "示例软件园", "region": "示例市", "entity": "优必选"}
#: What each query's view must at least show on the sample.
EXPECTED = {
    "companies-in-park": {"示例软件园", "优必选", "星河智能"},
    "designations": {"示例人工智能创新中心"},
    "entity-profile": {"优必选", "示例软件园", "Walker S", "星河智能"},
    "events": {"示例人工智能大会"},
    "figures": {"示例市"},
    "models-robots-platforms": {"Walker S", "天枢大模型"},
    "policies-and-funds": {"示例市人工智能行动方案", "人工智能产业基金"},
    "supply-chains": {"星河智能", "优必选"},
}


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphSource]:
    path = tmp_path_factory.mktemp("src") / "sample.trig"
    dataset(sample_extraction()).serialize(path, format="trig")
    with open_file(path) as src:
        yield src


def test_a_trig_file_gives_the_union_graph(source: GraphSource) -> None:
    # through Turtle too, so that both sides write decimals in the same lexical form
    expected = Graph().parse(data=sample_graph().serialize(format="turtle"), format="turtle")
    assert isomorphic(source.graph, expected)


@pytest.mark.parametrize("query", [q.name for q in list_queries()])
def test_every_named_query_has_a_view(source: GraphSource, query: str) -> None:
    q = next(x for x in list_queries() if x.name == query)
    params = {p.name: SAMPLE_PARAMS[p.name] for p in q.params if p.name in SAMPLE_PARAMS and not p.optional}
    view = make_view(source, query=query, params=params)
    assert view.title.startswith(q.title_zh)
    shown = {n.label for n in view.nodes}
    assert EXPECTED.get(query, set()) <= shown
    keys = {n.key for n in view.nodes}
    assert all(e.source in keys and e.target in keys for e in view.edges)


def test_query_and_focus_errors(source: GraphSource, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not both"):
        make_view(source, focus="优必选", query="figures")
    with pytest.raises(QueryError, match="ASK query"):
        ask = tmp_path / "ask.rq"
        ask.write_text("ASK { ?s ?p ?o }\n", encoding="utf-8")
        make_view(source, query=str(ask))
    with pytest.raises(QueryError, match="needs --param entity"):
        make_view(source, query="entity-profile")


def test_unreadable_files(tmp_path: Path) -> None:
    weird = tmp_path / "data.xyz"
    weird.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="cannot tell the RDF format"):
        open_file(weird)
    broken = tmp_path / "broken.trig"
    broken.write_bytes(b"\xff\xfe<a> <b>")
    with pytest.raises(RDFSyntaxError):
        open_file(broken)
