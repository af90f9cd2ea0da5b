"""Figures of one sentence as ``Observation`` records, and the amounts of funds and subsidies.

A figure gets (see ``data/indicators.yaml`` for the indicator):

- its **period**: the period phrase of its clause, else the latest one of an earlier clause of
  the same sentence (今年前三季度，…营业收入超592.5亿元，同比增长15.8% → both figures);
  目前/截至目前/当前 stop the carry-over; periods inside 《…》 belong to the title, not the figure;
- its **subject**, in this order:
  1. the Fund/Subsidy whose amount it is (设立总规模100亿元的产业发展基金);
  2. the entity it qualifies as a modifier (千亩级人工智能产业园 → the park);
  3. after 建成后/投用后 … the entity the previous clause builds (开工建设Y，建成后…);
  4. a figure that opens its clause ("3个案例入选…") is about the region, unless an event,
     fund or subsidy of an earlier clause is what the sentence reports on;
  5. the clause's topic: the entity that opens the clause once time words are skipped
     (X汇聚了A、B等300余家企业 → X), a relative head (由…主办的X / 位于…的X → X),
     全市/我市/本市 → the region, an anaphor (园区, 该公司, 大会 …) → the latest such entity;
  6. the topic carried from the previous clause of the sentence (卡奥斯…，依托…开发了110款智能体),
     or an event/fund/subsidy named in an earlier clause (举办X对接会，累计发布…1400项);
  7. else the article's region, ``implicit=True``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

import yaml

from ecokg.errors import EcokgError
from ecokg.loaders.numbers import Quantity, find_quantities, normalize_width
from ecokg.loaders.periods import Period, find_periods
from ecokg.loaders.records import Entity, EntitySpan, Observation, Sentence
from ecokg.resources import loader_data

__all__ = ["extract_figures", "fund_amounts"]

_CLAUSE_END = "，,；;。！？!?：:\n"
_OPEN = "“‘「『《〈(（"
_CLOSE = "”’」』》〉)）"
_FUND_CLASSES = frozenset({"Fund", "Subsidy"})
_CARRIED_CLASSES = frozenset({"Event", "Fund", "Subsidy"})
#: Classes that are rarely what a figure is about unless they open the clause.
_OBJECT_CLASSES = frozenset({"Product", "AIModel", "Robot", "Policy", "PolicyDocument", "Industry"})
_REGION_WORDS = ("全市", "我市", "本市", "全区", "全县", "全省", "我省", "本省")
_PREFIX_WORDS = ("截至目前", "截止目前", "目前", "当前", "同时", "此外", "另外", "其中", "据统计", "数据显示",
                 "近年来", "近期", "仅", "并", "还", "也", "而", "已", "共", "的", "在此基础上")
_RESET_WORDS = ("目前", "截至目前", "截止目前", "当前")
_AFTER_BUILT = re.compile(r"(?:全面)?(?:建成|投用|投产|建成投用|建成投产|投入使用|运营|落地|竣工)后")
_ORDINAL_PREFIX = re.compile(r"第[一二三四五六七八九十百\d]+[届期批次]")
_RELATIVE_OPENERS = ("由", "位于", "作为", "经")
_PLACE_CLASSES = frozenset({"Place", "IndustrialPark", "Venue"})
_PLACE_TAILS = ("", "内", "里", "中", "区域内", "范围内")
_ANAPHORA: dict[str, frozenset[str]] = {
    "该园区": frozenset({"IndustrialPark"}), "这座园区": frozenset({"IndustrialPark"}),
    "这一园区": frozenset({"IndustrialPark"}), "园区": frozenset({"IndustrialPark"}),
    "该公司": frozenset({"Company"}), "该企业": frozenset({"Company"}),
    "本届大会": frozenset({"Event"}), "大会": frozenset({"Event"}), "该活动": frozenset({"Event"}),
    "该平台": frozenset({"Platform"}),
    "该中心": frozenset({"InnovationCenter", "Infrastructure", "Venue"}),
    "该基金": frozenset({"Fund"}),
}
_AMOUNT_CUES = ("规模", "总额", "额度", "资金", "金额", "最高", "补贴", "奖补", "补助", "奖励", "支持", "每年",
                "可获得")
_FUND_GAP = re.compile(r"^的?[“\"「『‘]?$")
_RATE = re.compile(r"([\u4e00-\u9fff]{2}率)")
_HEAD_STOP = set("的和与及等在为被将已是达于了入获参进并均，,、。；;：:（(“”\"《》")


@dataclass(frozen=True)
class IndicatorRule:
    indicator: str
    units: frozenset[str]
    cues: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorTable:
    rank: str
    count_suffix: str
    fund: dict[str, str]
    by_counter: dict[str, str]
    by_unit: dict[str, str]
    rules: tuple[IndicatorRule, ...]


@lru_cache(maxsize=1)
def indicator_table() -> IndicatorTable:
    """The cue words of ``data/indicators.yaml``."""
    try:
        data = yaml.safe_load(loader_data("indicators.yaml").read_text(encoding="utf-8"))
        rules = tuple(IndicatorRule(str(r["indicator"]), frozenset(r.get("units") or ()), tuple(r["cues"]))
                      for r in data["rules"])
        return IndicatorTable(str(data["rank"]), str(data["count_suffix"]), dict(data["fund"]),
                              dict(data["by_counter"]), dict(data["by_unit"]), rules)
    except (OSError, KeyError, TypeError, ValueError, AttributeError, yaml.YAMLError) as exc:
        raise EcokgError(f"the packaged indicator table indicators.yaml is unreadable or malformed: {exc}",
                         hint="reinstall ecokg or fix loaders/data/indicators.yaml") from exc


@dataclass(frozen=True)
class _Span:
    key: str
    cls: str
    start: int  # sentence offsets
    end: int


@dataclass
class _Context:
    text: str
    spans: list[_Span]
    clauses: list[tuple[int, int]]
    titles: list[tuple[int, int]]  # 《…》 ranges
    entities: Mapping[str, Entity]
    index: int
    region: str | None
    by_clause: list[list[_Span]] = field(default_factory=list)  # spans wholly inside each clause
    starts: list[int] = field(default_factory=list)  # clause starts

    def __post_init__(self) -> None:
        self.starts = [a for a, _ in self.clauses]
        self.by_clause = [[] for _ in self.clauses]
        for sp in self.spans:
            n = _clause_of(self, sp.start)
            if sp.end <= self.clauses[n][1]:
                self.by_clause[n].append(sp)


def _context(sentence: Sentence, spans: list[EntitySpan], entities: Mapping[str, Entity],
             region: str | None) -> _Context:
    clauses, titles = _clauses_and_titles(sentence.text)
    return _Context(sentence.text, _local_spans(sentence, spans, entities), clauses, titles, entities,
                    sentence.index, region)


# --------------------------------------------------------------------------- sentence structure

def _clauses_and_titles(t: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Clauses split at commas and stops outside brackets and quotes; 《…》 ranges."""
    clauses: list[tuple[int, int]] = []
    titles: list[tuple[int, int]] = []
    depth, start, title_start = 0, 0, -1
    for i, ch in enumerate(t):
        if ch in _OPEN:
            depth += 1
            if ch == "《":
                title_start = i
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
            if ch == "》" and title_start >= 0:
                titles.append((title_start, i + 1))
                title_start = -1
        elif ch in _CLAUSE_END and depth == 0:
            clauses.append((start, i + 1))
            start = i + 1
    if start < len(t):
        clauses.append((start, len(t)))
    return clauses or [(0, len(t))], titles


