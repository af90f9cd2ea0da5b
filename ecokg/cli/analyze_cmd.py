"""``ecokg analyze``: key players, communities and bridges between parks of the relation graph."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

import click

_COLUMNS = ("label", "cls", "degree", "betweenness", "community", "links", "sentence", "iri")


@click.command("analyze")
@click.option("--store", "store_dir", type=click.Path(), default=None,
              help="Store directory (default: $ECOKG_STORE, else ./ecokg-data).")
@click.option("--region", default=None,
              help="Only relations stated in articles about this region (e.g. 青岛市).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "ttl"]), default="table",
              show_default=True, help="ttl: the scores as eco:Observation nodes (Turtle).")
@click.option("--top", type=int, default=15, show_default=True, help="Players listed by the table format.")
@click.option("--write", is_flag=True, help="Also store the scores as observations in their own named graph.")
def command(store_dir: str | None, region: str | None, fmt: str, top: int, write: bool) -> None:
    """Centrality (degree, betweenness) of every actor in the relation graph, its communities
    (modularity) and the actors that bridge two or more parks, computed with networkx."""
    from ecokg import api

    path = api.store_path(store_dir)
    with (api.open(path, create=False) if write else api.open(path, read_only=True)) as kg:
        result = kg.analyze(region, write=write)
    if fmt == "json":
        click.echo(json.dumps(asdict(result), ensure_ascii=False, indent=2))
    elif fmt == "ttl":
        from ecokg.graph.analysis import analysis_dataset
        from ecokg.graph.builder import union_graph

        click.echo(union_graph(analysis_dataset(result)).serialize(format="turtle"), nl=False)
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(_COLUMNS)
        for p in result.players:
            writer.writerow([getattr(p, c) for c in _COLUMNS])
        click.echo(buf.getvalue(), nl=False)
    else:
        where = result.region_label or "all regions"
        click.echo(f"{where}: {len(result.players)} actors, {result.edges} relations, "
                   f"{len(result.communities)} communities")
        click.echo("key players (degree, betweenness, community):")
        for p in result.players[:top]:
            click.echo(f"  {p.label}\t{p.cls}\t{p.degree:.3f}\t{p.betweenness:.3f}\t#{p.community}")
        for b in result.bridges:
            click.echo(f"bridge: {b.label} ↔ {' / '.join(b.parks)}")
        if write:
            click.echo("scores written as observations")
