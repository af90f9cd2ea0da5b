"""The extraction pipeline: named components a user can list, drop and extend."""

from __future__ import annotations

import pytest

from ecokg.errors import InputError
from ecokg.loaders.news_loader import NewsArticleLoader
from ecokg.loaders.pipeline import DocState
from ecokg.loaders.records import Document, Relation

TEXT = "岚峰智能科技有限公司入驻云杉科技产业园。该公司发布了“云雀”人形机器人，营业收入达3亿元。"


def _doc() -> Document:
    return Document(text=TEXT, title="示例", issued="2025-06-01")


def test_components_in_order_and_sound() -> None:
    pipe = NewsArticleLoader().pipeline
    assert pipe.names == ["sentences", "region", "titles", "names", "identifiers", "actor", "discourse",
                          "relations", "frames", "designations", "figures", "targets", "tables",
                          "fields", "name-relations", "agents",
                          "validity"]
    assert pipe.check() == []


def test_dropping_a_component_drops_its_layer() -> None:
    loader = NewsArticleLoader()
    assert loader.extract(_doc()).observations
    loader.pipeline.remove("figures")
    ex = loader.extract(_doc())
    assert ex.observations == [] and ex.relations


def test_a_user_component_adds_a_layer() -> None:
    def fixed(state: DocState) -> None:
        keys = sorted(state.entities)
        state.relations.append(Relation(keys[0], "memberOf", keys[1], 0, rule="mine"))

    loader = NewsArticleLoader()
    loader.pipeline.add("mine", fixed, after="frames", assigns=("relations",), requires=("entities",))
    assert loader.pipeline.names.index("mine") == loader.pipeline.names.index("frames") + 1
    assert any(r.rule == "mine" for r in loader.extract(_doc()).relations)


def test_check_reports_a_requirement_no_earlier_component_assigns() -> None:
    pipe = NewsArticleLoader().pipeline
    pipe.remove("discourse")
    assert pipe.check() == [f"{name} requires discourse, which no component before it assigns"
                            for name in ("relations", "frames", "designations", "tables")]


def test_unknown_and_duplicate_names_are_domain_errors() -> None:
    pipe = NewsArticleLoader().pipeline
    with pytest.raises(InputError, match="no pipeline component named 'nope'"):
        pipe.remove("nope")
    with pytest.raises(InputError, match="already there"):
        pipe.add("names", lambda s: None)
