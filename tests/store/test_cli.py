"""The store commands as a user runs them: show, stats, export, remove."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def store(tmp_path, make_store):
    return make_store(tmp_path / "store", ["qd1", "qd2", "wh"])


def test_show_prints_facts_with_their_sentences(cli, store):
    r = cli("show", "优必选科技", "--store", str(store))
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith("优必选 / UBTech")
    assert "locatedIn" in out and "青岛人工智能产业园" in out
    assert "“优必选科技落户青岛人工智能产业园。” (青岛人工智能产业园迎来新企业, 2025-03-01)" in out
    assert "国家级专精特新“小巨人”企业" in out and "granted by 工业和信息化部" in out


def test_show_json_has_figures_with_sources(cli, store):
    r = cli("show", "青岛人工智能产业园", "--store", str(store), "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["label_zh"] == "青岛人工智能产业园" and "人工智能产业园" in data["alt_labels"]
    fig = data["figures"][0]
    assert fig["value"] == "10000000000" and fig["qualifier"] == "MoreThan" and fig["indicator"] == "营业收入"
    assert "营业收入超100亿元" in fig["sources"][0]["sentence"]


def test_show_ambiguous_and_unknown_names_exit_1(cli, store):
    r = cli("show", "人工智能产业园", "--store", str(store))
    assert r.returncode == 1
    assert "names 2 entities" in r.stderr and "place/青岛人工智能产业园" in r.stderr
    r = cli("show", "不存在的公司'} ; DROP ALL", "--store", str(store))
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "no entity named" in r.stderr
    r = cli("show", "not an <iri>:x", "--store", str(store))
    assert r.returncode == 1 and r.stderr.startswith("ecokg: error: no entity named")
    r = cli("show", "https://w3id.org/ecokg/id/org/优必选", "--store", str(store))
    assert r.returncode == 0 and r.stdout.startswith("优必选 / UBTech")


def test_show_matches_normalized_names(cli, store):
    r = cli("show", " ubtech ", "--store", str(store))
    assert r.returncode == 0 and r.stdout.startswith("优必选")


def test_read_commands_on_a_missing_store_exit_2(cli, tmp_path):
    for args in (["stats"], ["show", "优必选"], ["export", "-o", str(tmp_path / "x.ttl")]):
        r = cli(*args, "--store", str(tmp_path / "absent"))
        assert r.returncode == 2 and r.stderr.startswith("ecokg: error: no ecokg store at"), (args, r.stderr)
        assert not (tmp_path / "absent").exists()


def test_stats_export_remove(cli, store, tmp_path):
    r = cli("stats", "--store", str(store), "--format", "json")
    data = json.loads(r.stdout)
    assert data["documents"] == 3 and data["figures"] == 1 and data["designations"] == 1
    assert data["entities_by_class"]["IndustrialPark"] == 3
    r = cli("export", "-o", str(tmp_path / "g.graphml"), "--store", str(store), "--no-ontology")
    assert r.returncode == 0 and "g.graphml (graphml" in r.stdout
    r = cli("export", "-o", str(tmp_path / "g.docx"), "--store", str(store))
    assert r.returncode == 2 and "cannot tell the export format" in r.stderr
    r = cli("remove", "wh.md", "--store", str(store))
    assert r.returncode == 0 and "2 documents left" in r.stdout
    r = cli("remove", "wh.md", "--store", str(store))
    assert r.returncode == 2 and "no document 'wh.md'" in r.stderr
