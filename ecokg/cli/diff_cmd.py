"""``ecokg diff OLD NEW``: what changed between two stores or exports."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command(name="diff")
@click.argument("old", type=click.Path(exists=True))
@click.argument("new", type=click.Path(exists=True))
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "html"]), default="table",
              show_default=True, help="A tab-separated table, JSON, or an HTML page.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to FILE instead of standard output.")
def command(old: str, new: str, fmt: str, output: str | None) -> None:
    """Entities, relations, designations and figures added, removed and changed from OLD to NEW.

    OLD and NEW are store directories or files 'ecokg export' wrote (.nq .trig .ttl .nt). A
    figure is changed (revised) when the value for the same entity, indicator, unit, period and
    kind (result or target) differs; among conflicting figures the preferred one counts. Each
    change comes with the sentence that states it.

    \b
    ecokg diff before.nq after.nq
    ecokg diff old-store/ new-store/ --format html -o changes.html
    """
    from ecokg import api
    from ecokg.graph.storefs import atomic_write
    from ecokg.queries.results import terminal_safe

    result = api.diff(old, new)
    if fmt == "json":
        text = json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        from ecokg.viz.diff_page import diff_page

        text = diff_page(result, old, new)
    else:
        text = result.table() + "\n"
    if output:
        atomic_write(Path(output), text)
        click.echo(f"{result.summary()} → {output}", err=True)
    else:
        if fmt == "table":
            text = "".join("\t".join(terminal_safe(c) for c in line.split("\t")) + "\n"
                           for line in text.splitlines())
        click.echo(text, nl=False)
        click.echo(result.summary(), err=True)
