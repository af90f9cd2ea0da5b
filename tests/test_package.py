"""The package installs as one import package ``ecokg``; the card's folders are not top-level; the
console script works (the one place the tests start the installed ``ecokg`` for ordinary commands:
the others run it in-process, see ``tests/conftest.run_cli``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import run_installed


def _import_in_clean_dir(module: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    # -I: isolated mode, so neither the repository nor the cwd is on sys.path.
    return subprocess.run([sys.executable, "-I", "-c", f"import {module}"], cwd=tmp_path,
                          capture_output=True, text=True)


def test_card_folders_are_subpackages_of_ecokg(tmp_path: Path) -> None:
    for module in ("ecokg", "ecokg.graph", "ecokg.loaders", "ecokg.ontology", "ecokg.queries", "ecokg.viz"):
        proc = _import_in_clean_dir(module, tmp_path)
        assert proc.returncode == 0, f"import {module} failed: {proc.stderr}"


def test_card_folders_are_not_top_level_packages(tmp_path: Path) -> None:
    for module in ("graph", "loaders", "ontology", "queries", "viz"):
        proc = _import_in_clean_dir(module, tmp_path)
        assert proc.returncode != 0, f"import {module} should fail after install"
        assert "ModuleNotFoundError" in proc.stderr


def test_package_data_is_found() -> None:
    from ecokg import resources

    assert resources.ontology_file("ecokg.ttl").is_file()
    assert resources.ontology_file("shapes.ttl").is_file()
    assert resources.data_file("ecokg", "py.typed").is_file()


def test_the_installed_console_script_runs_builds_and_fails_in_one_line(tmp_path: Path) -> None:
    from ecokg import __version__
    from ecokg.resources import sample_articles

    proc = run_installed("--version")
    assert proc.returncode == 0 and __version__ in proc.stdout, proc.stderr
    article = next(f for f in sample_articles() if f.name.endswith(".txt"))
    proc = run_installed("build", "-q", str(article), "-o", str(tmp_path / "kg.ttl"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "kg.ttl").stat().st_size > 0
    proc = run_installed("query", "no-such-query", "--store", str(tmp_path / "missing"))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("ecokg: error: ") and proc.stderr.count("\n") == 1, proc.stderr
