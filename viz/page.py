"""A view model as one self-contained, offline HTML page.

The page inlines vis-network (read at run time from the installed pyvis package, which ships
it), its own script and style, and the data as JSON. Nothing is fetched from anywhere: a
Content-Security-Policy allows only the page's own inline scripts (by hash), inline styles and
data: images, so even an injected tag could neither run nor make a request.

Safety of data (article text is hostile): the JSON is escaped so that no ``<``, ``>``, ``&``,
U+2028 or U+2029 appears raw inside the ``<script>``; the title is HTML-escaped; the page's
script writes data only with ``textContent`` and canvas text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ecokg.errors import EcokgError, InputError
from ecokg.resources import VIZ_PACKAGE, read_text
from ecokg.viz.model import SourceRef, ViewModel
from ecokg.viz.network import PHYSICS_LIMIT
from ecokg.viz.style import UI_TEXT, class_style

#: vis-network inside the pyvis package (pyvis >= 0.3.2 ships 9.1.2 there).
VIS_PACKAGE = "pyvis"
VIS_PATHS = ("lib/vis-9.1.2/vis-network.min.js", "templates/lib/vis-9.1.2/vis-network.min.js")
#: Above this many edges, edge labels are left out (they are in the details panel).
EDGE_LABEL_LIMIT = 1500

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def script_json(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element, whatever strings it holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """The vis-network script, checked to be safe to inline."""
    from importlib import resources

    try:
        root = resources.files(VIS_PACKAGE)
    except ModuleNotFoundError as exc:
        raise EcokgError("pyvis is not installed; it ships the vis-network script that views inline",
                         hint="pip install 'pyvis>=0.3.2'") from exc
    for rel in VIS_PATHS:
        candidate = root.joinpath(rel)
        if candidate.is_file():
            text = candidate.read_text(encoding="utf-8")
            break
    else:
        raise EcokgError("vis-network.min.js not found in the installed pyvis (looked for "
                         f"{', '.join(VIS_PATHS)})",
                         hint="reinstall pyvis 0.3.2: pip install --force-reinstall 'pyvis==0.3.2'")
    lowered = text.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise EcokgError("the installed vis-network script contains '</script' or '<!--' "
                         "and cannot be inlined",
                         hint="reinstall pyvis 0.3.2")
    return text


def _src(refs: list[SourceRef]) -> list[list[Any]]:
    return [[r.text, r.doc, r.inferred] for r in refs]


def page_data(view: ViewModel) -> dict[str, Any]:
    """What the page's script reads: nodes and edges with their details, legend, words."""
    ids = {node.key: i for i, node in enumerate(view.nodes)}
    counts: dict[str, int] = {}
    for node in view.nodes:
        counts[node.cls] = counts.get(node.cls, 0) + node.count
    classes = []
    for cls in sorted(counts, key=lambda c: (-counts[c], c)):
        style = class_style(cls)
        classes.append({"key": cls, "label": view.class_labels.get(cls, cls), "color": style.color,
                        "shape": style.shape, "count": counts[cls]})
    nodes = []
    for node in view.nodes:
        item: dict[str, Any] = {
            "id": ids[node.key], "label": node.label, "cls": node.cls, "names": node.names or [node.label],
            "x": node.x, "y": node.y, "value": node.degree + 1, "count": node.count,
        }
        if not node.key.startswith("group:"):
            item["iri"] = node.key
        if node.attributes:
            item["attrs"] = [list(kv) for kv in node.attributes]
        if node.figures:
            item["figs"] = [{"label": f.label, "value": f.value, "unit": f.unit, "qualifier": f.qualifier,
                             "period": f.period, "indicator": f.indicator, "inf": f.inferred,
                             "src": _src(f.sources)} for f in node.figures]
        if node.designations:
            item["desig"] = [{"title": d.title, "level": d.level, "batch": d.batch, "by": d.granted_by,
                              "src": _src(d.sources)} for d in node.designations]
        if node.members:
            item["members"] = node.members
        if node.sources:
            item["src"] = _src(node.sources)
        nodes.append(item)
    edges = []
    for i, edge in enumerate(view.edges):
        if edge.source not in ids or edge.target not in ids:
            continue
        edges.append({"id": i, "from": ids[edge.source], "to": ids[edge.target], "label": edge.label,
                      "prop": edge.prop, "inf": edge.inferred, "count": edge.count,
                      "src": _src(edge.sources)})
    return {
        "title": view.title, "lang": view.lang, "ui": UI_TEXT.get(view.lang, UI_TEXT["zh"]),
            "note": view.note,
        "physics": view.physics, "physicsLimit": PHYSICS_LIMIT, "aggregated": view.aggregated,
        "edgeLabels": len(edges) <= EDGE_LABEL_LIMIT, "classes": classes,
        "docs": [{"title": d.title, "date": d.date, "iri": d.iri} for d in view.documents],
        "nodes": nodes, "edges": edges,
    }


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render_html(view: ViewModel) -> str:
    """The page as a string (``ecokg serve`` can send it as is)."""
    vis_js = vis_network_js()
    app_js = read_text(VIZ_PACKAGE, "templates/view.js")
    css = read_text(VIZ_PACKAGE, "templates/view.css")
    template = read_text(VIZ_PACKAGE, "templates/view.html")
    csp = ("default-src 'none'; "
           f"script-src {_sha256(vis_js)} {_sha256(app_js)}; "
           "style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
           "form-action 'none'; base-uri 'none'")
    values = {
        "LANG": html.escape(view.lang),
        "CSP": html.escape(csp, quote=False),  # constant text without quotes
        "TITLE": html.escape(view.title),
        "CSS": css.replace("</", "<\\/"),
        "DATA": script_json(page_data(view)),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
    }
    # One pass: text put in is never scanned again for placeholders.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def write_html(view: ViewModel, path: str | os.PathLike[str]) -> Path:
    """Write the page to ``path`` atomically (temporary file in the same folder, then rename)."""
    return write_text(render_html(view), path)


def write_text(text: str, path: str | os.PathLike[str]) -> Path:
    """Write a page to ``path`` atomically (temporary file in the same folder, then rename), with the
    mode any file the user makes gets (0666 & ~umask)."""
    from ecokg.graph.storefs import atomic_write

    target = Path(path)
    if target.is_dir():
        raise InputError(f"output path {target} is a directory, expected a file name",
                         hint="pass -o FILE.html")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"the folder {parent} does not exist", hint="create it first or choose another -o")
    try:
        atomic_write(target, text)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}",
                         hint="check that the folder is writable and has free space") from exc
    return target


__all__ = ["page_data", "render_html", "script_json", "vis_network_js", "write_html", "write_text"]
