"""Generality of extraction: articles of the genre written for these tests (not shipped as
samples; see README.md), each built with ``ecokg build`` and scored against its gold file with
the shared scorer. The ``heldout-*`` articles were written without looking at the extraction
rules, so they measure how the rules carry over to unseen text. Only loose floors are asserted; the score line is printed (``pytest -s``).

Measures that an article is known to miss are listed in KNOWN_BELOW_FLOOR with what the rules
miss. Such an article's test ends as XFAIL while the measure stays below its floor, and FAILS as
soon as the measure reaches the floor, so that the entry is removed and the floor then holds.
"""  # noqa: E501 (docstring kept identical)

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
GOLD_FILES = sorted(HERE.glob("*.gold.yaml"))
# Batches of first-look articles (batchN/), scored pooled per batch (see LEDGER.md).
BATCH_GOLD_FILES = sorted(HERE.glob("batch*/*.gold.yaml"))
ALL_GOLD_FILES = GOLD_FILES + BATCH_GOLD_FILES
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
CORPUS_ARTICLE = SHARED / "corpus" / "qingdao-ai-2025-12-11.txt"
ONTOLOGY = REPO / "ontology" / "ecokg.ttl"
QUOTES = "“”‘’\"'「」『』《》〈〉【】"
ARTICLES = sorted(p for p in HERE.iterdir()
                  if p.suffix in {".txt", ".md", ".html"} and p.name not in ("README.md", "LEDGER.md"))

FLOORS = {"entities": 0.9, "relations": 0.6, "observations": 0.9}

# (article stem, measure) -> what the rules miss there (see README.md for the full list).
# The heldout-* articles were written without looking at the rules; their entries are the
# first-look gaps (README.md, "Held-out articles").
KNOWN_BELOW_FLOOR: dict[tuple[str, str], str] = {
    ("heldout-chengdu-fund-qa", "entities"):
        "《办法》 and 市级财政每年安排…专项资金 are second nodes; 锦江区 / 蓉芯智元 partly missed",
    # Held-out set 2 (heldout2-*): first-look gaps, see README.md "Held-out set 2".
    ("heldout2-guiyang-computing", "entities"):
        "X运营的Y / A与B、C签订 companies (筑城数联, 贵州电网); 召开…建设调度会 event; 贵安新区",
    ("heldout2-guiyang-computing", "relations"):
        "召开调度会 (organizedBy, locatedIn); 集群内 anaphora; X运营的Y; "
        "签订绿电直供协议 (suppliesTo); 牵头建设了X平台",
    ("heldout2-shenzhen-lowaltitude", "relations"):
        "区内的X研发的“Y”; 由X负责建设运营的Y; 还将联合A、B等企业组建Z (0 of 3 establishedBy)",
}


def norm(text: str) -> str:
    """The scorer's name normalization (width, quotes, spaces, case)."""
    t = unicodedata.normalize("NFKC", str(text)).lower()
    return "".join(ch for ch in t if ch not in QUOTES and not ch.isspace()).replace("·", "")


def as_list(x: object) -> list:
    return x if isinstance(x, list) else [x]


def read_article(path: Path) -> str:
    """An article's text: UTF-8, or GB18030 for the articles written in that encoding."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def load(gold_path: Path) -> dict:
    return yaml.safe_load(gold_path.read_text(encoding="utf-8"))


def article_of(gold: dict) -> Path:
    return REPO / gold["document"]["file"]


def stem(gold_path: Path) -> str:
    return gold_path.name.removesuffix(".gold.yaml")


def test_there_are_five_articles_each_with_a_gold_file():
    assert len(ARTICLES) >= 5
    assert [p.stem for p in ARTICLES] == sorted(stem(p) for p in GOLD_FILES)
    assert {p.suffix for p in ARTICLES} == {".txt", ".md", ".html"}, "every reader format is exercised"


@pytest.mark.parametrize("gold_path", ALL_GOLD_FILES, ids=stem)
def test_gold_is_consistent_with_its_article(gold_path: Path):
    gold = load(gold_path)
    article = article_of(gold)
    assert article.is_file(), article
    text = norm(read_article(article))
    labels = [e["label"] for e in gold["entities"]]
    assert len(labels) == len(set(labels)), "an entity is listed twice"
    names: dict[str, str] = {}
    for e in gold["entities"]:
        assert e["types"], e["label"]
        all_names = [e["label"], *e.get("aliases", [])]
        assert any(norm(n) in text for n in all_names), f"none of {all_names} occurs in {article.name}"
        for n in all_names:
            assert names.setdefault(norm(n), e["label"]) == e["label"], f"{n!r} names two entities"
    known = set(labels)
    for r in gold.get("relations", []):
        r = r if isinstance(r, dict) else {"s": r[0], "p": r[1], "o": r[2]}
        assert set(as_list(r["s"])) <= known, r
        if r["p"] != "targetsIndustry":
            assert set(as_list(r["o"])) <= known, r
    for d in gold.get("designations") or []:
        assert set(as_list(d["holder"])) <= known, d
        assert norm(d["title"]) in text, d["title"]
        assert d.get("grantedBy", labels[0]) in known, d
    for o in gold.get("observations") or []:
        assert o.get("subject", labels[0]) in known, o
    for a in gold.get("amounts") or []:
        assert a["entity"] in known, a
    assert norm(gold["document"]["title"]) in text
    if gold["document"].get("publisher"):  # a digest may name no outlet
        assert norm(gold["document"]["publisher"]) in text


@pytest.mark.parametrize("gold_path", ALL_GOLD_FILES, ids=stem)
def test_articles_do_not_reuse_the_corpus_article_wording(gold_path: Path):
    if not CORPUS_ARTICLE.is_file():
        pytest.skip(f"shared corpus article not found at {CORPUS_ARTICLE} (../shared is absent)")
    corpus = CORPUS_ARTICLE.read_text(encoding="utf-8")
    text = read_article(article_of(load(gold_path)))
    window = 20
    shared = [text[i:i + window] for i in range(len(text) - window + 1) if text[i:i + window] in corpus]
    assert shared == []


def score(gold: Path, kg: Path) -> tuple[dict, str]:
    proc = subprocess.run([sys.executable, str(SCORER), str(gold), str(kg),
                           "--ontology", str(ONTOLOGY), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    return json.loads(out[: out.rindex("}") + 1]), out[out.rindex("score:"):].strip()


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=stem)
def test_article_meets_loose_floors(gold_path: Path, cli, tmp_path: Path):
    if not SCORER.is_file():
        pytest.skip(f"shared scorer not found at {SCORER} (../shared is absent)")
    gold = load(gold_path)
    kg = tmp_path / "kg.ttl"
    proc = cli("build", str(article_of(gold)), "-o", str(kg), "-q", env={"ECOKG_STORE": ""})
    assert proc.returncode == 0, proc.stderr
    report, line = score(gold_path, kg)
    print(f"\n{stem(gold_path)}: {line}")
    assert report["document"]["documents"] == 1
    known: list[str] = []
    for measure, floor in FLOORS.items():
        value = report[measure]["recall"]
        gap = KNOWN_BELOW_FLOOR.get((stem(gold_path), measure))
        if gap is None:
            assert value >= floor, (measure, value, report[measure]["missed"])
        elif value >= floor:
            pytest.fail(f"{measure} recall {value:.2f} now meets the floor {floor}: remove "
                        f"{(stem(gold_path), measure)} from KNOWN_BELOW_FLOOR")
        else:
            known.append(f"{measure} R={value:.2f} < {floor}: {gap}")
    if known:
        pytest.xfail("; ".join(known))
