"""Hostile text (quotes, backslashes, braces, newlines, markup, script end tags) in entity names,
titles and sentences goes through every output unchanged and inert: Turtle, TriG, CSV, GEXF,
GraphML, the HTML view (parsed statically here, and loaded in headless Chromium), SPARQL JSON,
CSV, TSV and XML results, and ``ecokg show --format json``."""

from __future__ import annotations

import csv
import html.parser
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal

from ecokg.graph.namespaces import RDFS, sparql_prefixes
from ecokg.loaders.records import Document, Entity, Extraction, Relation, Sentence
from tests.conftest import store_of
from tests.viz.fixtures import wait_until

XSS = '<img src=x onerror="window.__xss=1">'
NAMES = [
    'A"引号"公司',
    "反斜杠\\公司\\",
    "大括号}{公司",
    "换行\n公司",
    "回车\r公司'''",
    '三引号"""公司',
    "</script><script>window.__xss=1</script>",
    XSS,
    "\\u0022转义公司 ?x $y #注释",
]


def _extraction() -> Extraction:
    sentences = [f"{name}落户“}}\\n”产业园。" for name in NAMES]
    text = "".join(sentences)
    sents, pos = [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(i, pos, pos + len(s), s))
        pos += len(s)
    ents = {n: Entity(n, "Company", sentences={i}) for i, n in enumerate(NAMES)}
    ents["“}\\n”产业园"] = Entity("“}\\n”产业园", "IndustrialPark", sentences=set(range(len(NAMES))))
    doc = Document(text=text, title=f'标题"{XSS}\\}}\n', publisher="<b>报</b>", issued="2025-01-02",
                   url="https://example.org/a?b=1&c=%3Cd%3E", source_path="hostile.txt", region=None)
    return Extraction(document=doc, sentences=sents, entities=ents,
                      relations=[Relation(n, "locatedIn", "“}\\n”产业园", i) for i, n in enumerate(NAMES)])


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return store_of(tmp_path_factory.mktemp("hostile") / "store", [_extraction()])


def _labels_rdf(path: Path, fmt: str) -> set[str]:
    ds = Dataset(default_union=True)
    ds.parse(path, format=fmt)
    return {str(o) for o in ds.objects(None, RDFS.label) if isinstance(o, Literal)}


@pytest.mark.parametrize(("suffix", "fmt"), [(".ttl", "turtle"), (".trig", "trig"), (".nq", "nquads"),
                                             (".jsonld", "json-ld"), (".rdf", "xml")])
def test_rdf_exports(tmp_path, hostile_store, ecokg, suffix: str, fmt: str) -> None:
    out = tmp_path / f"out{suffix}"
    proc = ecokg("export", "--store", str(hostile_store), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert set(NAMES) <= _labels_rdf(out, fmt)


def test_csv_export(tmp_path, hostile_store, ecokg) -> None:
    out = tmp_path / "out.csv"
    assert ecokg("export", "--store", str(hostile_store), "-o", str(out)).returncode == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        objects = {row["object"] for row in csv.DictReader(fh) if row["predicate"] == str(RDFS.label)}
    assert set(NAMES) <= objects


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_network_exports(tmp_path, hostile_store, ecokg, suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    assert ecokg("export", "--store", str(hostile_store), "-o", str(out)).returncode == 0
    root = ET.parse(out).getroot()  # well-formed XML whatever the names hold
    texts = {el.attrib.get("label", "") for el in root.iter()} | {el.text or "" for el in root.iter()}
    assert set(NAMES) <= texts


class _Elements(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def test_html_view_static(tmp_path, hostile_store, ecokg) -> None:
    out = tmp_path / "view.html"
    proc = ecokg("view", "--store", str(hostile_store), "-o", str(out), "--title", XSS)
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    parser = _Elements()
    parser.feed(page)
    assert parser.tags.count("script") == 3 and not {"img", "svg", "iframe", "a"} & set(parser.tags)
    data = re.search(r'<script type="application/json" id="ecokg-data">(.*?)</script>', page, re.S)
    assert data is not None
    labels = {n.get("label") for n in json.loads(data.group(1))["nodes"]}
    assert set(NAMES) <= labels


@pytest.mark.browser
def test_html_view_in_chromium(tmp_path, hostile_store, ecokg) -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    out = tmp_path / "view.html"
    assert ecokg("view", "--store", str(hostile_store), "-o", str(out), "--title", XSS).returncode == 0
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            page = browser.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(out.as_uri())
            wait_until(page, "() => window.ecokg && window.ecokg.data")
            page.evaluate("ecokg.data.nodes.forEach(n => ecokg.showNode(n.id))")
            for name in NAMES:
                page.fill("#search", name)
                page.press("#search", "Enter")
            assert page.evaluate("typeof window.__xss") == "undefined" and dialogs == []
            assert page.title() == XSS
            assert page.evaluate("document.querySelectorAll('body img, body svg, body iframe').length") == 0
        finally:
            browser.close()


QUERY = sparql_prefixes() + "SELECT ?e ?label WHERE { ?e a eco:Company ; rdfs:label ?label }"


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "xml"])
def test_sparql_results(hostile_store, ecokg, fmt: str) -> None:
    # in-process: the output is the bytes written, decoded without universal newlines (which would
    # turn the CR inside a value into LF)
    proc = ecokg("query", "--store", str(hostile_store), "-e", QUERY, "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    if fmt == "json":
        labels = {b["label"]["value"] for b in json.loads(out)["results"]["bindings"]}
    elif fmt == "csv":
        labels = {row["label"] for row in csv.DictReader(io.StringIO(out, newline=""))}
    elif fmt == "xml":
        ns = "{http://www.w3.org/2005/sparql-results#}"
        root = ET.fromstring(out.encode("utf-8"))
        labels = {lit.text or "" for lit in root.iter(f"{ns}literal")}
    else:
        # TSV holds RDF terms in Turtle syntax, one row a line
        rows = out.split("\n")[1:-1]
        assert len(rows) == len(NAMES)
        labels = set()
        for row in rows:
            g = Graph().parse(data=f"<urn:x:s> <urn:x:p> {row.split(chr(9))[1]} .", format="turtle")
            labels |= {str(o) for o in g.objects()}
    assert set(NAMES) <= labels, fmt


@pytest.mark.parametrize("name", [NAMES[0], NAMES[2], NAMES[7]])
def test_show_json(hostile_store, ecokg, name: str) -> None:
    proc = ecokg("show", "--store", str(hostile_store), name, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    desc = json.loads(proc.stdout)
    assert name in json.dumps(desc, ensure_ascii=False) or desc.get("label_zh") == name


def test_parameters_with_hostile_names(hostile_store, ecokg) -> None:
    text = ("# title: t\n# param: company\n" + sparql_prefixes()
            + "SELECT ?company ?label WHERE { ?company rdfs:label ?label }")
    for name in NAMES:
        proc = ecokg("query", "--store", str(hostile_store), "-e", text, "--param", f"company={name}",
                     "--format", "json")
        assert proc.returncode == 0, proc.stderr
        rows = json.loads(proc.stdout)["results"]["bindings"]
        assert [r["label"]["value"] for r in rows] == [name.strip()] or name != name.strip()

