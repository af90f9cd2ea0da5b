"""Reads during writes: ``ecokg serve`` answers 8 concurrent clients while four builds (24
generated articles, 6 each) write its store: no error, and every answer is a committed state of the
store (each document's graph absent or complete, never a part of one; see bench/during_build.py).
The latencies go to the benchmark (``python -m bench --during-build``), not into an assertion."""

from __future__ import annotations

import pytest

from bench import during_build
from ecokg.graph.store import EcoStore
from tests.conftest import ecokg_exe

ARTICLES = 24
BATCHES = 4
CLIENTS = 8


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_serve_answers_consistently_while_builds_write(tmp_path) -> None:
    articles = during_build.write_articles(tmp_path / "articles", ARTICLES)
    store = tmp_path / "store"
    EcoStore.open(store, create=True).close()
    result = during_build.run(ecokg_exe(), store, during_build.batched(articles, BATCHES), CLIENTS, tmp_path)
    summary = result.summary()
    assert not result.build_failures, summary
    assert result.builds == BATCHES
    assert result.errors == [], summary
    assert result.inconsistent == [], summary
    # the clients really read while the store was written, and the builds really added documents
    assert result.answers_during_builds >= CLIENTS, summary
    assert len(set(result.states)) == BATCHES + 1, "each build must have committed a new state"
    docs = [g for g, _ in result.states[-1] if "/doc/" in g]
    assert len(docs) == ARTICLES, summary


def test_an_answer_between_two_states_is_reported() -> None:
    """The consistency check itself: a document graph with a count no committed state has, and a
    mix of two states, are both inconsistent; a committed state is not."""
    before = frozenset({("urn:ontology", 10)})
    after = frozenset({("urn:ontology", 10), ("urn:doc/1", 50), ("urn:doc/2", 40)})
    states = [before, after]
    half = frozenset({("urn:ontology", 10), ("urn:doc/1", 25)})
    assert "urn:doc/1 has 25 statements" in during_build._describe(half, states)
    mixed = frozenset({("urn:ontology", 10), ("urn:doc/1", 50)})  # doc 1 in, doc 2 not: no state has that
    assert mixed not in set(states)
    assert "mix of committed states" in during_build._describe(mixed, states)
