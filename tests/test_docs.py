"""Docs that run: the README's fresh-machine commands and CI agree, and --help works everywhere."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", text, re.S)
    assert block, "README has no bash block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_starts_with_install_and_test_commands() -> None:
    cmds = readme_commands()
    assert cmds[0].startswith("pip install -e") and "ecokg demo" in cmds[0]
    assert cmds[1].startswith("pytest ")
    assert any(c.startswith('pytest -q -m "not slow"') for c in cmds), "the fast local run is documented"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_line = readme_commands()[1]
    # .ci/run extracts the line that ends with "# run the tests" and evals it
    assert test_line.rstrip().endswith("# run the tests")
    assert "# run the tests$" in ci


def test_every_command_has_help(cli) -> None:
    top = cli("--help")
    assert top.returncode == 0, top.stderr
    names = re.findall(r"^  (\w[\w-]*)\s", top.stdout.split("Commands:")[1], re.M)
    assert names, top.stdout
    for name in names:
        proc = cli(name, "--help")
        assert proc.returncode == 0, f"{name} --help: {proc.stderr}"
        assert "Usage: ecokg " + name in proc.stdout


def test_cli_reference_is_current() -> None:
    from ecokg.cli.reference import reference

    current = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == reference(), "docs/cli.md is stale: run python -m ecokg.cli.reference"


def test_readme_python_example_runs(tmp_path: Path, monkeypatch) -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", text, re.S)
    assert block, "README has no python block"
    monkeypatch.chdir(tmp_path)
    exec(compile(block.group(1), "README.md", "exec"), {})
    assert (tmp_path / "kg.nq").is_file() and (tmp_path / "copy-kg").is_dir()
