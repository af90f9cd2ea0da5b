"""The subject of a figure: which entity of its sentence, or the region, a figure is about.

In this order (``subject_of`` decides 2–8; ``figures`` links funds first and falls back to 9):

  1. the Fund/Subsidy whose amount it is (设立总规模100亿元的产业发展基金, 专项资金5亿元, or the
     subsidy a heading sentence names: ——算力券。对…每家企业每年最高500万元);
  2. the entity it qualifies as a modifier (千亩级人工智能产业园 → the park); a name that starts
     with the figure (8场平行论坛) is a counted category, not a subject;
  3. what money is spent building (首期投入12亿元建设X → X); the head of the relative clause the
     figure sits in (联合…等12家单位组建的X → X);
  4. a place it follows in an enumeration (其中合肥18个、芜湖9个 → 芜湖);
  5. after 建成后/投用后 … the entity the previous clause builds (开工建设Y，建成后…);
  6. a figure that opens its clause ("3个案例入选…") is about the region, unless an event,
     fund or subsidy of an earlier clause (or an event the sentence is about) is what it reports on;
  7. the clause's topic: the entity that opens the clause once time words are skipped
     (X汇聚了A、B等300余家企业 → X), a described or relative head (区内的X, 整机企业X,
     研发…的X, 由…主办的X, 面向…的行业版本X → X), the head after an opening noun and a relative
     clause or place modifier (A研发的大模型“X”, 锦江区的X, 公司推出的机械臂X → X; never a place
     or person), 全市/我市 → the region, 全省/我省 → the province of the region, 全区/区内 → the
     district named last, an anaphor (园区, 该公司, 公司, 本届峰会 …) → the latest such entity,
     the tail of a recent name (小镇已…, 创新中心将…, 工作站将… → that entity);
  8. the topic carried from the previous clause of the sentence (卡奥斯…，依托…开发了110款智能体),
     an event/fund/subsidy named in an earlier clause (举办X对接会，累计发布…1400项), an event
     frame (在…签约环节，/ X上，/ 峰会期间，), or what an earlier clause builds (签约建设X，投资额…;
     A与B共建X，首批… → X even though A is the subject), the contents of what it issued
     (发布X清单，涵盖…共40个场景 → X);
     clauses of agents (由A、B主办，C、D承办 / 由X领投、Y跟投) neither set nor carry a topic;
  9. else the article's region, ``implicit=True``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ecokg.loaders.classes import PLACE
from ecokg.loaders.figure_context import CLAUSE_END, OPEN, SentenceContext, Span
from ecokg.loaders.figure_referents import (
    NOT_BUILT,
    NOT_HEADS,
    STOPS,
    Topic,
    district_topic,
    entity_class,
    enumerated_place,
    invested_in,
    latest_entity,
    province_of,
    relative_head_after,
    tail_anaphor,
)
from ecokg.loaders.quantity import Quantity

__all__ = ["ClauseTopic", "Topic", "carried_topics", "subject_of"]

_CARRIED_CLASSES = frozenset({"Event", "Fund", "Subsidy"})
#: Classes that are rarely what a figure is about unless they open the clause.
_OBJECT_CLASSES = frozenset({"Product", "AIModel", "Robot", "Policy", "PolicyDocument", "Industry"})
#: Classes that are not built, nor described by a figure that follows them in an enumeration.
_CITY_WORDS = ("全市", "我市", "本市")
_PROVINCE_WORDS = ("全省", "我省", "本省")
_AFTER_BUILT = re.compile(r"(?:全面)?(?:建成|投用|投产|建成投用|建成投产|投入使用|运营|落地|竣工)后")
_RELATIVE_OPENERS = ("由", "位于", "作为", "经")
_PLACE_CLASSES = PLACE
_PLACE_TAILS = ("", "内", "里", "中", "区域内", "范围内")
_LIST_LINKS = ("、", "和", "与", "及", "以及")

# Anaphors: the word, the classes it refers to, and a noun the referent's name should hold.
_EVENT_NOUNS = ("峰会", "大会", "论坛", "博览会", "展览会", "展会", "年会", "发布会", "对接会", "推介会",
                "洽谈会", "大赛", "赛事", "活动")
_DETERMINERS = ("本届", "本次", "此次", "这次", "该", "")
_ANAPHORA: dict[str, tuple[frozenset[str], str | None]] = {
    "该园区": (frozenset({"IndustrialPark"}), None), "这座园区": (frozenset({"IndustrialPark"}), None),
    "这一园区": (frozenset({"IndustrialPark"}), None), "园区": (frozenset({"IndustrialPark"}), None),
    "该公司": (frozenset({"Company"}), None), "该企业": (frozenset({"Company"}), None),
    "公司": (frozenset({"Company"}), None),
    "该平台": (frozenset({"Platform"}), None),
    "该中心": (frozenset({"InnovationCenter", "Infrastructure", "Venue"}), None),
    "该基金": (frozenset({"Fund"}), None),
    **{d + noun: (frozenset({"Event"}), noun) for noun in _EVENT_NOUNS for d in _DETERMINERS},
}
_ANAPHORA_LONGEST = sorted(_ANAPHORA, key=len, reverse=True)
#: An anaphor followed by these is a generic noun: 公司数量, 园区总数, 活动类型.
_GENERIC_TAILS = ("数量", "总数", "家数", "总量", "类型", "数达", "数超", "数已")

# Described heads at the opening of a clause: 区内的X, 上一代产品X, 集群内整机企业X, 研发…的X.
_DESCRIPTOR_NOUNS = ("企业", "公司", "产品", "厂商", "机构", "品牌", "集团", "龙头")
_NOT_DESCRIPTIVE = ("引进", "引入", "支持", "推动", "吸引", "培育", "建设", "打造", "发布", "推出", "举办",
                    "召开", "设立", "成立", "签约", "联合", "携手", "带动", "服务", "鼓励", "依托", "围绕",
                    "面向", "聚焦", "对", "向", "为", "与", "和", "将", "把", "被", "给", "从", "在", "由")
_PREPOSITIONS = ("对", "向", "为", "给", "与", "和", "把", "将", "从", "在", "支持", "鼓励", "推动")

# Agents of a passive frame: 由A、B主办，C、D承办 / 由X领投、Y跟投 / 由Y负责运营 / 由X牵头.
_AGENT_VERBS = ("主办", "承办", "协办", "联办", "指导", "领投", "跟投", "参投", "出资", "运营", "牵头",
                "供货", "配套", "发起", "支持")
# 第四届X峰会: the ordinal is part of the name
_ORDINAL = re.compile(r"第[一二三四五六七八九十百\d]+[届期批次]")
_BY = re.compile(r"(?<!自)由(?!于|此)")
# What a clause builds: 签约建设X / 在…建设X / 落户X (the figures of the next clauses are X's).
_BUILD_VERBS = ("建设", "新建", "建成", "打造", "落户", "投建", "筹建", "兴建", "开工", "引进", "引入",
                "共建", "组建")
#: A clause that opens with a phase (首批派驻科研人员60名, 首期组建研究团队30人) is about what the
#: clause before it builds, even when that clause has its own subject (A与B共建X，首批…).
_PHASE_OPENERS = ("首批", "首期", "一期")
#: A clause that opens with these lists the contents of what the clause before it issued:
#: 发布首批场景开放清单，涵盖…共40个场景 → the list.
_CONTENT_VERBS = ("涵盖", "包括", "包含", "覆盖", "囊括", "共有", "共计", "共包含")
_CONTENT_CLASSES = frozenset({"Policy", "PolicyDocument", "Program", "Platform", "Fund", "Subsidy", "Event"})
# Event frames: 在…签约环节， / 开幕式上， / X对接会上， / 峰会期间， ; 现场/会上 open a clause at the event.
_FRAME_TAILS = ("上", "期间", "现场", "环节", "环节中")
_FRAME_WORDS = (*_EVENT_NOUNS, "环节", "仪式", "开幕式", "闭幕式", "会上", "现场")
_AT_EVENT = ("现场", "会上", "会议期间", "活动期间")


def _described_head(ctx: SentenceContext, n: int, head: int) -> Topic | None:
    """区内的X / 上一代产品X / 整机企业X / 研发…的X at the opening of the clause: X."""
    t = ctx.text
    mine = [s for s in ctx.by_clause[n] if s.start > head]
    if not mine:
        return None
    first = mine[0]
    gap = t[head:first.start]
    if len(gap) > 14 or any(ch in STOPS for ch in gap):
        return None
    if len(mine) > 1 and t[first.end:mine[1].start] in _LIST_LINKS:
        return None  # A、B等企业: a list, no topic
    if gap.endswith("的") and not gap.startswith(_PREPOSITIONS):
        return Topic(first.key, True, "described-head")
    if gap.endswith(_DESCRIPTOR_NOUNS) and not any(w in gap for w in _NOT_DESCRIPTIVE):
        return Topic(first.key, True, "described-head")
    if _RELATIVE_GAP.fullmatch(gap) and not gap.startswith(_PREPOSITIONS) and not _BARE_DIGITS.search(gap):
        return Topic(first.key, True, "described-head")  # 面向金融客服的行业版本X
    return None


#: The relative clause or modifier between an opening noun and the head it describes:
#: 研发的港口调度大模型“ / 的 / 今年4月发布的开源大模型 / 推出的协作机械臂.
_RELATIVE_GAP = re.compile(r"[^，,。；;：:的、“”]{0,9}的[^，,。；;：:的、]{0,9}[“「『‘]?")
_RELATIVE_BLOCKERS = ("将", "向", "在", "对", "为", "把", "被", "从", "给", "已", "正", "要", "会", "也",
                      "还", "与", "和", "及", "同", "跟", "让", "使", "等", "是", "有", "占", "达", "以")
#: Titles between an organisation and a person (中国科学院院士徐承岳领衔的X): a bridge, not a head.
_TITLE_BRIDGES = ("院士", "教授", "研究员", "董事长", "总经理", "创始人", "总裁", "首席科学家", "专家",
                  "团队")
_BARE_DIGITS = re.compile(r"[0-9]+(?![0-9.]*[年月日])")


def _relative_head(ctx: SentenceContext, n: int, end: int) -> Span | None:
    """The head noun after the opening noun of a clause (ending at ``end``) and a relative clause or
    a place modifier: 舶联科技研发的港口调度大模型“海衡” → 海衡; 锦江区的蓉芯智元 → 蓉芯智元;
    中国科学院院士徐承岳领衔的X → X; X…发布的开源大模型Orion-7B → Orion-7B. None: no such head."""
    t = ctx.text
    found: Span | None = None
    pos = end
    for s in ctx.by_clause[n]:
        if s.start < pos:
            continue
        gap = t[pos:s.start]
        if found is not None and gap.strip() == "":
            found, pos = s, s.end  # apposition: 开源大模型Orion-7B
            continue
        if _RELATIVE_GAP.fullmatch(gap) and not gap.startswith(_RELATIVE_BLOCKERS) \
                and not _BARE_DIGITS.search(gap):
            if s.cls in NOT_HEADS:
                break  # 讯飞的合肥基地, 公司的董事长X: a modifier or a person, not what the clause is about
            found, pos = s, s.end
            continue
        if gap in _TITLE_BRIDGES:
            pos = s.end
            continue
        break
    return found


def _topic(ctx: SentenceContext, n: int, head: int) -> Topic | None:
    b = ctx.clauses[n][1]
    t = ctx.text
    mine = ctx.by_clause[n]
    district = district_topic(ctx, n, head)
    if district is not None:
        return district
    for k, s in enumerate(mine):
        if s.start == head or (s.start == head - 1 and t[s.start] in OPEN) or (
                s.start < head < s.end and _ORDINAL.fullmatch(t, s.start, head)):
            nxt = mine[k + 1] if k + 1 < len(mine) else None
            if nxt is not None and (
                    (nxt.start == s.end and s.cls == "Place")  # 成都蓉芯产业园: the place names the park
                    or t[s.end:nxt.start] in _LIST_LINKS):  # A、B等企业: a list, no topic
                if nxt.start == s.end and s.cls == "Place":
                    return Topic(nxt.key, True, "clause-topic")
                return None
            rel = _relative_head(ctx, n, s.end)
            if rel is not None:
                return Topic(rel.key, True, "relative-head")
            return Topic(s.key, True, "clause-topic")
        if s.start > head:
            break
    if head < b and t[head] in OPEN:
        head += 1
        for s in mine:
            if s.start == head:
                return Topic(s.key, True, "clause-topic")
    for w in _CITY_WORDS:
        if t.startswith(w, head):
            return Topic(None, True, "region-word")
    for w in _PROVINCE_WORDS:
        if t.startswith(w, head):
            return Topic(province_of(ctx), True, "region-word")
    described = _described_head(ctx, n, head)
    if described is not None:
        return described
    for w in _ANAPHORA_LONGEST:
        if t.startswith(w, head) and not t.startswith(_GENERIC_TAILS, head + len(w)):
            classes, noun = _ANAPHORA[w]
            key = latest_entity(ctx, classes, head, noun)
            if key is not None:
                rel = _relative_head(ctx, n, head + len(w))  # 公司推出的协作机械臂T-Arm 3
                return Topic(rel.key if rel is not None else key, True, "anaphor")
    tail = tail_anaphor(ctx, head, b)
    if tail is not None:
        return tail
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


def _body(ctx: SentenceContext, n: int) -> tuple[int, int]:
    """The clause without its closing punctuation and spaces."""
    a, b = ctx.clauses[n]
    while b > a and (ctx.text[b - 1] in CLAUSE_END or ctx.text[b - 1].isspace()):
        b -= 1
    return a, b


def _is_agent_clause(ctx: SentenceContext, n: int, head: int) -> bool:
    """由A、B主办 / C、D承办 (after 由…) / 由X领投、Y跟投: agents, not what the sentence is about."""
    a, b = _body(ctx, n)
    t = ctx.text
    if not t[a:b].endswith(_AGENT_VERBS):
        return False
    if t.startswith("由", head):
        return True
    return not _BY.search(t, a, b) and _BY.search(t, 0, a) is not None


def _has_agents(ctx: SentenceContext, n: int) -> bool:
    a, b = _body(ctx, n)
    return ctx.text[a:b].endswith(_AGENT_VERBS) and _BY.search(ctx.text, 0, b) is not None


def _built_object(ctx: SentenceContext, n: int) -> Span | None:
    """签约建设X， / 在…建设X， : the X a clause builds, when X ends it."""
    a, b = _body(ctx, n)
    mine = ctx.by_clause[n]
    if not mine or mine[-1].end != b or mine[-1].cls in NOT_BUILT:
        return None
    s = mine[-1]
    return s if ctx.text[a:s.start].endswith(_BUILD_VERBS) else None


def _event_frame(ctx: SentenceContext, n: int) -> Topic | None:
    """在…签约环节， / X对接会上， / 开幕式上， / 峰会期间， : the event the clause frames."""
    a, b = _body(ctx, n)
    body = ctx.text[a:b]
    if not body.endswith(_FRAME_TAILS) or body.endswith(("其中", "以上")):
        return None
    events = [s for s in ctx.by_clause[n] if s.cls == "Event"]
    if events:
        return Topic(events[-1].key, True, "event-frame")
    if not any(w in body for w in _FRAME_WORDS):
        return None
    noun = next((w for w in _EVENT_NOUNS if w in body), None)
    key = latest_entity(ctx, frozenset({"Event"}), a, noun)
    return Topic(key, True, "event-frame") if key is not None else None


@dataclass(frozen=True)
class ClauseTopic:
    """What one clause is about: its own topic, the topic in force in it, and whether that one is an
    event/fund named in an earlier clause, an event frame or a built object."""

    own: Topic | None
    current: Topic | None
    from_object: bool


def carried_topics(ctx: SentenceContext, heads: list[int], figure_clauses: set[int]) -> list[ClauseTopic]:
    """Per clause: its own topic and the topic in force in it (rules 7 and 8). What a clause builds
    is carried through the clauses of figures right after it (``figure_clauses``) only."""
    out: list[ClauseTopic] = []
    current: Topic | None = None
    from_object = False
    frame: Topic | None = None
    unbuilt: tuple[Topic | None, bool] | None = None  # what was in force before a built object
    t = ctx.text
    previous_built: Span | None = None  # what the clause before builds, subject or not
    previous_issued: Span | None = None  # the last list, policy, event … the clause before names
    for n in range(len(ctx.clauses)):
        if unbuilt is not None and n not in figure_clauses:
            (current, from_object), unbuilt = unbuilt, None
        agents = _is_agent_clause(ctx, n, heads[n])
        own = None if agents else _topic(ctx, n, heads[n])
        if own is None and previous_built is not None and t.startswith(_PHASE_OPENERS, ctx.clauses[n][0]):
            current, from_object = Topic(previous_built.key, True, "phase-of-built"), True
        elif own is None and previous_issued is not None and t.startswith(_CONTENT_VERBS, heads[n]):
            current, from_object = Topic(previous_issued.key, True, "contents-of"), True
        previous_built = _built_object(ctx, n)
        issued = [sp for sp in ctx.by_clause[n]
                  if sp.cls in _CONTENT_CLASSES and (own is None or sp.key != own.key)]
        previous_issued = issued[-1] if issued else None
        if own is None and frame is not None and t.startswith(_AT_EVENT, heads[n]):
            own = Topic(frame.key, True, "at-event")
        if own is not None:
            current, from_object = own, False
        out.append(ClauseTopic(own, current, from_object))
        if agents or _has_agents(ctx, n):
            continue  # 由X领投、Y跟投: the investors are not what follows is about
        framed = _event_frame(ctx, n)
        if framed is not None:
            frame = current = framed
            from_object = True
            continue
        objects = [s for s in ctx.by_clause[n]
                   if s.cls in _CARRIED_CLASSES and (own is None or s.key != own.key)]
        if objects:
            current, from_object = Topic(objects[-1].key, True, "event-carry"), True
        built = _built_object(ctx, n) if own is None else None
        if built is not None:
            unbuilt = unbuilt or (current, from_object)
            current, from_object = Topic(built.key, True, "built-object"), True
    return out


def subject_of(ctx: SentenceContext, q: Quantity, n: int, heads: list[int],
               clauses: list[ClauseTopic]) -> Topic | None:
    """What figure ``q`` of clause ``n`` is about (rules 2–8); ``None``: the region, assumed."""
    t = ctx.text
    for s in ctx.by_clause[n]:  # modifier: 千亩级人工智能产业园 (not 8场平行论坛: a counted category)
        if s.cls not in _OBJECT_CLASSES and (
                (s.start <= q.start < s.end and (s.start < q.start or q.text.endswith("级")
                                                  or t.startswith("级", q.end)))
                or (s.start == q.end and q.text.endswith("级"))):
            return Topic(s.key, True, "modifier")
    head = heads[n]
    for rule in (invested_in(ctx, q, n), relative_head_after(ctx, q, n), enumerated_place(ctx, q, head)):
        if rule is not None:
            return rule
    if _AFTER_BUILT.match(t, head) and n > 0:
        built = [s for s in ctx.by_clause[n - 1] if s.cls not in _OBJECT_CLASSES]
        if built:
            return Topic(built[-1].key, True, "after-completion")
    state = clauses[n]
    topic = state.current
    if q.start <= head:
        if topic is not None and (state.from_object or entity_class(ctx, topic.key) == "Event"):
            return topic
        return None
    if state.own is not None:
        return state.own
    if topic is not None:
        return Topic(topic.key, topic.explicit, "carried-" + topic.rule)
    return None
