"""The subject of a figure: which entity of its sentence, or the region, a figure is about.

In this order (``subject_of`` decides 2–6; ``figures`` links funds first and falls back to 7):

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
from dataclasses import dataclass

from ecokg.loaders.figure_context import CLAUSE_END, OPEN, SentenceContext
from ecokg.loaders.quantity import Quantity

__all__ = ["Topic", "carried_topics", "subject_of"]

_CARRIED_CLASSES = frozenset({"Event", "Fund", "Subsidy"})
#: Classes that are rarely what a figure is about unless they open the clause.
_OBJECT_CLASSES = frozenset({"Product", "AIModel", "Robot", "Policy", "PolicyDocument", "Industry"})
_REGION_WORDS = ("全市", "我市", "本市", "全区", "全县", "全省", "我省", "本省")
_AFTER_BUILT = re.compile(r"(?:全面)?(?:建成|投用|投产|建成投用|建成投产|投入使用|运营|落地|竣工)后")
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


@dataclass(frozen=True)
class Topic:
    """The entity a clause or figure is about, and the rule that found it."""

    key: str | None  # None: the region
    explicit: bool  # region named (全市) rather than assumed
    rule: str


def _latest_entity(ctx: SentenceContext, classes: frozenset[str], before: int) -> str | None:
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


def _topic(ctx: SentenceContext, n: int, head: int) -> Topic | None:
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
                    return Topic(nxt.key, True, "clause-topic")
                return None
            return Topic(s.key, True, "clause-topic")
        if s.start > head:
            break
    if head < b and t[head] in OPEN:
        head += 1
        for s in mine:
            if s.start == head:
                return Topic(s.key, True, "clause-topic")
    for w in _REGION_WORDS:
        if t.startswith(w, head):
            return Topic(None, True, "region-word")
    for w in sorted(_ANAPHORA, key=len, reverse=True):
        if t.startswith(w, head):
            key = _latest_entity(ctx, _ANAPHORA[w], head)
            if key is not None:
                return Topic(key, True, "anaphor")
    if t.startswith("在", head):  # 在合肥高新区，… : the place frames what follows
        inner = t[head + 1:b].rstrip(CLAUSE_END)
        for s in mine:
            if s.start == head + 1 and s.cls in _PLACE_CLASSES and inner[s.end - s.start:] in _PLACE_TAILS:
                return Topic(s.key, True, "locative")
    if any(t.startswith(w, head) for w in _RELATIVE_OPENERS):
        for s in mine:
            if s.start > 0 and t[s.start - 1] == "的":
                return Topic(s.key, True, "relative-head")
    return None


def carried_topics(ctx: SentenceContext, heads: list[int]) -> list[tuple[Topic | None, bool]]:
    """Per clause: (the topic in force when it starts or its own topic, whether that is an event/fund
    named in an earlier clause)."""
    out: list[tuple[Topic | None, bool]] = []
    current: Topic | None = None
    from_object = False
    for n in range(len(ctx.clauses)):
        own = _topic(ctx, n, heads[n])
        if own is not None:
            current, from_object = own, False
        out.append((current, from_object))
        objects = [s for s in ctx.by_clause[n] if s.cls in _CARRIED_CLASSES and (own is None or s.key != own.key)]
        if objects:
            current, from_object = Topic(objects[-1].key, True, "event-carry"), True
    return out


def subject_of(ctx: SentenceContext, q: Quantity, n: int, heads: list[int],
               carried: list[tuple[Topic | None, bool]]) -> Topic | None:
    """What figure ``q`` of clause ``n`` is about (rules 2–6); ``None``: the region, assumed."""
    t = ctx.text
    for s in ctx.by_clause[n]:  # modifier: 千亩级人工智能产业园
        if s.cls not in _OBJECT_CLASSES and (s.start <= q.start < s.end or (
                s.start == q.end and q.text.endswith("级"))):
            return Topic(s.key, True, "modifier")
    head = heads[n]
    if _AFTER_BUILT.match(t, head) and n > 0:
        built = [s for s in ctx.by_clause[n - 1] if s.cls not in _OBJECT_CLASSES]
        if built:
            return Topic(built[-1].key, True, "after-completion")
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
        return Topic(topic.key, topic.explicit, "carried-" + topic.rule)
    return None
