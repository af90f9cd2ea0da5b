"""The bundled samples' gold files are well-formed, consistent with their sample text, and
score full marks with the shared scorer when the graph holds exactly what they list."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from rdflib import RDF, RDFS, Graph, Literal, Namespace
from rdflib.namespace import DCTERMS, XSD

from ecokg.graph.namespaces import DEFAULT_BASE, ECO
from ecokg.resources import ontology_file

REPO = Path(__file__).resolve().parent.parent.parent
GOLD_DIR = Path(__file__).resolve().parent
GOLD_FILES = sorted(GOLD_DIR.glob("*.gold.yaml"))
SHARED_EVAL = REPO.parent / "shared" / "eval"
SCORER = SHARED_EVAL / "score.py"
CORPUS_ARTICLE = REPO.parent / "shared" / "corpus" / "qingdao-ai-2025-12-11.txt"
QUOTES = "“”‘’\"'「」『』《》〈〉【】"
LEVELS = {"National", "Provincial", "Municipal"}
QUALIFIERS = {"Exactly", "MoreThan", "Approximately", "AtMost", "AtLeast"}
GOLD = Namespace(DEFAULT_BASE + "gold/")


def norm(text: str) -> str:
    """The scorer's name normalization (width, quotes, spaces, case)."""
    t = unicodedata.normalize("NFKC", str(text)).lower()
    return "".join(ch for ch in t if ch not in QUOTES and not ch.isspace()).replace("·", "")


def load(gold_path: Path) -> dict:
    return yaml.safe_load(gold_path.read_text(encoding="utf-8"))


def as_list(x) -> list:
    return x if isinstance(x, list) else [x]


def relations(gold: dict) -> list[dict]:
    return [r if isinstance(r, dict) else {"s": r[0], "p": r[1], "o": r[2]} for r in gold.get("relations",
                                                                                              [])]


def sample_text(gold: dict) -> str:
    return (REPO / gold["document"]["file"]).read_text(encoding="utf-8")


def test_there_is_one_gold_file_per_sample():
    samples = sorted(p.stem for p in (REPO / "samples").iterdir() if p.suffix in {".txt", ".md", ".html"})
    assert samples, "no sample articles in samples/"
    assert sorted(p.name.removesuffix(".gold.yaml") for p in GOLD_FILES) == samples


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_is_well_formed(gold_path: Path):
    gold = load(gold_path)
    doc = gold["document"]
    assert (REPO / doc["file"]).is_file()
    assert doc["title"] and doc["publisher"] and doc["issued"]
    labels = [e["label"] for e in gold["entities"]]
    assert len(labels) == len(set(labels)), "an entity is listed twice"
    names: dict[str, str] = {}
    for e in gold["entities"]:
        assert e["types"], e["label"]
        for n in (e["label"], *e.get("aliases", [])):
            assert names.setdefault(norm(n), e["label"]) == e["label"], f"{n!r} names two entities"
    known = set(labels)
    for r in relations(gold):
        assert {*as_list(r["s"])} <= known, r
        if r["p"] != "targetsIndustry":  # objects are industry concepts, not listed entities
            assert {*as_list(r["o"])} <= known, r
    for d in gold.get("designations", []):
        assert {*as_list(d["holder"])} <= known, d
        assert d.get("grantedBy", labels[0]) in known, d
        assert d.get("level", "National") in LEVELS, d
    for o in gold.get("observations", []):
        assert o.get("subject", labels[0]) in known, o
        assert o.get("qualifier", "Exactly") in QUALIFIERS, o
    for a in gold.get("amounts", []):
        assert a["entity"] in known, a


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_every_gold_name_is_in_the_sample(gold_path: Path):
    gold = load(gold_path)
    text = norm(sample_text(gold))
    for e in gold["entities"]:
        names = [e["label"], *e.get("aliases", [])]
        assert any(norm(n) in text for n in names), f"none of {names} occurs in {gold['document']['file']}"
    for d in gold.get("designations", []):
        assert norm(d["title"]) in text, d["title"]
    assert norm(gold["document"]["title"]) in text
    assert norm(gold["document"]["publisher"]) in text


