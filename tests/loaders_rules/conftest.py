"""The rule tests' loader, and the relations it extracts from an invented text (by label)."""

from __future__ import annotations

import pytest

from ecokg.loaders.news_loader import NewsArticleLoader
from ecokg.loaders.records import Document


@pytest.fixture(scope="module")
def loader() -> NewsArticleLoader:
    return NewsArticleLoader()


def relations(loader: NewsArticleLoader, text: str) -> set[tuple[str, str, str]]:
    """(subject, property, object) by label; an industry object stays its word."""
    ex = loader.extract(Document(text=text, title="示例", issued="2025-06-01"))
    label = {k: e.label for k, e in ex.entities.items()}
    return {(label.get(r.subject, r.subject), r.predicate, label.get(r.object, r.object))
            for r in ex.relations}
