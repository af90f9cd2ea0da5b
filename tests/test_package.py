"""The package installs as one import package ``ecokg``; the card's folders are not top-level."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


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
