"""``ecokg export``: write the store (or one document of it) to a file for other tools."""

from __future__ import annotations

import click

from ecokg.graph.formats import names

_FORMATS = "|".join(names("writer"))


@click.command("export")
@click.option("-o", "--output", required=True, type=click.Path(),
              help="File to write; the format follows its extension unless --format is given.")
@click.option("--format", "fmt", metavar=_FORMATS, default=None,
              help="ttl, nt, xml: the union; trig, nq, jsonld: a graph per document; gexf, graphml: "
                   "entities and their relations for Gephi; csv: one row per quad.")
@click.option("--document", metavar="DOC", default=None,
              help="Only this document (IRI, sha256 prefix, file name or title).")
@click.option("--no-ontology", is_flag=True, help="Leave the ontology graph out.")
@click.option("--inferred", is_flag=True,
              help="Add what the ontology entails: locatedIn closure, superclasses, super- and inverse "
                   "properties.")
@click.option("--store", "store_dir", type=click.Path(), default=None,
              help="Store directory (default: $ECOKG_STORE, else ./ecokg-data).")
def command(output: str, fmt: str | None, document: str | None, no_ontology: bool, inferred: bool,
            store_dir: str | None) -> None:
    """Export the graph: Turtle (byte-stable), TriG, N-Triples, N-Quads, JSON-LD, RDF/XML, GEXF, GraphML,
    CSV."""
    from ecokg import api
    from ecokg.graph.export import format_for

    kind = format_for(output, fmt)
    with api.open(api.store_path(store_dir), read_only=True) as kg:
        report = kg.export(output, kind, document=document, ontology=not no_ontology, inferred=inferred)
    extra = f", {report.inferred} inferred" if inferred else ""
    click.echo(f"wrote {report.path} ({report.format}, {report.statements} statements{extra})")
