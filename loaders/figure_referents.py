"""Referents in a figure's sentence: the entity a clause is about (``Topic``), the entity of a class
named last, the district of 全区/区内, the province of 全省, and the tail anaphors (小镇已…, 创新中心将…)
that name a recent entity by the end of its name."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ecokg.loaders.figure_context import SentenceContext
from ecokg.loaders.lexicon import lexicon
from ecokg.loaders.quantity import Quantity
from ecokg.loaders.records import Entity

NOT_HEADS = frozenset({"Place", "Person", "GovernmentBody"})
#: District words: the district named last (南沙区…，全区现有企业超过300家), else the region.
_DISTRICT_WORDS = ("全区", "我区", "本区", "全县", "我县", "本县")
_DISTRICT_INSIDE = re.compile(r"(?:^(?:在|使|让)?|带动|推动|引领|助力)区内(?!的)")
_DISTRICT_ENDS = ("区", "县")
_NOT_DISTRICT_ENDS = ("园区", "景区", "港区", "片区", "社区", "街区", "城区", "校区", "厂区", "矿区",
                      "功能区", "示范区", "先导区", "试验区", "实验区", "集聚区", "开发区", "保税区", "地区")
#: Head nouns that name a recent entity when a clause opens with them: 小镇已入驻…, 工作站将…,
#: 创新中心将累计孵化… (the tail of 广州南沙人工智能创新中心).
_TAIL_NOUNS = ("小镇", "园区", "产业园", "基地", "中心", "工作站", "实验室", "研究院", "联盟", "平台", "基金",
               "集群", "科学城", "科技城", "示范区", "先导区", "项目", "工厂")
_TAIL_DETERMINERS = ("该", "本", "这个", "这一", "这座", "此")
_TAIL_FOLLOW = "将已还也现共拥累内里的是在于正计目首自同，,"


#: Classes that are not built, nor described by a figure that follows them in an enumeration.
NOT_BUILT = frozenset({"Place", "GovernmentBody", "Person", "Committee"})
STOPS = "，,、；;：:。！？!?\n"
_ENUMERATED_CLASSES = frozenset({"Place", "IndustrialPark"})
#: Money spent on building: 首期投入12亿元建设X → X.
_INVESTED_IN = re.compile(r"(?:，|,)?(?:用于|专项用于|主要用于)?"
                          r"(?:建设|新建|打造|投建|兴建|筹建|建成|改造|升级|扩建)")


@dataclass(frozen=True)
class Topic:
    """The entity a clause or figure is about, and the rule that found it."""

    key: str | None  # None: the region
    explicit: bool  # region named (全市) rather than assumed
    rule: str


def entity_class(ctx: SentenceContext, key: str | None) -> str | None:
    if key is None:
        return None
    ent = ctx.entities.get(key)
    if ent is not None:
        return ent.cls
    return next((s.cls for s in ctx.spans if s.key == key), None)


def latest_entity(ctx: SentenceContext, classes: frozenset[str], before: int,
                  noun: str | None = None) -> str | None:
    """The entity of ``classes`` named last before ``before`` (this sentence, then earlier ones);
    among them the first whose name holds ``noun``, when one does."""
    found: list[str] = [s.key for s in reversed(ctx.spans) if s.end <= before and s.cls in classes]
    earlier: list[tuple[int, int, str]] = []
    for key, ent in ctx.entities.items():
        if ent.cls in classes:
            seen = [i for i in ent.sentences if i < ctx.index]
            if seen:
                earlier.append((max(seen), len(ent.sentences), key))
    found += [key for _, _, key in sorted(earlier, key=lambda e: (-e[0], -e[1]))]
    if noun is not None:
        for key in found:
            ent = ctx.entities.get(key)
            if noun in key or (ent is not None and any(noun in a for a in ent.alt_labels)):
                return key
    return found[0] if found else None


def province_of(ctx: SentenceContext) -> str | None:
    """The province entity of a 全省/我省 figure: the region's province, else the one province named."""
    lex = lexicon()
    places = {k for k, e in ctx.entities.items() if e.cls == "Place"}
    if ctx.region:
        short = ctx.region[:-1] if ctx.region.endswith("市") and len(ctx.region) > 2 else ctx.region
        province = lex.city_to_province.get(short)
        if province and province in places:
            return province
    named = [k for k in places if k in lex.provinces and not lex.provinces[k].get("municipality")]
    return named[0] if len(named) == 1 else None


def last_seen(ent: Entity, index: int, window: int = 64) -> int:
    """The last sentence before ``index`` that names ``ent``; -1: none. Looks back ``window``
    sentences one by one first, so that an entity named in every sentence costs nothing."""
    for i in range(index - 1, max(-1, index - 1 - window), -1):
        if i in ent.sentences:
            return i
    return max((i for i in ent.sentences if i < index - window), default=-1)


