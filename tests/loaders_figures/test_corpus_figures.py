"""The shared corpus article: its gold figures and amounts, with entity spans taken from the gold names.

The article stays in ../shared (copyrighted); the test skips when it is absent.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml

from ecokg.loaders.figures import extract_figures, fund_amounts
from ecokg.loaders.records import Entity, EntitySpan, Observation, Sentence


def _sentences(text: str) -> list[Sentence]:
    return [Sentence(i, m.start(), m.end(), m.group(0))
            for i, m in enumerate(re.finditer(r"[^。！？\n]+[。！？]?", text))]


def _spans(text: str, gold: dict) -> tuple[list[EntitySpan], dict[str, Entity]]:
    names: dict[str, tuple[str, str]] = {}
    for e in gold["entities"]:
        for name in [e["label"], *e.get("aliases", [])]:
            names.setdefault(name, (e["label"], e["types"][0]))
    taken: list[tuple[int, int]] = []
    spans: list[EntitySpan] = []
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
                spans.append(EntitySpan(names[name][0], names[name][1], m.start(), m.end(), name))
    return sorted(spans, key=lambda s: s.start), {k: Entity(k, c) for k, c in names.values()}


def _run(article: Path, gold_path: Path) -> tuple[dict, list[Observation], list[tuple]]:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    text = article.read_text(encoding="utf-8")
    spans, entities = _spans(text, gold)
    sentences = _sentences(text)
    for s in spans:
        entities[s.key].sentences.update(x.index for x in sentences if x.start <= s.start < x.end)
    base = date.fromisoformat(str(gold["document"]["issued"])[:10])
    obs: list[Observation] = []
    amounts: list[tuple] = []
    for sentence in sentences:
        mine = [s for s in spans if sentence.start <= s.start < sentence.end]
        obs += extract_figures(sentence, mine, entities, base=base, region="青岛市")
        amounts += fund_amounts(sentence, mine, entities)
    return gold, obs, amounts


def _matches(want: dict, o: Observation) -> tuple[bool, bool]:
    value = Decimal(str(want["value"]))
    found = o.unit == want["unit"] and abs(o.value - value) <= abs(value) * Decimal("0.005")
    full = found and all([
        "subject" not in want or o.subject == want["subject"],
        "qualifier" not in want or o.qualifier == want["qualifier"],
        "periodStart" not in want or o.period_start == want["periodStart"],
        "periodEnd" not in want or o.period_end == want["periodEnd"],
    ])
    return found, full


def test_corpus_observations(corpus_article: Path, corpus_gold: Path) -> None:
    gold, obs, _ = _run(corpus_article, corpus_gold)
    required = [w for w in gold["observations"] if w.get("required", True)]
    found = [w for w in required if any(_matches(w, o)[0] for o in obs)]
    full = [w for w in required if any(_matches(w, o)[1] for o in obs)]
    assert len(found) == len(required), [w for w in required if w not in found]
    assert len(full) == len(required), [w for w in required if w not in full]
    optional = [w for w in gold["observations"] if not w.get("required", True)]
    assert all(any(_matches(w, o)[0] for o in obs) for w in optional)
    # No figure out of a year, a date, a model name or a slogan: every value is in the gold.
    gold_values = {(Decimal(str(w["value"])), w["unit"]) for w in gold["observations"]}
    extra = [o for o in obs if (o.value, o.unit) not in gold_values]
    assert all(o.rule == "fund-amount" for o in extra), extra  # amounts are listed apart in the gold


def test_corpus_amounts(corpus_article: Path, corpus_gold: Path) -> None:
    gold, _, amounts = _run(corpus_article, corpus_gold)
    got = {(key, value, unit, per_year) for key, value, unit, per_year in amounts}
    for want in gold["amounts"]:
        if not want.get("required", True):
            continue
        entry = (want["entity"], Decimal(str(want["amount"])), want["unit"], bool(want.get("perYear", False)))
        assert entry in got, (entry, got)
