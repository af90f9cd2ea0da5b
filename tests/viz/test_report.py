"""The region report in headless Chromium: offline, no errors, charts drawn, sources shown, hostile
text inert.

Set ``ECOKG_SCREENSHOT=1`` to (re)write ``docs/images/report-qingdao.png``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ecokg.loaders.records import Entity, Relation
from tests.conftest import CORPUS_ARTICLE, REPO, run_cli
from tests.viz.fixtures import NASTY, XSS, malicious_extraction, wait_until

pytestmark = pytest.mark.browser

SCREENSHOT = REPO / "docs" / "images" / "report-qingdao.png"
DRAWN = "window.ecokgReport && window.ecokgReport.drawn === true"
#: How many pixels of a chart's canvas are drawn (not transparent).
INKED = """id => { const c = document.querySelector('#' + id + ' canvas'); if (!c) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
  for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }"""


class Opened:
    def __init__(self, browser: Any, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1300, "height": 900})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console",
                     lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        wait_until(self.page, DRAWN, timeout_ms=60_000)


@pytest.fixture(scope="module")
def qingdao(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Opened]:
    if not CORPUS_ARTICLE.is_file():
        pytest.skip(f"shared corpus article not found at {CORPUS_ARTICLE}")
    tmp = tmp_path_factory.mktemp("report")
    store, out = tmp / "store", tmp / "report.html"
    proc = run_cli("build", str(REPO / "samples"), str(CORPUS_ARTICLE), "--store", str(store), "-q")
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("report", "青岛市", "-o", str(out), "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    opened = Opened(browser, out)
    yield opened
    opened.page.close()


def test_loads_offline_without_errors(qingdao: Opened) -> None:
    assert [u for u in qingdao.requests if not u.startswith(("file:", "data:"))] == []
    assert qingdao.errors == [] and qingdao.dialogs == []
    assert qingdao.page.title() == "青岛市人工智能产业生态报告"


def test_every_section_and_chart_is_drawn(qingdao: Opened) -> None:
    page = qingdao.page
    for cid in ("chain-chart", "players-chart", "funds-chart", "designation-chart", "figures-chart"):
        assert page.evaluate(INKED, cid) > 500, cid
    segments = page.eval_on_selector_all("#chain-map .seg", "els => els.map(e => e.dataset.segment)")
    assert {"人形与具身机器人", "核心零部件", "算力与数据中心", "芯片"} <= set(segments)
    gaps = page.eval_on_selector_all("#chain-map .seg.gap", "els => els.map(e => e.dataset.segment)")
    assert "芯片" in gaps and "人形与具身机器人" not in gaps
    assert "伺服电机" in page.text_content("#gap-list") and "武汉市" in page.text_content("#gap-list")
    humanoid = page.text_content("#chain-map .seg[data-segment='人形与具身机器人']")
    assert "优必选" in humanoid and "乐聚机器人" in humanoid
    parks, policies = page.text_content("#park-list"), page.text_content("#policy-table")
    assert "青岛人工智能产业园" in parks and "中科曙光" in parks
    assert "100亿元" in policies and "2000万元/年" in policies
    assert "国家人工智能创新应用先导区" in page.text_content("#designation-list")
    assert "592" in page.text_content("#summary-cards")


def test_clicking_a_number_or_a_bar_shows_its_sentence(qingdao: Opened) -> None:
    page = qingdao.page
    page.click("#summary-cards button.link")
    assert page.is_visible("#source") and "592" in page.text_content("#source-text")
    assert "qingdao" in page.text_content("#source-doc") or "青岛" in page.text_content("#source-doc")
    page.click("#source-close")
    page.click("#policy-table button.link:has-text('100亿元')")
    assert "100亿元" in page.text_content("#source-text")
    page.click("#source-close")
    page.wait_for_selector("#source", state="hidden")  # the panel must not take the click below
    point = page.evaluate("""() => {
        document.getElementById('players-chart').scrollIntoView({behavior: 'instant'});
        const c = ecokgReport.charts['players-chart'];
        const v = c.getOption().series[0].data[0].value;
        const p = c.convertToPixel({seriesIndex: 0}, [v / 2, 0]);
        const r = document.getElementById('players-chart').getBoundingClientRect();
        return [r.left + p[0], r.top + p[1], c.getOption().series[0].data[0].sentence]; }""")
    page.evaluate("""() => new Promise(done => {  // the bars grow in when the chart comes into view
        ecokgReport.charts['players-chart'].on('finished', () => done(true));
        setTimeout(() => done(false), 3000); })""")
    page.mouse.click(point[0], point[1])
    assert page.evaluate("ecokgReport.shown") == point[2] >= 0
    if os.environ.get("ECOKG_SCREENSHOT") == "1":
        page.click("#source-close")
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(SCREENSHOT))


def test_hostile_names_are_inert(browser: Any, tmp_path: Path) -> None:
    import ecokg

    ex = malicious_extraction()
    n = len(ex.sentences)
    ex.entities["恶意市"] = Entity("恶意市", "Place", sentences={0})
    ex.document.region = "恶意市"
    ex.entities[f"{NASTY[4]}人形机器人"] = Entity(f"{NASTY[4]}人形机器人", "Robot", sentences={0})
    ex.relations.append(Relation(f"{NASTY[4]}人形机器人", "developedBy", NASTY[0], 0))
    ex.entities[f"{XSS}基金"] = Entity(f"{XSS}基金", "Fund", sentences={n - 1}, amount=Decimal("500000000"),
                                     unit="CNY")
    with ecokg.open(tmp_path / "store") as kg:
        kg.ingest([ex])
        path = kg.report("恶意市", tmp_path / "evil.html")
    opened = Opened(browser, path)
    try:
        page = opened.page
        assert page.evaluate("window.__xss") is None and opened.dialogs == [] and opened.errors == []
        assert page.evaluate(INKED, "funds-chart") > 500
        assert NASTY[4] in page.text_content("#chain-map .seg[data-segment='人形与具身机器人']")
        assert XSS in page.text_content("#policy-table")
        assert page.query_selector("#chain-map img, #policy-table img, svg[onload]") is None
    finally:
        opened.page.close()
        shutil.rmtree(tmp_path / "store", ignore_errors=True)
