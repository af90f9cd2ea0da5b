"""Each bundled sample article built once (``ecokg build SAMPLE -o FILE.ttl``) for the tests here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

SAMPLES = sorted(p for p in (REPO / "samples").iterdir() if p.suffix in (".txt", ".md", ".html"))


@pytest.fixture(scope="session")
def sample_ttl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Sample file stem → the Turtle file its build wrote."""
    root = tmp_path_factory.mktemp("samples")
    out = {}
    for sample in SAMPLES:
        ttl = root / f"{sample.stem}.ttl"
        proc = run_cli("build", str(sample), "-o", str(ttl), "-q")
        assert proc.returncode == 0, proc.stderr
        out[sample.stem] = ttl
    return out
