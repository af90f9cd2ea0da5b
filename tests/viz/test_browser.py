"""Views in a real browser: headless Debian Chromium driven by Playwright.

Set ``ECOKG_SCREENSHOT=1`` to (re)write ``docs/images/view-corpus.png`` from the corpus view.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from ecokg.viz.network import build_view
from ecokg.viz.page import write_html
from tests.conftest import CORPUS_ARTICLE, REPO, run_cli
from tests.viz.fixtures import (
    NASTY,
    SCRIPT_XSS,
    XSS,
    generated_graph,
    malicious_graph,
    sample_graph,
    wait_until,
)

pytestmark = pytest.mark.browser

SCREENSHOT = REPO / "docs" / "images" / "view-corpus.png"
DRAWN = "window.ecokg && window.ecokg.drawn === true"
COUNTS = "[ecokg.network.body.nodeIndices.length, ecokg.network.body.edgeIndices.length]"


@dataclass
class Loaded:
    page: Any
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def evaluate(self, js: str, arg: Any = None) -> Any:
        return self.page.evaluate(js, arg)

    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file:", "data:"))]


def open_page(browser: Any, path: Path, timeout_ms: int = 120_000) -> Iterator[Loaded]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    loaded = Loaded(page)
    page.on("request", lambda r: loaded.requests.append(r.url))
    page.on("pageerror", lambda e: loaded.errors.append(str(e)))

    def on_dialog(d: Any) -> None:
        loaded.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(path.as_uri())
    wait_until(page, DRAWN, timeout_ms=timeout_ms)
    try:
        yield loaded
    finally:
        page.close()


@pytest.fixture(scope="module")
def sample_page(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    path = write_html(build_view(sample_graph(), title="示例"), tmp_path_factory.mktemp("sample") / "v.html")
    yield from open_page(browser, path)


def test_sample_view_loads_offline_with_its_counts(sample_page: Loaded) -> None:
    view = build_view(sample_graph())
    assert sample_page.evaluate(COUNTS) == [len(view.nodes), len(view.edges)] == [15, 12]
    assert sample_page.outside_requests() == []
    assert sample_page.errors == []
    labels = sample_page.evaluate("ecokg.nodes.get().map(n => n.label)")
    assert "优必选" in labels and "示例软件园" in labels


def test_search_finds_an_entity_by_an_alias(sample_page: Loaded) -> None:
    page = sample_page.page
    page.fill("#search", "ubtech")
    first = page.locator("#results li").first
    assert first.text_content().startswith("优必选")
    page.press("#search", "Enter")
    assert page.text_content("#details-title") == "优必选"
    selected = sample_page.evaluate("ecokg.network.getSelectedNodes().map(id => ecokg.nodes.get(id).label)")
    assert selected == ["优必选"]
    details = page.text_content("#details-body")
    assert "UBTech" in details and "示例市人工智能产业快讯" in details
    page.fill("#search", "没有这个名字")
    assert page.text_content("#results") in ("没有匹配的名称",)


def test_class_filter_hides_nodes(sample_page: Loaded) -> None:
    page = sample_page.page
    assert sample_page.evaluate(COUNTS) == [15, 12]
    page.uncheck("input[data-class=Company]")
    nodes, edges = sample_page.evaluate(COUNTS)
    assert nodes == 12  # 3 companies hidden
    assert edges == 6  # and the 6 edges that touch them
    hidden = sample_page.evaluate("ecokg.nodes.get({filter: n => n.hidden}).map(n => n.label).sort()")
    assert hidden == sorted(["优必选", "星河智能", "星河汽车"])
    page.check("input[data-class=Company]")
    assert sample_page.evaluate(COUNTS) == [15, 12]
    page.click("#no-classes")
    assert sample_page.evaluate(COUNTS) == [0, 0]
    page.click("#all-classes")
    assert sample_page.evaluate(COUNTS) == [15, 12]


def test_physics_switch(sample_page: Loaded) -> None:
    page = sample_page.page
    assert sample_page.evaluate("ecokg.network.physics.options.enabled") is True
    page.uncheck("#physics")
    assert sample_page.evaluate("ecokg.network.physics.options.enabled") is False
    page.check("#physics")
    assert sample_page.evaluate("ecokg.network.physics.options.enabled") is True


def test_clicking_nodes_and_edges_shows_details(sample_page: Loaded) -> None:
    page = sample_page.page
    sample_page.evaluate("ecokg.network.setOptions({physics: {enabled: false}}); ecokg.network.fit()")
    node = sample_page.evaluate("ecokg.nodes.get().find(n => n.label === '示例市').id")
    pos = sample_page.evaluate(
        "id => ecokg.network.canvasToDOM(ecokg.network.getPositions([id])[id])", node)
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    assert page.text_content("#details-title") == "示例市"
    body = page.text_content("#details-body")
    assert "12,000,000,000" in body and "CNY" in body and "去年" in body
    edge = sample_page.evaluate("ecokg.data.edges.find(e => e.label === '供应').id")
    sample_page.evaluate("id => ecokg.showEdge(id)", edge)
    assert page.text_content("#details-title") == "星河智能 → 优必选"
    assert "并向优必选供应关节模组" in page.text_content("#details-body")


def test_malicious_names_execute_nothing(browser: Any, tmp_path: Path) -> None:
    view = build_view(malicious_graph(), title=f"{SCRIPT_XSS}{XSS}", include=["designations", "observations"])
    path = write_html(view, tmp_path / "evil.html")
    for loaded in open_page(browser, path):
        page = loaded.page
        assert loaded.evaluate(COUNTS) == [len(view.nodes), len(view.edges)]
        # show every node's and edge's details, hover every node, search every payload
        loaded.evaluate("ecokg.data.nodes.forEach(n => ecokg.showNode(n.id))")
        loaded.evaluate("ecokg.data.edges.forEach(e => ecokg.showEdge(e.id))")
        loaded.evaluate("ecokg.network.setOptions({physics: {enabled: false}}); ecokg.network.fit()")
        box = page.locator("#network").bounding_box()
        positions = "Object.values(ecokg.network.getPositions()).map(p => ecokg.network.canvasToDOM(p))"
        for pos in loaded.evaluate(positions):
            page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
            page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
        for text in NASTY:
            page.fill("#search", text)
            page.press("#search", "Enter")
        page.fill("#search", "<")  # leaves the result list open with every hostile name in it
        target = loaded.evaluate("label => ecokg.data.nodes.find(n => n.label === label).id", XSS)
        loaded.evaluate("id => ecokg.showNode(id)", target)
        page.wait_for_timeout(300)  # let any injected handler fire (not a timing assertion)
        assert loaded.evaluate("typeof window.__xss") == "undefined"
        assert loaded.dialogs == []
        assert loaded.errors == []
        assert loaded.outside_requests() == []
        assert page.text_content("#details-title") == XSS  # shown as text
        assert page.title() == f"{SCRIPT_XSS}{XSS}"
        assert page.text_content("#title") == f"{SCRIPT_XSS}{XSS}"
        assert loaded.evaluate(
            "document.querySelectorAll('body img, body svg, body a, body iframe').length") == 0
        assert loaded.evaluate("document.scripts.length") == 3


def test_5000_nodes_draw(browser: Any, tmp_path: Path) -> None:
    view = build_view(generated_graph(5000))
    path = write_html(view, tmp_path / "big.html")
    for loaded in open_page(browser, path, timeout_ms=600_000):
        assert loaded.evaluate(COUNTS) == [5000, len(view.edges)]
        assert loaded.evaluate("ecokg.network.physics.options.enabled") is False
        assert loaded.errors == []


def test_aggregated_view_keeps_member_names_searchable(browser: Any, tmp_path: Path) -> None:
    view = build_view(generated_graph(300, parks=4), aggregate_above=100, lang="en")
    path = write_html(view, tmp_path / "groups.html")
    for loaded in open_page(browser, path):
        assert loaded.evaluate(COUNTS)[0] == 4
        assert loaded.page.get_attribute("#search", "placeholder") == "Search a name…"
        loaded.page.fill("#search", "企业7")
        loaded.page.press("#search", "Enter")
        assert loaded.page.text_content("#details-title") == "园区3 (76)"  # companies 3, 7, 11 … and the park
        members = loaded.evaluate(
            "[...document.querySelectorAll('#details-body li')].map(li => li.textContent)")
        assert "企业7" in members


# -- the corpus article ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS_ARTICLE.is_file():
        pytest.skip(f"shared corpus article not found at {CORPUS_ARTICLE}")
    out = tmp_path_factory.mktemp("corpus") / "kg.ttl"
    proc = run_cli("build", str(CORPUS_ARTICLE), "-o", str(out))
    if proc.returncode != 0 or not out.is_file():
        first = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        pytest.skip(f"'ecokg build' cannot build the corpus article yet: {first}")
    return out


def _expected_counts(ttl: Path) -> tuple[int, int]:
    """Entities and entity-to-entity eco: relations, counted with SPARQL (independently of viz)."""
    g = Graph().parse(ttl)
    prefix = "PREFIX eco: <https://w3id.org/ecokg/ontology#>\n"
    entity = ("?{v} a ?c{v} . FILTER(STRSTARTS(STR(?c{v}), STR(eco:)) && !STRSTARTS(STR(?{v}), STR(eco:)) "
              "&& ?c{v} NOT IN (eco:Observation, eco:Designation, eco:Mention, eco:SourceDocument))")
    nodes = g.query(prefix + "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { " + entity.format(v="s") + " }")
    edges = g.query(prefix + "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o . "
                    "FILTER(isIRI(?o) && ?s != ?o && ?p NOT IN (eco:mentionedIn, eco:about, eco:inDocument)) "
                    "FILTER(?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) "
                    + entity.format(v="s") + " " + entity.format(v="o") + " } }")
    return int(next(iter(nodes))[0]), int(next(iter(edges))[0])


def test_corpus_view(browser: Any, corpus_ttl: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus.html"
    proc = run_cli("view", "--input", str(corpus_ttl), "--all", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    nodes, edges = _expected_counts(corpus_ttl)
    assert nodes > 10
    for loaded in open_page(browser, out):
        assert loaded.evaluate(COUNTS) == [nodes, edges]
        assert loaded.outside_requests() == []
        assert loaded.errors == []
        labels = loaded.evaluate("ecokg.nodes.get().map(n => n.label)")
        assert "青岛市" in labels
        if os.environ.get("ECOKG_SCREENSHOT") == "1":
            _screenshot(loaded)


def _screenshot(loaded: Loaded) -> None:
    """The README picture: the connected part of the corpus view, settled and fitted, with the
    search list open. No details panel: it would show the article's sentences, which the project
    must not copy."""
    page = loaded.page
    loaded.evaluate("""(() => { const net = ecokg.network; net.stopSimulation();
        const hubs = ecokg.data.nodes.slice().sort((a, b) => b.value - a.value).slice(0, 2).map(n => n.id);
        const near = ecokg.data.edges.filter(e => hubs.includes(e.from) || hubs.includes(e.to))
            .flatMap(e => [e.from, e.to]);
        net.fit({nodes: [...new Set([...hubs, ...near])], animation: false}); })()""")
    page.fill("#search", "机器人")
    page.wait_for_timeout(500)  # let the canvas repaint before the picture (not an assertion)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    tmp = SCREENSHOT.with_suffix(".tmp.png")
    page.screenshot(path=str(tmp))
    shutil.move(tmp, SCREENSHOT)
