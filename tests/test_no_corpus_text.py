"""Knowledge, not answers: the project's rule data and examples never copy the shared corpus
article's sentences (it is someone else's copyrighted text). Official names it shares with other
texts are shorter than the window."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CORPUS_ARTICLE, REPO

WINDOW = 16
DATA = sorted([*REPO.glob("loaders/data/*.yaml"), *REPO.glob("ontology/*.yaml"),
               *REPO.glob("queries/*.yaml")])


@pytest.mark.parametrize("path", DATA, ids=lambda p: str(p.relative_to(REPO)))
def test_data_file_shares_no_sentence_with_the_corpus(path: Path, corpus_article: Path) -> None:
    corpus = corpus_article.read_text(encoding="utf-8")
    grams = {corpus[i:i + WINDOW] for i in range(len(corpus) - WINDOW + 1)}
    text = path.read_text(encoding="utf-8")
    shared = sorted(g for g in {text[i:i + WINDOW] for i in range(len(text) - WINDOW + 1)} & grams
                    if sum("\u4e00" <= ch <= "\u9fff" for ch in g) >= 8)  # not "All rights reserved"
    assert shared == [], f"{path.name} copies the corpus article: {shared[:3]}"


def test_there_is_data_to_check() -> None:
    assert len(DATA) >= 8 and CORPUS_ARTICLE.name.endswith(".txt")
