"""``ecokg remove``: drop a document and the facts only it supported."""

from __future__ import annotations

import click


@click.command("remove")
@click.argument("doc")
@click.option("--store", "store_dir", type=click.Path(), default=None,
              help="Store directory (default: $ECOKG_STORE, else ./ecokg-data).")
def command(doc: str, store_dir: str | None) -> None:
    """Remove document DOC (its IRI, a sha256 prefix, its file name or its title) from the store.

    Entities that other documents mention stay, with what those documents say about them.
    """
    from ecokg import api

    with api.open(api.store_path(store_dir), create=False, wait=0) as kg:
        iri = kg.remove(doc)
        left = len(kg.store.document_graphs())
    click.echo(f"removed {iri} ({left} documents left)")
