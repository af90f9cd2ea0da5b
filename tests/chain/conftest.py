"""A store built from the samples and the corpus article, with the industry chain placed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CORPUS_ARTICLE, REPO


@pytest.fixture(scope="session")
def chain_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import ecokg

    if not CORPUS_ARTICLE.is_file():
        pytest.skip(f"shared corpus article not found at {CORPUS_ARTICLE}")
    path = tmp_path_factory.mktemp("chain") / "store"
    with ecokg.open(path) as kg:
        kg.build([str(REPO / "samples"), str(CORPUS_ARTICLE)])
        kg.place_chain()
    return path
