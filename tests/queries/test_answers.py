"""Every named query answers exactly as recorded, on a fixed graph (``answers/store.nq``, the samples).

The reference (``answers/recorded.json``) and the graph were written by
``python tests/queries/answers/record.py``; rows are compared as sets. Query rewrites and store
changes keep these answers; extraction changes do not touch them (the graph is fixed).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("ecokg_recorded_answers",
                                               Path(__file__).parent / "answers" / "record.py")
assert _spec is not None and _spec.loader is not None
record = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(record)


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[str | None]]]:
    store = tmp_path_factory.mktemp("answers") / "store"
    record.load(store)
    return record.answers(store)


@pytest.fixture(scope="module")
def recorded() -> dict[str, list[list[str | None]]]:
    data = json.loads(record.RECORDED.read_text(encoding="utf-8"))
    return dict(data["answers"])


def test_every_run_is_recorded(recorded: dict[str, list[list[str | None]]]) -> None:
    from ecokg.queries.runner import list_queries

    names = {k.split("?")[0] for k in recorded}
    # figure-series and conflicts need documents that report one figure twice: tests/time/
    assert names == {q.name for q in list_queries()} - {"figure-series", "conflicts"}
    assert all(recorded[k] for k in recorded), "a recorded answer is empty: it would prove nothing"


@pytest.mark.parametrize("key",
                         [n + "".join(f"?{k}={v}" for k, v in sorted(p.items())) for n, p in record.RUNS])
def test_answer_is_unchanged(key: str, answers: dict[str, list[list[str | None]]],
                             recorded: dict[str, list[list[str | None]]]) -> None:
    got = {tuple(r) for r in answers[key]}
    want = {tuple(r) for r in recorded[key]}
    assert got - want == set(), f"{key}: rows not in the recorded answer"
    assert want - got == set(), f"{key}: recorded rows missing"

