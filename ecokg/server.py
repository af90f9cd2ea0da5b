"""``ecokg serve``: the store as a SPARQL 1.1 Protocol endpoint, and the workbench (``ecokg.workbench``).

``/sparql`` answers GET ``?query=``, POST ``application/x-www-form-urlencoded`` (``query=`` or
``update=``) and POST ``application/sparql-query`` / ``application/sparql-update``, with content
negotiation (SPARQL results JSON/XML/CSV/TSV; Turtle, N-Triples or JSON-LD for graphs) and CORS
headers. Every query runs in a worker process that is killed at the time limit, and at most
``max_rows`` rows are returned (header ``X-Ecokg-Truncated: true`` when cut). Updates are refused
(403) unless the server was started with ``allow_update`` and the request carries
``Authorization: Bearer <token>``.

Views hook: ``/view/<path>`` is handed to ``ecokg.viz.web.render_view(store_path, path, params)``
returning ``(content_type, body_bytes)`` once that module exists (404 until then; a
``LookupError`` from it is a 404 too).
"""

from __future__ import annotations

import hmac
import os
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ecokg.errors import EcokgError, QueryError
from ecokg.limits import Busy, ConnectionCap, QueryGate, RequestDeadline
from ecokg.workers import WorkerPool

MAX_BODY = 2 * 1024 * 1024  # bytes of a POST body
MAX_QUERY = 500_000  # characters of one query or update
MAX_REQUEST_LINE = 65536  # bytes, http.server's own limit (414 beyond it)
TABLE_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


@dataclass
class ServerConfig:
    store: Path
    timeout: float = 30.0
    max_rows: int = 10000
    allow_update: bool = False
    token: str | None = None
    max_body: int = MAX_BODY
    max_query: int = MAX_QUERY
    request_timeout: float = 30.0  # seconds to send the whole request (line, headers, body)
    max_queries: int = max(2, os.cpu_count() or 2)  # queries running at once
    max_waiting: int = 32  # queries waiting for a slot; more are refused with 503
    queue_wait: float = 30.0  # seconds a query waits for a slot before 503
    max_connections: int = 256  # open connections; more are refused with 503


def negotiate(accept: str | None, table: bool) -> tuple[str, str]:
    """(media type, format) for an Accept header; results JSON / Turtle when nothing matches."""
    choices = TABLE_TYPES if table else GRAPH_TYPES
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, media))
    for _q, _i, media in sorted(ranked):
        if media in choices:
            return media, choices[media]
    default = "application/sparql-results+json" if table else "text/turtle"
    return default, choices[default]


