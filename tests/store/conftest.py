"""Hand-made extractions of invented articles that share entities under different names.

- ``qd1``: a Qingdao article: 优必选科技 (also 优必选) settles in 青岛人工智能产业园 (also 人工智能产业园).
- ``qd2``: another Qingdao outlet: 优必选 (UBTech) and its robot in the "人工智能产业园".
- ``wh``: a Wuhan article with its own 人工智能产业园 and 光谷软件园, and 优必选 again.
The texts are invented for the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ecokg.graph.builder import doc_graphs
from ecokg.loaders.records import (
    Designation,
    Document,
    Entity,
    Extraction,
    Observation,
    Relation,
    Sentence,
)


def _extraction(doc: Document, sentences: list[str], entities: list[Entity]) -> Extraction:
    text = "".join(sentences)
    doc = replace(doc, text=text)
    sents, pos = [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(i, pos, pos + len(s), s))
        pos += len(s)
    for ent in entities:
        names = [ent.key, *ent.alt_labels]
        ent.sentences = {s.index for s in sents if any(n in s.text for n in names)}
    return Extraction(document=doc, sentences=sents, entities={e.key: e for e in entities})


def qd1(version: int = 1) -> Extraction:
    sentences = ["优必选科技落户青岛人工智能产业园。", "青岛人工智能产业园位于崂山区，营业收入超100亿元。",
                 "优必选科技入选国家级专精特新“小巨人”企业。"]
    if version > 1:
        sentences.append("园区今年新增企业20家。")
    ex = _extraction(
        Document(text="", title="青岛人工智能产业园迎来新企业", publisher="青岛日报", issued="2025-03-01",
                 url="https://news.example.cn/qd/1.html", source_path="qd1.txt", region="青岛市"),
        sentences,
        [Entity("优必选科技", "Company", alt_labels={"优必选"}),
         Entity("青岛人工智能产业园", "IndustrialPark", alt_labels={"人工智能产业园"}),
         Entity("崂山区", "Place"), Entity("青岛市", "Place", source="gazetteer", wikidata="Q170322"),
         Entity("工业和信息化部", "GovernmentBody", alt_labels={"工信部"})],
    )
    ex.relations = [Relation("优必选科技", "locatedIn", "青岛人工智能产业园", 0, rule="落户"),
                    Relation("青岛人工智能产业园", "locatedIn", "崂山区", 1, rule="位于"),
                    Relation("崂山区", "locatedIn", "青岛市", 1, implicit=True, rule="region")]
    ex.designations = [Designation("优必选科技", "国家级专精特新“小巨人”企业", 2, level="National",
                                   granted_by="工业和信息化部", rule="入选")]
    start = sentences[1].index("超100亿元") + len(sentences[0])
    ex.observations = [Observation(Decimal("10000000000"), "CNY", 1, "超100亿元", start, start + 7,
                                   subject="青岛人工智能产业园", qualifier="MoreThan", indicator="营业收入",
                                   period_start=date(2024, 1, 1), period_end=date(2024, 12, 31),
                                   period_label="2024年", rule="figure")]
    return ex


def qd2() -> Extraction:
    ex = _extraction(
        Document(text="", title="优必选发布新款机器人", publisher="半岛网", issued="2025-04-02T09:30:00",
                 url="https://news.example.cn/qd/2.html", source_path="qd2.html", region="青岛市"),
        ["优必选在人工智能产业园发布Walker S机器人。", "青岛市将支持机器人产业发展。"],
        [Entity("优必选", "Organization", en_label="UBTech"), Entity("人工智能产业园", "IndustrialPark"),
         Entity("Walker S", "Robot"), Entity("青岛市", "Place", wikidata="Q170322")],
    )
    ex.relations = [Relation("Walker S", "developedBy", "优必选", 0, rule="发布"),
                    Relation("优必选", "locatedIn", "人工智能产业园", 0, rule="在"),
                    Relation("人工智能产业园", "locatedIn", "青岛市", 0, implicit=True, rule="region")]
    return ex


def wh() -> Extraction:
    ex = _extraction(
        Document(text="", title="武汉人工智能产业园开园", publisher="长江日报", issued="2025-05-05",
                 url="https://news.example.cn/wh/1.html", source_path="wh.md", region="武汉市"),
        ["人工智能产业园在武汉开园，优必选入驻人工智能产业园。", "光谷软件园同日签约。"],
        [Entity("人工智能产业园", "IndustrialPark"), Entity("光谷软件园", "IndustrialPark"),
         Entity("优必选", "Company"), Entity("武汉市", "Place")],
    )
    ex.relations = [Relation("人工智能产业园", "locatedIn", "武汉市", 0, rule="在"),
                    Relation("优必选", "locatedIn", "人工智能产业园", 0, rule="入驻"),
                    Relation("光谷软件园", "locatedIn", "武汉市", 1, implicit=True, rule="region")]
    return ex


ARTICLES: dict[str, Callable[[], Extraction]] = {"qd1": qd1, "qd2": qd2, "wh": wh}


@pytest.fixture
def articles() -> dict[str, Callable[[], Extraction]]:
    return ARTICLES


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


def variant(i: int) -> Extraction:
    """A distinct small article (own file and URL) that mentions 优必选 under another name."""
    ex = _extraction(
        Document(text="", title=f"第{i}篇：机器人企业动态", publisher="测试报", issued="2025-06-01",
                 url=f"https://news.example.cn/v/{i}.html", source_path=f"v{i}.txt", region="青岛市"),
        [f"第{i}期：优必选科技股份有限公司在青岛市设立分公司。"],
        [Entity("优必选科技股份有限公司", "Company", alt_labels={"优必选科技"}), Entity("青岛市", "Place")],
    )
    ex.relations = [Relation("优必选科技股份有限公司", "locatedIn", "青岛市", 0, rule="设立")]
    return ex


def build_store(path: Path, names: list[str]) -> Path:
    """A store holding the named articles (``qd1``, ``qd2``, ``wh``), ingested one call each."""
    from ecokg.graph.store import EcoStore

    with EcoStore.open(path, create=True) as store:
        for name in names:
            store.ingest(doc_graphs([ARTICLES[name]()]))
    return path


@pytest.fixture
def make_store() -> Callable[[Path, list[str]], Path]:
    return build_store
