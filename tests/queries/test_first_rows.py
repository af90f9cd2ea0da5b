"""``--limit N`` on the local store: the first N rows of the complete ordered answer; named queries
ordered in Python (``queries/ordering.py``) as the engine orders them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecokg.queries.firstrows import order_variables, projected_variables
from ecokg.queries.runner import NamedQuery, load_query, run_local
from tests.queries.conftest import recorded_answers

HEAD = "PREFIX eco: <https://w3id.org/ecokg/ontology#>\n"



@pytest.fixture(scope="module")
def recorded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("first-rows") / "store"
    recorded_answers().load(store)
    return store


def test_projection_with_expressions_and_braces_in_strings() -> None:
    text = (HEAD + 'SELECT ?s (COUNT(DISTINCT ?o) AS ?n) (STR("}") AS ?x) WHERE { ?s eco:p ?o . '
            'FILTER(?o != "{ORDER BY ?z}") } GROUP BY ?s ORDER BY DESC(?n) ?s  # ORDER BY ?comment\n')
    assert order_variables(text) == ["n", "s"]
    assert projected_variables(text) == ["s", "n", "x"]


def test_limited_rows_are_the_first_rows_of_the_complete_answer(recorded_store: Path) -> None:
    checked = 0
    for name, params in recorded_answers().RUNS:
        q = load_query(name)
        complete = run_local(q, params, str(recorded_store))
        for n in (1, 3, 25):
            part = run_local(q, params, str(recorded_store), limit=n)
            assert part.variables == complete.variables
            assert part.rows == complete.rows[:n], (name, params, n)
            assert part.truncated == (len(complete.rows) > n)
            checked += len(part.rows)
    assert checked > 100


def test_ad_hoc_text_keeps_the_first_rows_of_its_ordered_answer(recorded_store: Path) -> None:
    text = HEAD + "SELECT DISTINCT ?s WHERE { ?s a ?c } ORDER BY DESC(?s)"
    complete = run_local(NamedQuery("-e", text, source="-e"), {}, str(recorded_store))
    part = run_local(NamedQuery("-e", text, source="-e"), {}, str(recorded_store), limit=4)
    assert len(complete.rows) > 4 and part.rows == complete.rows[:4]


def test_rows_ordered_in_python_equal_the_engines_order(recorded_store: Path) -> None:
    from ecokg.queries.binding import bind_params, combinations
    from ecokg.queries.local import LocalBackend
    from ecokg.queries.ordering import split_order

    backend = LocalBackend(str(recorded_store))
    sorted_here = 0
    try:
        for name, params in recorded_answers().RUNS:
            q = load_query(name)
            for subst in combinations(bind_params(q, params, backend)) or [{}]:
                engine = backend.run(q.text, subst)  # ORDER BY in pyoxigraph
                here = backend.run(q.text, subst, first=True)
                assert here.variables == engine.variables
                assert here.rows == engine.rows, (name, params)
                sorted_here += split_order(q.text) is not None and len(engine.rows) > 1
    finally:
        backend.close()
    assert sorted_here >= 10


@pytest.mark.parametrize(("text", "keys"), [
    (HEAD + "SELECT ?a ?b WHERE { ?a eco:p ?b } ORDER BY ?a DESC(?b)", [("a", False), ("b", True)]),
    (HEAD + "SELECT ?a ?b WHERE { ?a eco:p ?b } ORDER BY ASC(?b) ?a", [("b", False), ("a", False)]),
    (HEAD + "SELECT ?a ?b WHERE { ?a eco:p ?b } ORDER BY STR(?a)", None),  # an expression
    (HEAD + "SELECT ?a WHERE { ?a eco:p ?b } ORDER BY ?b", None),  # not projected
    (HEAD + "SELECT ?a WHERE { ?a eco:p ?b } ORDER BY ?a LIMIT 2", None),
])
def test_order_keys(text: str, keys: list[tuple[str, bool]] | None) -> None:
    from ecokg.queries.ordering import split_order

    got = split_order(text)
    assert (got[1] if got else None) == keys
    if got:
        assert "ORDER" not in got[0] and got[0].rstrip().endswith("}")


def test_sorting_in_python_follows_sparql_order_or_gives_way() -> None:
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import XSD

    from ecokg.queries.ordering import sort_rows

    rows = [(Literal("乙", lang="zh"), Literal(10)), (None, Literal(2)), (URIRef("urn:b"), Literal(3)),
            (BNode(), Literal(4)), (Literal("甲", lang="zh"), Literal("9.5", datatype=XSD.decimal)),
            (Literal("乙", lang="zh"), Literal(2))]
    got = sort_rows(rows, ["a", "b"], [("a", False), ("b", True)])
    assert got == [rows[1], rows[3], rows[2], rows[0], rows[5], rows[4]]  # 乙 U+4E59 < 甲 U+7532
    mixed = [(Literal("x"),), (Literal(1),)]
    assert sort_rows(mixed, ["a"], [("a", False)]) is None  # the engine orders numbers and text