class SparqlHandler(BaseHTTPRequestHandler):
    server_version = "ecokg-serve"
    timeout = 60  # seconds one read may block (the whole request has config.request_timeout)
    default_request_version = "HTTP/1.0"  # errors to garbage request lines still get a status line
    config: ServerConfig
    run_query: Callable[[str], Any]
    gate: QueryGate
    _deadline: RequestDeadline | None = None

    # -- the request must arrive in time ---------------------------------------------------
    def handle_one_request(self) -> None:
        self._deadline = RequestDeadline(self.connection, self.config.request_timeout)
        try:
            super().handle_one_request()
        finally:
            if not self._deadline.done():
                self.close_connection = True

    def _arrived(self) -> bool:
        """The whole request is read: stop its clock (False when the clock had run out)."""
        return self._deadline is None or self._deadline.done()

    def parse_request(self) -> bool:
        ok = super().parse_request()
        if self._deadline is not None and self._deadline.expired:
            return False  # the headers were cut off by the deadline; 408 was sent
        return ok and (self.command == "POST" or self._arrived())

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own errors (bad request line, 414, 431 …) as one plain-text line."""
        if not self._arrived():
            self.close_connection = True
            return
        if code == HTTPStatus.REQUEST_URI_TOO_LONG:
            message = (f"request line over {MAX_REQUEST_LINE} bytes; send long queries with POST "
                       f"(application/sparql-query, at most {self.config.max_query} characters)")
        elif code == HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE:
            message = (f"{message or 'headers too large'}: "
                       f"at most 100 header lines of {MAX_REQUEST_LINE} bytes")
        self.close_connection = True
        try:
            phrase = f"{code} {HTTPStatus(code).phrase}"
        except ValueError:
            phrase = str(code)
        self._text(code, f"{phrase}: {message or explain or 'bad request'}", {"Connection": "close"})

    # -- plumbing --------------------------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:  # quiet: no request log on stderr
        return

    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "X-Ecokg-Truncated")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status: int, message: str, extra: dict[str, str] | None = None) -> None:
        self._send(status, (message.rstrip() + "\n").encode("utf-8"), "text/plain; charset=utf-8", extra)

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # -- routes ----------------------------------------------------------------------------
    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path == "/sparql":
            if "update" in params:
                self._text(HTTPStatus.BAD_REQUEST, "updates must be sent with POST")
                return
            queries = params.get("query", [])
            if len(queries) != 1:
                self._text(HTTPStatus.BAD_REQUEST, "expected exactly one 'query' parameter")
                return
            self._query(queries[0])
        elif url.path.startswith("/view/"):
            self._view(url.path[len("/view/"):], params)
        elif (answer := self._workbench(url.path, params)) is not None:
            status, ctype, body, headers = answer
            self._send(status, body, ctype, headers)
        else:
            self._text(HTTPStatus.NOT_FOUND, f"nothing at {url.path}; the SPARQL endpoint is /sparql")

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            self._text(HTTPStatus.NOT_FOUND, f"nothing at {url.path}; the SPARQL endpoint is /sparql")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        limit = self.config.max_body
        if length < 0 or length > limit:
            if not self._arrived():
                return
            self.close_connection = True  # the body is not read
            self._text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE if length > 0 else HTTPStatus.BAD_REQUEST,
                       f"request body of {length} bytes: it must have a Content-Length of at most "
                       f"{limit} bytes (ecokg serve's limit)", {"Connection": "close"})
            return
        raw = self.rfile.read(length)
        if not self._arrived():
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._text(HTTPStatus.BAD_REQUEST, "request body is not UTF-8")
            return
        if ctype == "application/sparql-query":
            self._query(body)
        elif ctype == "application/sparql-update":
            self._update(body)
        elif ctype in ("application/x-www-form-urlencoded", ""):
            form = urllib.parse.parse_qs(body, keep_blank_values=True)
            form.update({k: v for k, v in urllib.parse.parse_qs(url.query).items() if k not in form})
            if "update" in form and "query" not in form and len(form["update"]) == 1:
                self._update(form["update"][0])
            elif len(form.get("query", [])) == 1 and "update" not in form:
                self._query(form["query"][0])
            else:
                self._text(HTTPStatus.BAD_REQUEST, "expected exactly one 'query' or one 'update' form field")
        else:
            self._text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"unsupported Content-Type {ctype!r}; use "
                       "application/x-www-form-urlencoded, application/sparql-query or "
                       "application/sparql-update")

    # -- work ------------------------------------------------------------------------------
    def _query(self, text: str) -> None:
        from ecokg.queries.results import render, to_rdf
        from ecokg.queries.sparqltext import UPDATE_FORMS, check_syntax, query_form

        if len(text) > self.config.max_query:
            self._too_long(text)
            return
        if query_form(text) in UPDATE_FORMS:
            self._text(HTTPStatus.BAD_REQUEST,
                       "this is an update; send it as 'update=' or application/sparql-update")
            return
        try:
            form = check_syntax(text, "the query")
        except QueryError as exc:
            self._text(HTTPStatus.BAD_REQUEST, exc.one_line())
            return
        try:
            with self.gate.slot():
                result = self.run_query(text)
        except Busy as exc:
            self._text(HTTPStatus.SERVICE_UNAVAILABLE, str(exc), {"Retry-After": str(exc.retry_after)})
            return
        except QueryError as exc:
            status = HTTPStatus.SERVICE_UNAVAILABLE if "time limit" in exc.message else HTTPStatus.BAD_REQUEST
            self._text(status, exc.one_line())
            return
        except EcokgError as exc:
            self._text(HTTPStatus.INTERNAL_SERVER_ERROR, exc.one_line())
            return
        except Exception as exc:
            # the engine's own error (RuntimeError …): an answer, not a dropped connection
            self._text(HTTPStatus.INTERNAL_SERVER_ERROR, f"the query failed: {type(exc).__name__}: "
                                                         f"{' '.join(str(exc).split())[:500]}")
            return
        extra = {"X-Ecokg-Truncated": "true"} if result.truncated else {}
        if form in ("CONSTRUCT", "DESCRIBE"):
            media, fmt = negotiate(self.headers.get("Accept"), table=False)
            body = to_rdf(result, fmt)
        else:
            media, fmt = negotiate(self.headers.get("Accept"), table=True)
            body = render(result, fmt)
        self._send(HTTPStatus.OK, body.encode("utf-8"), f"{media}; charset=utf-8", extra)

    def _too_long(self, text: str) -> None:
        self._text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                   f"the query is {len(text)} characters, over the limit of {self.config.max_query} "
                   "(ecokg serve's limit); split it or narrow it")

    def _update(self, text: str) -> None:
        cfg = self.config
        if len(text) > cfg.max_query:
            self._too_long(text)
            return
        if not cfg.allow_update or not cfg.token:
            self._text(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only "
                                             "(start 'ecokg serve --allow-update --token T')")
            return
        auth = self.headers.get("Authorization") or ""
        if not (auth.startswith("Bearer ") and hmac.compare_digest(auth[7:].strip(), cfg.token)):
            self._text(HTTPStatus.FORBIDDEN, "updates need 'Authorization: Bearer <token>'")
            return
        from ecokg.graph.store import EcoStore

        try:
            store = EcoStore.open(cfg.store, wait=cfg.timeout)
            try:
                store.ox.update(text)
            finally:
                store.close()
        except SyntaxError as exc:
            from ecokg.queries.sparqltext import syntax_error

            self._text(HTTPStatus.BAD_REQUEST, syntax_error(exc, "the update", text).one_line())
            return
        except EcokgError as exc:
            self._text(HTTPStatus.SERVICE_UNAVAILABLE, exc.one_line())
            return
        except (OSError, ValueError, RuntimeError) as exc:
            self._text(HTTPStatus.BAD_REQUEST, f"the update failed: {exc}")
            return
        self._send(HTTPStatus.NO_CONTENT, b"", "text/plain")

    def _workbench(self, path: str,
                   params: dict[str, list[str]]) -> tuple[int, str, bytes, dict[str, str]] | None:
        from ecokg.workbench import route

        return route(self.config, path, params)

    def _view(self, path: str, params: dict[str, list[str]]) -> None:
        try:
            from ecokg.viz import web
        except ImportError:
            self._text(HTTPStatus.NOT_FOUND, "no views yet")
            return
        try:
            with self.gate.slot():
                media, body = web.render_view(self.config.store, path, {k: v[-1] for k, v in params.items()})
        except Busy as exc:
            self._text(HTTPStatus.SERVICE_UNAVAILABLE, str(exc), {"Retry-After": str(exc.retry_after)})
            return
        except LookupError as exc:
            self._text(HTTPStatus.NOT_FOUND, str(exc) or "no such view")
            return
        except EcokgError as exc:
            self._text(HTTPStatus.BAD_REQUEST, exc.one_line())
            return
        self._send(HTTPStatus.OK, body, media)


class EcoHTTPServer(ConnectionCap, ThreadingHTTPServer):
    """Threads per request (at most ``max_connections``), a deeper listen backlog than
    http.server's 5, and the worker pool."""

    request_queue_size = 128
    daemon_threads = True
    pool: WorkerPool | None = None

    def server_close(self) -> None:
        super().server_close()
        if self.pool is not None:
            self.pool.close()


def make_server(config: ServerConfig, host: str = "127.0.0.1", port: int = 7878) -> ThreadingHTTPServer:
    """An HTTP server for the store (call ``serve_forever``); port 0 picks a free port."""
    import multiprocessing as mp

    from ecokg.graph.store import EcoStore

    EcoStore.open(config.store, read_only=True).close()  # fail now, not on the first request
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["ecokg.workers", "ecokg.queries.runner", "pyoxigraph", "rdflib"])
    pool = WorkerPool(ctx, str(config.store))

    def run_query(text: str) -> Any:
        return pool.run(text, config.max_rows, config.timeout)

    gate = QueryGate(config.max_queries, config.max_waiting, config.queue_wait)
    handler = type("Handler", (SparqlHandler,), {"config": config, "run_query": staticmethod(run_query),
                                                 "gate": gate})
    try:
        server = EcoHTTPServer((host, port), handler)
    except OSError as exc:
        raise QueryError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                         hint="choose another --port, or stop the process that uses it") from exc
    server.pool = pool
    server.max_connections = config.max_connections
    return server
