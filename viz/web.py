"""Views over HTTP for ``ecokg serve``: ``/view/<path>?<params>`` → one self-contained page.

Paths (after ``/view/``)::

    ""  or  index            a list of the views (links)
    all                      the whole ecosystem
    focus/<name>             the neighbourhood of one entity   (?depth=1)
    query/<name>             a named query's subgraph          (?<param>=<value> …)
    class/<C>[,<C>…]         only some classes

Every path takes ``lang=zh|en``, ``depth=N``, ``class=C,C`` (filter) and ``show=designations,observations``.
An unknown path raises ``LookupError`` (the server answers 404); bad input raises ``EcokgError``.
"""

from __future__ import annotations

import html
import os
import re
import urllib.parse
from collections.abc import Mapping

from ecokg.errors import InputError

HTML = "text/html; charset=utf-8"
COMMON = ("lang", "depth", "class", "show")


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _depth(value: str | None) -> int:
    if value is None or value == "":
        return 1
    if not value.isdigit() or int(value) > 20:
        raise InputError(f"depth must be a whole number from 0 to 20, got {value!r}")
    return int(value)


def index_page() -> bytes:
    """A plain page of links to the views (no script)."""
    from ecokg.queries.runner import list_queries

    items = ['<li><a href="all">全部 · everything</a></li>']
    for q in list_queries():
        href = "query/" + urllib.parse.quote(q.name)
        params = " ".join(p.describe() for p in q.params)
        items.append(f'<li><a href="{html.escape(href)}">{html.escape(q.title_zh or q.name)} · '
                     f'{html.escape(q.title_en or q.name)}</a> <code>{html.escape(params)}</code></li>')
    body = "\n".join(items)
    page = ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" "
            "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            "<title>ecokg views</title>"
            "<style>body{font-family:sans-serif;margin:2em}li{margin:.4em 0}</style>"
            f"</head><body><h1>ecokg views</h1><ul>\n{body}\n</ul>"
            "<p>Add <code>?lang=en</code>, <code>&amp;class=Company</code>, "
            "<code>focus/NAME?depth=2</code>.</p>"
            "</body></html>\n")
    return page.encode("utf-8")


def render_view(store: str | os.PathLike[str] | None, path: str, params: Mapping[str, str]) -> tuple[str,
                                                                                                     bytes]:
    """The page for ``/view/<path>``: ``(content type, body)``."""
    from ecokg.viz.page import render_html
    from ecokg.viz.source import make_view, open_store

    parts = [urllib.parse.unquote(p) for p in path.strip("/").split("/") if p]
    if not parts or parts == ["index"]:
        return HTML, index_page()
    kind, rest = parts[0], "/".join(parts[1:])
    lang = params.get("lang", "zh")
    classes = _split(params.get("class"))
    include = _split(params.get("show"))
    depth = _depth(params.get("depth"))
    focus = query = None
    query_params: dict[str, str] = {}
    if kind == "all" and not rest:
        pass
    elif kind == "focus" and (rest or params.get("name")):
        focus = rest or params["name"]
    elif kind == "query" and rest:
        query = rest
        query_params = {k: v for k, v in params.items() if k not in COMMON}
    elif kind == "class" and (rest or classes):
        classes = _split(rest) + classes
    else:
        raise LookupError(f"no view at /view/{path}; see /view/ for the list")
    if query is not None and not re.fullmatch(r"[A-Za-z0-9_-]+", query):
        raise LookupError(f"no named query {query!r}")  # never a file path from a URL
    with open_store(store) as source:
        view = make_view(source, focus=focus, depth=depth, query=query, params=query_params,
                         classes=classes or None, include=include, lang=lang)
    return HTML, render_html(view).encode("utf-8")


__all__ = ["index_page", "render_view"]
