"""``ecokg queries``: list the named competency-question queries."""

from __future__ import annotations

import click


@click.command(name="queries")
@click.option("--format", "fmt", type=click.Choice(["table", "md", "json"]), default="table",
              show_default=True, help="Output format of the list.")
def command(fmt: str) -> None:
    """List the named queries: name, title (zh | en), parameters with defaults."""
    import json

    from ecokg.queries.results import _pad, width
    from ecokg.queries.runner import list_queries

    queries = list_queries()
    if fmt == "json":
        click.echo(json.dumps([{"name": q.name, "title_zh": q.title_zh, "title_en": q.title_en,
                                "description": q.description,
                                "params": [{"name": p.name, "default": p.default, "optional": p.optional}
                                           for p in q.params]} for q in queries], ensure_ascii=False,
                              indent=1))
        return
    rows = [(q.name, f"{q.title_zh} | {q.title_en}", ", ".join(p.describe() for p in q.params) or "-")
            for q in queries]
    if fmt == "md":
        click.echo("| name | title | params |\n|---|---|---|")
        for r in rows:
            click.echo("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
        return
    header = ("name", "title", "params")
    widths = [max(width(r[i]) for r in [header, *rows]) for i in range(3)]
    for r in [header, tuple("-" * w for w in widths), *rows]:
        click.echo("  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip())
