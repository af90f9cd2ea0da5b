"""Fixtures of the query tests: a store made from the hand-checked mini fixture (two invented
articles about an invented city), and helpers to read result rows by label."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini.trig"


def make_store(path: Path, trig: Path = MINI) -> Path:
    import pyoxigraph as ox
    from ecokg.graph.store import EcoStore

    store = EcoStore.open(path, create=True)
    try:
        store.ox.load(path=str(trig), format=ox.RdfFormat.TRIG)
    finally:
        store.close()
    return path


@pytest.fixture(scope="session")
def mini_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("mini") / "store")
