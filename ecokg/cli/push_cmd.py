"""``ecokg push``: upload the store to a SPARQL server with the Graph Store HTTP Protocol."""

from __future__ import annotations

import click


@click.command(name="push")
@click.option("--endpoint", required=True,
              help="Graph Store URL: Oxigraph http://HOST:7878/store, "
                   "Virtuoso http://HOST:8890/sparql-graph-crud-auth, "
                   "Fuseki http://HOST:3030/DATASET/data.")
@click.option("--graph", "graph", metavar="IRI", help="Push only this named graph of the store.")
@click.option("--document", metavar="DOC",
              help="Push only this document (IRI, sha256 prefix, file name or title).")
@click.option("--store", type=click.Path(), help="Store directory (default $ECOKG_STORE or ./ecokg-data).")
@click.option("--user", envvar="ECOKG_ENDPOINT_USER", help="User (or $ECOKG_ENDPOINT_USER).")
@click.option("--password", envvar="ECOKG_ENDPOINT_PASSWORD", help="Password (or $ECOKG_ENDPOINT_PASSWORD).")
@click.option("--chunk", "chunk", type=click.IntRange(min=1), default=20000, show_default=True,
              help="Triples per request; bigger graphs go in several requests.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=300, show_default=True,
              help="Seconds to wait for each request.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def command(endpoint: str, graph: str | None, document: str | None, store: str | None, user: str | None,
            password: str | None, chunk: int, timeout: float, quiet: bool) -> None:
    """Upload each document graph and the ontology graph (each PUT replaces the graph)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ecokg.errors import QueryError
    from ecokg.queries.remote import Endpoint, push

    if graph and document:
        raise QueryError("give --graph or --document, not both")
    ep = Endpoint(endpoint, user=user, password=password, timeout=timeout)
    console = Console(stderr=True)
    with Progress(TextColumn("push"), BarColumn(), MofNCompleteColumn(), TextColumn("triples"),
                  console=console, disable=quiet or not console.is_terminal, transient=True) as bar:
        task = bar.add_task("push", total=None)

        def progress(_graph: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = push(store, ep, graph=graph, document=document, chunk_size=chunk, progress=progress)
    click.echo(f"pushed {report.graphs} graph{'s' if report.graphs != 1 else ''}, {report.triples} triples "
               f"in {report.requests} request{'s' if report.requests != 1 else ''} to {endpoint}", err=True)
