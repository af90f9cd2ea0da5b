"""ontology/ecokg.ttl implements every term of the public contract ../shared/spec/ONTOLOGY.md."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from ecokg.graph.namespaces import ECO, OWL, PREFIXES, RDF, RDFS, SKOS, XSD
from ecokg.resources import ontology_file

SHARED = Path(os.environ.get("ECOKG_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
SPEC = SHARED / "spec" / "ONTOLOGY.md"
_TERM = re.compile(r"`([A-Za-z]+:)?([A-Za-z][A-Za-z0-9]*)`")


@pytest.fixture(scope="module")
def onto() -> Graph:
    g = Graph()
    with ontology_file("ecokg.ttl").open("rb") as fh:
        g.parse(fh, format="turtle")
    return g


def _table(heading: str) -> list[list[str]]:
    """The body rows of the first table under a ``## heading`` of the spec, as cells."""
    if not SPEC.is_file():
        pytest.skip(f"contract not found at {SPEC} (../shared is absent)")
    text = SPEC.read_text(encoding="utf-8")
    section = text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    rows = [ln for ln in section.splitlines() if ln.startswith("|")]
    cells = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in rows]
    return [c for c in cells[2:] if c and c[0]]  # drop the header and the --- line


def _iri(prefix: str | None, local: str) -> URIRef:
    return ECO[local] if not prefix or prefix == "eco:" else URIRef(str(PREFIXES[prefix[:-1]]) + local)


def _terms(cell: str) -> list[URIRef]:
    return [_iri(p, n) for p, n in _TERM.findall(cell)]


def _names(cell: str) -> set[URIRef]:
    """The classes named on one side of ``from → to`` ("anything" is no class)."""
    return set(_terms(cell))


def _members(g: Graph, expr: URIRef | BNode | None) -> set[URIRef]:
    if expr is None:
        return set()
    if isinstance(expr, URIRef):
        return {expr}
    union = g.value(expr, OWL.unionOf)
    assert union is not None, f"{expr} is neither a class nor a union"
    return {m for m in Collection(g, union) if isinstance(m, URIRef)}


def _assert_documented(g: Graph, term: URIRef) -> None:
    langs = {lit.language for lit in g.objects(term, RDFS.label) if isinstance(lit, Literal)}
    assert {"zh", "en"} <= langs, f"{term} needs rdfs:label @zh and @en, has {langs}"
    definitions = list(g.objects(term, SKOS.definition)) + list(g.objects(term, RDFS.comment))
    assert definitions, f"{term} needs a skos:definition"


def test_classes_with_alignments(onto: Graph) -> None:
    rows = _table("Classes")
    assert len(rows) >= 26
    for name_cell, supers_cell, *_ in rows:
        (cls,) = _terms(name_cell)
        assert (cls, RDF.type, OWL.Class) in onto, f"{cls} is not an owl:Class"
        _assert_documented(onto, cls)
        for sup in _terms(supers_cell):
            assert (cls, RDFS.subClassOf, sup) in onto, f"{cls} must be rdfs:subClassOf {sup}"


def test_top_classes_pairwise_disjoint(onto: Graph) -> None:
    wanted = {ECO[n] for n in ("Organization", "Person", "Place", "Policy", "Product", "Event")}
    for node in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        if wanted <= set(Collection(onto, onto.value(node, OWL.members))):
            return
    pytest.fail("no owl:AllDisjointClasses covers Organization, Person, Place, Policy, Product, Event")


def test_object_properties_with_domains_and_ranges(onto: Graph) -> None:
    rows = _table("Object properties")
    assert len(rows) >= 21
    for name_cell, from_to, *_ in rows:
        (prop,) = _terms(name_cell)
        assert (prop, RDF.type, OWL.ObjectProperty) in onto, f"{prop} is not an owl:ObjectProperty"
        _assert_documented(onto, prop)
        if "→" in from_to:
            left, right = from_to.split("→", 1)
            assert _members(onto, onto.value(prop, RDFS.domain)) == _names(left), f"domain of {prop}"
            assert _members(onto, onto.value(prop, RDFS.range)) == _names(right), f"range of {prop}"
    assert (ECO.locatedIn, RDF.type, OWL.TransitiveProperty) in onto
    assert (ECO.partOf, RDFS.subPropertyOf, URIRef(str(PREFIXES["org"]) + "subOrganizationOf")) in onto
    inverse = {(a, b) for a, b in onto.subject_objects(OWL.inverseOf)}
    assert (ECO.develops, ECO.developedBy) in inverse or (ECO.developedBy, ECO.develops) in inverse


