"""The region report: one offline HTML page in Chinese (``ecokg report REGION -o report.html``).

Sections: summary, the industry chain map (segments as a grid coloured by actor count, gaps
dashed with the regions that have them), key players, parks with members, policies/funds/
subsidies with amounts, designations on a timeline, figures as charts. Data from
``viz/report_data.py``; charts by Apache ECharts, bundled (``viz/vendor``, Apache-2.0, its licence
and notice inlined too), so the page needs no network. Safety as in ``viz/page.py``: the data is
escaped JSON in a ``<script type="application/json">``, the page's code sets text with
``textContent``, and a Content-Security-Policy allows only the page's own two scripts.
"""

from __future__ import annotations

import html
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef

from ecokg.errors import EcokgError
from ecokg.resources import VIZ_PACKAGE, read_text
from ecokg.viz.page import _PLACEHOLDER, _sha256, script_json, write_text

if TYPE_CHECKING:
    from ecokg.graph.store import EcoStore


@lru_cache(maxsize=1)
def echarts_js() -> str:
    """The bundled ECharts script, checked to be safe to inline."""
    text = read_text(VIZ_PACKAGE, "vendor/echarts.min.js")
    lowered = text.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise EcokgError("the bundled echarts.min.js contains '</script' or '<!--' and cannot be inlined",
                         hint="reinstall ecokg")
    return text


def echarts_license() -> str:
    text = "\n".join(read_text(VIZ_PACKAGE, f"vendor/ECHARTS-{n}.txt") for n in ("NOTICE", "LICENSE"))
    return html.escape(text, quote=False)


def report_csp() -> str:
    """The page's Content-Security-Policy: its two inline scripts by hash, nothing fetched."""
    js = echarts_js()
    app = read_text(VIZ_PACKAGE, "templates/report.js")
    return ("default-src 'none'; "
            f"script-src {_sha256(js)} {_sha256(app)}; "
            "style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
            "form-action 'none'; base-uri 'none'")


def render_report(data: dict[str, object]) -> str:
    """The page for ``report_data`` output, as a string."""
    js = echarts_js()
    app = read_text(VIZ_PACKAGE, "templates/report.js")
    csp = report_csp()
    values = {
        "CSP": html.escape(csp, quote=False),
        "TITLE": html.escape(f"{data['region']}人工智能产业生态报告"),
        "CSS": read_text(VIZ_PACKAGE, "templates/report.css").replace("</", "<\\/"),
        "DATA": script_json(data),
        "ECHARTS_LICENSE": echarts_license(),
        "ECHARTS_JS": js,
        "APP_JS": app,
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], read_text(VIZ_PACKAGE, "templates/report.html"))


def write_report(store: EcoStore, region: URIRef, path: str | os.PathLike[str]) -> Path:
    """Write the region's report to ``path`` (atomically)."""
    from ecokg.viz.report_data import report_data

    return write_text(render_report(report_data(store, region)), path)


__all__ = ["echarts_js", "render_report", "report_csp", "write_report"]
