"""Fixtures of the ontology tests: the hand-written RDF files under ``tests/ontology/data``."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def ontology_data() -> Path:
    return DATA