def perfect_graph(gold: dict) -> Graph:
    """A graph holding exactly what the gold file lists, the way the data model writes it."""
    g = Graph()
    iri = {}
    for i, e in enumerate(gold["entities"]):
        node = iri[e["label"]] = GOLD[f"e{i}"]
        g.add((node, RDF.type, ECO[e["types"][0]]))
        g.add((node, RDFS.label, Literal(e["label"], lang="zh")))
        g.add((node, ECO.mentionedIn, GOLD.doc))
    for i, r in enumerate(relations(gold)):
        o = as_list(r["o"])[0]
        if o not in iri:
            iri[o] = GOLD[f"industry{i}"]
            g.add((iri[o], RDF.type, ECO.Industry))
            g.add((iri[o], RDFS.label, Literal(o, lang="zh")))
        g.add((iri[as_list(r["s"])[0]], ECO[r["p"]], iri[o]))
    for i, d in enumerate(gold.get("designations", [])):
        node = GOLD[f"d{i}"]
        g.add((iri[as_list(d["holder"])[0]], ECO.hasDesignation, node))
        g.add((node, RDF.type, ECO.Designation))
        g.add((node, ECO.title, Literal(d["title"], lang="zh")))
        if "level" in d:
            g.add((node, ECO.level, ECO[d["level"]]))
    for i, o in enumerate(gold.get("observations", [])):
        node = GOLD[f"o{i}"]
        g.add((node, RDF.type, ECO.Observation))
        g.add((node, ECO.value, Literal(str(o["value"]), datatype=XSD.decimal)))
        g.add((node, ECO.unit, Literal(o["unit"])))
        g.add((node, ECO.qualifier, ECO[o.get("qualifier", "Exactly")]))
        if "subject" in o:
            g.add((node, ECO.observedEntity, iri[o["subject"]]))
        for key in ("periodStart", "periodEnd"):
            if key in o:
                g.add((node, ECO[key], Literal(str(o[key]), datatype=XSD.date)))
    for a in gold.get("amounts", []):
        g.add((iri[a["entity"]], ECO.amount, Literal(str(a["amount"]), datatype=XSD.decimal)))
        g.add((iri[a["entity"]], ECO.unit, Literal(a["unit"])))
    doc = gold["document"]
    g.add((GOLD.doc, RDF.type, ECO.SourceDocument))
    g.add((GOLD.doc, DCTERMS.title, Literal(doc["title"], lang="zh")))
    g.add((GOLD.doc, DCTERMS.publisher, Literal(doc["publisher"], lang="zh")))
    g.add((GOLD.doc, DCTERMS.issued, Literal(doc["issued"].isoformat(), datatype=XSD.dateTime)))
    return g


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_a_graph_holding_the_gold_scores_full_marks(gold_path: Path, tmp_path: Path):
    if not SCORER.is_file():
        pytest.skip(f"shared scorer not found at {SCORER} (../shared is absent)")
    ontology = Path(str(ontology_file()))
    if not ontology.is_file():
        pytest.skip(f"ontology not found at {ontology}")
    kg = tmp_path / "perfect.ttl"
    perfect_graph(load(gold_path)).serialize(kg, format="turtle")
    done = subprocess.run([sys.executable, str(SCORER), str(gold_path), str(kg), "--ontology", str(ontology),
                           "--json"], capture_output=True, text=True, check=True)
    report = json.loads(done.stdout[: done.stdout.rindex("}") + 1])
    ents = report["entities"]
    assert (ents["recall"], ents["precision"], ents["duplicates"], ents["unmatched"]) == (1.0, 1.0, [], [])
    for key in ("relations", "designations", "observations", "amounts"):
        assert report[key]["recall"] == 1.0, (key, report[key]["missed"])
    assert report["observations"]["full"] == 1.0
    assert report["document"] == {"documents": 1, "title": True, "publisher": True, "issued": True}


@pytest.mark.parametrize("sample", sorted((REPO / "samples").glob("*-brief.*")), ids=lambda p: p.name)
def test_samples_do_not_reuse_the_corpus_article_wording(sample: Path):
    """The samples restate facts in their own words: no run of 20+ characters is shared with
    the copyrighted corpus article (names and boilerplate are shorter)."""
    if not CORPUS_ARTICLE.is_file():
        pytest.skip(f"shared corpus article not found at {CORPUS_ARTICLE} (../shared is absent)")
    corpus = CORPUS_ARTICLE.read_text(encoding="utf-8")
    text = sample.read_text(encoding="utf-8")
    window = 20
    shared = [text[i:i + window] for i in range(len(text) - window + 1) if text[i:i + window] in corpus]
    assert shared == []
