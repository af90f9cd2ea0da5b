"""The ontology is OWL 2 DL that other tools read: rdflib round-trip, owlready2, HermiT."""

from __future__ import annotations

import io
import shutil

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from ecokg.graph.checker import find_conflicts, load_files, load_ontology, run_hermit
from ecokg.graph.namespaces import ECO

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="no Java runtime (HermiT needs one)")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def test_round_trips_through_rdfxml(onto: Graph) -> None:
    xml = onto.serialize(format="xml")
    back = Graph().parse(data=xml, format="xml")
    assert len(back) == len(onto)
    assert isomorphic(back, onto)


def test_loads_in_owlready2_from_rdfxml(onto: Graph) -> None:
    import owlready2

    world = owlready2.World()
    loaded = world.get_ontology(str(ECO)).load(fileobj=io.BytesIO(onto.serialize(format="xml",
                                                                                 encoding="utf-8")),
                                               format="rdfxml")
    names = {c.name for c in loaded.classes()}
    assert {"Organization", "GovernmentBody", "Observation", "Mention", "Level", "Qualifier"} <= names
    assert world[str(ECO.locatedIn)] is not None
    assert world[str(ECO.National)] is not None
    world.close()


@pytest.mark.java
@needs_java
def test_hermit_finds_the_ontology_consistent(onto: Graph) -> None:
    consistent, unsatisfiable = run_hermit(onto)
    assert consistent
    assert unsatisfiable == []


@pytest.mark.java
@needs_java
def test_hermit_finds_an_unsatisfiable_class(onto: Graph) -> None:
    # the test can fail: a class below two disjoint classes must be reported
    extra = Graph().parse(format="turtle", data=f"""
        @prefix eco: <{ECO}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        eco:PersonPlace a owl:Class ; rdfs:subClassOf eco:Person , eco:Place .""")
    consistent, unsatisfiable = run_hermit(onto + extra)
    assert consistent
    assert unsatisfiable == [str(ECO.PersonPlace)]


@pytest.mark.java
@needs_java
def test_hermit_finds_the_disjoint_fixture_inconsistent(onto: Graph, ontology_data) -> None:
    data = load_files([ontology_data / "conforming.ttl", ontology_data / "disjoint-types.ttl"])
    consistent, _ = run_hermit(data + onto)
    assert not consistent


def test_conflicts_named_through_ranges_and_unions(onto: Graph) -> None:
    data = Graph().parse(format="turtle", data=f"""
        @prefix eco: <{ECO}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <http://example.org/a> a eco:Company ; rdfs:label "甲"@zh ; eco:locatedIn <http://example.org/b> .
        <http://example.org/b> a eco:Company ; rdfs:label "乙"@zh .
        <http://example.org/c> a eco:Place ; rdfs:label "丙"@zh .
        <http://example.org/d> a eco:Program ; eco:ledBy <http://example.org/c> .
        <http://example.org/e> a eco:Observation ; eco:qualifier eco:Exactly , eco:MoreThan ;
            eco:unit "CNY"@en .
        <http://example.org/f> a eco:Company ; rdfs:label "丁"@zh .""")
    found = {t.label or t.iri: t.reason for t in find_conflicts(data + onto)}
    assert set(found) == {"乙", "丙", "http://example.org/e"}
    assert "eco:Place (range of eco:locatedIn)" in found["乙"]
    assert "eco:Person or eco:Organization" in found["丙"]
    assert "functional eco:qualifier" in found["http://example.org/e"]
    assert "eco:unit" in found["http://example.org/e"]
