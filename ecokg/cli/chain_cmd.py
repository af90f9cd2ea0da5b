"""``ecokg chain``: place the store's actors in the industry chain, each placement traced to a sentence."""

from __future__ import annotations

import csv
import io
import json

import click


@click.command("chain")
@click.option("--store", "store_dir", type=click.Path(), default=None,
              help="Store directory (default: $ECOKG_STORE, else ./ecokg-data).")
@click.option("--chain", "chain", type=click.Path(dir_okay=False), multiple=True,
              help="A scheme (.ttl) or cue file (.yaml) extending ontology/chain.ttl and chain-cues.yaml; "
                   "repeatable.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
def command(store_dir: str | None, chain: tuple[str, ...], fmt: str) -> None:
    """Place companies, products, models, platforms and infrastructure in the segments of the
    industry chain (基础层 / 技术层 / 应用层) from the evidence of their sentences, and write the
    scheme and the placements into their own named graphs (replacing earlier ones)."""
    from ecokg import api
    from ecokg.graph.chain import load_chain
    from ecokg.graph.placement import placement_rows

    scheme = load_chain(chain)
    with api.open(api.store_path(store_dir), create=False) as kg:
        rows = placement_rows(kg.store, scheme, kg.place_chain(chain))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["actor"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        for r in rows:
            click.echo(f"{r['layer']}/{r['segment']}\t{r['actor']}\t{r['rule']}")
        actors = len({r["entity"] for r in rows})
        segments = len({r["segment"] for r in rows})
        click.echo(f"{len(rows)} placements of {actors} actors in {segments} segments")
