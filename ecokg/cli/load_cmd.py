"""``ecokg load FILE``: bulk-load an RDF file (as ``ecokg export`` writes it) into the store."""

from __future__ import annotations

import click

from ecokg.graph.formats import names


@click.command("load")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", metavar="|".join(names("reader")), default=None,
              help="The file's format (default: from its suffix).")
@click.option("--store", "store_dir", type=click.Path(), default=None,
              help="Store directory, made if missing (default: $ECOKG_STORE, else ./ecokg-data).")
def command(file: str, fmt: str | None, store_dir: str | None) -> None:
    """Load FILE (N-Quads, TriG, Turtle, N-Triples, JSON-LD, RDF/XML, CSV …) into the store, all or nothing.

    N-Quads and TriG keep one graph per document, so 'ecokg export -o kg.nq' on one machine and
    'ecokg load kg.nq' on another moves a store. The whole file is checked before anything is
    written; graphs the store already has are refused; the file's ontology graph is skipped (the
    store has its own).
    """
    from ecokg import api
    from ecokg.graph.load import survey

    checked = survey(file, fmt)  # a bad file fails before the store is opened (or made)
    path = api.store_path(store_dir)
    with api.open(path, wait=30) as kg:
        report = kg.load(file, fmt, checked=checked)
    skipped = f", {report.skipped} ontology statements skipped" if report.skipped else ""
    click.echo(f"loaded {report.path} ({report.format}, {report.statements} statements in "
               f"{report.graphs} graph{'s' if report.graphs != 1 else ''}{skipped}) into {path}")
