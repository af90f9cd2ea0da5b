"""Relations between entities, by general rules over a sentence's clauses.

Constructions handled (each rule's name goes to ``Relation.rule``):
  located-gather   P 汇聚/集聚/聚集/吸引/入驻了 A、B 等 … → A locatedIn P
  located-settle   A 入驻/落户/落地/位于/坐落于 P → A locatedIn P
  located-land     落地/落户 X (no place named) → X locatedIn the article's region (implicit)
  located-name     a park/venue/centre named after the region (青岛…) → locatedIn the region
  led-by           成立/设立/组建 由 P 领衔/挂帅/牵头 的 C → C ledBy P; C establishedBy the actor
  established      成立/设立/组建/建立 C → C establishedBy the subject (or the actor, implicit)
  issued           出台/发布/印发/制定 《…》/policy → issuedBy the subject (or the actor, implicit)
  developed-adj    X“Y”机器人 / X Y (a maker's name right before its product) → Y developedBy X
  developed-verb   X 推出/发布/研发/开发/上线 Y → Y developedBy X
  operated         X 建成/运营 platform Y → Y operatedBy X
  deployed         Y 进入/在/应用于/部署于 Z (…上岗/实训/应用) → Y deployedAt Z
  supplies         X 进入 Z 的供应链 / 为 Z 配套 → X suppliesTo Z
  organized        举办/主办/承办/召开 event → organizedBy the subject (or the actor, implicit)
  supports         policy/fund/subsidy … 支持/扶持/奖补 Y → supports Y
  based-on         依托/基于 X 开发/打造 Y → Y basedOn X
  part-of          X…分公司/子公司 with X a known company inside the name → partOf X
  targets          sector words in a policy's, park's, program's name → targetsIndustry
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache

from ecokg.loaders import relation_frames as frames
from ecokg.loaders.classes import ORG, PLACE, POLICY, PRODUCT
from ecokg.loaders.discourse import Discourse
from ecokg.loaders.lexicon import lexicon
from ecokg.loaders.records import Entity, EntitySpan, Relation, Sentence

_CLAUSE = re.compile(r"[，。；：,;:！？\n]")
_GATHER = ("汇聚了", "集聚了", "聚集了", "吸引了", "汇聚", "集聚", "聚集", "吸引", "入驻了", "引进了", "引进")
_SETTLE = ("入驻", "落户", "落地", "位于", "坐落于", "坐落在", "扎根")
_ESTABLISH = ("成立", "设立", "组建", "建立", "组建了", "成立了", "设立了")
# a leading time clause before a sentence's subject: 10月14日，… / 近日，…
_TIME_LEAD = re.compile(r"(?:\d{4}年)?"
                        r"(?:\d{1,2}月\d{1,2}日|\d{1,2}月|近日|日前|今年以来|今年|近年来|目前|上午|下午)"
                        r"[^，。；]{0,4}[，,]")
# adverbs between a subject and its verb: 则已在, 目前已经, 是一家入驻 …
_ADVERBS = re.compile(r"(?:了|已经|已|正式|成功|先后|率先|累计|是一家|是|还|也|均|都|则|目前|近期|今年|"
                      r"同时|将|正在|陆续)*")
_ISSUE = ("出台", "发布", "印发", "制定", "出炉", "颁布")
_LED = re.compile(r"由(.{1,24}?)(领衔|挂帅|牵头|主导|担任组长)")


@cache
def _longest_first(words: Sequence[str]) -> tuple[str, ...]:
    """``words`` longest first (sorted once per word list, not at every mention)."""
    return tuple(sorted(words, key=len, reverse=True))


_DEVELOP = ("推出", "发布", "研发", "开发", "上线", "自主研发", "打造", "研制", "推", "发布了", "推出了")
_OPERATE = ("建成", "运营", "建设运营")
_DEPLOY = ("进入", "在", "走进", "应用于", "部署于", "部署在", "服务于", "落地")
_ORGANIZE = ("举办", "主办", "承办", "召开", "举行", "连续举办")
_SUPPORT = ("支持", "扶持", "奖补", "资助", "补贴")
_TARGET_CLASSES = POLICY | {"IndustrialPark", "IndustryCluster", "Program", "Event", "InnovationCenter",
                            "Committee"}


def _clauses(sent: Sentence) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _CLAUSE.finditer(sent.text):
        if m.start() > start:
            out.append((sent.start + start, sent.start + m.start()))
        start = m.end()
    if start < len(sent.text):
        out.append((sent.start + start, sent.end))
    return out


class RelationExtractor:
    """Relations of one sentence, given its top-level entity spans."""

    def __init__(self, entities: Mapping[str, Entity], actor: str | None, region: str | None,
                 discourse: Discourse, sentence_starts: Sequence[int]) -> None:
        self.entities = entities
        self.actor = actor  # the article's issuing body (implicit subject of releases)
        self.region = region
        self.discourse = discourse  # who was named before: the one tracker every component shares
        self.sentence_starts = sentence_starts
        self._at = 0  # the start of the sentence being read

    def _last(self, cls: str) -> str | None:
        return self.discourse.latest(frozenset({cls}), self._at)

    @property
    def last_park(self) -> str | None:
        """The park named last, unless it was named as where another is (X位于Y开发区。园区… → X)."""
        return self.discourse.salient(frozenset({"IndustrialPark"}), self._at)

    @property
    def last_company(self) -> str | None:
        """The company the last sentence that named one was about (its first company); when that one
        stood in a list (进入A、B等的供应链), the company last named as a clause's subject."""
        company = frozenset({"Company"})
        key = self.discourse.sentence_topic(company, self._at, self.sentence_starts)
        if key is not None and self.discourse.listed(key, self._at):
            return self.discourse.latest_subject(company, self._at) or key
        return key

    @property
    def last_event(self) -> str | None:
        return self._last("Event")

    @property
    def last_cluster(self) -> str | None:
        return self._last("IndustryCluster")

    @property
    def last_site(self) -> str | None:
        return self._last("InnovationCenter")

    def cls(self, key: str) -> str:
        return self.entities[key].cls

    def extract(self, sent: Sentence, spans: Sequence[EntitySpan]) -> list[Relation]:
        self._at = sent.start
        spans = sorted(spans, key=lambda s: s.start)
        out: list[Relation] = []
        text = sent.text
        subject = self._sentence_subject(sent, spans)

        def rel(s: str, p: str, o: str, rule: str, implicit: bool = False) -> None:
            if s != o and not any(r.subject == s and r.predicate == p and r.object == o for r in out):
                out.append(Relation(s, p, o, sent.index, implicit, rule))

        def at(pos: int, words: Sequence[str]) -> str | None:
            """The word of ``words`` that starts at document offset ``pos`` (allowing 了/已/正式 before)."""
            i = pos - sent.start
            if text.startswith("（", i):  # skip a parenthetical: X（以下简称“Y”）位于 …
                close = text.find("）", i)
                if 0 < close - i < 30:
                    i = close + 1
            skip = _ADVERBS.match(text, i)
            i = skip.end() if skip else i
            for w in _longest_first(words):
                if text.startswith(w, i):
                    return w
            return None

        for c0, c1 in _clauses(sent):
            cs = [s for s in spans if c0 <= s.start and s.end <= c1]
            clause_text = text[c0 - sent.start:c1 - sent.start]
            led_segments = [(c0 + m.start(), c0 + m.end()) for m in _LED.finditer(clause_text)]
            in_led = {s.key for s in cs if any(a <= s.start and s.end <= b for a, b in led_segments)}
            first = cs[0] if cs and cs[0].start - c0 <= 2 and cs[0].key not in in_led else None
            actor_here = first.key if first and self.cls(first.key) in ORG else None
            for n, s in enumerate(cs):
                after = cs[n + 1:]
                c = self.cls(s.key)
                # P 汇聚了 A、B 等 → A locatedIn P
                if c in PLACE and at(s.end, _GATHER):
                    for a in after:
                        if self.cls(a.key) in ORG:
                            rel(a.key, "locatedIn", s.key, "located-gather")
                # A 入驻/落户/位于 P
                w = at(s.end, _SETTLE)
                if w and (c not in PLACE | {"Person"} or w in ("位于", "坐落于", "坐落在")):
                    for k, a in enumerate(after):
                        if self.cls(a.key) in PLACE and a.key != s.key:
                            for b in after[k + 1:]:  # 位于湛江市海东新区: the most specific place written
                                if b.start != a.end or self.cls(b.key) != "Place":
                                    break
                                rel(b.key, "locatedIn", a.key, "located-settle")
                                a = b
                            rel(s.key, "locatedIn", a.key, "located-settle")
                            break
                # maker right before its product: 优必选Walker S, 乐聚智家“夸父”机器人
                if c in ORG and after and self.cls(after[0].key) in PRODUCT | {"Platform"}:
                    gap = text[s.end - sent.start:after[0].start - sent.start]
                    if re.fullmatch(r"((将|已|还)?(自主|联合)?"
                                    r"(自研|研发|研制|开发|推出|打造|生产|发布|提出|设计)的|的)?", gap):
                        rel(after[0].key, "developedBy", s.key, "developed-adj")
                # X 运营的 Y → Y operatedBy X
                if c in ORG and after and self.cls(after[0].key) in {
                        "Platform", "Infrastructure", "IndustrialPark", "Venue"}:
                    gap = text[s.end - sent.start:after[0].start - sent.start]
                    if re.fullmatch(r"(负责|建设)?运营的", gap):
                        rel(after[0].key, "operatedBy", s.key, "operated-adj")
                # X 推出/研发 Y ; X 建成 platform Y
                if c in ORG and first is not None and s is first:
                    for verbs, pred, targets, rule in (
                            (_DEVELOP, "developedBy", PRODUCT | {"Platform"}, "developed-verb"),
                            (_OPERATE, "operatedBy", {"Platform", "Infrastructure"}, "operated")):
                        for a in after:
                            between = text[s.end - sent.start:a.start - sent.start]
                            if self.cls(a.key) in targets and any(v in between for v in verbs) \
                                    and not any(b in between for b in ("依托", "基于")):
                                rel(a.key, pred, s.key, rule)
                # Y 进入/在 Z … → deployedAt
                if c in PRODUCT and at(s.end, _DEPLOY):
                    for a in _deploy_sites(text, sent.start, after, self.cls):
                        rel(s.key, "deployedAt", a.key, "deployed")
                # X 进入 Z 的供应链 / 搭载于 Z 的 / 为 Z 配套
                if c in ORG and re.search(r"供应链|供应体系|配套|搭载于|供货|供应给", clause_text):
                    for a in after:
                        if self.cls(a.key) in ORG and (re.search(
                                re.escape(a.surface) + r"(的)?(供应链|供应体系|配套)", clause_text)
                                or re.search(
                                r"(搭载于|供货给|供应给|配套)" + re.escape(a.surface), clause_text)):
                            rel(s.key, "suppliesTo", a.key, "supplies")
                # policy … 支持 Y
                if c in POLICY | {"Program"}:
                    for a in after:
                        between = text[s.end - sent.start:a.start - sent.start]
                        if any(v in between for v in _SUPPORT) and len(between) <= 12 \
                                and self.cls(a.key) not in POLICY:
                            rel(s.key, "supports", a.key, "supports")
                            break
            # 位于 P 的 X → X locatedIn P
            for mm in re.finditer(r"位于", clause_text):
                ps = [x for x in cs if x.start - c0 >= mm.end() and self.cls(x.key) in PLACE]
                if ps and text.startswith("的", ps[0].end - sent.start):
                    xs = [x for x in cs if x.start > ps[0].end]
                    if xs:
                        rel(xs[0].key, "locatedIn", ps[0].key, "located-at")
            # 园区已聚集 A、B 等: the park last named
            if self.last_park and re.match(r"(目前|今年|截至目前)?(该|这个|这座)?(园区|园内)(内)?"
                                           r"(已|已经|目前)?(聚集|集聚|汇聚|吸引|入驻)",
                                           clause_text):
                for x in cs:
                    if self.cls(x.key) in ORG:
                        rel(x.key, "locatedIn", self.last_park, "located-gather")
            # …，已应用于 Z / 在此落户: the product or place named earlier in the sentence
            earlier = [x for x in spans if x.end <= c0]
            if re.match(r"(目前|现已|已经|已|并|正式|今年|近期|则)*(应用于|部署于|部署在|搭载于|走进|进入)",
                        clause_text) or \
                    (re.match(r"(目前|现已|已经|已|并|正式|今年|近期|则)*在", clause_text) and \
                    re.search(r"(上岗|投入使用|投用|部署|应用|运行|实训|作业)", clause_text)):
                prods = [x for x in earlier if self.cls(x.key) in PRODUCT]
                if prods and not any(self.cls(x.key) in PRODUCT for x in cs):
                    for a in _deploy_sites(text, sent.start, cs, self.cls):
                        rel(prods[-1].key, "deployedAt", a.key, "deployed")
            if re.search(r"在此(落户|集聚|聚集|入驻|扎根)|落户于此|入驻于此", clause_text):
                places = [x for x in earlier if self.cls(x.key) in PLACE]
                if places:
                    for x in cs:
                        if self.cls(x.key) in ORG:
                            rel(x.key, "locatedIn", places[-1].key, "located-here")
            # 依托/基于 X 开发/打造 Y
            m = re.search(r"(依托|基于)", clause_text)
            if m:
                xs = [s for s in cs if s.start - c0 >= m.end()]
                if len(xs) >= 2 and self.cls(xs[0].key) in PRODUCT | {"Platform"} and \
                        self.cls(xs[1].key) in PRODUCT | {"Platform"}:
                    rel(xs[1].key, "basedOn", xs[0].key, "based-on")
            # verb-led clauses with a dropped or sentence-level subject
            who = actor_here or (subject if subject else None)
            for s in cs:
                c = self.cls(s.key)
                if s.key in in_led:
                    continue
                v_est = self._verb_before(text, s.start - sent.start, c0 - sent.start, _ESTABLISH)
                if v_est and c in ORG | POLICY | {"Platform"}:
                    led = re.search(r"由(.{1,24}?)(领衔|挂帅|牵头|主导|担任组长)的?$",
                                    text[c0 - sent.start:s.start - sent.start])
                    if led:
                        leaders = [x for x in cs if c0 + led.start(1) <= x.start and x.end <= c0 + led.end(1)]
                        if leaders:
                            rel(s.key, "ledBy", leaders[0].key, "led-by")
                    self._by_actor(rel, s.key, "establishedBy", who, "established")
                if self._verb_before(text, s.start - sent.start, c0 - sent.start, _ISSUE) \
                        and c in POLICY - {"Fund"}:
                    self._by_actor(rel, s.key, "issuedBy", who, "issued")
                if self._verb_before(text, s.start - sent.start, c0 - sent.start, _ORGANIZE) and c == "Event":
                    self._by_actor(rel, s.key, "organizedBy", who, "organized")
                if self._verb_before(text, s.start - sent.start, c0 - sent.start, ("落地", "落户")) and \
                        c not in PLACE and self.region \
                        and not any(self.cls(x.key) in PLACE for x in cs if x.start > s.end):
                    rel(s.key, "locatedIn", self.region, "located-land", implicit=True)
        frames.apply(self, sent, spans, rel)
        return out

    @staticmethod
    def _verb_before(text: str, pos: int, clause_start: int, verbs: Sequence[str]) -> str | None:
        """A verb of ``verbs`` in the clause before ``pos`` with only a modifier phrase between."""
        seg = text[clause_start:pos]
        for v in sorted(verbs, key=len, reverse=True):
            i = seg.rfind(v)
            if i >= 0 and len(seg) - i - len(v) <= 26 and not re.search(r"[，、]", seg[i:]):
                return v
        return None

    def _by_actor(self, rel: Callable[..., None], obj: str, pred: str, who: str | None, rule: str) -> None:
        if who and who != obj:
            rel(obj, pred, who, rule)
        elif self.actor and self.actor != obj:
            rel(obj, pred, self.actor, rule, True)

    def _sentence_subject(self, sent: Sentence, spans: Sequence[EntitySpan]) -> str | None:
        """The organization(s) a sentence starts with (市委、市政府将 …): the first one."""
        lead = _TIME_LEAD.match(sent.text)
        start = sent.start + (lead.end() if lead else 0)
        if spans and 0 <= spans[0].start - start <= 2 and self.cls(spans[0].key) in ORG:
            nxt = sent.text[spans[0].end - sent.start: spans[0].end - sent.start + 1]
            if nxt != "的":
                return spans[0].key
        return None


