"""By-phrases: 由 X 主办/运营/组建/牵头/研发 的 Z, or Z …，由 X 牵头 → Z pred X (each agent).

A clause rule of ``relation_frames.py`` (part of the rules of ``relations.py``), kept apart for its
machinery: the verbs after 由 and the predicate each gives (建设运营 gives both ``establishedBy`` and
``operatedBy``), a second agent in the same breath (由A建设、B运营), an entrusted operator
(委托A负责运营), owners dropped from the agents (由A下属的B → B partOf A), and what the phrase is
about when it does not name it (Z …，由 X 牵头: the thing the clause or an anaphor names).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ecokg.loaders.class_groups import group
from ecokg.loaders.classes import ORG, PLACE
from ecokg.loaders.discourse import anaphors
from ecokg.loaders.records import EntitySpan, Sentence

if TYPE_CHECKING:
    from ecokg.loaders.relations import RelationExtractor

Rel = Callable[..., None]

_BY = re.compile(r"由([^，。；]{2,40}?)(?:共同|联合[^，。；]{0,12}?|统筹)?"
                 r"(主办|承办|举办|负责日常运营|负责[\u4e00-\u9fff]{0,8}?运营|负责运维|运维|"
                 r"投资建设并(?:负责)?运营|投资建设运营|建设并(?:负责)?运营|建设和运营|"
                 r"建设运营|运营|牵头(?:设立|组建|成立|建设|打造|发起)|组建|设立|成立|牵头|领衔|挂帅|研发|开发|建设|发起|"
                 r"揭榜|创办|管理)(的)?")
#: 由A建设、B运营 / 由A投资建设，B负责运营: a second agent after the first clause runs the same thing.
_THEN_RUN = re.compile(r"(?:、|[，,](?=[^，。；]{2,30}?负责))([^，。；]{2,30}?)(?:负责)?(?:日常)?运营")
#: …，委托A（以下简称“B”）负责运营: the thing named before is run by A.
_ENTRUST = re.compile(r"委托([^，。；（]{2,40}?)(?:（[^）]{0,20}）)?(?:负责)?(?:日常)?(?:运营|管理)")
_BOTH = ("establishedBy", "operatedBy")
_PAIRED = frozenset(group("Organization") | {"Platform", "Infrastructure", "Venue", "IndustrialPark",
                                              "Program", "Product", "AIModel", "Robot", "Fund"})
_IN_BRACKETS = re.compile(r"（[^（）]{0,12}$")
_AFTER_WHERE = re.compile(r"(?:位于|坐落于|坐落在|地处|落户于|落户|在)$")
_BY_PRED = {"牵头设立": "establishedBy", "牵头组建": "establishedBy", "牵头成立": "establishedBy",
            "牵头建设": "establishedBy", "牵头打造": "establishedBy", "牵头发起": "establishedBy",
            "主办": "organizedBy", "承办": "organizedBy", "举办": "organizedBy", "负责日常运营": "operatedBy",
            "负责运营": "operatedBy", "负责开发和运营": "operatedBy", "负责开发与运营": "operatedBy",
            "负责开发及运营": "operatedBy", "负责建设和运营": "operatedBy", "负责建设与运营": "operatedBy",
            "负责建设及运营": "operatedBy", "建设和运营": "operatedBy", "运营": "operatedBy",
            "组建": "establishedBy", "设立": "establishedBy",
            "成立": "establishedBy", "建设": "establishedBy", "发起": "establishedBy", "牵头": "ledBy",
            "领衔": "ledBy", "挂帅": "ledBy", "研发": "developedBy", "开发": "developedBy", "揭榜": "ledBy",
            "负责开发运营": "operatedBy", "负责建设运营": "operatedBy", "创办": "establishedBy",
            "管理": "operatedBy"}
_BY_BOTH = ("投资建设并运营", "投资建设运营", "建设并运营", "建设运营", "建设和运营", "负责建设和运营",
            "负责建设与运营", "负责建设及运营")
_EVENT_ANAPHOR = re.compile(r"(本届|该|此次|本次)?(峰会|大会|论坛|会议|活动|展会|博览会|对接会|推介会|"
                            r"推进会|签约会|发布会|洽谈会|"
                            r"交流会|调度会)$")


def by_phrases(x: RelationExtractor, sent: Sentence, spans: Sequence[EntitySpan], rel: Rel) -> None:
    """由 X 主办的 Y / Y …，由 X 牵头 / 由 X 与 Y 联合研发 → Y pred X (every agent named)."""
    def orgs_in(a: int, b: int) -> list[EntitySpan]:
        return [s for s in spans if a <= s.start < b and x.cls(s.key) in ORG]

    for m in _ENTRUST.finditer(sent.text):  # the sentence's topic is entrusted to the agent
        firsts = [s for s in spans if x.cls(s.key) not in PLACE - {"IndustrialPark", "Venue"}]
        if firsts and firsts[0].start < sent.start + m.start():
            for agent in orgs_in(sent.start + m.start(1), sent.start + m.end(1)):
                rel(firsts[0].key, "operatedBy", agent.key, "entrusted")
    masked = list(sent.text)  # a verb inside a name (…管理局) is no verb of the sentence
    for s in spans:
        masked[s.start - sent.start:s.end - sent.start] = "〇" * (s.end - s.start)
    last_target: str | None = None
    last_agents: list[str] = []
    for m in _BY.finditer("".join(masked)):
        a, b = sent.start + m.start(1), sent.start + m.start(2)  # (由A联合B、C共同组建: all)
        verb = m.group(2)
        pred = _BY_PRED.get(verb) or ("operatedBy" if verb.endswith(("运营", "运维")) else "establishedBy")
        both = verb in _BY_BOTH or ("建设" in verb and verb.endswith("运营"))
        agents = [s for s in spans if a <= s.start < b and x.cls(s.key) in ORG | {"Person"}]
        if pred == "ledBy" and any(x.cls(s.key) == "Person" for s in agents):
            agents = [s for s in agents if x.cls(s.key) == "Person"]
        agents = [s for s in agents if pred == "ledBy" or x.cls(s.key) != "Person"]
        agents = _owners_dropped(x, sent, agents, rel)
        if not agents:
            continue
        if pred == "ledBy" and not m.group(3):
            agents = agents[:1]
        target: str | None = None
        if last_target and re.search(r"(?:交|并|且|、)$", sent.text[:m.start()]):  # 由A建设、交由B运营
            target = last_target
            owner = re.match(r"其(?:下属|旗下|所属)的", sent.text[m.start(1):])
            if owner and last_agents and agents and x.cls(agents[0].key) == "Company":  # 并由其下属的B运营
                rel(agents[0].key, "partOf", last_agents[0], "owned-agent")
        elif m.group(3):  # 由 X 主办的 Y
            targets = [s for s in spans if s.start >= sent.start + m.end()
                       and not re.search(r"[，。；：,;:]", sent.text[m.end():s.start - sent.start])]
            target = targets[0].key if targets else None  # (the thing it describes, in its own clause)
        elif m.group(2).startswith("牵头") and len(m.group(2)) > 2 \
                and (made := _made_next(sent, spans, m.end())):
            target = made  # 由X牵头设立规模10亿元的Y: Y
        elif _EVENT_ANAPHOR.search(sent.text, 0, m.start()) and x.last_event:  # 峰会由 X 主办
            target = x.last_event
        else:  # Y …，由 X 牵头 (a park or venue may be run by X)
            keep = {"IndustrialPark", "Venue"} if pred in ("operatedBy", "establishedBy") else set()
            target = _clause_target(x, sent, spans, m.start(), keep)
        if target is not None:
            last_target, last_agents = target, [a.key for a in agents]
            for p in (_BOTH if both else (pred,)):
                for agent in agents:
                    rel(target, p, agent.key, "by-phrase")
            then = _THEN_RUN.match(sent.text, m.end())
            if then:
                for agent in orgs_in(sent.start + then.start(1), sent.start + then.end(1)):
                    rel(target, "operatedBy", agent.key, "by-phrase")


def _owners_dropped(x: RelationExtractor, sent: Sentence, agents: list[EntitySpan],
                    rel: Callable[..., None]) -> list[EntitySpan]:
    """由A下属的B负责运营: B is the agent, A its owner (B partOf A)."""
    out: list[EntitySpan] = []
    for n, a in enumerate(agents):
        nxt = agents[n + 1] if n + 1 < len(agents) else None
        between = sent.text[a.end - sent.start:nxt.start - sent.start] if nxt else ""
        if nxt is not None and re.fullmatch(r"(?:下属|旗下|所属)的?|的", between):
            if between != "的" and x.cls(nxt.key) == "Company":
                rel(nxt.key, "partOf", a.key, "owned-agent")
            continue
        out.append(a)
    return out


def _clause_target(x: RelationExtractor, sent: Sentence, spans: Sequence[EntitySpan], at: int,
                   keep: set[str]) -> str | None:
    """What a clause …，由 X 建设 (at ``at``, a sentence offset) is about: the last thing named before
    it that is no place (a park or venue may be), not counting the place of a 位于 phrase; else the
    thing an anaphor opening the sentence (该中心位于…) refers to."""
    clause = max(sent.text.rfind(c, 0, at) for c in "，。；,;") + 1
    pair = re.match(r"(前者|后者)", sent.text[clause:at])
    if pair:  # A和B，前者由X组建: the first (or the last) of the pair named before
        named = x.discourse.latest_list(_PAIRED, sent.start + clause)
        if named:
            return named[0] if pair.group(1) == "前者" else named[-1]
    built = [a for a in anaphors() if not a.classes <= {"GovernmentBody"}]  # a government is not built
    for a in built:  # 园区由X负责运营: the clause opens with an anaphor
        word = next((w for w in a.words if len(w) > 1 and sent.text.startswith(w, clause)), None)
        if word and not a.plural and not any(sent.start + clause <= s.start < sent.start + at for s in spans):
            found = x.discourse.resolve(word, a.classes, sent.start + clause)
            if found:
                return found[0]
    prior = [s for s in spans if s.end <= sent.start + at and x.cls(s.key) not in PLACE - keep
             and not _AFTER_WHERE.search(sent.text, 0, s.start - sent.start)
             and not _IN_BRACKETS.search(sent.text, 0, s.start - sent.start)]  # （以下简称“X”）: an alias
    if prior:
        return prior[-1].key
    for a in built:  # 这座2021年开园的园区占地860亩，…，由X负责运营: the park the sentence is about
        found_at = min(((sent.text.find(w, 0, at), w) for w in a.words
                        if len(w) > 1 and sent.text.find(w, 0, at) >= 0),
                       default=None)
        if found_at is not None and not a.plural and (sent.text.startswith(("这座", "这个", "这家", "该"))
                                                      or found_at[0] == 0):
            found = x.discourse.resolve(found_at[1], a.classes, sent.start)
            if found:
                return found[0]
    lead = sent.text[3:] if sent.text.startswith("其中，") else sent.text
    for a in built:
        word = next((w for w in a.words if len(w) > 1 and w[0] in "该本这" and lead.startswith(w)), None)
        if word and not a.plural:
            found = x.discourse.resolve(word, a.classes, sent.start)
            return found[0] if found else None
    return None


def _made_next(sent: Sentence, spans: Sequence[EntitySpan], end: int) -> str | None:
    """The thing named next in the clause after offset ``end`` (a sentence offset), if any."""
    nxt = [s for s in spans if s.start >= sent.start + end]
    if nxt and not re.search(r"[，。；：,;:]", sent.text[end:nxt[0].start - sent.start]):
        return nxt[0].key
    return None
