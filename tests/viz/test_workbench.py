"""The workbench of ``ecokg serve`` in headless Chromium, against a real server on 127.0.0.1.

The store holds the bundled samples plus the hostile-text fixture (tests/viz/fixtures.py): names,
aliases, titles and sentences that try to run script. Every request that is not to the server is
blocked and recorded. ``ECOKG_SCREENSHOT=1`` (re)writes docs/images/workbench.png.
"""

from __future__ import annotations

import json
import os
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import REPO
from tests.robustness.serving import http, serve
from tests.viz.fixtures import malicious_extraction, wait_until

READY = "() => window.ecokgWorkbench && window.ecokgWorkbench.ready === true"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from ecokg import api

    root = tmp_path_factory.mktemp("workbench")
    with api.sample_files() as files, api.open(root / "store", wait=0) as kg:
        kg.build(files)
        kg.ingest([malicious_extraction()])
        kg.place_chain()  # the report route reads the stored placements
    with serve(root / "store", root / "serve.log") as (url, _proc):
        yield url.rsplit("/sparql", 1)[0]


@pytest.mark.server
def test_http_routes_and_headers(server: str) -> None:
    status, headers, body = http(server + "/")
    assert status == 200 and b"/static/editor.js" in body
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe" not in csp
    status, _h, body = http(server + "/api/ask?q=" + urllib.parse.quote("光谷AI园有哪些公司？"))
    data = json.loads(body)
    assert data["query"] == "companies-in-park" and data["params"] == {"park": "武汉光谷人工智能产业园"}
    assert http(server + "/static/../server.py")[0] == 404
    assert http(server + "/entity/org/" + urllib.parse.quote("没有这个实体"))[0] == 404
    assert http(server + "/api/named/..%2Fetc")[0] == 404


@pytest.mark.server
def test_sparqlwrapper_still_works(server: str) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    sw = SPARQLWrapper(server + "/sparql")
    sw.setQuery("PREFIX eco: <https://w3id.org/ecokg/ontology#> "
                "SELECT (COUNT(*) AS ?n) WHERE { ?c a eco:Company }")
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]  # type: ignore[index]
    assert int(rows[0]["n"]["value"]) > 5


class Watched:
    def __init__(self, page: Any, origin: str) -> None:
        self.page, self.outside, self.errors, self.dialogs = page, [], [], []  # type: ignore[var-annotated]

        def gate(route: Any) -> None:
            if route.request.url.startswith(origin):
                route.continue_()
            else:
                self.outside.append(route.request.url)
                route.abort()

        page.route("**/*", gate)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def clean(self) -> None:
        assert self.outside == [], self.outside
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        assert self.page.evaluate("window.__xss") is None


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Watched]:
    p = browser.new_page(viewport={"width": 1400, "height": 900})
    watched = Watched(p, server)
    p.goto(server + "/")
    wait_until(p, READY, timeout_ms=60_000)
    yield watched
    p.close()


def _rows(page: Any) -> str:
    page.wait_for_selector("#result-table tbody tr", timeout=60_000)
    return str(page.inner_text("#result-table"))


@pytest.mark.browser
@pytest.mark.server
def test_editor_query_shows_rows(page: Watched) -> None:
    p = page.page
    assert p.locator(".cm-content").inner_text().startswith("PREFIX eco:")  # prefixes preloaded
    assert p.locator(".cm-content .ͼb, .cm-content span[class^='ͼ']").count() > 0  # highlighted tokens
    p.click(".cm-content")
    p.keyboard.press("Control+End")
    p.keyboard.type("\n# typed\n")
    p.evaluate("""window.ecokgWorkbench.editor.set(window.ecokgWorkbench.editor.get().replace(
        'eco:Company', 'eco:Robot'))""")
    p.click("#run")
    wait_until(p, "() => document.querySelector('#status').textContent.includes('rows')")
    text = _rows(p)
    assert "夸父" in text and "衡行H2" in text
    p.click("th[data-var=label]")  # sorting
    assert p.locator("th.asc").count() == 1
    page.clean()


