"""Placements on the samples and the corpus article: what a reader expects, each with its sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecokg.graph.chain import load_chain
from ecokg.graph.namespaces import sparql_prefixes
from ecokg.graph.store import EcoStore
from ecokg.queries.runner import load_query, run_local

PLACED = sparql_prefixes() + """SELECT ?label ?segment ?rule ?text WHERE {
  ?st rdf:subject ?e ; rdf:predicate eco:inSegment ; rdf:object ?seg ; prov:wasDerivedFrom ?m ;
      eco:extractionRule ?rule .
  ?e eco:inSegment ?seg ; rdfs:label ?label . FILTER(lang(?label) = "zh")
  ?seg skos:prefLabel ?segment . FILTER(lang(?segment) = "zh")
  ?m a eco:Mention ; eco:text ?text }"""


@pytest.fixture(scope="module")
def placed(chain_store: Path) -> dict[str, dict[str, list[tuple[str, str]]]]:
    with EcoStore.open(chain_store, read_only=True) as store:
        rows = store.select(PLACED)
    out: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for r in rows:
        out.setdefault(str(r["label"]), {}).setdefault(str(r["segment"]),
                                                       []).append((str(r["rule"]), str(r["text"])))
    return out


def rows(store: Path, name: str, **params: str) -> list[dict[str, str]]:
    result = run_local(load_query(name), params, str(store))
    return [{v: ("" if t is None else str(t)) for v, t in zip(result.variables, row, strict=True)}
            for row in result.rows]


def test_a_humanoid_robot_maker_is_under_humanoid_robots(placed: dict) -> None:
    for maker in ("优必选", "乐聚机器人", "星衡智能"):
        evidence = placed[maker]["人形与具身机器人"]
        assert any(rule.startswith(("chain:develops", "chain:context")) for rule, _ in evidence), maker
    assert any("Walker S" in text for _rule, text in placed["优必选"]["人形与具身机器人"])


def test_a_reducer_maker_is_under_core_components(placed: dict) -> None:
    guohua = placed["国华智能"]
    assert {"核心零部件", "减速器"} <= set(guohua)
    assert all("关键零部件" in text for _r, text in guohua["核心零部件"])
    assert "核心零部件" in placed["丰光精密"]
    assert "丝杠" in placed["行星滚柱丝杠"]  # the maker of a 谐波减速器
    assert "伺服电机" in placed["鹤川精工"]  # 空心杯电机, Wuhan


def test_a_computing_centre_is_under_computing(placed: dict) -> None:
    for centre in ("武汉江城智算中心", "成都锦岚一号智算中心"):
        assert "算力与数据中心" in placed[centre]
    assert any(r.startswith("chain:operates") for r, _ in placed["锦岚智算"]["算力与数据中心"])
    assert placed["中科曙光"]["算力与数据中心"][0][0] == "chain:gazetteer"


def test_models_and_platforms_by_their_type_and_names(placed: dict) -> None:
    assert "算法与大模型" in placed["方舟TaaS"] and "算法与大模型" in placed["VisualGPT"]
    assert "平台与操作系统" in placed["场景赋能公共服务平台"]
    assert "交通" in placed["地铁集团"] and "交通" in placed["青岛港"]


def test_no_placement_without_a_rule_and_a_sentence(chain_store: Path, placed: dict) -> None:
    rules = {r.split(" ")[0] for segs in placed.values() for ev in segs.values() for r, _ in ev}
    assert rules <= {"chain:name", "chain:type", "chain:develops", "chain:operates", "chain:industry",
                     "chain:context", "chain:gazetteer"}
    with EcoStore.open(chain_store, read_only=True) as store:
        untraced = store.select(sparql_prefixes() + """SELECT ?e ?seg WHERE { ?e eco:inSegment ?seg .
            FILTER NOT EXISTS { ?st rdf:subject ?e ; rdf:object ?seg ; prov:wasDerivedFrom ?m .
                                ?m eco:text ?t } }""")
    assert untraced == []
    # the deployment site is not placed by the robot's words in its clause
    assert "人形与具身机器人" not in placed.get("一汽-大众青岛分公司", {})


def test_coverage_counts_and_leaders(chain_store: Path) -> None:
    got = {(r["segmentLabel"], r["regionLabel"]): r for r in rows(chain_store, "chain-coverage")}
    humanoid = got[("人形与具身机器人", "青岛市")]
    assert int(humanoid["actors"]) >= 3 and "优必选" in humanoid["leaders"].split(", ")
    assert int(got[("核心零部件", "青岛市")]["actors"]) >= int(got[("减速器", "青岛市")]["actors"]) >= 1
    assert "锦岚智算" in got[("算力与数据中心", "成都市")]["leaders"]
    only = rows(chain_store, "chain-coverage", region="武汉市")
    assert only and {r["regionLabel"] for r in only} == {"武汉市"}


def test_a_gap_the_text_implies(chain_store: Path) -> None:
    # Qingdao's articles name no motor maker (高端零部件…仍是…需要重点突破的环节); Wuhan's 鹤川精工 makes one.
    gaps = {r["segmentLabel"]: r for r in rows(chain_store, "chain-gaps", region="青岛市")}
    assert "伺服电机" in gaps and gaps["伺服电机"]["elsewhere"] == "武汉市"
    assert "鹤川精工" in gaps["伺服电机"]["actorsElsewhere"]
    assert "芯片" in gaps and gaps["芯片"]["regionsWithIt"] == "0"
    assert "人形与具身机器人" not in gaps and "减速器" not in gaps


def test_key_players(chain_store: Path) -> None:
    got = rows(chain_store, "key-players", region="青岛市")
    assert got and {r["regionLabel"] for r in got} == {"青岛市"}
    labels = [r["actorLabel"] for r in got]
    assert "青岛市" not in labels and labels.index("青岛人工智能产业园") < 10
    assert all(r["sentence"] for r in got)


def test_the_scheme_is_in_the_store(chain_store: Path) -> None:
    scheme = load_chain()
    with EcoStore.open(chain_store, read_only=True) as store:
        n = store.select(sparql_prefixes() + "SELECT (COUNT(?s) AS ?n) WHERE { ?s a eco:ChainSegment }")
    assert int(n[0]["n"]) == len(scheme.segments)
