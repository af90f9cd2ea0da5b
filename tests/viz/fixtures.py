"""Graphs for the view tests, made with the real builder from hand-written records.

The sentences are written here for the tests (a made-up city); none comes from the corpus.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef

from ecokg.graph.builder import GraphBuilder, union_graph
from ecokg.graph.namespaces import ECO, RDF, RDFS, SKOS
from ecokg.loaders.records import (
    Designation,
    Document,
    Entity,
    Extraction,
    Observation,
    Relation,
    Sentence,
)

XSS = '<img src=x onerror="window.__xss=1">'
SCRIPT_XSS = "</script><script>window.__xss=1</script>"
NASTY = [
    XSS,
    SCRIPT_XSS,
    '"href" <a href="javascript:window.__xss=1">点我</a>',
    "引号'\"\\反斜杠}{{TITLE}}\n换行\u2028行分隔\u2029段分隔<!--",
    "<svg onload=window.__xss=1>",
]


def _document(sentences: list[str], **meta: str) -> tuple[Document, list[Sentence]]:
    text = ""
    out = []
    for i, s in enumerate(sentences):
        start = len(text)
        text += s
        out.append(Sentence(i, start, len(text), s))
    return Document(text=text, media_type="text/plain", **meta), out


def sample_extraction() -> Extraction:
    """A small article-like extraction: park, companies, policy, fund, model, robot, figures."""
    sentences = [
        "示例市人工智能产业去年营业收入超120亿元，同比增长18.5%。",
        "示例软件园位于示例市崂西区，园区汇聚了优必选、星河智能等企业。",
        "优必选推出人形机器人Walker S，已进入星河汽车工厂实训。",
        "星河智能发布天枢大模型，并向优必选供应关节模组。",
        "示例市工业和信息化局印发《示例市人工智能行动方案》，设立50亿元人工智能产业基金。",
        "示例人工智能创新中心入选首批国家级制造业创新中心，由工业和信息化部认定。",
        "示例市工业和信息化局牵头举办示例人工智能大会。",
    ]
    doc, sents = _document(sentences, title="示例市人工智能产业快讯", publisher="示例日报",
                           issued="2025-06-30T09:00:00", url="https://example.org/news/1",
                           source_path="sample.txt", region="示例市")
    e = {
        "示例市": Entity("示例市", "Place", sentences={0, 1, 4}, en_label="Shili City"),
        "崂西区": Entity("崂西区", "Place", sentences={1}),
        "示例软件园": Entity("示例软件园", "IndustrialPark", sentences={1}, level="Municipal"),
        "优必选": Entity("优必选", "Company", alt_labels={"UBTech", "优必选科技"}, en_label="UBTECH Robotics",
                      sentences={1, 2, 3}),
        "星河智能": Entity("星河智能", "Company", sentences={1, 3}),
        "星河汽车": Entity("星河汽车", "Company", sentences={2}),
        "Walker S": Entity("Walker S", "Robot", sentences={2}),
        "天枢大模型": Entity("天枢大模型", "AIModel", sentences={3}),
        "示例市工业和信息化局": Entity("示例市工业和信息化局", "GovernmentBody", sentences={4, 6},
                               alt_labels={"市工信局"}),
        "示例市人工智能行动方案": Entity("示例市人工智能行动方案", "PolicyDocument", sentences={4},
                                period_start=date(2025, 1, 1), period_end=date(2027, 12, 31)),
        "人工智能产业基金": Entity("人工智能产业基金", "Fund", sentences={4}, amount=Decimal("5000000000"),
                            unit="CNY", amount_sentence=4),
        "示例人工智能创新中心": Entity("示例人工智能创新中心", "InnovationCenter", sentences={5}),
        "工业和信息化部": Entity("工业和信息化部", "GovernmentBody", sentences={5}, alt_labels={"工信部"}),
        "示例人工智能大会": Entity("示例人工智能大会", "Event", sentences={6}),
    }
    relations = [
        Relation("示例软件园", "locatedIn", "崂西区", 1),
        Relation("崂西区", "locatedIn", "示例市", 1),
        Relation("优必选", "locatedIn", "示例软件园", 1),
        Relation("星河智能", "locatedIn", "示例软件园", 1),
        Relation("Walker S", "developedBy", "优必选", 2),
        Relation("Walker S", "deployedAt", "星河汽车", 2),
        Relation("天枢大模型", "developedBy", "星河智能", 3),
        Relation("星河智能", "suppliesTo", "优必选", 3),
        Relation("示例市人工智能行动方案", "issuedBy", "示例市工业和信息化局", 4),
        Relation("人工智能产业基金", "establishedBy", "示例市工业和信息化局", 4, implicit=True),
        Relation("示例人工智能大会", "organizedBy", "示例市工业和信息化局", 6),
        Relation("示例市人工智能行动方案", "targetsIndustry", "人工智能", 4),
    ]
    designations = [Designation("示例人工智能创新中心", "国家级制造业创新中心", 5, level="National",
                                batch="首批", granted_by="工业和信息化部")]
    t0 = sentences[0]
    observations = [
        Observation(Decimal("12000000000"), "CNY", 0, "超120亿元", t0.index("超"), t0.index("元") + 1,
                    subject="示例市", qualifier="MoreThan", period_start=date(2024, 1, 1),
                    period_end=date(2024, 12, 31), period_label="去年", indicator="营业收入", implicit=True),
        Observation(Decimal("18.5"), "percent", 0, "18.5%", t0.index("18"), t0.index("%") + 1,
                    subject="示例市", period_label="去年", indicator="同比增长"),
    ]
    return Extraction(document=doc, sentences=sents, entities=e, relations=relations,
                      designations=designations, observations=observations,
                      industries={"人工智能": {0, 4}})


def malicious_extraction() -> Extraction:
    """Names, aliases, titles and sentences that try to run script in the page."""
    sentences = [f"{name}位于恶意园区。" for name in NASTY] + [f"文档标题{XSS}。"]
    doc, sents = _document(sentences, title=f"{SCRIPT_XSS}{XSS}", publisher=XSS, issued="2025-01-01",
                           source_path="evil.txt")
    ents = {"恶意园区": Entity("恶意园区", "IndustrialPark", sentences=set(range(len(NASTY))),
                           alt_labels={XSS, SCRIPT_XSS})}
    rels = []
    for i, name in enumerate(NASTY):
        ents[name] = Entity(name, "Company", sentences={i}, alt_labels={NASTY[(i + 1) % len(NASTY)]},
                            en_label=NASTY[(i + 2) % len(NASTY)])
        rels.append(Relation(name, "locatedIn", "恶意园区", i))
    obs = [Observation(Decimal("1"), XSS, len(NASTY), XSS, 0, 1, subject=NASTY[0], period_label=SCRIPT_XSS)]
    des = [Designation(NASTY[1], SCRIPT_XSS, 0, batch=XSS, granted_by=NASTY[2])]
    return Extraction(document=doc, sentences=sents, entities=ents, relations=rels, observations=obs,
                      designations=des)


def dataset(*extractions: Extraction) -> Dataset:
    return GraphBuilder().build(extractions)


def sample_graph() -> Graph:
    return union_graph(dataset(sample_extraction()))


def malicious_graph() -> Graph:
    return union_graph(dataset(malicious_extraction()))


def generated_graph(n: int, *, parks: int = 0, seed: int = 7) -> Graph:
    """``n`` companies in a random sparse graph (about 1.5 edges per node), for size tests."""
    import random

    rng = random.Random(seed)
    g = Graph()
    base = "https://w3id.org/ecokg/id/"
    nodes = [URIRef(f"{base}org/company-{i}") for i in range(n)]
    for i, node in enumerate(nodes):
        g.add((node, RDF.type, ECO.Company))
        g.add((node, RDFS.label, Literal(f"企业{i}", lang="zh")))
        g.add((node, SKOS.altLabel, Literal(f"Company {i}", lang="en")))
    for i in range(1, n):
        g.add((nodes[i], ECO.suppliesTo, nodes[rng.randrange(i)]))
        if rng.random() < 0.5:
            g.add((nodes[i], ECO.partOf, nodes[rng.randrange(n)]))
    for k in range(parks):
        park = URIRef(f"{base}place/park-{k}")
        g.add((park, RDF.type, ECO.IndustrialPark))
        g.add((park, RDFS.label, Literal(f"园区{k}", lang="zh")))
        for i in range(k, n, parks):
            g.add((nodes[i], ECO.locatedIn, park))
    return g


def wait_until(page: Any, js: str, timeout_ms: int = 30_000) -> None:
    """Poll ``js`` in the page from Python until it is truthy. Playwright's ``wait_for_function``
    evaluates its predicate with ``eval`` inside the page when it has to poll, which the pages'
    Content-Security-Policy (no 'unsafe-eval') forbids: the wait then failed whenever the page was
    not ready at the first look."""
    import time

    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(js):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the page never made {js!r} true in {timeout_ms} ms")
        page.wait_for_timeout(100)

