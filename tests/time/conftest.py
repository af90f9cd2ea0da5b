"""Two invented articles (tests/time/articles) about one invented company: a government review and
a later media report that revises one figure, adds a target and gives the company's credit code."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTICLES = Path(__file__).resolve().parent / "articles"
GOV = ARTICLES / "gov-annual-review.txt"
MEDIA = ARTICLES / "media-reprint.txt"
COMPANY = "澄湾云启智能科技有限公司"


@pytest.fixture(scope="module")
def two_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import ecokg

    path = tmp_path_factory.mktemp("time") / "store"
    with ecokg.open(path) as kg:
        kg.build([str(GOV)])
        kg.build([str(MEDIA)])
    return path