def _deploy_sites(text: str, off: int, spans: Sequence[EntitySpan],
                  cls: Callable[[str], str]) -> list[EntitySpan]:
    """Where a product is deployed: the first site, and the sites joined to it by 和/、/及.
    X运营的Y → Y; 岭海汽车的焊装车间 → 岭海汽车 (the workshop is no entity)."""
    sites: list[EntitySpan] = []
    for n, a in enumerate(spans):
        if cls(a.key) not in ORG | PLACE | {"Infrastructure"}:
            continue
        rest = text[a.end - off:]
        nxt = spans[n + 1] if n + 1 < len(spans) else None
        if re.match(r"(负责|建设)?运营的|旗下的?", rest) and nxt is not None:
            continue  # the operator of the next site
        if rest.startswith("的") and nxt is not None and nxt.start == a.end + 1 and \
                cls(nxt.key) in PLACE | {"Infrastructure"}:
            continue  # the owner of the next site
        if sites and not re.fullmatch(r"[^，。；]{0,8}?(和|、|及|以及|与)[^，。；]{0,2}",
                                      text[sites[-1].end - off:a.start - off]):
            break
        sites.append(a)
    return sites


def entity_relations(entities: Mapping[str, Entity], region: str | None, region_short: str | None,
                     first_sentence: Mapping[str, int], inner: Sequence[tuple[str, str]]) -> list[Relation]:
    """Relations that follow from names: located-name, part-of, targets."""
    out: list[Relation] = []
    lex = lexicon()
    for key, ent in sorted(entities.items()):
        idx = first_sentence.get(key)
        if idx is None:
            continue
        if region and region_short and key != region and key.startswith(region_short) and (
                ent.cls in {"IndustrialPark", "Venue", "Infrastructure", "InnovationCenter",
                            "IndustryCluster"}
                or (ent.cls == "Company" and key.endswith(("分公司", "子公司")))):
            out.append(Relation(key, "locatedIn", region, idx, True, "located-name"))
        if ent.cls in _TARGET_CLASSES:
            name, found = key, []
            for word in lex.industries:  # longest first
                if word in name:
                    found.append(word)
                    name = name.replace(word, "\x00")
            for word in sorted(found):
                out.append(Relation(key, "targetsIndustry", word, idx, False, "targets"))
    for outer, inner_key in inner:
        if entities[outer].cls == "Company" and outer.endswith(("分公司", "子公司")) and \
                entities[inner_key].cls == "Company":
            out.append(Relation(outer, "partOf", inner_key, first_sentence[outer], False, "part-of"))
    return out
