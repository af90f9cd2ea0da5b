"""``ecokg report REGION -o report.html``: the region's industry report, one offline page in Chinese."""

from __future__ import annotations

import click


@click.command("report")
@click.argument("region")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The HTML file to write.")
@click.option("--store", "store_dir", type=click.Path(), default=None,
              help="Store directory (default: $ECOKG_STORE, else ./ecokg-data).")
@click.option("--chain", "chain", type=click.Path(dir_okay=False), multiple=True,
              help="A scheme (.ttl) or cue file (.yaml) extending the industry chain; repeatable.")
@click.option("--as-of", "as_of", metavar="DATE",
              help="Only what documents issued by DATE (YYYY-MM-DD) state; undated documents are left out.")
def command(region: str, output: str, store_dir: str | None, chain: tuple[str, ...],
            as_of: str | None) -> None:
    """Write REGION's report (e.g. 青岛市): summary, industry chain map with gaps, key players,
    parks and members, policies/funds/subsidies, designations on a timeline, figures as charts;
    every name and number links to its sentence and article. Places the actors in the chain
    first (as 'ecokg chain' does). The page works offline (ECharts is bundled)."""
    from ecokg import api

    with api.open(api.store_path(store_dir), create=False) as kg:
        path = kg.report(region, output, chain=chain, as_of=as_of)
    click.echo(f"wrote {path}")
