"""Any string as an entity name round-trips through SPARQL parameters: ``--param entity=NAME``
finds the entity so labelled, bound by the local runner (pyoxigraph substitutions) and by the
VALUES block that remote endpoints get; never pasted into the query text."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib import Literal

from ecokg.graph import iris
from ecokg.graph.namespaces import ECO, RDF, RDFS, sparql_prefixes
from ecokg.graph.store import EcoStore
from ecokg.names import match_key
from ecokg.queries.runner import LocalBackend, bind_params, execute, parse_header
from ecokg.queries.sparqltext import inject_values

from .iri_check import ucschar

QUERY = parse_header("# title: t\n# param: entity\n" + sparql_prefixes()
                     + "SELECT ?entity ?label WHERE { ?entity rdfs:label ?label }", "name-roundtrip")
DOC = iris.document_iri("cd" * 32)
HOSTILE = st.sampled_from(['"', "'", "\\", "}", "{", "\n", "?x", "$y", "#", ">", "<", " . ",
                           "} UNION { ?s ?p ?o", '"; DROP ALL; "', "\\u0022", "青岛", "公司", "\u3000", "＂"])
NAMES = st.one_of(st.text(min_size=1, max_size=30), st.lists(HOSTILE, min_size=1, max_size=10).map("".join))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("params") / "store"
    EcoStore.open(path, create=True).close()
    return path


def _gap(name: str) -> bool:
    return any(ord(c) > 0x7F and not ucschar(ord(c)) and not unicodedata.category(c).startswith(("C", "Z"))
               for c in unicodedata.normalize("NFKC", name))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(NAMES)
def test_names_bind_as_parameters(store_path: Path, name: str) -> None:
    assume(match_key(name) and not _gap(name))
    assume(not re.match(r"^(https?|urn):", name.strip().removeprefix("<")))
    entity = iris.entity_iri("Company", name)
    g = ox.NamedNode(str(DOC))
    e = ox.NamedNode(str(entity))
    with EcoStore.open(store_path) as store:
        store.ox.update(f"DROP SILENT GRAPH <{DOC}>")
        store.ox.extend([ox.Quad(g, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(ECO.SourceDocument)), g),
                         ox.Quad(e, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(ECO.Company)), g),
                         ox.Quad(e, ox.NamedNode(str(RDFS.label)), ox.Literal(name, language="zh"), g),
                         ox.Quad(e, ox.NamedNode(str(ECO.mentionedIn)), g, g)])
    backend = LocalBackend(store_path)
    try:
        expected = [(entity, Literal(name, lang="zh"))]
        assert execute(QUERY, {"entity": name}, backend).rows == expected
        bound = bind_params(QUERY, {"entity": name}, backend)
        text = inject_values(QUERY.text, bound)  # what a remote endpoint receives
        assert backend.run(text).rows == expected
    finally:
        backend.close()