def test_datatype_properties_and_individuals(onto: Graph) -> None:
    rows = _table("Datatype properties")
    seen_individuals = 0
    for name_cell, on_cell, range_cell, *_ in rows:
        for prop in _terms(name_cell):
            _assert_documented(onto, prop)
            expected = OWL.ObjectProperty if prop in (ECO.level, ECO.qualifier) else OWL.DatatypeProperty
            assert (prop, RDF.type, expected) in onto, f"{prop} should be a {expected}"
            assert _members(onto, onto.value(prop, RDFS.domain)) == _names(on_cell), f"domain of {prop}"
            first = _terms(range_cell)[:1]
            if first and str(first[0]).startswith(str(XSD)):
                assert (prop, RDFS.range, first[0]) in onto, f"range of {prop} should be {first[0]}"
        if _terms(name_cell) in ([ECO.level], [ECO.qualifier]):
            kind = ECO.Level if _terms(name_cell) == [ECO.level] else ECO.Qualifier
            for ind in _terms(range_cell):
                assert (ind, RDF.type, kind) in onto, f"{ind} should be a {kind}"
                _assert_documented(onto, ind)
                seen_individuals += 1
    assert seen_individuals == 8
    assert (ECO.sha256, RDF.type, OWL.DatatypeProperty) in onto


def test_ontology_header(onto: Graph) -> None:
    from ecokg.graph.namespaces import DCTERMS, ONTOLOGY_IRI

    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert str(onto.value(ONTOLOGY_IRI, OWL.versionInfo)) == "0.1.0"
    for prop in (OWL.versionIRI, DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.created,
                 RDFS.label):
        assert onto.value(ONTOLOGY_IRI, prop) is not None, f"ontology header lacks {prop}"


def test_every_eco_term_is_documented(onto: Graph) -> None:
    """Extensions too: every class and property the ontology defines has labels and a definition."""
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = {s for k in kinds for s in onto.subjects(RDF.type, k) if str(s).startswith(str(ECO))}
    assert {ECO.inferred, ECO.extractionRule, ECO.content, ECO.fileName} <= terms
    for term in terms:
        _assert_documented(onto, term)


def test_indicator_scheme(onto: Graph) -> None:
    from ecokg.graph.builder import known_indicators

    assert (ECO.Indicator, RDF.type, SKOS.ConceptScheme) in onto
    concepts = set(onto.subjects(SKOS.inScheme, ECO.Indicator))
    assert len(concepts) >= 28
    labels: dict[str, URIRef] = {}
    for c in concepts:
        assert isinstance(c, URIRef) and str(c).startswith(str(ECO))
        assert (c, RDF.type, SKOS.Concept) in onto
        prefs = {lit.language for lit in onto.objects(c, SKOS.prefLabel)}
        assert {"zh", "en"} <= prefs, f"{c} needs skos:prefLabel @zh and @en"
        for p in (SKOS.prefLabel, SKOS.altLabel):
            for lit in onto.objects(c, p):
                assert labels.setdefault(str(lit), c) == c, f"label {lit} names two concepts"
    known = known_indicators()
    for label, alt in (("营业收入", "营收"), ("同比增长", "增长率"), ("企业数量", "重点企业数量"),
                       ("排名", "位次"), ("覆盖率", "数字化转型覆盖率"), ("产品数量", "大模型产品数量"),
                       ("面积", "占地面积"), ("规模", "基金规模"), ("年数", "连续年数")):
        assert known[label] == known[alt], f"{alt} should be an altLabel of the concept of {label}"
    for label in ("5G基站数量", "标准机架数量", "时延降低", "备案数量", "入选数量", "场景数量",
                  "解决方案数量", "合作意向数量", "智能体数量", "案例数量", "市场份额", "投资额", "产值",
                  "增加值", "算力规模", "项目数量", "人才数量", "专利数量"):
        assert label in known, f"no indicator concept for {label}"
