"""``ecokg query``: run a named query, a .rq file or -e 'SPARQL' locally or on a SPARQL endpoint."""

from __future__ import annotations

import click

from ecokg.errors import QueryError


def _params(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {item!r} is not NAME=VALUE", hint="e.g. --param park=人工智能产业园")
        out[name.strip()] = value.strip()
    return out


@click.command(name="query")
@click.argument("query", required=False)
@click.option("-e", "--expression", help="SPARQL query text instead of a name or file.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Query parameter (an entity name or alias, or an IRI); repeatable.")
@click.option("-f", "--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "json", "md", "ttl", "xml"]),
              help="Output: a table, SPARQL 1.1 results (csv/tsv/json/xml), Markdown, or Turtle for graphs.")
@click.option("--store", type=click.Path(), help="Store directory (default $ECOKG_STORE or ./ecokg-data).")
@click.option("--endpoint", help="Query a SPARQL 1.1 endpoint instead of the local store.")
@click.option("--user", envvar="ECOKG_ENDPOINT_USER", help="Endpoint user (or $ECOKG_ENDPOINT_USER).")
@click.option("--password", envvar="ECOKG_ENDPOINT_PASSWORD",
              help="Endpoint password (or $ECOKG_ENDPOINT_PASSWORD).")
@click.option("--auth", type=click.Choice(["auto", "basic", "digest"]), default="auto", show_default=True,
              help="HTTP authentication scheme for --user (auto: digest for Virtuoso's *-auth paths).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True),
              help="Stop the query after S seconds.")
@click.option("--limit", type=click.IntRange(min=0), help="Show at most N rows.")
@click.option("--as-of", "as_of", metavar="DATE",
              help="Only what documents issued by DATE (YYYY-MM-DD) state; undated documents are left out.")
def command(query: str | None, expression: str | None, params: tuple[str, ...], fmt: str, store: str | None,
            endpoint: str | None, user: str | None, password: str | None, auth: str, timeout: float | None,
            limit: int | None, as_of: str | None) -> None:
    """Run QUERY (a name from 'ecokg queries', a .rq file) or -e 'SPARQL'.

    \b
    ecokg query companies-in-park --param park=人工智能产业园
    ecokg query figures --format csv
    ecokg query -e 'SELECT * WHERE { ?s a eco:Company }'   (add PREFIX lines)
    ecokg query designations --endpoint http://127.0.0.1:7878/query
    """
    from ecokg import api
    from ecokg.queries.results import render

    named = api.named_query(query, expression)
    given = _params(params)
    if endpoint:
        if as_of:
            raise click.UsageError("--as-of works on the local store; query the endpoint without it")
        from ecokg.queries.remote import Endpoint, run_remote

        ep = Endpoint(endpoint, user=user, password=password, auth=auth, timeout=timeout)
        click.echo(render(run_remote(named, given, ep, limit=limit), fmt), nl=False)
        return
    with api.open(api.store_path(store), read_only=True) as kg:
        result = kg.query(named, params=given, timeout=timeout, limit=limit, as_of=as_of)
    click.echo(result.render(fmt), nl=False)