def _local_spans(sentence: Sentence, spans: list[EntitySpan], entities: Mapping[str, Entity]) -> list[_Span]:
    out: list[_Span] = []
    for s in spans:
        start, end = s.start - sentence.start, s.end - sentence.start
        if 0 <= start < end <= len(sentence.text):
            cls = entities[s.key].cls if s.key in entities else s.cls
            out.append(_Span(s.key, cls, start, end))
    out.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[_Span] = []
    for s in out:  # drop spans nested in a longer one
        if kept and s.start < kept[-1].end:
            continue
        kept.append(s)
    return kept


def _clause_of(ctx: _Context, pos: int) -> int:
    return max(0, bisect_right(ctx.starts, pos) - 1)


def _head(ctx: _Context, n: int, periods: list[Period]) -> int:
    """Where the clause's own words start, after time phrases and connectives."""
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
        m = _ORDINAL_PREFIX.match(t, pos)
        if m:
            pos, moved = m.end(), True
            continue
        for w in _PREFIX_WORDS:
            if t.startswith(w, pos):
                pos, moved = pos + len(w), True
                break
    return pos


@dataclass(frozen=True)
class _Topic:
    key: str | None  # None: the region
    explicit: bool  # region named (全市) rather than assumed
    rule: str


def _latest_entity(ctx: _Context, classes: frozenset[str], before: int) -> str | None:
    for s in reversed(ctx.spans):
        if s.end <= before and s.cls in classes:
            return s.key
    best: tuple[int, str] | None = None
    for key, ent in ctx.entities.items():
        if ent.cls in classes:
            earlier = [i for i in ent.sentences if i < ctx.index]
            if earlier and (best is None or max(earlier) > best[0]):
                best = (max(earlier), key)
    return best[1] if best else None


