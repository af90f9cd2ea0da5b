"""What graph/builder.py writes conforms to the shapes, the data checks and the OWL axioms.

This guards the data model (docs/data-model.md) against the ontology: a change on either
side that breaks the other fails here.
"""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Literal

from ecokg.graph.builder import GraphBuilder, union_graph
from ecokg.graph.checker import check, load_ontology, run_data_checks, run_shacl
from ecokg.graph.namespaces import ECO, RDFS
from ecokg.loaders.records import (
    Designation,
    Document,
    Entity,
    EntitySpan,
    Extraction,
    Observation,
    Relation,
    Sentence,
)

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="no Java runtime (HermiT needs one)")

# Invented prose in the genre (not from any article): sentences separated by newlines too.
SENTENCES = [
    "甲市人工智能产业园位于甲市高新区。",
    "\n甲科技公司推出甲大模型，并在乙工厂上岗。",
    "甲市发布《甲市人工智能产业行动方案（2025—2027年）》。",
    "设立规模10亿元的甲市人工智能产业基金，每年安排算力券最高500万元。",
    "今年前三季度，全市人工智能产业营业收入超300亿元，同比增长12.5%。",
    "甲科技公司入选工业和信息化部首批国家级试点企业名单。",
]


def _extraction(amount_sentence: int | None = None) -> Extraction:
    text, sentences = "", []
    for i, s in enumerate(SENTENCES):
        sentences.append(Sentence(i, len(text), len(text) + len(s), s))
        text += s
    doc = Document(text=text, title="甲市人工智能产业发展情况", publisher="甲市融媒体中心",
                   issued="2025-12-11T09:30:00", authors=["张三"], url="http://127.0.0.1/article/1.html",
                   source_path="/tmp/articles/1.txt", region="甲市")
    ents = {
        "甲市": Entity("甲市", "Place", sentences={0, 2, 4}, en_label="Jia City", wikidata="Q1"),
        "甲市高新区": Entity("甲市高新区", "Place", sentences={0}),
        "甲市人工智能产业园": Entity("甲市人工智能产业园", "IndustrialPark", alt_labels={"人工智能产业园"},
                                     sentences={0}, level="Municipal"),
        "甲科技公司": Entity("甲科技公司", "Company", alt_labels={"甲科技", "Jia Tech"}, sentences={1, 5}),
        "甲大模型": Entity("甲大模型", "AIModel", sentences={1}),
        "乙工厂": Entity("乙工厂", "Venue", sentences={1}),
        "甲市人工智能产业行动方案（2025—2027年）": Entity(
            "甲市人工智能产业行动方案（2025—2027年）", "PolicyDocument", sentences={2},
            period_start=date(2025, 1, 1), period_end=date(2027, 12, 31), period_label="2025—2027年"),
        "甲市人民政府": Entity("甲市人民政府", "GovernmentBody", sentences={2}),
        "甲市人工智能产业基金": Entity("甲市人工智能产业基金", "Fund", sentences={3},
                             amount=Decimal("1000000000"),
                                       unit="CNY", amount_sentence=amount_sentence),
        "算力券": Entity("算力券", "Subsidy", sentences={3}, amount=Decimal("5000000"), unit="CNY",
                      per_year=True),
        "工业和信息化部": Entity("工业和信息化部", "GovernmentBody", alt_labels={"工信部"}, sentences={5}),
    }
    return Extraction(
        document=doc, sentences=sentences, entities=ents,
        spans=[EntitySpan("甲市", "Place", 0, 2, "甲市")],
        relations=[
            Relation("甲市人工智能产业园", "locatedIn", "甲市高新区", 0, rule="located"),
            Relation("甲市高新区", "locatedIn", "甲市", 0, implicit=True, rule="region"),
            Relation("甲大模型", "developedBy", "甲科技公司", 1, rule="develop"),
            Relation("甲大模型", "deployedAt", "乙工厂", 1, rule="deploy"),
            Relation("甲市人工智能产业行动方案（2025—2027年）", "issuedBy", "甲市人民政府", 2, implicit=True),
            Relation("甲市人工智能产业行动方案（2025—2027年）", "targetsIndustry", "人工智能", 2),
            Relation("甲市人工智能产业基金", "supports", "甲科技公司", 3),
        ],
        designations=[Designation("甲科技公司", "国家级试点企业", 5, level="National", batch="首批",
                                  granted_by="工业和信息化部", rule="selected")],
        observations=[
            Observation(Decimal("30000000000"), "CNY", 4, "超300亿元", 0, 0, subject="甲市",
                        qualifier="MoreThan", period_start=date(2025, 1, 1), period_end=date(2025, 9, 30),
                        period_label="今年前三季度", indicator="营业收入", implicit=True, rule="figure"),
            Observation(Decimal("12.5"), "percent", 4, "12.5%", 1, 1, subject="甲市", indicator="同比增长"),
            Observation(Decimal("3"), "count", 4, "3", 2, 2, indicator="新指标"),
        ],
        industries={"人工智能": {2, 4}},
    )


def _dataset(amount_sentence: int | None = None) -> Dataset:
    return GraphBuilder().build([_extraction(amount_sentence)])


def test_builder_graph_passes_shapes_and_data_checks() -> None:
    data = union_graph(_dataset()) + load_ontology()
    assert run_shacl(data) == []
    assert run_data_checks(data) == []


def test_shapes_catch_broken_builder_output() -> None:
    """The same graph with offsets swapped and a second Chinese label fails (the test can fail)."""
    g = union_graph(_dataset())
    mention = next(g.subjects(ECO.start, Literal(0)))
    g.set((mention, ECO.start, Literal(10 ** 6)))
    company = next(s for s in g.subjects(RDFS.label, Literal("甲科技公司", lang="zh")))
    g.add((company, RDFS.label, Literal("甲科技股份有限公司", lang="zh")))
    data = g + load_ontology()
    shapes = {v.shape for v in run_shacl(data)}
    assert {"ecosh:MentionStartShape", "ecosh:EntityZhLabelShape", "ecosh:EntityUniqueLangShape"} <= shapes
    assert {v.shape for v in run_data_checks(data)} == {"mention-offsets"}


def test_builder_asserts_reified_amounts() -> None:
    """A reified amount is also asserted (the reified-statement data check)."""
    data = union_graph(_dataset(amount_sentence=3)) + load_ontology()
    assert run_data_checks(data) == []


@pytest.mark.java
@needs_java
def test_builder_graph_is_consistent_with_the_ontology(tmp_path: Path) -> None:
    path = tmp_path / "kg.trig"
    _dataset().serialize(path, format="trig")
    report = check([path])
    assert report.shacl_ran and report.reasoner_ran
    assert report.consistent is True, report.inconsistent
    assert report.conforms, report.to_dict()
    assert report.triples > 150