@pytest.mark.browser
@pytest.mark.server
def test_named_query_form_and_entity_page(page: Watched) -> None:
    p = page.page
    p.select_option("#named-select", "companies-in-park")
    p.fill("#named-form input[name=park]", "光谷AI园")
    p.click("#named-run")
    wait_until(p, "() => document.querySelector('#status').textContent.startsWith('companies-in-park')")
    assert "澜图科技" in _rows(p)
    with p.expect_navigation():
        p.click("#result-table a.entity-link:text('id:org/澜图科技')")
    assert p.inner_text("#name") == "澜图科技"
    assert "入驻光谷AI园" in p.inner_text("#facts")  # the sentence that states the fact
    with p.expect_navigation():
        p.click("#facts a:text('武汉光谷人工智能产业园')")  # a neighbour's page
    assert p.inner_text("#name") == "武汉光谷人工智能产业园"
    page.clean()


@pytest.mark.browser
@pytest.mark.server
def test_ask_in_the_search_box(page: Watched) -> None:
    p = page.page
    p.fill("#ask", "青岛人工智能产业园有哪些企业？")
    p.press("#ask", "Enter")
    p.wait_for_selector("#answer .query", timeout=60_000)
    assert "companies-in-park" in p.inner_text("#answer")
    text = _rows(p)
    assert "优必选" in text and "都在此落户" in text  # a row and its sentence
    p.fill("#ask", "上海有哪些产业园区？")
    p.press("#ask", "Enter")
    p.wait_for_selector("#answer .declined")
    assert p.locator("#answer .suggestion").count() >= 1
    if os.environ.get("ECOKG_SCREENSHOT") == "1":
        p.fill("#ask", "光谷AI园里入驻了哪些公司？")
        p.press("#ask", "Enter")
        p.wait_for_selector("#answer .query")
        p.screenshot(path=str(REPO / "docs" / "images" / "workbench.png"), full_page=False)
    page.clean()


@pytest.mark.browser
@pytest.mark.server
def test_hostile_text_stays_inert(page: Watched, server: str) -> None:
    p = page.page
    p.select_option("#named-select", "companies-in-park")
    p.fill("#named-form input[name=park]", "恶意园区")
    p.click("#named-run")
    assert "window.__xss=1" in _rows(p)  # shown as text
    p.evaluate("window.ecokgWorkbench.editor.set("
               "'SELECT ?s ?l WHERE { ?s ?p ?l . FILTER(isLiteral(?l)) } LIMIT 500')")
    p.click("#run")
    _rows(p)
    p.click("#result-table th[data-var=l]")
    p.click("#result-table th[data-var=l]")  # sorted both ways: the hostile strings re-rendered
    p.fill("#ask", "介绍一下<img src=x onerror=\"window.__xss=1\">")
    p.press("#ask", "Enter")
    p.wait_for_selector("#answer p")
    links = p.eval_on_selector_all("a.entity-link", "els => els.map(e => e.getAttribute('href'))")
    page.clean()
    for href in [h for h in links if "%3C" in h or "svg" in h][:3]:
        p.goto(server + href)
        page.clean()


@pytest.mark.browser
@pytest.mark.server
def test_region_report_is_served(page: Watched, server: str) -> None:
    """/report/<region>: the offline report page, its inline scripts allowed by hash only."""
    status, headers, body = http(server + "/report/" + urllib.parse.quote("武汉"))
    assert status == 200 and "武汉市人工智能产业生态报告".encode() in body
    csp = headers["Content-Security-Policy"]
    assert "'sha256-" in csp and "unsafe-eval" not in csp and "connect-src 'none'" in csp
    status, _h, body = http(server + "/report/" + urllib.parse.quote("没有这个地方"))
    assert status == 400 and "no region named" in json.loads(body)["error"]
    page.page.goto(server + "/report/" + urllib.parse.quote("武汉市"))
    wait_until(page.page, "window.ecokgReport && window.ecokgReport.drawn === true", timeout_ms=60_000)
    assert page.page.locator("canvas").count() > 0
    page.clean()
