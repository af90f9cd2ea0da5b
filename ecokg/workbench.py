"""The workbench of ``ecokg serve``: the root page, its static files and its small JSON API.

Routes (GET only; everything read-only):

    /                        the workbench page (SPARQL editor, named-query forms, results, ask box)
    /static/<file>           editor.js (CodeMirror 6 bundle), workbench.js/.css, editor-LICENSES.txt
    /api/queries             the named queries with their headers and parameters (JSON)
    /api/names?q=TEXT        entity names (labels and aliases) containing TEXT, for autocompletion
    /api/ask?q=QUESTION      a Chinese question answered (``ecokg ask``) as JSON
    /api/named/<name>?p=v    a named query run with bound parameters, as SPARQL results JSON
    /entity/<key>            one entity's page (key: the IRI after the data base, or a name)
    /report/<region>         the region's report (``ecokg report``), from the chain placements stored

Pages carry a strict Content-Security-Policy: scripts and styles only from this server, no
inline script, requests only back to it.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from http import HTTPStatus
from typing import Any

from ecokg.errors import EcokgError

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'{nonce}; img-src 'self' data:; "
       "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
NONCE = "__CSP_NONCE__"
STATIC = {"editor.js": "text/javascript", "workbench.js": "text/javascript", "workbench.css": "text/css",
          "editor-LICENSES.txt": "text/plain", "workbench.html": "text/html"}
JSON = "application/json; charset=utf-8"
HTML = "text/html; charset=utf-8"
Response = tuple[int, str, bytes]


def headers(ctype: str, nonce: str | None = None) -> dict[str, str]:
    """Security headers: a strict CSP on pages (the editor's one <style> element carries ``nonce``)."""
    out = {"X-Content-Type-Options": "nosniff"}
    if ctype.startswith("text/html"):
        out.update({"Content-Security-Policy": CSP.format(nonce=f" 'nonce-{nonce}'" if nonce else ""),
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"})
    return out


def _static(name: str) -> bytes:
    from ecokg.resources import VIZ_PACKAGE, data_file

    return data_file(VIZ_PACKAGE, f"templates/{name}").read_bytes()


def _json(data: Any, status: int = HTTPStatus.OK) -> Response:
    return status, JSON, json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


def _error(status: int, message: str) -> Response:
    return _json({"error": message}, status)


def _job_names(conn: Any, store: str, text: str, limit: int) -> None:
    from ecokg.queries.ask import NAMES_QUERY, norm
    from ecokg.queries.runner import LocalBackend

    try:
        backend = LocalBackend(store)
        try:
            key = norm(text)
            found: dict[str, dict[str, Any]] = {}
            for s, label, cls, _p in backend.select_rows(NAMES_QUERY):
                if s is None or label is None or (key and key not in norm(str(label))):
                    continue
                entry = found.setdefault(str(s), {"iri": str(s), "names": [], "classes": []})
                if str(label) not in entry["names"]:
                    entry["names"].append(str(label))
                local = str(cls).rsplit("#", 1)[-1]
                if local not in entry["classes"]:
                    entry["classes"].append(local)
            ranked = sorted(found.values(), key=lambda e: (min(len(n) for n in e["names"]), e["iri"]))
            conn.send(("ok", ranked[:limit]))
        finally:
            backend.close()
    except Exception as exc:
        conn.send(("error", exc))


def _job_ask(conn: Any, store: str, question: str, limit: int) -> None:
    from ecokg.queries.answer import ask
    from ecokg.queries.runner import LocalBackend

    try:
        backend = LocalBackend(store)
        try:
            conn.send(("ok", ask(question, backend, limit=limit).to_json()))
        finally:
            backend.close()
    except Exception as exc:
        conn.send(("error", exc))


def _job_named(conn: Any, store: str, name: str, params: dict[str, str], limit: int) -> None:
    from ecokg.queries.results import render
    from ecokg.queries.runner import LocalBackend, execute, load_query

    try:
        backend = LocalBackend(store)
        try:
            query = load_query(name)
            result = execute(query, params, backend, limit)
            conn.send(("ok", {"results": json.loads(render(result, "json")), "sparql": query.text,
                              "truncated": result.truncated}))
        finally:
            backend.close()
    except Exception as exc:
        conn.send(("error", exc))


def _run(config: Any, job: Any, *args: Any) -> Any:
    from ecokg.queries.runner import run_with_deadline

    return run_with_deadline(job, (str(config.store), *args), config.timeout, "the request",
                             context="forkserver")


def _entity(config: Any, key: str) -> Response:
    from ecokg.graph.describe import AmbiguousName, EntityNotFound, describe, find_entities
    from ecokg.graph.namespaces import DEFAULT_BASE
    from ecokg.graph.store import EcoStore
    from ecokg.viz.entity_page import entity_href, page, render_entity

    store = EcoStore.open(config.store, read_only=True)
    try:
        cands = find_entities(store, DEFAULT_BASE + key) or find_entities(store, key)
        if not cands:
            raise EntityNotFound(f"no entity {key!r}")
        if len(cands) > 1:
            raise AmbiguousName("ambiguous", cands)
        html = render_entity(describe(store, cands[0].iri))
    except AmbiguousName as exc:
        from html import escape

        items = "".join(f'<li><a href="{escape(entity_href(c.iri) or "")}">{escape(c.label)}</a> '
                        f'[{escape(c.cls)}]</li>'
                        for c in exc.candidates)
        html = page(key, f"<h1>{escape(key)}</h1><p>names several entities:</p><ul>{items}</ul>")
    except EntityNotFound:
        from html import escape

        body = (f"<h1>{escape(key)}</h1><p>no such entity in the graph; "
                '<a href="/">search the workbench</a></p>')
        return HTTPStatus.NOT_FOUND, HTML, page(key, body).encode("utf-8")
    finally:
        store.close()
    return HTTPStatus.OK, HTML, html.encode("utf-8")


def route(config: Any, path: str,
          params: dict[str, list[str]]) -> tuple[int, str, bytes, dict[str, str]] | None:
    """The response (status, type, body, headers) for a workbench path, or None if not the workbench's."""
    if path in ("", "/"):
        import secrets

        nonce = secrets.token_urlsafe(18)
        body = _static("workbench.html").replace(NONCE.encode(), nonce.encode())
        return HTTPStatus.OK, HTML, body, headers(HTML, nonce)
    answer = _route(config, path, {k: v[-1] for k, v in params.items()})
    if answer is None:
        return None
    extra = headers(answer[1])
    if path.startswith("/report/") and answer[0] == HTTPStatus.OK:
        from ecokg.viz.report import report_csp

        extra["Content-Security-Policy"] = report_csp()  # its inline scripts, by hash
    return (*answer, extra)


def _report(config: Any, region: str) -> Response:
    from ecokg.graph.analysis import resolve_region
    from ecokg.graph.store import EcoStore
    from ecokg.viz.report import render_report
    from ecokg.viz.report_data import report_data

    store = EcoStore.open(config.store, read_only=True)
    try:
        html = render_report(report_data(store, resolve_region(store, region)))
    finally:
        store.close()
    return HTTPStatus.OK, HTML, html.encode("utf-8")


def _route(config: Any, path: str, one: dict[str, str]) -> Response | None:
    try:
        if path.startswith("/static/"):
            name = path[len("/static/"):]
            if name not in STATIC:
                return HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"no such file\n"
            ctype = STATIC[name] + "; charset=utf-8"
            return HTTPStatus.OK, ctype, _static(name)
        if path == "/api/queries":
            from ecokg.queries.runner import list_queries

            return _json([{"name": q.name, "title_zh": q.title_zh, "title_en": q.title_en,
                           "description": q.description, "text": q.text,
                           "params": [{"name": p.name, "default": p.default, "optional": p.optional}
                                      for p in q.params]} for q in list_queries()])
        if path == "/api/names":
            return _json(_run(config, _job_names, one.get("q", "")[:200], 20))
        if path == "/api/ask":
            question = one.get("q", "").strip()[:500]
            if not question:
                return _error(HTTPStatus.BAD_REQUEST, "ask with ?q=QUESTION")
            return _json(_run(config, _job_ask, question, 500))
        if path.startswith("/api/named/"):
            name = urllib.parse.unquote(path[len("/api/named/"):])
            if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
                return _error(HTTPStatus.NOT_FOUND, "no such named query")
            given = {k: v for k, v in one.items() if v.strip()}
            return _json(_run(config, _job_named, name, given, config.max_rows))
        if path.startswith("/report/"):
            region = urllib.parse.unquote(path[len("/report/"):]).strip("/")
            if not region:
                return _error(HTTPStatus.NOT_FOUND, "name a region: /report/<region>")
            return _report(config, region)
        if path.startswith("/entity/"):
            key = urllib.parse.unquote(path[len("/entity/"):]).strip("/")
            if not key:
                return _error(HTTPStatus.NOT_FOUND, "name an entity: /entity/<key>")
            return _entity(config, key)
    except EcokgError as exc:
        return _error(HTTPStatus.BAD_REQUEST, exc.one_line())
    return None
