"""The named queries on the graph of the corpus article and of another region's sample article.

The stores are built with 'ecokg build … --store' as a user would; if the build fails, these tests
skip with the build's error (the loaders are another part of the project).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ecokg.queries.remote import Endpoint, run_remote
from ecokg.queries.runner import list_queries, load_query, run_local
from tests.conftest import run_cli

pytestmark = pytest.mark.slow


def rows(store: Path, name: str, **params: str) -> list[dict[str, str]]:
    result = run_local(load_query(name), params, str(store))
    return [{v: ("" if t is None else str(t)) for v, t in zip(result.variables, r, strict=True)}
            for r in result.rows]


@pytest.mark.parametrize("park", ["青岛人工智能产业园", "人工智能产业园", None])
def test_cq1_park_companies_and_count(corpus_store: Path, park: str | None) -> None:
    got = rows(corpus_store, "companies-in-park", **({"park": park} if park else {}))
    companies = {r["memberLabel"] for r in got if r["kind"] == "company"}
    assert {"乐聚机器人", "优必选", "中科曙光"} <= companies
    assert ("300",
            "MoreThan") in {(r["value"], r["qualifier"]) for r in got if r["kind"] == "enterprise-count"}


def test_cq7_revenue_with_its_period(corpus_store: Path) -> None:
    got = rows(corpus_store, "figures", entity="青岛市")
    revenue = [r for r in got if r["unit"] == "CNY" and Decimal(r["value"]) == Decimal("59250000000")]
    assert len(revenue) == 1
    r = revenue[0]
    assert (r["qualifier"], r["periodStart"], r["periodEnd"]) == ("MoreThan", "2025-01-01", "2025-09-30")
    assert "592.5" in r["sentence"]


def test_cq11_every_fact_has_its_sentence(corpus_store: Path) -> None:
    content = run_local(load_query(None,
                                   "SELECT ?doc ?text WHERE { ?doc <https://w3id.org/ecokg/ontology#content> "
                                         "?text }"), {}, str(corpus_store))
    texts = {str(doc): str(text) for doc, text in content.rows}
    got = rows(corpus_store, "fact-provenance")
    assert len(got) > 20 and len(texts) == 1
    for r in got:  # the sentence is where its offsets say, in its document's cleaned text
        assert r["title"] and texts[r["doc"]][int(r["start"]):int(r["end"])] == r["sentence"]


def test_every_named_query_answers_on_the_corpus(corpus_store: Path) -> None:
    params = {"entity-profile": {"entity": "优必选"}}
    for q in list_queries():
        if q.name == "conflicts":
            continue  # one article states no figure twice: tests/time/ builds two that do
        got = rows(corpus_store, q.name, **params.get(q.name, {}))
        assert got, f"{q.name} has no answer on the corpus article"


def test_corpus_remote_equals_local(corpus_store: Path, oxigraph_server: str) -> None:
    proc = run_cli("push", "--endpoint", f"{oxigraph_server}/store", "--store", str(corpus_store),
                   timeout=120)
    assert proc.returncode == 0, proc.stderr
    params = {"entity-profile": {"entity": "优必选"}, "figures": {"entity": "青岛"}}
    bound = [("fact-provenance", {"entity": "优必选"}), ("companies-in-park", {"park": "青岛人工智能产业园"}),
             ("parks-and-venues", {"region": "青岛市"}), ("key-players", {"region": "青岛市"})]
    runs = [(q, params.get(q.name, {})) for q in list_queries()] + [(load_query(n), p) for n, p in bound]
    for q, p in runs:
        local = run_local(q, p, str(corpus_store))
        remote = run_remote(q, p, Endpoint(f"{oxigraph_server}/query"))
        assert local.row_set() == remote.row_set(), f"{q.name} {p}"
    assert all(run_local(load_query(n), p, str(corpus_store)).rows for n, p in bound)


def test_another_region(wuhan_store: Path) -> None:
    got = rows(wuhan_store, "figures", entity="武汉")
    assert {r["entityLabel"] for r in got} == {"武汉市"}
    assert any(r["unit"] == "CNY" and r["periodStart"] == "2025-01-01" and r["periodEnd"] == "2025-09-30"
               for r in got)
    parks = rows(wuhan_store, "parks-and-venues", region="武汉")
    assert any(r["type"] == "IndustrialPark" and "光谷" in r["placeLabel"] for r in parks)
    park = next(r["placeLabel"] for r in parks if "光谷" in r["placeLabel"] and r["type"] == "IndustrialPark")
    counts = rows(wuhan_store, "companies-in-park", park=park)
    assert any(r["kind"] == "enterprise-count" and r["value"] == "600" for r in counts)
