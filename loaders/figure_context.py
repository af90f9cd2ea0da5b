"""The structure of one sentence that figure extraction reads: clauses, 《…》 titles, entity spans.

Clauses split at commas and stops outside brackets and quotes; entity spans are made local to
the sentence, nested ones dropped; ``clause_head`` is where a clause's own words start once time
phrases, ordinals (第三届) and connectives (目前, 此外 …) are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field

from ecokg.loaders.periods import Period
from ecokg.loaders.records import Entity, EntitySpan, Sentence

__all__ = ["CLAUSE_END", "OPEN", "SentenceContext", "Span", "clause_head", "clause_of", "sentence_context"]

CLAUSE_END = "，,；;。！？!?：:\n"
OPEN = "“‘「『《〈(（"
_CLOSE = "”’」』》〉)）"
_PREFIX_WORDS = ("截至目前", "截止目前", "目前", "当前", "同时", "此外", "另外", "其中", "据统计", "数据显示",
                 "近年来", "近期", "仅", "并", "还", "也", "而", "已", "共", "的", "在此基础上")
_ORDINAL_PREFIX = re.compile(r"第[一二三四五六七八九十百\d]+[届期批次]")
#: Goal verbs before a target period (提出到2028年全省…, 力争到2027年…): skipped with the period.
_GOAL_WORDS = ("提出", "力争", "预计", "计划", "争取", "确保", "目标是", "目标为")
_TO = ("到", "至")


@dataclass(frozen=True)
class Span:
    """An entity mention, in sentence offsets, with the class of its entity."""

    key: str
    cls: str
    start: int  # sentence offsets
    end: int


@dataclass
class SentenceContext:
    """One sentence as figure extraction reads it."""

    text: str
    spans: list[Span]
    clauses: list[tuple[int, int]]
    titles: list[tuple[int, int]]  # 《…》 ranges
    entities: Mapping[str, Entity]
    index: int
    region: str | None
    by_clause: list[list[Span]] = field(default_factory=list)  # spans wholly inside each clause
    starts: list[int] = field(default_factory=list)  # clause starts
    #: name ending -> entities a name of which ends so (``figure_subjects.name_endings``), made
    #: once per article; None: looked up in ``entities`` when needed
    endings: Mapping[str, list[str]] | None = None

    def __post_init__(self) -> None:
        self.starts = [a for a, _ in self.clauses]
        self.by_clause = [[] for _ in self.clauses]
        for sp in self.spans:
            n = clause_of(self, sp.start)
            if sp.end <= self.clauses[n][1]:
                self.by_clause[n].append(sp)


def sentence_context(sentence: Sentence, spans: list[EntitySpan], entities: Mapping[str, Entity],
                     region: str | None, endings: Mapping[str, list[str]] | None = None) -> SentenceContext:
    """The clauses, titles and local entity spans of ``sentence``."""
    clauses, titles = _clauses_and_titles(sentence.text)
    return SentenceContext(sentence.text, _local_spans(sentence, spans, entities), clauses, titles, entities,
                           sentence.index, region, endings=endings)


def _clauses_and_titles(t: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Clauses split at commas and stops outside brackets and quotes; 《…》 ranges."""
    clauses: list[tuple[int, int]] = []
    titles: list[tuple[int, int]] = []
    depth, start, title_start = 0, 0, -1
    for i, ch in enumerate(t):
        if ch in OPEN:
            depth += 1
            if ch == "《":
                title_start = i
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
            if ch == "》" and title_start >= 0:
                titles.append((title_start, i + 1))
                title_start = -1
        elif ch in CLAUSE_END and depth == 0:
            clauses.append((start, i + 1))
            start = i + 1
    if start < len(t):
        clauses.append((start, len(t)))
    return clauses or [(0, len(t))], titles


def _local_spans(sentence: Sentence, spans: list[EntitySpan], entities: Mapping[str, Entity]) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        start, end = s.start - sentence.start, s.end - sentence.start
        if 0 <= start < end <= len(sentence.text):
            cls = entities[s.key].cls if s.key in entities else s.cls
            out.append(Span(s.key, cls, start, end))
    out.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for s in out:  # drop spans nested in a longer one
        if kept and s.start < kept[-1].end:
            continue
        kept.append(s)
    return kept


def clause_of(ctx: SentenceContext, pos: int) -> int:
    """The index of the clause that holds position ``pos``."""
    return max(0, bisect_right(ctx.starts, pos) - 1)


def clause_head(ctx: SentenceContext, n: int, periods: list[Period]) -> int:
    """Where the clause's own words start, after time phrases, connectives and a goal verb before a
    target period (提出到2028年)."""
    a, b = ctx.clauses[n]
    t, pos = ctx.text, a
    moved = True
    while moved and pos < b:
        moved = False
        if t[pos] in " \t\u3000":
            pos, moved = pos + 1, True
            continue
        for p in periods:
            if p.span_start == pos:
                pos, moved = p.span_end, True
                break
        if moved:
            continue
        for w in (*_GOAL_WORDS, *_TO):
            nxt = pos + len(w)
            if t.startswith(w, pos) and (any(p.span_start == nxt for p in periods) or (
                    w not in _TO and t.startswith(_TO, nxt)
                    and any(p.span_start == nxt + 1 for p in periods))):
                pos, moved = nxt, True
                break
        if moved:
            continue
        m = _ORDINAL_PREFIX.match(t, pos)
        if m:
            pos, moved = m.end(), True
            continue
        for w in _PREFIX_WORDS:
            if t.startswith(w, pos):
                pos, moved = pos + len(w), True
                break
    return pos
