"""``docs/cli.md``: the CLI reference, made from each command's ``--help``.

``python -m ecokg.cli.reference`` rewrites docs/cli.md (``--check`` only compares, exit 1 when it
is stale); tests/test_docs.py checks that the file is current.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

WIDTH = 100
HEADER = """# ecokg command-line reference

Generated from each command's `--help` by `python -m ecokg.cli.reference`; do not edit by hand
(tests/test_docs.py fails when it is stale). The Python API is in README.md and `ecokg/api.py`.
"""


def help_text(name: str | None = None) -> str:
    """What ``ecokg [NAME] --help`` prints, at a fixed width."""
    from ecokg.cli import cli

    root = click.Context(cli, info_name="ecokg", terminal_width=WIDTH, max_content_width=WIDTH,
                         **cli.context_settings)
    if name is None:
        return cli.get_help(root)
    command = cli.get_command(root, name)
    if command is None:
        raise click.UsageError(f"no command {name!r}")
    ctx = click.Context(command, info_name=name, parent=root, terminal_width=WIDTH, max_content_width=WIDTH)
    return command.get_help(ctx)


def reference() -> str:
    """The Markdown of docs/cli.md."""
    from ecokg.cli import cli

    names = cli.list_commands(click.Context(cli, info_name="ecokg"))
    parts = [HEADER, "Commands: " + ", ".join(f"[`{n}`](#ecokg-{n})" for n in names) + ".\n",
             "## ecokg\n", "```text", help_text(), "```\n"]
    for name in names:
        parts += [f"## ecokg {name}\n", "```text", help_text(name), "```\n"]
    return "\n".join(parts)


def default_path() -> Path:
    return Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = default_path()
    text = reference()
    if "--check" in args:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            print(f"{path} is stale: run python -m ecokg.cli.reference", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
