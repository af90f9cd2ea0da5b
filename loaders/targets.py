"""Targets are not achievements: figures stated as goals (到2027年…达到, 力争, 目标) are marked.

A figure is a target when a cue of ``data/target-cues.yaml`` stands before it in its sentence (in
the same group of clauses, up to a ``；``), or when its own period lies after the year of the
document's date (a 2027 figure in a 2025 article cannot be a result). The graph marks such an
observation ``eco:isTarget true``; queries and views keep targets apart from reported results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ecokg.loaders.rule_data import Located, RuleDataError, Validator, read_entries

_CLAUSE_STOP = "；;"


@dataclass(frozen=True)
class TargetCue:
    name: str
    pattern: re.Pattern[str]
    future: bool
    examples: tuple[dict[str, Any], ...]
    where: str


def _cue(entry: Located, check: Validator) -> TargetCue:
    check.keys(entry)
    value = entry.value
    check.unique(entry, str(value["name"]))
    try:
        pattern = re.compile(str(value["pattern"]))
    except re.error as exc:
        raise RuleDataError(f"{entry.where()}: the pattern does not compile: {exc}",
                            hint="write a Python regular expression") from exc
    future = bool(value.get("future", False))
    if future and "year" not in pattern.groupindex:
        raise RuleDataError(f"{entry.where()}: 'future: true' needs a group (?P<year>…) in the pattern",
                            hint="capture the year the cue names")
    examples = value["examples"]
    if not isinstance(examples, list) or not examples:
        raise RuleDataError(f"{entry.where()}: the entry has no examples", hint="give at least one example")
    for ex in examples:
        if not isinstance(ex, dict) or {"text", "figure", "target"} - set(ex):
            raise RuleDataError(f"{entry.where()}: an example needs text, figure and target",
                                hint="see the other entries of the file")
    return TargetCue(str(value["name"]), pattern, future, tuple(examples), entry.where())


@lru_cache(maxsize=4)
def target_cues(path: str | None = None) -> tuple[TargetCue, ...]:
    """The cues of ``loaders/data/target-cues.yaml`` (or of ``path``), validated."""
    check = Validator(required=("name", "pattern", "examples"), optional=("future",))
    entries = read_entries("target-cues.yaml", "cues", Path(path) if path else None)
    return tuple(_cue(e, check) for e in entries)


def target_cue(prefix: str, issued: date | None, cues: tuple[TargetCue, ...] | None = None) -> str | None:
    """The name of the cue that makes a figure after ``prefix`` (its sentence so far) a target."""
    cut = max(prefix.rfind(c) for c in _CLAUSE_STOP)
    scope = prefix[cut + 1:]
    for cue in cues if cues is not None else target_cues():
        for m in cue.pattern.finditer(scope):
            if not cue.future:
                return cue.name
            if issued is not None and int(m.group("year")) > issued.year:
                return cue.name
    return None


def mark_targets(state: Any) -> None:
    """The ``targets`` component: set ``Observation.target`` (after ``figures``)."""
    issued = state.doc.issued_date
    by_index = {s.index: s for s in state.sentences}
    for ob in state.observations:
        sent = by_index.get(ob.sentence)
        if sent is None:
            continue
        if issued is not None and ob.period_start is not None and ob.period_start.year > issued.year:
            ob.target = True
            continue
        prefix = state.doc.text[sent.start:max(sent.start, ob.start)]
        if target_cue(prefix, issued) is not None:
            ob.target = True


__all__ = ["TargetCue", "mark_targets", "target_cue", "target_cues"]