def _topic(ctx: _Context, n: int, head: int) -> _Topic | None:
    b = ctx.clauses[n][1]
    t = ctx.text
    mine = ctx.by_clause[n]
    for k, s in enumerate(mine):
        if s.start in (head, head - 1):
            nxt = mine[k + 1] if k + 1 < len(mine) else None
            if nxt is not None and (
                    (nxt.start == s.end and s.cls == "Place")  # 成都蓉芯产业园: the place names the park
                    or t[s.end:nxt.start] in ("、", "和", "与", "及")):  # A、B等企业: a list, no topic
                if nxt.start == s.end and s.cls == "Place":
                    return _Topic(nxt.key, True, "clause-topic")
                return None
            return _Topic(s.key, True, "clause-topic")
        if s.start > head:
            break
    if head < b and t[head] in _OPEN:
        head += 1
        for s in mine:
            if s.start == head:
                return _Topic(s.key, True, "clause-topic")
    for w in _REGION_WORDS:
        if t.startswith(w, head):
            return _Topic(None, True, "region-word")
    for w in sorted(_ANAPHORA, key=len, reverse=True):
        if t.startswith(w, head):
            key = _latest_entity(ctx, _ANAPHORA[w], head)
            if key is not None:
                return _Topic(key, True, "anaphor")
    if t.startswith("在", head):  # 在合肥高新区，… : the place frames what follows
        inner = t[head + 1:b].rstrip(_CLAUSE_END)
        for s in mine:
            if s.start == head + 1 and s.cls in _PLACE_CLASSES and inner[s.end - s.start:] in _PLACE_TAILS:
                return _Topic(s.key, True, "locative")
    if any(t.startswith(w, head) for w in _RELATIVE_OPENERS):
        for s in mine:
            if s.start > 0 and t[s.start - 1] == "的":
                return _Topic(s.key, True, "relative-head")
    return None


# --------------------------------------------------------------------------- funds

def _fund_links(ctx: _Context, quantities: list[Quantity]) -> dict[int, str]:
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
        clause_start = ctx.clauses[_clause_of(ctx, q.start)][0]
        cue_zone = t[max(s.end, clause_start):q.end]
        if any(c in cue_zone for c in _AMOUNT_CUES) and not any(
                o.start >= s.end and o.end <= q.start and o.cls in _FUND_CLASSES for o in ctx.spans):
            links[i] = s.key
            used.add(s.key)
    return links


# --------------------------------------------------------------------------- indicators

def _head_noun(t: str, end: int) -> str:
    out = []
    for ch in t[end:end + 6]:
        if ch in _HEAD_STOP or not ("\u4e00" <= ch <= "\u9fff" or ch.isalnum()):
            break
        out.append(ch)
    return "".join(out)


def _indicator(t: str, q: Quantity, clause_start: int, fund_cls: str | None) -> str | None:
    table = indicator_table()
    if q.unit == "rank":
        return table.rank
    if fund_cls is not None:
        return table.fund.get(fund_cls)
    if q.counter in table.by_counter:
        return table.by_counter[q.counter]
    if q.unit in table.by_unit:
        return table.by_unit[q.unit]
    head = _head_noun(t, q.end) if q.unit == "count" else ""
    best: tuple[int, int, str] | None = None
    for order, rule in enumerate(table.rules):
        if rule.units and q.unit not in rule.units:
            continue
        for cue in rule.cues:
            pos = head.find(cue)
            if pos >= 0 and (best is None or (pos, order) < best[:2]):
                best = (pos, order, rule.indicator)
    if best:
        return best[2]
    before = normalize_width(t[clause_start:q.start])
    for order, rule in enumerate(table.rules):
        if rule.units and q.unit not in rule.units:
            continue
        for cue in rule.cues:
            pos = before.rfind(cue)
            if pos >= 0:
                dist = len(before) - pos - len(cue)
                if best is None or (dist, order) < best[:2]:
                    best = (dist, order, rule.indicator)
    if best:
        return best[2]
    if q.unit == "percent":
        rates = _RATE.findall(before)
        return rates[-1] if rates else None
    if q.unit == "count" and len(head) >= 2:
        return head[:4] + table.count_suffix
    return None


