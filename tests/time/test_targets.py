"""Targets are not achievements; policies get their validity period. Every cue's examples run
through the whole loader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ecokg.loaders.news_loader import NewsArticleLoader
from ecokg.loaders.records import Document
from ecokg.loaders.rule_data import RuleDataError
from ecokg.loaders.targets import target_cues
from ecokg.loaders.validity import validity

EXAMPLES = [(c.name, n, ex) for c in target_cues() for n, ex in enumerate(c.examples)]


@pytest.fixture(scope="module")
def loader() -> NewsArticleLoader:
    return NewsArticleLoader()


@pytest.mark.parametrize(("cue", "n", "example"), EXAMPLES, ids=[f"{c}-{n}" for c, n, _ in EXAMPLES])
def test_cue_example(loader: NewsArticleLoader, cue: str, n: int, example: dict) -> None:
    ex = loader.extract(Document(text=example["text"], title="示例",
                                 issued=example.get("issued", "2025-06-01")))
    figures = [o for o in ex.observations
               if o.text.endswith(example["figure"]) or o.text == example["figure"]]
    assert figures, f"{example['figure']} not found in {[o.text for o in ex.observations]}"
    assert all(o.target is example["target"] for o in figures)


def test_every_cue_has_an_example_of_a_target() -> None:
    assert all(any(e["target"] for e in c.examples) for c in target_cues())


def test_a_bad_cue_file_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "cues.yaml"
    bad.write_text("cues:\n  - name: a\n    pattern: '力争'\n    examples: []\n"
                   "  - name: b\n    pattern: '('\n"
                   "    examples: [{text: x, figure: x, target: true}]\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"cues.yaml:2: the entry has no examples"):
        target_cues(str(bad))


@pytest.mark.parametrize(("name", "expected"), [
    ("澄湾市人工智能产业三年行动方案（2025—2027年）", (date(2025, 1, 1), date(2027, 12, 31), "2025—2027年")),
    ("2024-2026年算力基础设施建设规划", (date(2024, 1, 1), date(2026, 12, 31), "2024—2026年")),
    ("2025年度工作要点", (date(2025, 1, 1), date(2025, 12, 31), "2025年")),
    ("关于支持人工智能发展的若干措施", None),
])
def test_validity_periods_from_names(name: str, expected: tuple | None) -> None:
    assert validity(name) == expected


def test_a_policy_gets_its_period(loader: NewsArticleLoader) -> None:
    text = "澄湾市印发《澄湾市人工智能产业三年行动方案（2025—2027年）》。"
    ex = loader.extract(Document(text=text, title="t", issued="2025-03-01"))
    [plan] = [e for e in ex.entities.values() if e.cls in ("PolicyDocument", "Policy")]
    assert (plan.period_start, plan.period_end) == (date(2025, 1, 1), date(2027, 12, 31))
