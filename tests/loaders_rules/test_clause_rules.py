"""Clause rules written in code (loaders/relation_frames.py): each on an invented sentence, with
the reading it must not give."""

from __future__ import annotations

import pytest

from ecokg.loaders.news_loader import NewsArticleLoader
from ecokg.loaders.records import Document


@pytest.fixture(scope="module")
def loader() -> NewsArticleLoader:
    return NewsArticleLoader()


def _relations(loader: NewsArticleLoader, text: str) -> set[tuple[str, str, str]]:
    ex = loader.extract(Document(text=text, title="示例", issued="2025-06-01"))
    label = {k: e.label for k, e in ex.entities.items()}
    return {(label[r.subject], r.predicate, label[r.object]) for r in ex.relations}


def test_the_head_of_an_investment_clause_settles_not_the_investor(loader: NewsArticleLoader) -> None:
    rels = _relations(loader, "岚峰集团投资48亿元建设的云岭智算产业园落户江岸区。")
    assert ("云岭智算产业园", "establishedBy", "岚峰集团") in rels, rels
    assert ("云岭智算产业园", "locatedIn", "江岸区") in rels, rels
    assert ("岚峰集团", "locatedIn", "江岸区") not in rels, rels


def test_companies_that_settle_themselves_are_located(loader: NewsArticleLoader) -> None:
    rels = _relations(loader, "岚峰集团和澄海科技签约落户江岸区。")
    assert {("岚峰集团", "locatedIn", "江岸区"), ("澄海科技", "locatedIn", "江岸区")} <= rels, rels


def test_the_owner_of_the_agent_is_no_agent(loader: NewsArticleLoader) -> None:
    rels = _relations(loader, "江岸智算中心将由澄海数据集团下属的云岭算力科技有限公司负责运营。")
    assert ("江岸智算中心", "operatedBy", "云岭算力科技有限公司") in rels, rels
    assert ("江岸智算中心", "operatedBy", "澄海数据集团") not in rels, rels
    assert ("云岭算力科技有限公司", "partOf", "澄海数据集团") in rels, rels
