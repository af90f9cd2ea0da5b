"""Minted IRIs are valid IRIs (an RFC 3987 check and pyoxigraph's strict parser agree), and
stable: the same name gives the same IRI, in this process and as recorded below."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecokg.graph import iris
from ecokg.graph.namespaces import DEFAULT_BASE

from .iri_check import is_valid_iri


def _ok(iri: str) -> bool:
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return is_valid_iri(iri)


def test_the_checker_itself() -> None:
    good = ["https://w3id.org/ecokg/id/org/青岛", "http://a.b/c%20d?x=1#f", "urn:isbn:0451450523",
            "https://w3id.org/ecokg/id/org/a_(b)"]
    bad = ["https://w3id.org/a b", "https://w3id.org/a<b", "https://w3id.org/%zz", "no-scheme", "https://w3id.org/a{",
           "https://w3id.org/\ufffd", "https://w3id.org/a\\b", "https://w3id.org/a%2", "https://w3id.org/\ue000"]
    assert all(is_valid_iri(i) for i in good)
    assert not any(is_valid_iri(i) for i in bad)


@settings(max_examples=1500, deadline=None)
@given(st.text(min_size=1, max_size=40), st.sampled_from(sorted(iris.KIND_BY_CLASS)))
def test_entity_iris_are_valid(name: str, cls: str) -> None:
    iri = str(iris.entity_iri(cls, name))
    assert iri.startswith(f"{DEFAULT_BASE}{iris.kind_of(cls)}/")
    assert _ok(iri), iri
    assert str(iris.entity_iri(cls, name)) == iri  # stable


@settings(max_examples=500, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_indicator_and_node_iris_are_valid(text: str) -> None:
    assert _ok(str(iris.indicator_iri(text)))
    node = str(iris.node_iri("obs", text, 1, None))
    assert _ok(node) and node == str(iris.node_iri("obs", text, 1, None))
    doc = iris.document_iri("ab" * 32)
    assert _ok(str(iris.mention_iri(doc, 0, len(text))))


@pytest.mark.parametrize(("cls", "name", "expected"), [
    ("Company", "青岛澜峰智能科技有限公司", "org/青岛澜峰智能科技有限公司"),
    ("IndustrialPark", "“人工智能”产业园", "place/人工智能产业园"),
    ("Product", "Walker S", "product/Walker_S"),
    ("Policy", "a/b?c#d", "policy/a%2Fb%3Fc%23d"),
    ("Robot", "ＡＢＣ１２３", "product/ABC123"),
])
def test_iris_are_stable_across_versions(cls: str, name: str, expected: str) -> None:
    assert str(iris.entity_iri(cls, name)) == DEFAULT_BASE + expected


@pytest.mark.parametrize("ch", ["\ufffd", "\ufffc", "\U000e0100"])
def test_non_ucschar_symbols_are_escaped(ch: str) -> None:
    assert _ok(str(iris.entity_iri("Company", f"青岛{ch}科技")))
