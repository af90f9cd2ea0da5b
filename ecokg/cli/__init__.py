"""The ``ecokg`` command group.

Each command lives in its own module ``<name>_cmd.py`` in this package and exposes a click
command named ``command``; the group finds them by file name and imports a module only when
its command runs (or when ``--help`` lists the group), so ``ecokg --help`` stays fast: command
modules import rdflib, pyoxigraph, jieba … inside their functions.
"""

from __future__ import annotations

import logging
import os
import sys
from importlib import import_module, resources

import click

from ecokg import __version__
from ecokg.errors import EcokgError

_SUFFIX = "_cmd.py"


def _command_modules() -> dict[str, str]:
    root = resources.files(__name__)
    names = {}
    for entry in root.iterdir():
        if entry.name.endswith(_SUFFIX) and not entry.name.startswith("_"):
            stem = entry.name[: -len(".py")]
            names[stem[: -len("_cmd")].replace("_", "-")] = f"{__name__}.{stem}"
    return names


class LazyGroup(click.Group):
    """A group whose subcommands are the ``*_cmd`` modules of this package."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_command_modules())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = _command_modules().get(cmd_name)
        if module is None:
            return None
        command = import_module(module).command
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ecokg")
def cli() -> None:
    """ecokg: a knowledge graph of a region's AI industry, built from Chinese articles.

    Build a graph from articles, check it against the ontology, query it with SPARQL,
    look at it as an interactive network, and export it for Protégé, GraphDB or Gephi.
    """


def fail(message: str, code: int = 2) -> int:
    click.echo(f"ecokg: error: {' '.join(message.split())}", err=True)
    return code


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the group and turn every failure into one line and an exit code."""
    debug = os.environ.get("ECOKG_DEBUG") == "1"
    if not debug:  # libraries' warnings about bad input would add lines to our one-line errors
        logging.getLogger("rdflib").setLevel(logging.ERROR)
    try:
        rv = cli.main(args=argv, prog_name="ecokg", standalone_mode=False)
    except click.exceptions.Abort:
        code = fail("interrupted", 130)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.UsageError as exc:
        path = exc.ctx.command_path if exc.ctx else ""
        hint = f" (see 'ecokg {path.split(' ', 1)[1]} --help')" if " " in path else " (see 'ecokg --help')"
        code = fail(exc.format_message() + hint, exc.exit_code)
    except click.ClickException as exc:
        code = fail(exc.format_message(), exc.exit_code)
    except EcokgError as exc:
        if debug:
            raise
        code = fail(exc.one_line(), exc.exit_code)
    except KeyboardInterrupt:
        code = fail("interrupted", 130)
    except BrokenPipeError:
        code = 0
    except Exception as exc:  # a bug: still one line, traceback with ECOKG_DEBUG=1
        if debug:
            raise
        code = fail(f"internal error: {type(exc).__name__}: {exc} "
                    "(run with ECOKG_DEBUG=1 for a traceback)", 2)
    else:
        code = rv if isinstance(rv, int) else 0
    sys.stdout.flush()
    sys.exit(code)
