"""Imports point down: loaders → graph → queries → viz → the application (docs/architecture.md).

Every module of the package (found through pyproject's package-dir, so a new folder is checked
too) is parsed with ``ast``; each ``import ecokg.…`` / ``from ecokg… import …`` it contains,
including those inside functions and ``TYPE_CHECKING`` blocks, must be allowed by ``ALLOWED``.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BASE = "base"  # ecokg.errors, ecokg.names, ecokg.resources, ecokg.gc_pause: used by every layer
APP = "app"  # ecokg (the package), ecokg.api, ecokg.result, ecokg.cli.*, ecokg.server, ecokg.__main__

#: layer → the layers (or exact modules) it may import from.
ALLOWED: dict[str, set[str]] = {
    BASE: {BASE},
    "ontology": {BASE, "ontology"},
    "samples": {BASE, "samples"},
    "loaders": {BASE, "loaders"},
    "graph": {BASE, "ontology", "graph", "ecokg.loaders.records"},
    "queries": {BASE, "ontology", "graph", "queries"},
    "viz": {BASE, "ontology", "graph", "queries", "viz"},
    APP: {BASE, "ontology", "samples", "loaders", "graph", "queries", "viz", APP},
}
BASE_MODULES = {"ecokg.errors", "ecokg.names", "ecokg.resources", "ecokg.gc_pause", "ecokg.__version__"}


def package_dirs() -> dict[str, Path]:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return {pkg: REPO / d for pkg, d in data["tool"]["setuptools"]["package-dir"].items()}


def modules() -> dict[str, Path]:
    """Dotted module name → file, for every .py file of the package."""
    dirs = package_dirs()
    out: dict[str, Path] = {}
    for pkg, root in dirs.items():
        for path in sorted(root.rglob("*.py")):
            rel = path.relative_to(root).with_suffix("")
            out[".".join([pkg, *(p for p in rel.parts if p != "__init__")])] = path
    return out


def layer(module: str) -> str:
    if module in BASE_MODULES:
        return BASE
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in ALLOWED and parts[1] not in (BASE, APP):
        return parts[1]
    return APP  # ecokg itself, api, result, cli, server, __main__, and names only the package exports


def imported(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, dotted name) of every ecokg module or name a module imports."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "ecokg"]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.split(".")[0] != "ecokg":
                continue
            for alias in node.names:
                target = f"{base}.{alias.name}"
                if target in MODULES or target == "ecokg.__version__":
                    found.append((node.lineno, target))
                else:  # a name defined in module ``base`` (for ``ecokg``: the lazily exported API)
                    found.append((node.lineno, base))
    return found


MODULES = modules()


def violations() -> list[str]:
    out = []
    for module, path in sorted(MODULES.items()):
        own = layer(module)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, target in imported(tree, module, path.name == "__init__.py"):
            allowed = ALLOWED[own]
            if layer(target) in allowed or target in allowed:
                continue
            out.append(f"{path.relative_to(REPO)}:{line}: {own} module {module} imports {target} "
                       f"({layer(target)} layer)")
    return out


def test_the_package_modules_are_found() -> None:
    for name in ("ecokg.api", "ecokg.cli", "ecokg.cli.build_cmd", "ecokg.server", "ecokg.graph.store",
                 "ecokg.loaders.records", "ecokg.queries.runner", "ecokg.viz.source"):
        assert name in MODULES, name
    assert MODULES["ecokg.graph.store"] == REPO / "graph" / "store.py"


def test_layers_classify_modules() -> None:
    assert layer("ecokg.errors") == BASE
    assert layer("ecokg.graph.export") == "graph"
    assert layer("ecokg.cli.build_cmd") == APP
    assert layer("ecokg.api") == APP
    assert layer("ecokg.open") == APP


def test_the_checker_sees_an_upward_import() -> None:
    tree = ast.parse("def f():\n    from ecokg.viz.style import class_style\n")
    (line, target), = imported(tree, "ecokg.graph.export", False)
    assert (line, target) == (2, "ecokg.viz.style")
    assert layer(target) not in ALLOWED["graph"]
    tree = ast.parse("from ecokg import open\nfrom . import iris\n")
    targets = [t for _l, t in imported(tree, "ecokg.graph.export", False)]
    assert targets == ["ecokg", "ecokg.graph.iris"]
    assert layer("ecokg") == APP


def test_imports_point_down_only() -> None:
    found = violations()
    assert not found, f"{len(found)} upward import(s), see docs/architecture.md:\n" + "\n".join(found)
