"""``--limit N`` of a named query with a plan in ``queries/first-keys.yaml``: fetched in the order of its
first ORDER BY keys (``queries/firstkey.py``), the first N rows of the complete ordered answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ecokg.queries.firstkey import FIRST_BATCH, KeyPlan, first_rows, plans
from ecokg.queries.ordering import split_order
from ecokg.queries.runner import LocalBackend, load_query, run_local
from tests.queries.conftest import make_store, recorded_answers

ECO = "https://w3id.org/ecokg/ontology#"
HEAD = f"PREFIX eco: <{ECO}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


@pytest.fixture(scope="module")
def recorded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("first-keys") / "store"
    recorded_answers().load(store)
    return store


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each ``--limit`` run of a planned query took the plan (True) or gave way (False)."""
    import ecokg.queries.local as local

    taken: list[bool] = []

    def watched(*args: Any, **kwargs: Any) -> Any:
        got = first_rows(*args, **kwargs)
        taken.append(got is not None)
        return got

    monkeypatch.setattr(local, "first_rows", watched)
    return taken


def test_every_plan_names_a_query_and_a_projected_variable() -> None:
    from ecokg.queries.firstrows import projected_variables

    for name, plan in plans().items():
        q = load_query(name)
        assert split_order(q.text) is not None, name
        assert plan.bind in (projected_variables(q.text) or []), name


@pytest.mark.parametrize("name", sorted(plans()))
def test_planned_limit_is_the_first_rows_of_the_complete_answer(name: str, recorded_store: Path,
                                                                spy: list[bool]) -> None:
    q = load_query(name)
    complete = run_local(q, {}, str(recorded_store))
    for n in (1, 2, 5, 17, len(complete.rows), len(complete.rows) + 3):
        part = run_local(q, {}, str(recorded_store), limit=n)
        assert part.variables == complete.variables
        assert part.rows == complete.rows[:n], (name, n)
        assert part.truncated == (len(complete.rows) > n)
    assert spy and all(spy), f"{name}: the plan gave way to the complete evaluation"


def test_the_recorded_graph_has_rows_for_most_plans(recorded_store: Path) -> None:
    answered = [name for name in plans() if run_local(load_query(name), {}, str(recorded_store)).rows]
    assert len(answered) >= len(plans()) - 2, answered  # figure-series and key-players may have none


# -- a graph where the rows found first are not the first ones of the order ---------------------------
TRIG = "\n".join(
    f'<urn:doc:{i}> {{ <urn:doc:{i}> a eco:SourceDocument . '
    f'<urn:e:{i:02d}> a eco:Company ; rdfs:label "{label}"@zh ; eco:rank {i % 3} . }}'
    for i, label in enumerate(["庚", "甲", "乙", "丁", "丙", "戊", "己", "辛", "壬", "癸", "子", "丑", "寅",
                               "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥", "乙"]))
QUERY = HEAD + ("SELECT ?e ?label ?rank WHERE { VALUES ?e { UNDEF } ?e a eco:Company ; rdfs:label ?label ; "
                "eco:rank ?rank } ORDER BY DESC(?rank) ?label ?e")
KEYS = "SELECT ?e ?rank ?label WHERE { ?e a eco:Company ; rdfs:label ?label ; eco:rank ?rank }"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Any:
    d = tmp_path_factory.mktemp("first-keys-small")
    trig = d / "small.trig"
    trig.write_text(f"@prefix eco: <{ECO}> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    + TRIG + "\n", encoding="utf-8")
    backend = LocalBackend(make_store(d / "store", trig))
    yield backend
    backend.close()


def _first(backend: LocalBackend, plan: KeyPlan, limit: int) -> Any:
    split = split_order(QUERY)
    assert split is not None
    return first_rows(lambda t, v: backend._run(t, None, None, v), split[0], plan, split[1], {}, limit,
                      backend._documents)


def test_the_plan_gives_the_first_rows_of_the_order_not_the_first_found(small: LocalBackend) -> None:
    split = split_order(QUERY)
    assert split is not None
    complete = small.run(QUERY).rows  # ORDER BY in the engine
    found = small._run(split[0], None, None).rows  # unordered: the rows found first
    assert len(complete) == 23 and found[:5] != complete[:5]
    for n in (1, FIRST_BATCH, 5, 9, 22, 23, 40):
        got = _first(small, KeyPlan("e", KEYS), n)
        assert got is not None and got.rows == complete[:n], n
        assert got.truncated == (n < 23)


def test_keys_of_the_first_order_variable_only_give_the_same_rows(small: LocalBackend) -> None:
    complete = small.run(QUERY).rows
    got = _first(small, KeyPlan("e", "SELECT ?e ?rank WHERE { ?e eco:rank ?rank }"), 4)
    assert got is not None and got.rows == complete[:4]


def test_a_row_the_keys_did_not_list_gives_way(small: LocalBackend) -> None:
    wrong = KeyPlan("e", KEYS.replace("eco:rank ?rank }", "eco:rank ?r BIND(?r + 1 AS ?rank) }"))
    assert _first(small, wrong, 30) is None  # the rows' keys are not the listed ones: evaluate it all
    assert _first(small, KeyPlan("e", "SELECT ?e WHERE { ?e a eco:Company }"), 3) is None  # no key


def test_documents_as_keys(small: LocalBackend) -> None:
    text = HEAD + ("SELECT ?doc ?e WHERE { VALUES ?doc { UNDEF } GRAPH ?doc { ?e a eco:Company } } "
                   "ORDER BY DESC(?doc) ?e")
    split = split_order(text)
    assert split is not None
    got = first_rows(lambda t, v: small._run(t, None, None, v), split[0], KeyPlan("doc", "documents"),
                     split[1], {}, 3, small._documents)
    assert got is not None and got.rows == small.run(text).rows[:3]


def test_a_bound_parameter_runs_without_the_plan(recorded_store: Path, spy: list[bool]) -> None:
    q = load_query("fact-provenance")
    complete = run_local(q, {"entity": "青岛市"}, str(recorded_store))
    part = run_local(q, {"entity": "青岛市"}, str(recorded_store), limit=3)
    assert len(complete.rows) > 3 and part.rows == complete.rows[:3]
    assert spy == []  # the parameter narrows the answer already: no keys to list
