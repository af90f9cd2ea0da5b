"""ontology/shapes.ttl: every shape is documented, and each constraint catches what it should."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from ecokg.graph.checker import load_ontology, run_shacl
from ecokg.graph.namespaces import RDF, RDFS, SH
from ecokg.resources import ontology_file

PREFIXES = """
@prefix eco: <https://w3id.org/ecokg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix ex: <http://example.org/> .
"""


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def _shapes_hit(ontology: Graph, turtle: str) -> set[str]:
    data = Graph().parse(data=PREFIXES + turtle, format="turtle")
    return {v.shape for v in run_shacl(data + ontology)}


def test_every_shape_has_label_and_message() -> None:
    g = Graph()
    with ontology_file("shapes.ttl").open("rb") as fh:
        g.parse(fh, format="turtle")
    shapes = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
    assert len(shapes) >= 20
    for shape in shapes:
        assert any(isinstance(x, Literal) and x.language == "en" for x in g.objects(shape, RDFS.label)), shape
        assert g.value(shape, SH.message) is not None, f"{shape} has no sh:message"


@pytest.mark.parametrize(("turtle", "expected"), [
    # an entity of a subclass is targeted through rdfs:subClassOf in the ontology
    ('ex:a a eco:Robot ; rdfs:label "Walker"@en .', {"ecosh:EntityZhLabelShape"}),
    ('ex:a a eco:Committee ; rdfs:label "甲"@zh , "乙"@zh .',
     {"ecosh:EntityZhLabelShape", "ecosh:EntityUniqueLangShape"}),
    ('ex:o a eco:Observation ; eco:value "12"^^xsd:string ; eco:unit "count" ; eco:qualifier eco:Exactly .',
     {"ecosh:ObservationValueShape"}),
    ('ex:o a eco:Observation ; eco:value 1.0 , 2.0 ; eco:unit "count" ; eco:qualifier eco:Exactly .',
     {"ecosh:ObservationValueShape"}),
    ('ex:o a eco:Observation ; eco:value 1.0 ; eco:unit "count" ; eco:qualifier eco:Roughly .',
     {"ecosh:ObservationQualifierShape"}),
    ('ex:o a eco:Observation ; eco:value 1.0 ; eco:unit "count" ; eco:qualifier eco:Exactly ; '
     'eco:periodStart "2025-12-31"^^xsd:date ; eco:periodEnd "2025-01-01"^^xsd:date .',
     {"ecosh:ObservationPeriodShape"}),
    ('ex:p a eco:Fund ; rdfs:label "甲基金"@zh ; eco:periodStart "2027-01-01"^^xsd:date ; '
     'eco:periodEnd "2025-12-31"^^xsd:date ; eco:amount "十亿" .',
     {"ecosh:PolicyPeriodShape", "ecosh:PolicyAmountShape"}),
    ('ex:d a eco:Designation ; eco:level "省级"@zh .',
     {"ecosh:DesignationHolderShape", "ecosh:DesignationTitleShape", "ecosh:LevelValueShape"}),
    ('ex:m a eco:Mention ; eco:text "句"@zh ; eco:start 5 ; eco:end 5 ; eco:inDocument ex:doc .',
     {"ecosh:MentionStartShape", "ecosh:MentionDocumentShape"}),
    ('ex:doc a eco:SourceDocument ; eco:sha256 "ABC" .',
     {"ecosh:SourceDocumentTitleShape", "ecosh:SourceDocumentDigestShape"}),
    ('ex:st a rdf:Statement ; rdf:subject ex:a ; rdf:object ex:b ; prov:wasDerivedFrom ex:nothing .',
     {"ecosh:StatementPartsShape", "ecosh:StatementSourceShape"}),
])
def test_constraint_catches(ontology: Graph, turtle: str, expected: set[str]) -> None:
    assert _shapes_hit(ontology, turtle) == expected


def test_complete_nodes_pass(ontology: Graph) -> None:
    turtle = """
        ex:a a eco:Robot ; rdfs:label "甲机器人"@zh , "Jia"@en .
        ex:o a eco:Observation ; eco:value 15.8 ; eco:unit "percent" ; eco:qualifier eco:Exactly ;
            eco:periodStart "2025-01-01"^^xsd:date ; eco:periodEnd "2025-01-01"^^xsd:date .
        ex:d a eco:Designation ; eco:title "国家级试点"@zh ; eco:level eco:National .
        ex:a eco:hasDesignation ex:d .
        ex:doc a eco:SourceDocument ; dcterms:title "文"@zh ;
            eco:sha256 "626b1601435cf69911f2399e614d33f4558e43698940b084f79dfc34e0b3d2aa" .
        ex:m a eco:Mention ; eco:text "句"@zh ; eco:start 0 ; eco:end 1 ; eco:inDocument ex:doc .
        ex:st a rdf:Statement ; rdf:subject ex:a ; rdf:predicate eco:hasDesignation ; rdf:object ex:d ;
            prov:wasDerivedFrom ex:m .
    """
    assert _shapes_hit(ontology, turtle) == set()
