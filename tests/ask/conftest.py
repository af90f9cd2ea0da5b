"""A store built from the bundled samples (the entities the question set names)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ecokg import api

    path = tmp_path_factory.mktemp("ask") / "store"
    with api.sample_files() as files, api.open(path, wait=0) as kg:
        kg.build(files)
    return path


@pytest.fixture(scope="session")
def backend(samples_store: Path) -> Iterator[Any]:
    from ecokg.queries.runner import LocalBackend

    b = LocalBackend(samples_store)
    yield b
    b.close()
