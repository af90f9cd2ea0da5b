"""Figures of one sentence as ``Observation`` records, and the amounts of funds and subsidies.

A figure (``numbers.find_quantities``) gets its **indicator** (``indicators``), its
**subject** (``figure_subjects``: first the Fund/Subsidy whose amount it is, found here, as in
设立总规模100亿元的产业发展基金; else the entity the sentence reports it for; else the
article's region, ``implicit=True``) and its **period**: the period phrase of its clause, else the
latest one of an earlier clause of the same sentence (今年前三季度，…营业收入超592.5亿元，同比增长15.8%
→ both figures); 目前/截至目前/当前 stop the carry-over; periods inside 《…》 belong to the title,
not the figure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from ecokg.loaders.figure_context import SentenceContext, clause_head, clause_of, sentence_context
from ecokg.loaders.figure_subjects import Topic, carried_topics, subject_of
from ecokg.loaders.indicators import indicator_for
from ecokg.loaders.numbers import find_quantities
from ecokg.loaders.periods import Period, find_periods
from ecokg.loaders.quantity import Quantity
from ecokg.loaders.records import Entity, EntitySpan, Observation, Sentence

__all__ = ["extract_figures", "fund_amounts", "fund_index"]

_FUND_CLASSES = frozenset({"Fund", "Subsidy"})
_RESET_WORDS = ("目前", "截至目前", "截止目前", "当前")
_AMOUNT_CUES = ("规模", "总额", "额度", "资金", "金额", "最高", "补贴", "奖补", "补助", "奖励", "支持",
                "每年", "可获得")
_FUND_GAP = re.compile(r"^的?[“\"「『‘]?$")
#: Between a fund's name and its amount right after it: 专项资金5亿元, 基金为10亿元, 基金（首期）规模…
_FUND_AFTER_GAP = re.compile(r"^[”\"」』’]?(?:为|达|共|合计|总计|约为)?$")
#: What makes a figure of a heading's measure the cap of the subsidy: 最高, 每家, 每年 …
_CAP_CUES = ("最高", "每家", "每年", "单个", "单家", "一次性", "给予", "补贴", "补助", "奖励", "资助")


# --------------------------------------------------------------------------- funds

def fund_index(entities: Mapping[str, Entity]) -> dict[int, list[str]]:
    """Sentence index -> the Fund/Subsidy entities named in it (built once per article, so that a
    sentence looks up its neighbours' funds instead of scanning every entity)."""
    out: dict[int, list[str]] = {}
    for k, e in entities.items():
        if e.cls in _FUND_CLASSES:
            for n in e.sentences:
                out.setdefault(n, []).append(k)
    return out


def _fund_links(ctx: SentenceContext, quantities: list[Quantity],
                funds_at: Mapping[int, list[str]] | None = None) -> dict[int, str]:
    """Quantity index -> the Fund/Subsidy entity whose amount it is."""
    t = ctx.text
    funds = [s for s in ctx.spans if s.cls in _FUND_CLASSES]
    links: dict[int, str] = {}
    used: set[str] = set()
    money = [(i, q) for i, q in enumerate(quantities) if q.unit.isupper() and len(q.unit) == 3]
    for i, q in money:  # inside the span, or right before it: 总规模100亿元的产业发展基金
        for s in funds:
            if s.key in used:
                continue
            gap = t[q.end:s.start] if s.start >= q.end else None
            if (s.start <= q.start and q.end <= s.end) or (gap is not None and _FUND_GAP.match(gap)):
                links[i] = s.key
                used.add(s.key)
                break
    for i, q in money:  # after it, with an amount cue: X基金，总规模50亿元 / “模型券”，每年最高500万元
        if i in links:
            continue
        before = [s for s in funds if s.end <= q.start and s.key not in used]
        if not before:
            continue
        s = before[-1]
        clause_start = ctx.clauses[clause_of(ctx, q.start)][0]
        cue_zone = t[max(s.end, clause_start):q.end]
        right_after = _FUND_AFTER_GAP.match(t[s.end:q.start]) is not None  # 专项资金5亿元 / 基金为10亿元
        if (right_after or any(c in cue_zone for c in _AMOUNT_CUES)) and not any(
                o.start >= s.end and o.end <= q.start and o.cls in _FUND_CLASSES for o in ctx.spans):
            links[i] = s.key
            used.add(s.key)
    if not funds and not links:
        heading = _heading_fund(ctx, fund_index(ctx.entities) if funds_at is None else funds_at)
        if heading is not None:
            for i, q in money:  # ——算力券。对…的企业，…每家企业每年最高500万元。
                cue_zone = t[ctx.clauses[clause_of(ctx, q.start)][0]:q.end]
                if q.qualifier == "AtMost" or any(c in cue_zone for c in _CAP_CUES):
                    links[i] = heading
                    break
    return links


def _heading_fund(ctx: SentenceContext, funds_at: Mapping[int, list[str]]) -> str | None:
    """The Fund/Subsidy that the previous sentence alone names (a heading such as ——算力券。 or
    （一）人才补贴。), whose terms this sentence states; None when it names none or several, or when
    the previous sentence already gave its amount (设立10亿元的X基金。对…给予最高…)."""
    if ctx.index <= 0:
        return None
    named = [k for k in funds_at.get(ctx.index - 1, ()) if ctx.entities[k].amount_sentence != ctx.index - 1]
    if len(named) != 1 or any(k != named[0] for k in funds_at.get(ctx.index, ())):
        return None
    return named[0]


# --------------------------------------------------------------------------- periods

def _periods_by_clause(ctx: SentenceContext, periods: list[Period]) -> list[list[Period]]:
    out: list[list[Period]] = [[] for _ in ctx.clauses]
    for p in periods:
        if any(a <= p.span_start < b for a, b in ctx.titles) or ctx.text.startswith("同期", p.span_end) \
                or ctx.text[max(0, p.span_start - 1):p.span_start] in ("比", "较"):
            continue  # a policy title's period, or the base of a comparison (比上年同期增长, 较去年)
        out[clause_of(ctx, p.span_start)].append(p)
    return out


def _entering_periods(ctx: SentenceContext, by_clause: list[list[Period]]) -> list[Period | None]:
    """Per clause: the period carried into it from the earlier clauses of the sentence."""
    out: list[Period | None] = []
    current: Period | None = None
    for n, (a, b) in enumerate(ctx.clauses):
        out.append(current)
        if any(w in ctx.text[a:b] for w in _RESET_WORDS):
            current = None
        elif by_clause[n]:
            current = by_clause[n][-1]
    return out


def _period_for(n: int, q: Quantity, by_clause: list[list[Period]],
                entering: list[Period | None]) -> Period | None:
    own = [p for p in by_clause[n] if p.span_end <= q.start] or by_clause[n]
    return own[-1] if own else entering[n]


# --------------------------------------------------------------------------- figures

def extract_figures(sentence: Sentence, spans: list[EntitySpan], entities: Mapping[str, Entity],
                    *, base: date | None, region: str | None, report: int | None = None,
                    funds: Mapping[int, list[str]] | None = None,
                    endings: Mapping[str, list[str]] | None = None) -> list[Observation]:
    """One ``Observation`` per figure of ``sentence`` (offsets into the document text); ``report``:
    the year the article reports on when it is an annual report (``periods.reported_year``);
    ``funds``: ``fund_index(entities)``, ``endings``: ``figure_subjects.name_endings(entities)``,
    made once per article (looked up in ``entities`` when not given)."""
    quantities = find_quantities(sentence.text)
    if not quantities:
        return []
    ctx = sentence_context(sentence, spans, entities, region, endings)
    clauses = ctx.clauses
    periods = find_periods(sentence.text, base, report)
    by_clause = _periods_by_clause(ctx, periods)
    entering = _entering_periods(ctx, by_clause)
    heads = [clause_head(ctx, n, periods) for n in range(len(clauses))]
    clause_topics = carried_topics(ctx, heads, {clause_of(ctx, q.start) for q in quantities})
    links = _fund_links(ctx, quantities, funds)
    classes = {s.key: s.cls for s in ctx.spans}
    out: list[Observation] = []
    for i, q in enumerate(quantities):
        n = clause_of(ctx, q.start)
        if i in links:
            topic: Topic | None = Topic(links[i], True, "fund-amount")
        else:
            topic = subject_of(ctx, q, n, heads, clause_topics)
        if topic is None or topic.key is None:
            subject, implicit = region, bool(topic is None or not topic.explicit)
            rule = topic.rule if topic is not None else "region-default"
        else:
            subject, implicit, rule = topic.key, False, topic.rule
        period = _period_for(n, q, by_clause, entering)
        fund_cls = classes.get(links[i]) if i in links else None
        out.append(Observation(
            value=q.value, unit=q.unit, sentence=sentence.index, text=q.text,
            start=sentence.start + q.start, end=sentence.start + q.end,
            subject=subject, qualifier=q.qualifier,
            period_start=period.start if period else None, period_end=period.end if period else None,
            period_label=period.label if period else None,
            indicator=indicator_for(sentence.text, q, clauses[n][0], fund_cls),
            implicit=implicit and subject is not None, rule=rule,
        ))
    return out


def fund_amounts(sentence: Sentence, spans: list[EntitySpan], entities: Mapping[str, Entity],
                 funds: Mapping[int, list[str]] | None = None) -> list[tuple[str, Decimal, str, bool]]:
    """(entity key, amount, unit, per_year) for each Fund/Subsidy whose amount the sentence gives."""
    quantities = find_quantities(sentence.text)
    if not quantities:
        return []
    ctx = sentence_context(sentence, spans, entities, None)
    links = _fund_links(ctx, quantities, funds)
    return [(key, quantities[i].value, quantities[i].unit, quantities[i].per_year)
            for i, key in sorted(links.items())]