def named_last(ctx: SentenceContext, keys: list[str], before: int) -> str | None:
    """Of ``keys``, the one named last before ``before`` in this sentence, else in an earlier one."""
    here = [s.key for s in reversed(ctx.spans) if s.end <= before and s.key in keys]
    if here:
        return here[0]
    seen = [(last_seen(ctx.entities[k], ctx.index), k) for k in keys if k in ctx.entities]
    seen = [(i, k) for i, k in seen if i >= 0]
    return max(seen, key=lambda e: e[0])[1] if seen else None


def name_endings(entities: Mapping[str, Entity]) -> dict[str, list[str]]:
    """Ending (2 to 8 characters) -> the entities, in their order, one of whose names ends so and
    is longer than it: what ``tail_anaphor`` looks for, indexed once per article instead of
    scanning every entity in every clause that opens with a head noun."""
    out: dict[str, dict[str, None]] = {}
    for key, ent in entities.items():
        if ent.cls in NOT_HEADS:
            continue
        for nm in (key, *ent.alt_labels):
            for size in range(2, min(8, len(nm) - 1) + 1):
                out.setdefault(nm[-size:], {})[key] = None
    return {k: list(v) for k, v in out.items()}


def tail_anaphor(ctx: SentenceContext, head: int, b: int) -> Topic | None:
    """A clause that opens with the tail of a recent entity's name (小镇已…, 创新中心将…): that entity."""
    t = ctx.text
    pos = head
    for d in _TAIL_DETERMINERS:
        if t.startswith(d, pos):
            pos += len(d)
            break
    for size in range(min(8, b - pos), 1, -1):
        word = t[pos:pos + size]
        if not word.endswith(_TAIL_NOUNS) or t[pos + size:pos + size + 1] not in _TAIL_FOLLOW \
                or pos + size >= b:
            continue
        if ctx.endings is not None:
            named = list(ctx.endings.get(word, ()))
        else:
            named = [key for key, ent in ctx.entities.items() if ent.cls not in NOT_HEADS
                     and any(nm.endswith(word) and nm != word for nm in (key, *ent.alt_labels))]
        key = named_last(ctx, named, head)
        if key is not None:
            return Topic(key, True, "anaphor")
    return None


def district_named_last(ctx: SentenceContext, before: int) -> str | None:
    """The district (a Place named …区/…县) mentioned last before ``before``: in this sentence, even
    inside a longer name (南沙区科技局), else in an earlier one; None: none."""
    best: tuple[int, int, str] | None = None
    for key, ent in ctx.entities.items():
        if ent.cls != "Place" or key == ctx.region:
            continue
        names = [nm for nm in {key, *ent.alt_labels} if nm.endswith(_DISTRICT_ENDS)
                 and not nm.endswith(_NOT_DISTRICT_ENDS) and len(nm) >= 3]
        if not names:
            continue
        here = max((ctx.text.rfind(nm, 0, before) for nm in names), default=-1)
        seen = last_seen(ent, ctx.index)
        rank = (1, here, key) if here >= 0 else ((0, seen, key) if seen >= 0 else None)
        if rank is not None and (best is None or rank > best):
            best = rank
    return best[2] if best is not None else None


def district_topic(ctx: SentenceContext, n: int, head: int) -> Topic | None:
    """全区/我区 at the head, or 带动区内… before the figure: the district, else the region."""
    b = ctx.clauses[n][1]
    t = ctx.text
    if t.startswith(_DISTRICT_WORDS, head) or _DISTRICT_INSIDE.search(t[head:b]):
        return Topic(district_named_last(ctx, head), True, "district-word")
    return None


def relative_head_after(ctx: SentenceContext, q: Quantity, n: int) -> Topic | None:
    """联合…等12家单位组建的X / 拥有300家企业的X园区: the figure describes the head X."""
    t = ctx.text
    after = [s for s in ctx.by_clause[n] if s.start >= q.end]
    if not after:
        return None
    s = after[0]
    gap = t[q.end:s.start]
    if s.start > 0 and t[s.start - 1] == "的" and len(gap) <= 12 and not any(ch in STOPS for ch in gap):
        return Topic(s.key, True, "relative-head")
    return None


def invested_in(ctx: SentenceContext, q: Quantity, n: int) -> Topic | None:
    """首期投入12亿元建设X / 投资5亿元用于建设X: money spent on building X is X's."""
    if q.unit in ("percent", "count", "rank") or not (q.unit.isupper() and len(q.unit) == 3):
        return None
    m = _INVESTED_IN.match(ctx.text, q.end)
    if m is None:
        return None
    for s in ctx.by_clause[n]:
        if s.start == m.end() and s.cls not in NOT_BUILT:
            return Topic(s.key, True, "invested-in")
    return None


def enumerated_place(ctx: SentenceContext, q: Quantity, head: int) -> Topic | None:
    """其中合肥18个、芜湖9个: the place right before the figure, in an enumeration."""
    t = ctx.text
    for s in ctx.spans:
        if s.end == q.start and s.cls in _ENUMERATED_CLASSES \
                and (s.start <= head or t[s.start - 1:s.start] == "、") \
                and t[q.end:q.end + 1] not in ("市", "区", "县", "省", "地", "城"):
            return Topic(s.key, True, "enumerated-place")
    return None
