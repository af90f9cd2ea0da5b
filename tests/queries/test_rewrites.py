"""Each rewritten named query answers exactly as the query it replaced.

``reference/*.rq`` are the named queries as they were before they were rewritten for speed (issue 13:
parameters pushed into union branches, statement lookups started from the bound entity, attributes
deduplicated before joins, classes found through the class closure and the stated class read
apart from it). Both versions run through the same runner on the same stores: the corpus article
and the three bundled samples, each built with the Python API, with and without parameters; the
answers must be the same sets of rows. The references ran before the class closure existed, so
they run on the store without it (``graph/closure.py``'s graph removed), the rewritten queries on
the store as built.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ecokg.queries.runner import list_queries, load_query, run_local
from tests.queries.conftest import recorded_answers

REFERENCE = Path(__file__).parent / "reference"
#: (query, parameters) on the corpus article (Qingdao); every named query appears at least once.
CORPUS_RUNS: list[tuple[str, dict[str, str]]] = [
    ("committees", {}), ("companies-in-park", {}), ("companies-in-park", {"park": "青岛人工智能产业园"}),
    ("designations", {}), ("events", {}), ("fact-provenance", {}), ("fact-provenance", {"entity": "优必选"}),
    ("fact-provenance", {"entity": "青岛市"}), ("figures", {}), ("figures", {"entity": "青岛市"}),
    ("innovation-centers", {}), ("models-robots-platforms", {}), ("parks-and-venues", {}),
    ("parks-and-venues", {"region": "青岛市"}), ("policies-and-funds", {}), ("supply-chains", {}),
    ("entity-profile", {"entity": "优必选"}), ("entity-profile", {"entity": "青岛市"}),
    ("chain-coverage", {}), ("chain-gaps", {}), ("key-players", {}), ("key-players", {"region": "青岛市"}),
]



def _build(store: Path, articles: list[Path]) -> Path:
    import ecokg

    missing = [a for a in articles if not a.is_file()]
    if missing:
        pytest.skip(f"article not found at {missing[0]}")
    with ecokg.open(store) as kg:
        kg.build([str(a) for a in articles])
        kg.place_chain()
    return store


@pytest.fixture(scope="module")
def corpus_api_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import CORPUS_ARTICLE

    return _build(tmp_path_factory.mktemp("rw-corpus") / "store", [CORPUS_ARTICLE])


@pytest.fixture(scope="module")
def samples_api_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("rw-samples") / "store", list(recorded_answers().SAMPLES))


def _same(store: Path, runs: list[tuple[str, dict[str, str]]]) -> int:
    """Compare every run (rewritten: the store as built; reference: its class closure removed)."""
    import pyoxigraph as ox

    from ecokg.graph.namespaces import INFERRED_GRAPH

    after = [run_local(load_query(name), params, str(store)) for name, params in runs]
    st = ox.Store(str(store))
    try:
        graph = ox.NamedNode(str(INFERRED_GRAPH))
        assert st.contains_named_graph(graph)  # the build made the closure
        st.remove_graph(graph)
    finally:
        del st
    before = [run_local(load_query(str(REFERENCE / f"{name}.rq")), params, str(store))
              for name, params in runs]
    for (name, params), old, new in zip(runs, before, after, strict=True):
        assert new.variables == old.variables, name
        assert new.row_set() == old.row_set(), f"{name} {params}: the rewritten query answers differently"
    return sum(len(r.rows) for r in before)


def test_every_named_query_has_its_reference() -> None:
    # figure-series and conflicts (issue 15) were written after the rewrites, never rewritten
    names = {q.name for q in list_queries()} - {"figure-series", "conflicts"}
    assert {p.stem for p in REFERENCE.glob("*.rq")} == names
    assert {n for n, _ in CORPUS_RUNS} == names


@pytest.mark.slow
def test_rewrites_answer_as_before_on_the_corpus(corpus_api_store: Path) -> None:
    assert _same(corpus_api_store, CORPUS_RUNS) > 100


@pytest.mark.slow
def test_rewrites_answer_as_before_on_the_samples(samples_api_store: Path) -> None:
    runs = [*recorded_answers().RUNS, ("companies-in-park", {"park": "青岛人工智能产业园"}),
            ("fact-provenance", {"entity": "成都市"}), ("key-players", {"region": "武汉市"})]
    assert _same(samples_api_store, runs) > 100


def test_rewrites_answer_as_before_on_the_recorded_graph(tmp_path: Path) -> None:
    record = recorded_answers()
    store = tmp_path / "store"
    record.load(store)
    assert _same(store, list(record.RUNS)) > 100