# --------------------------------------------------------------------------- figures

def _periods_by_clause(ctx: _Context, periods: list[Period]) -> list[list[Period]]:
    out: list[list[Period]] = [[] for _ in ctx.clauses]
    for p in periods:
        if any(a <= p.span_start < b for a, b in ctx.titles) or ctx.text.startswith("同期", p.span_end) \
                or ctx.text[max(0, p.span_start - 1):p.span_start] in ("比", "较"):
            continue  # a policy title's period, or the base of a comparison (比上年同期增长, 较去年)
        out[_clause_of(ctx, p.span_start)].append(p)
    return out


def _entering_periods(ctx: _Context, by_clause: list[list[Period]]) -> list[Period | None]:
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


def _carried(ctx: _Context, heads: list[int]) -> list[tuple[_Topic | None, bool]]:
    """Per clause: (the topic in force when it starts or its own topic, whether that is an event/fund
    named in an earlier clause)."""
    out: list[tuple[_Topic | None, bool]] = []
    current: _Topic | None = None
    from_object = False
    for n in range(len(ctx.clauses)):
        own = _topic(ctx, n, heads[n])
        if own is not None:
            current, from_object = own, False
        out.append((current, from_object))
        objects = [s for s in ctx.by_clause[n] if s.cls in _CARRIED_CLASSES and (own is None or s.key != own.key)]
        if objects:
            current, from_object = _Topic(objects[-1].key, True, "event-carry"), True
    return out


def _subject(ctx: _Context, q: Quantity, n: int, heads: list[int],
             carried: list[tuple[_Topic | None, bool]]) -> _Topic | None:
    t = ctx.text
    for s in ctx.by_clause[n]:  # modifier: 千亩级人工智能产业园
        if s.cls not in _OBJECT_CLASSES and (s.start <= q.start < s.end or (
                s.start == q.end and q.text.endswith("级"))):
            return _Topic(s.key, True, "modifier")
    head = heads[n]
    if _AFTER_BUILT.match(t, head) and n > 0:
        built = [s for s in ctx.by_clause[n - 1] if s.cls not in _OBJECT_CLASSES]
        if built:
            return _Topic(built[-1].key, True, "after-completion")
    if q.start <= head:
        topic, from_object = carried[n]
        if from_object and topic is not None:
            return topic
        return None
    own = _topic(ctx, n, head)
    if own is not None:
        return own
    topic, _ = carried[n]
    if topic is not None:
        return _Topic(topic.key, topic.explicit, "carried-" + topic.rule)
    return None


def extract_figures(sentence: Sentence, spans: list[EntitySpan], entities: Mapping[str, Entity],
                    *, base: date | None, region: str | None) -> list[Observation]:
    """One ``Observation`` per figure of ``sentence`` (offsets into the document text)."""
    quantities = find_quantities(sentence.text)
    if not quantities:
        return []
    ctx = _context(sentence, spans, entities, region)
    clauses = ctx.clauses
    periods = find_periods(sentence.text, base)
    by_clause = _periods_by_clause(ctx, periods)
    entering = _entering_periods(ctx, by_clause)
    heads = [_head(ctx, n, periods) for n in range(len(clauses))]
    carried = _carried(ctx, heads)
    links = _fund_links(ctx, quantities)
    classes = {s.key: s.cls for s in ctx.spans}
    out: list[Observation] = []
    for i, q in enumerate(quantities):
        n = _clause_of(ctx, q.start)
        if i in links:
            topic: _Topic | None = _Topic(links[i], True, "fund-amount")
        else:
            topic = _subject(ctx, q, n, heads, carried)
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
            indicator=_indicator(sentence.text, q, clauses[n][0], fund_cls),
            implicit=implicit and subject is not None, rule=rule,
        ))
    return out


def fund_amounts(sentence: Sentence, spans: list[EntitySpan],
                 entities: Mapping[str, Entity]) -> list[tuple[str, Decimal, str, bool]]:
    """(entity key, amount, unit, per_year) for each Fund/Subsidy whose amount the sentence gives."""
    quantities = find_quantities(sentence.text)
    if not quantities:
        return []
    ctx = _context(sentence, spans, entities, None)
    links = _fund_links(ctx, quantities)
    return [(key, quantities[i].value, quantities[i].unit, quantities[i].per_year)
            for i, key in sorted(links.items())]
