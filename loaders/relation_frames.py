"""Relation frames that reach across clauses or sentences (part of the rules of ``relations.py``).

  by-phrase        由 X（、Y）主办/运营/组建/牵头/研发 的 Z, or Z …，由 X 牵头 → Z pred X (each agent)
  led-then-built   由 X 牵头，联合 … 组建的 Z → Z ledBy X, Z establishedBy X
  co-organized     Z 由 A 主办，B、C 承办 → Z organizedBy B, C
  park-anaphora    签约落户园区 / 迁入园区 / 在园区建设 / 同步签约入驻 → the companies locatedIn the park
                   last named
  inside-park      园区内的 X → X locatedIn the park; 区内的 X → X locatedIn the district or park
  park-operator    园区运营方 X → the park operatedBy X
  located-at       位于 P 的 X (the place right before 的); 位于 P 的公司总部 → the company locatedIn P
  city-of          东莞的 X (a company) → X locatedIn 东莞
  supplied-by      零部件由 X 供货/配套, 来自 X → X suppliesTo the company the passage is about;
                   X 与 Y 签订 … 供货协议 → X suppliesTo Y
  led-by-title     X 董事长/总裁/总经理 P → X ledBy P
  event-venue      Z 在 P 开幕/举行/召开 → Z locatedIn P
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ecokg.loaders.class_groups import group
from ecokg.loaders.classes import ORG, PLACE, PRODUCT, SITE
from ecokg.loaders.discourse import anaphors
from ecokg.loaders.lexicon import lexicon
from ecokg.loaders.person_names import title_alternation
from ecokg.loaders.records import EntitySpan, Sentence

if TYPE_CHECKING:
    from ecokg.loaders.relations import RelationExtractor

Rel = Callable[..., None]

_BY = re.compile(r"由([^，。；]{2,40}?)(?:共同|联合[^，。；]{0,12}?)?"
                 r"(主办|承办|举办|负责日常运营|负责[\u4e00-\u9fff]{0,8}?运营|负责运维|运维|"
                 r"投资建设并(?:负责)?运营|投资建设运营|建设并(?:负责)?运营|建设和运营|"
                 r"建设运营|运营|牵头(?:设立|组建|成立|建设|打造|发起)|组建|设立|成立|牵头|领衔|挂帅|研发|开发|建设|发起|"
                 r"揭榜|创办|管理)(的)?")
#: 由A建设、B运营: a second agent after the first clause runs the same thing.
_THEN_RUN = re.compile(r"、([^，。；]{2,30}?)(?:负责)?(?:日常)?运营")
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
_PARK_ANAPHORA = re.compile(r"(落户|入驻|迁入|进驻|扎根|搬入|落地)(了)?(园区|该园区|园内)"
                            r"|(在|于|入驻)(园区|该园区)"
                            r"|签约入驻|完成入驻|同步签约|签约落户|入驻装修")
_EVENT_ANAPHOR = re.compile(r"(本届|该|此次|本次)?(峰会|大会|论坛|会议|活动|展会|博览会|对接会|推介会|"
                            r"推进会|签约会|发布会|洽谈会|"
                            r"交流会|调度会)$")
_LEADERS = "|".join(map(re.escape, lexicon().leader_titles))
_COMPANY_LEADERS = frozenset({"董事长", "总裁", "总经理", "首席执行官", "CEO", "联合创始人", "创始人"})
_TITLE_BEFORE = re.compile(rf"(?<!副)(?:(?:{_LEADERS})、)*({_LEADERS})"
                           rf"(兼 ?({title_alternation(lexicon())}))? ?$")


def apply(x: RelationExtractor, sent: Sentence, spans: Sequence[EntitySpan], rel: Rel) -> None:
    text = sent.text
    off = sent.start

    def cls(sp: EntitySpan) -> str:
        return x.cls(sp.key)

    def after(pos: int) -> list[EntitySpan]:
        return [sp for sp in spans if sp.start >= off + pos]

    def before(pos: int) -> list[EntitySpan]:
        return [sp for sp in spans if sp.end <= off + pos]

    _by_phrases(x, sent, spans, rel)
    # 由 X 牵头，联合 … 组建的 Z
    for m in re.finditer(r"由([^，。；]{2,24}?)牵头[，,]?[^。；]{0,60}?(组建|成立|建设|发起)的", text):
        leads = [sp for sp in spans
                 if off + m.start(1) <= sp.start and sp.end <= off + m.end(1) and cls(sp) in ORG]
        made = after(m.end())
        if leads and made:
            rel(made[0].key, "ledBy", leads[0].key, "led-then-built")
            rel(made[0].key, "establishedBy", leads[0].key, "led-then-built")
    # Z 由 A 主办，B、C 承办
    for m in re.finditer(r"[，,]([^，。；]{2,40}?)(承办|协办|联合主办)", text):
        orgs = [sp for sp in spans
                if off + m.start(1) <= sp.start and sp.end <= off + m.end(1) and cls(sp) in ORG]
        events = [sp.key for sp in before(m.start()) if cls(sp) == "Event"] or \
            ([x.last_event] if x.last_event else [])
        if orgs and events and text[m.start(1):m.end(1)].replace("、", "").replace("和", "") and \
                all(t in "、和及与" for t in _gaps(text, off, orgs, m.start(1), m.end(1))):
            for o in orgs:
                rel(events[-1], "organizedBy", o.key, "co-organized")
    # parks by anaphora, inside parks, park operators
    park = _last(before(len(text)), "IndustrialPark") or x.last_park
    for seg_start, seg in _segments(text):
        if park and _PARK_ANAPHORA.search(seg):
            for sp in spans:
                if off + seg_start <= sp.start < off + seg_start + len(seg) and cls(sp) == "Company" \
                        and sp.key != park:
                    rel(sp.key, "locatedIn", park, "park-anaphora")
    for m in re.finditer(r"(该园区内|园区内|园内|小镇内|镇内|基地内|城内|区内)(的|建成的|新建的)?", text):
        inside = after(m.end())
        if not inside or inside[0].start != off + m.end() or cls(inside[0]) not in SITE | {"IndustrialPark"}:
            continue
        where = park
        if m.group(1) == "区内":
            districts = [sp for sp in before(m.start()) if cls(sp) in PLACE and sp.surface.endswith("区")]
            where = districts[-1].key if districts else park
        if where and where != inside[0].key:
            rel(inside[0].key, "locatedIn", where, "inside-park")
    for m in re.finditer(r"运营方", text):
        ops = after(m.end())
        if park and ops and ops[0].start == off + m.end() and cls(ops[0]) in ORG:
            rel(park, "operatedBy", ops[0].key, "park-operator")
    # 位于 P 的 X / 位于 P 的公司总部
    for m in re.finditer(r"位于", text):
        k = text.find("的", m.end(), m.end() + 16)
        if k < 0:
            continue
        places = [sp for sp in spans if off + m.end() <= sp.start and sp.end == off + k and cls(sp) in PLACE]
        if not places:
            continue
        nxt = after(k + 1)
        if nxt and nxt[0].start == off + k + 1 and cls(nxt[0]) not in PLACE - {"IndustrialPark", "Venue"}:
            rel(nxt[0].key, "locatedIn", places[0].key, "located-at")
        elif re.match(r"(公司)?总部", text[k + 1:]):
            company = _last(before(m.start()), "Company") or x.last_company
            if company:
                rel(company, "locatedIn", places[0].key, "located-at")
    # 东莞的衡齿精密
    for sp in spans:
        if cls(sp) == "Place" and text.startswith("的", sp.end - off):
            nxt = after(sp.end - off + 1)
            if nxt and nxt[0].start == sp.end + 1 and cls(nxt[0]) in ORG | SITE | {"IndustrialPark"} \
                    and cls(nxt[0]) != "GovernmentBody":
                rel(nxt[0].key, "locatedIn", sp.key, "city-of")
    # suppliers: the buyer is the company named last before 由 in the same part of the sentence
    for m in re.finditer(r"(由|来自)", text):
        c_start = max(text.rfind(c, 0, m.start()) for c in "，；。") + 1
        near = [sp for sp in spans
                if off + c_start <= sp.start and sp.end <= off + m.start() and cls(sp) == "Company"]
        # X建设的工厂，由Y提供 …: the previous clause
        if not near and c_start > 0 and text[c_start - 1] == "，":
            p_start = max(text.rfind(c, 0, c_start - 1) for c in "，；。") + 1
            if not re.search(r"由|来自", text[p_start:c_start]):
                near = [sp for sp in spans
                        if off + p_start <= sp.start and sp.end <= off + c_start and cls(sp) == "Company"]
        made = [sp for sp in spans
                if off + c_start <= sp.start and sp.end <= off + m.start() and cls(sp) in PRODUCT]
        buyer = near[-1].key if near else (  # X机器人的关节电机由Y供应: the company the passage is about
            x.discourse.most_named(frozenset({"Company"}), off + m.start()) if made else None) \
            or x.last_company
        sup = [sp for sp in after(m.end()) if sp.start <= off + m.end() + 10 and cls(sp) == "Company"]
        if not sup or cls(after(m.end())[0]) not in {"Company", "Place"}:
            continue
        tail = text[sup[0].end - off: sup[0].end - off + 4]
        if m.group(1) == "由" and not re.match(r"(供货|配套|供应|提供|生产)", tail):
            continue
        if m.group(1) == "来自" and not any(cls(sp) in PRODUCT for sp in before(m.start())) and \
                not re.search(r"(零部件|模组|电池|芯片|部件|减速器|电机|材料|器件)",
                              text[max(0, m.start() - 12):m.start()]):
            continue
        if buyer and buyer != sup[0].key:
            rel(sup[0].key, "suppliesTo", buyer, "supplied-by")
    for m in re.finditer(r"与", text):
        a, b = before(m.start()), after(m.end())
        if a and b and a[-1].end == off + m.start() and b[0].start == off + m.end() \
                and cls(a[-1]) == "Company" and cls(b[0]) == "Company" \
                and re.search(r"签[订署]了?[^，。；]{0,16}(供货|供应|采购)", text[m.end():]):
            rel(a[-1].key, "suppliesTo", b[0].key, "supplied-by")
    # X 董事长 P / X 创始人兼CEO P
    for sp in spans:
        if cls(sp) != "Person":
            continue
        t = _TITLE_BEFORE.search(text, 0, sp.start - off)
        if t:
            orgs = [o for o in before(t.start()) if o.end == off + t.start() and cls(o) in ORG]
            if orgs:
                rel(orgs[0].key, "ledBy", sp.key, "led-by-title")
            elif re.search(r"(?:^|[，。；、])(?:该|本)?(?:公司|企业)的?$", text[:t.start()]) \
                    and x.last_company:
                rel(x.last_company, "ledBy", sp.key, "led-by-title")  # 公司创始人兼CEO唐睿
            elif t.group(1) in _COMPANY_LEADERS and re.search(r"(?:^|[。；”])$", text[:t.start()]):
                company = x.discourse.most_named(frozenset({"Company"}), sp.start)  # “…”董事长唐睿回忆
                if company:
                    rel(company, "ledBy", sp.key, "led-by-title")
    # 其主力产品 X / 其最新产品 X → X developedBy the company the sentence is about
    for m in re.finditer(r"其([\u3400-\u9fff]{0,6}?)(产品|模型|大模型|机器人|平台|系统)", text):
        prods = [sp for sp in after(m.end())
                 if sp.start <= off + m.end() + 1 and cls(sp) in PRODUCT | {"Platform"}]
        owner = _last(before(m.start()), "Company") or x.last_company
        if prods and owner:
            rel(prods[0].key, "developedBy", owner, "its-product")
            # … 已进入 Y 的供应链: the owner supplies Y
            k = re.match(r"[^，。；]{0,12}?进入([^，。；]{1,20}?)的?(供应链|供应体系|采购体系)",
                         text[prods[0].end - off:])
            if k:
                buyers = [sp for sp in after(prods[0].end - off)
                          if sp.end <= prods[0].end + k.end() and cls(sp) == "Company"]
                if buyers and buyers[-1].key != owner:
                    rel(owner, "suppliesTo", buyers[-1].key, "supplies")
    # X 在 P 落户/建设 …; X (与 Y) 签约建设 Z
    for m in re.finditer(r"在([^，。；]{2,16}?)(落户|落地|建设|设立|投资建设|入驻)", text):
        places = [sp for sp in spans
                  if off + m.start(1) <= sp.start and sp.end <= off + m.end(1) and cls(sp) in PLACE]
        subj = [sp for sp in before(m.start()) if cls(sp) == "Company" and sp.end >= off + m.start() - 2]
        if places and subj:
            rel(subj[-1].key, "locatedIn", places[-1].key, "settle-in")
        built = after(m.end())
        if places and built and built[0].start == off + m.end() \
                and cls(built[0]) in SITE | {"IndustrialPark"} \
                and m.group(2) in ("建设", "设立", "投资建设"):  # 在余杭区建设X → X locatedIn 余杭区
            rel(built[0].key, "locatedIn", places[-1].key, "built-in")
    for m in re.finditer(r"(签约建设|投资建设|出资建设|牵头建设|建设运营|投资兴建)", text):
        made = after(m.end())
        clause_start = max(text.rfind(c, 0, m.start()) for c in "，。；") + 1
        subj = [sp for sp in spans
                if off + clause_start <= sp.start and sp.end <= off + m.start() and cls(sp) == "Company"]
        if made and made[0].start == off + m.end() and cls(made[0]) in SITE - {"Company"} and subj:
            rel(made[0].key, "establishedBy", subj[0].key, "built-by")
    # 集群内(的)整机企业 Y → Y memberOf the cluster
    for m in re.finditer(r"(集群|联盟)(内|成员)", text):
        clusters = [sp for sp in before(m.end()) if cls(sp) in {"IndustryCluster", "Committee"}] or \
            ([x.last_cluster] if x.last_cluster and m.group(1) == "集群" else [])
        end = min([i for i in (text.find(c, m.end()) for c in "，。；") if i >= 0] + [len(text)])
        members = [sp for sp in spans
                   if off + m.end() <= sp.start and sp.end <= off + end and cls(sp) == "Company"]
        if clusters and members:
            target = clusters[-1].key if isinstance(clusters[-1], EntitySpan) else clusters[-1]
            for mem in members:
                rel(mem.key, "memberOf", target, "member-of")
    # P 领衔的 Y → Y ledBy P; … 当选首任理事长 → the alliance ledBy P
    for sp in spans:
        if cls(sp) not in {"Person"} | ORG:
            continue
        k = sp.end - off
        if re.match(r"(领衔|牵头|挂帅)的", text[k:]):
            nxt = after(k + 3)
            if nxt and nxt[0].start <= off + k + 4 and cls(nxt[0]) in ORG | {"Program"} | SITE:
                rel(nxt[0].key, "ledBy", sp.key, "led-by-adj")
        if cls(sp) == "Person" and re.match(r"(当选|担任|出任)(首任|新一届|第[一二三四五六七八九十]+届)?"
                                            r"(理事长|会长|主任|主席|秘书长)", text[k:]):
            bodies = [o for o in before(sp.start - off) if cls(o) in {"Committee", "Organization"}]
            if bodies:
                rel(bodies[-1].key, "ledBy", sp.key, "elected")
    # X 在 P 揭牌/落成/启用 (P may be 园区/小镇: the park last named)
    for m in re.finditer(r"在(园区|小镇|基地|[^，。；]{2,20}?)"
                         r"(揭牌|落成|投用|开业|启用|挂牌|正式运营)", text):
        things = [sp for sp in before(m.start())
                  if cls(sp) in SITE | {"Program"} and sp.end >= off + m.start() - 2]
        if not things:
            continue
        places = [sp for sp in spans
                  if off + m.start(1) <= sp.start and sp.end <= off + m.end(1) and cls(sp) in PLACE]
        where = places[-1].key if places else (park if m.group(1) in ("园区", "小镇", "基地") else None)
        if where and where != things[-1].key:
            rel(things[-1].key, "locatedIn", where, "unveiled-in")
    # A 会同 B 制定/印发 《…》 → issuedBy both
    for m in re.finditer(r"会同|联合", text):
        a, b = before(m.start()), after(m.end())
        if a and b and a[-1].end == off + m.start() and b[0].start == off + m.end() and cls(a[-1]) in ORG \
                and cls(b[0]) in ORG:
            pol = [sp for sp in after(b[0].end - off)
                   if cls(sp) in {"PolicyDocument", "Policy", "Fund", "Subsidy"}]
            if pol and re.match(r"[^，。；]{0,8}(制定|印发|发布|出台|联合印发)", text[b[0].end - off:]):
                for agent in (a[-1], b[0]):
                    rel(pol[0].key, "issuedBy", agent.key, "co-issued")
    # X 负责(创新中心的)(日常)运营 → operatedBy; A 与 B 共建 C / 签署共建协议 → establishedBy
    site = _last(before(len(text)), "InnovationCenter") or x.last_site
    for m in re.finditer(r"负责([^，。；]{0,16}?)的?(日常)?(运营|管理)", text):
        agents = [sp for sp in before(m.start()) if sp.end >= off + m.start() - 1 and cls(sp) in ORG]
        inside = [sp for sp in spans if off + m.start(1) <= sp.start and sp.end <= off + m.end(1)]
        target = inside[0].key if inside else (
            site if re.search(r"中心|平台|园区|基地|小镇", m.group(1)) else None)
        if agents and target and target != agents[-1].key:
            rel(target, "operatedBy", agents[-1].key, "operates")
    for m in re.finditer(r"共建", text):
        made = [sp for sp in after(m.end())
                if sp.start <= off + m.end() + 1 and cls(sp) in SITE - {"Company"}]
        partners = [sp for sp in spans if sp.end <= off + m.start() and cls(sp) in ORG
                    and sp.start >= off + max(text.rfind(c, 0, m.start()) for c in "，。；")]
        if not partners:
            seg = max(text.rfind(c, 0, m.start()) for c in "；。") + 1
            partners = [sp for sp in spans
                        if off + seg <= sp.start and sp.end <= off + m.start() and cls(sp) in ORG]
        if made:
            for p in partners:
                rel(made[0].key, "establishedBy", p.key, "co-built")
            w = re.search(r"与(创新中心|中心|平台)共建", text[max(0, m.start() - 8):m.end()])
            if w and site and site != made[0].key:  # (与园区共建: the park is no site)
                rel(made[0].key, "establishedBy", site, "co-built")
        elif re.match(r"协议|合作协议", text[m.end():]) and site:
            for p in partners:
                if cls(p) in {"GovernmentBody"} | ORG:
                    rel(site, "establishedBy", p.key, "co-built")
                    break
    for m in re.finditer(r"(投入|投资)[^，。；]{0,10}?建设", text):
        made = after(m.end())
        subject = [sp for sp in before(m.start()) if cls(sp) == "Company"]
        if made and made[0].start == off + m.end() and cls(made[0]) in SITE - {"Company"} and subject:
            rel(made[0].key, "establishedBy", subject[-1].key, "built-by")
    # A、B、C 等七部门联合印发《…》 → issuedBy each
    for m in re.finditer(r"(联合)?(印发|发布|出台|制定)", text):
        clause_start = max(text.rfind(c, 0, m.start()) for c in "，。；：") + 1
        issuers = [sp for sp in spans
                   if off + clause_start <= sp.start and sp.end <= off + m.start() and cls(sp) in ORG]
        pol = [sp for sp in after(m.end())
               if sp.start <= off + m.end() + 2 and cls(sp) in {"PolicyDocument", "Policy"}]
        if len(issuers) >= 2 and pol and all(
                t in "、和与及等" or t.isdigit() or t in "一二三四五六七八九十部门家个单位联合共同"
                for t in _gaps(text, off, issuers, issuers[0].start - off, m.start())):
            for i in issuers:
                rel(pol[0].key, "issuedBy", i.key, "co-issued")
    # A 联合 B 开发了 Y → Y developedBy A and B
    for m in re.finditer(r"联合([^，。；]{2,20}?)(共同)?(开发|研发|研制|打造|推出)(了)?", text):
        a = [sp for sp in before(m.start()) if sp.end == off + m.start() and cls(sp) in ORG]
        b = [sp for sp in spans
             if off + m.start(1) <= sp.start and sp.end <= off + m.end(1) and cls(sp) in ORG]
        clause_end = min([i for i in (text.find(c, m.end()) for c in "，。；") if i >= 0] + [len(text)])
        made = [sp for sp in spans if off + m.end() <= sp.start and sp.end <= off + clause_end
                and cls(sp) in PRODUCT | {"Platform"}]
        if a and made:
            for agent in a + b:
                rel(made[0].key, "developedBy", agent.key, "co-developed")
    # A 投资…的 Y 项目 (签约落户 P) → Y establishedBy A; A 和 B 签约落户 P → each locatedIn P
    for m in re.finditer(r"投资[^，。；]{0,12}?的", text):
        inv = [sp for sp in before(m.start()) if sp.end == off + m.start() and cls(sp) == "Company"]
        made = after(m.end())
        if inv and made and made[0].start == off + m.end() \
                and cls(made[0]) in SITE | {"Program", "IndustrialPark"} - {"Company"}:
            rel(made[0].key, "establishedBy", inv[0].key, "invested")
    for m in re.finditer(r"(签约)?(落户|入驻|落地)(于|在)?", text):
        places = [sp for sp in after(m.end()) if sp.start == off + m.end() and cls(sp) in PLACE]
        if not places:
            continue
        clause_start = max(text.rfind(c, 0, m.start()) for c in "，。；：") + 1
        movers = [sp for sp in spans if off + clause_start <= sp.start and sp.end <= off + m.start()
                  and cls(sp) in {"Company", "Program", "IndustrialPark"} | SITE - {"InnovationCenter"}]
        head = text.rfind("的", clause_start, m.start())  # A投资建设的Y项目落户P: Y settles, not A
        if head >= 0 and any(sp.start >= off + head for sp in movers):
            movers = [sp for sp in movers if sp.start >= off + head]
        for mv in movers:
            rel(mv.key, "locatedIn", places[0].key, "settled-at")
    # Z 在 P 开幕/举行
    for m in re.finditer(r"在([^，。；]{2,20}?)(隆重)?(开幕|举行|召开|举办|启幕)", text):
        places = [sp for sp in spans
                  if off + m.start(1) <= sp.start and sp.end <= off + m.end(1) and cls(sp) in PLACE]
        events = [sp for sp in before(m.start()) if cls(sp) == "Event"] or \
                 [sp for sp in after(m.end()) if cls(sp) == "Event"][:1]
        if places and events:
            rel(events[-1].key, "locatedIn", places[-1].key, "event-venue")


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
    for a in anaphors():  # 园区由X负责运营: the clause opens with an anaphor
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
    for a in anaphors():  # 这座2021年开园的园区占地860亩，…，由X负责运营: the park the sentence is about
        found_at = min(((sent.text.find(w, 0, at), w) for w in a.words
                        if len(w) > 1 and sent.text.find(w, 0, at) >= 0),
                       default=None)
        if found_at is not None and not a.plural and (sent.text.startswith(("这座", "这个", "这家", "该"))
                                                      or found_at[0] == 0):
            found = x.discourse.resolve(found_at[1], a.classes, sent.start)
            if found:
                return found[0]
    lead = sent.text[3:] if sent.text.startswith("其中，") else sent.text
    for a in anaphors():
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


def _by_phrases(x: RelationExtractor, sent: Sentence, spans: Sequence[EntitySpan], rel: Rel) -> None:
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
        a, b = sent.start + m.start(1), sent.start + m.end(1)
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


def _segments(text: str) -> list[tuple[int, str]]:
    """The parts of a sentence between semicolons."""
    out, start = [], 0
    for m in re.finditer(r"[；;]", text):
        out.append((start, text[start:m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return out


def _last(spans: Sequence[EntitySpan], cls_name: str) -> str | None:
    found = [sp for sp in spans if sp.cls == cls_name]
    return found[-1].key if found else None


def _gaps(text: str, off: int, spans: Sequence[EntitySpan], start: int, end: int) -> str:
    """The characters of text[start:end] that are not inside ``spans``."""
    covered: set[int] = set()
    for sp in spans:
        covered.update(range(sp.start - off, sp.end - off))
    return "".join(ch for i, ch in enumerate(text[start:end], start) if i not in covered)
