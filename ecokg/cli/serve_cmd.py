"""``ecokg serve``: the store as a read-only SPARQL 1.1 Protocol endpoint."""

from __future__ import annotations

import click

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port (0: any free port).")
@click.option("--store", type=click.Path(), help="Store directory (default $ECOKG_STORE or ./ecokg-data).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30, show_default=True,
              help="Time limit of one query, in seconds.")
@click.option("--max-rows", type=click.IntRange(min=1), default=10000, show_default=True,
              help="At most this many rows (or triples) per answer.")
@click.option("--max-queries", type=click.IntRange(min=1), default=None,
              help="Queries running at once (default: the number of CPUs, at least 2).")
@click.option("--max-waiting", type=click.IntRange(min=0), default=32, show_default=True,
              help="Queries waiting for a slot (up to 30 s); more are refused with 503 and Retry-After.")
@click.option("--request-timeout", type=click.FloatRange(min=0, min_open=True), default=30, show_default=True,
              help="Seconds a client has to send its whole request; then 408 and the connection is closed.")
@click.option("--max-connections", type=click.IntRange(min=1), default=256, show_default=True,
              help="Open connections; more are refused with 503.")
@click.option("--allow-update", is_flag=True, help="Accept SPARQL updates that carry the --token.")
@click.option("--token", envvar="ECOKG_SERVE_TOKEN", help="Bearer token for updates (or $ECOKG_SERVE_TOKEN).")
def command(host: str, port: int, store: str | None, timeout: float, max_rows: int, max_queries: int | None,
            max_waiting: int, request_timeout: float, max_connections: int, allow_update: bool,
            token: str | None) -> None:
    """Serve the store at http://HOST:PORT/sparql (GET and POST, CORS) until Ctrl-C.

    Limits (see SECURITY.md): request bodies 2 MB (413), request lines 64 KB (414), queries
    500,000 characters (413); --request-timeout for the whole request (408), --max-queries
    running and --max-waiting queued (then 503), --max-connections open (then 503).
    """
    from ecokg.errors import InputError
    from ecokg.graph.store import resolve_store_path
    from ecokg.server import ServerConfig, make_server

    if allow_update and not token:
        raise InputError("--allow-update needs --token T (or ECOKG_SERVE_TOKEN)",
                         hint="clients then send 'Authorization: Bearer T' with each update")
    config = ServerConfig(resolve_store_path(store), timeout=timeout, max_rows=max_rows,
                          allow_update=allow_update, token=token, max_waiting=max_waiting,
                          request_timeout=request_timeout, max_connections=max_connections)
    if max_queries is not None:
        config.max_queries = max_queries
    server = make_server(config, host, port)
    bound_host, bound_port = server.server_address[:2]
    if isinstance(bound_host, bytes):
        bound_host = bound_host.decode()
    if host not in LOOPBACK:
        click.echo(f"ecokg: warning: listening on {host}, reachable from other machines", err=True)
    click.echo(f"ecokg: serving {config.store} at http://{bound_host}:{bound_port}/sparql "
               f"(read-{'write' if allow_update else 'only'}; Ctrl-C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
