"""``--limit N`` on the local store: N rows of the complete answer, in the query's order among
themselves, found without evaluating all of it (``queries/firstrows.py``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from ecokg.queries.firstrows import first_rows, order_variables
from ecokg.queries.runner import NamedQuery, list_queries, load_query, run_local
from ecokg.queries.sparqltext import check_syntax

HEAD = "PREFIX eco: <https://w3id.org/ecokg/ontology#>\n"


def _record() -> object:
    spec = importlib.util.spec_from_file_location("ecokg_recorded_answers_fr",
                                                  Path(__file__).parent / "answers" / "record.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def recorded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("first-rows") / "store"
    _record().load(store)  # type: ignore[attr-defined]
    return store


def test_every_named_query_is_rewritten_and_parses() -> None:
    for q in list_queries():
        text = first_rows(q.text, 100)
        assert text is not None, q.name
        assert check_syntax(text, q.name) == "SELECT"
        assert text.rstrip().endswith(q.text[q.text.rindex("ORDER BY"):].rstrip())
        assert "LIMIT 100" in text


@pytest.mark.parametrize("text", [
    HEAD + "SELECT ?s WHERE { ?s a eco:Event } ORDER BY ?s LIMIT 5",  # its own limit
    HEAD + "SELECT ?s WHERE { ?s a eco:Event } ORDER BY ?s OFFSET 2",
    HEAD + "SELECT ?s WHERE { ?s a eco:Event ; eco:title ?t } ORDER BY ?t",  # order key not projected
    HEAD + "SELECT * WHERE { ?s a eco:Event } ORDER BY ?s",
    HEAD + "SELECT ?s WHERE { ?s a eco:Event }",  # no order: rows are cut as they come
    HEAD + "SELECT ?s FROM <urn:g> WHERE { ?s a eco:Event } ORDER BY ?s",
    HEAD + "ASK { ?s a eco:Event }",
    HEAD + "CONSTRUCT { ?s a eco:Event } WHERE { ?s a eco:Event } ORDER BY ?s",
])
def test_queries_the_rewrite_does_not_fit_run_as_written(text: str) -> None:
    assert first_rows(text, 10) is None


def test_projection_with_expressions_and_braces_in_strings() -> None:
    text = (HEAD + 'SELECT ?s (COUNT(DISTINCT ?o) AS ?n) (STR("}") AS ?x) WHERE { ?s eco:p ?o . '
            'FILTER(?o != "{ORDER BY ?z}") } GROUP BY ?s ORDER BY DESC(?n) ?s  # ORDER BY ?comment\n')
    assert order_variables(text) == ["n", "s"]
    got = first_rows(text, 3)
    assert got is not None and got.startswith(HEAD + "SELECT ?s ?n ?x WHERE {")
    assert "GROUP BY ?s\nLIMIT 3" in got


def _ranks(complete: list[tuple[object, ...]], keys: list[int]) -> dict[tuple[object, ...], int]:
    """Each order key's first position in the complete answer."""
    ranks: dict[tuple[object, ...], int] = {}
    for i, row in enumerate(complete):
        ranks.setdefault(tuple(row[k] for k in keys), i)
    return ranks


def test_limited_rows_are_rows_of_the_complete_answer_in_its_order(recorded_store: Path) -> None:
    checked = 0
    for name, params in _record().RUNS:  # type: ignore[attr-defined]
        q = load_query(name)
        complete = run_local(q, params, str(recorded_store))
        for n in (1, 3, 25):
            part = run_local(q, params, str(recorded_store), limit=n)
            assert part.variables == complete.variables
            assert len(part.rows) == min(n, len(complete.rows)), (name, n)
            assert part.truncated == (len(complete.rows) > n)
            assert set(part.rows) <= complete.row_set(), (name, params, n)
            assert len(set(part.rows)) == len(part.rows)  # DISTINCT as the complete answer
            keys = [complete.variables.index(v) for v in order_variables(q.text)]
            ranks = _ranks(complete.rows, keys)
            order = [ranks[tuple(row[k] for k in keys)] for row in part.rows]
            assert order == sorted(order), (name, params, n)
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
        for name, params in _record().RUNS:  # type: ignore[attr-defined]
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
