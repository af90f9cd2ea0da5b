"""On CI a missing ../shared fails the whole run instead of skipping the quality gates."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _run(tmp_path: Path, ci: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CI=ci, ECOKG_SHARED=str(tmp_path / "no-shared-here"))
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_no_corpus_text.py"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_ci_without_shared_fails(tmp_path: Path) -> None:
    proc = _run(tmp_path, "true")
    assert proc.returncode != 0
    assert "shared files the quality gates need are missing" in proc.stdout + proc.stderr


def test_outside_ci_the_gates_may_skip(tmp_path: Path) -> None:
    proc = _run(tmp_path, "false")  # a gate that reads the shared corpus article: it skips
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "skipped" in proc.stdout and "failed" not in proc.stdout, proc.stdout
