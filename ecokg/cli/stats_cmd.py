"""``ecokg stats``: what the store holds."""

from __future__ import annotations

import json

import click


@click.command("stats")
@click.option("--store", "store_dir", type=click.Path(), default=None,
              help="Store directory (default: $ECOKG_STORE, else ./ecokg-data).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(store_dir: str | None, fmt: str) -> None:
    """Documents, triples, entities by class, figures and designations of the store."""
    from dataclasses import asdict

    from ecokg import api

    path = api.store_path(store_dir)
    with api.open(path, read_only=True) as kg:
        stats = kg.stats()
        docs = kg.documents()
    if fmt == "json":
        data = asdict(stats) | {"store": str(path), "document_list": [asdict(d) for d in docs]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"store        {path}")
    click.echo(f"documents    {stats.documents}")
    click.echo(f"triples      {stats.triples} (+ {stats.ontology_triples} in the ontology graph)")
    click.echo(f"entities     {stats.entities}")
    for cls, n in sorted(stats.entities_by_class.items(), key=lambda x: (-x[1], x[0])):
        click.echo(f"  {cls:<18} {n}")
    click.echo(f"figures      {stats.figures}")
    click.echo(f"designations {stats.designations}")
    for d in docs:
        click.echo(f"  {(d.sha256 or '')[:12]}  {d.issued or '':<10.10}  {d.title or d.iri}  "
                   f"({d.triples} triples)")
