"""Relation frames that reach across clauses or sentences (part of the rules of ``relations.py``).

  by-phrase        由 X（、Y）主办/运营/组建/牵头/研发 的 Z, or Z …，由 X 牵头 → Z pred X (each agent;
                   ``by_phrases.py``)
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
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ecokg.loaders.by_phrases import Rel, by_phrases
from ecokg.loaders.classes import ORG, PLACE, PRODUCT, SITE
from ecokg.loaders.lexicon import lexicon
from ecokg.loaders.person_names import title_alternation
from ecokg.loaders.records import EntitySpan, Sentence

if TYPE_CHECKING:
    from ecokg.loaders.relations import RelationExtractor

_PARK_ANAPHORA = re.compile(r"(落户|入驻|迁入|进驻|扎根|搬入|落地)(了)?(园区|该园区|园内)"
                            r"|(在|于|入驻)(园区|该园区)"
                            r"|签约入驻|完成入驻|同步签约|签约落户|入驻装修")
_LEADERS = "|".join(map(re.escape, lexicon().leader_titles))
_BRACKETED = re.compile(r"[（(][^（()）]{0,24}[）)]")
_GOVERNOR_BEFORE = re.compile(r"(?:(?:副)?书记、)?(?<![副])(?:市长|区长|县长|省长|州长|旗长|盟长) ?$")
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

    by_phrases(x, sent, spans, rel)
    # 由 X 牵头，联合 … 组建的 Z
    for m in re.finditer(r"由([^，。；]{2,24}?)牵头[，,]?[^。；]{0,60}?(组建|成立|建设|发起)的", text):
        leads = [sp for sp in spans
                 if off + m.start(1) <= sp.start and sp.end <= off + m.end(1) and cls(sp) in ORG]
        made = after(m.end())
        if leads and made:
            rel(made[0].key, "ledBy", leads[0].key, "led-then-built")
            rel(made[0].key, "establishedBy", leads[0].key, "led-then-built")
            # …，联合A、B等23家单位组建的 Z: every partner named founds it too
            partners = [sp for sp in spans if off + m.end(1) < sp.start and sp.end <= off + m.start(2)
                        and cls(sp) in ORG and "联合" in text[m.end(1):sp.start - off]]
            for sp in partners:
                if sp.key != made[0].key:
                    rel(made[0].key, "establishedBy", sp.key, "led-then-built")
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
        gov = _GOVERNOR_BEFORE.search(text, 0, sp.start - off)
        if gov:  # 泰安市市长P: the people's government of that place, when the article names it
            places = [o for o in before(gov.start()) if o.end == off + gov.start() and (
                cls(o) in PLACE or x.entities[o.key].label.endswith(("市委", "县委", "区委", "省委")))]
            if places:  # 上饶市市长P / 上饶市委副书记、市长P
                label = x.entities[places[0].key].label.removesuffix("委")
                body = next((k for k, e in x.entities.items()
                             if e.cls == "GovernmentBody" and e.label == label + "人民政府"), None)
                if body:
                    rel(body, "ledBy", sp.key, "led-by-title")
            continue
        t = _TITLE_BEFORE.search(text, 0, sp.start - off)
        if t:
            orgs = [o for o in before(t.start()) if cls(o) in ORG and (  # X（以下简称“Y”）总经理P
                o.end == off + t.start() or _BRACKETED.fullmatch(text[o.end - off:t.start()]))]
            if orgs:
                rel(orgs[0].key, "ledBy", sp.key, "led-by-title")
            elif re.search(r"(?:^|[，。；、])(?:该|本)?(?:公司|企业)的?$", text[:t.start()]) \
                    and x.last_company:
                rel(x.last_company, "ledBy", sp.key, "led-by-title")  # 公司创始人兼CEO唐睿
            elif t.group(1) in _COMPANY_LEADERS and text[:t.start()].endswith(("，", ",")) \
                    and spans and cls(spans[0]) == "Company" and spans[0].start < sp.start \
                    and not any(cls(o) in ORG for o in spans[1:] if o.end <= sp.start):
                rel(spans[0].key, "ledBy", sp.key, "led-by-title")  # X成立于2019年，创始人、董事长P
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
        if not movers and clause_start > 0 and text[clause_start - 1] == "，":  # X项目投资15亿元，落户P
            seg = max(text.rfind(c, 0, clause_start - 1) for c in "。；") + 1
            first = [sp for sp in spans if off + seg <= sp.start < off + clause_start
                     and cls(sp) in {"Company", "Program"} | SITE - {"InnovationCenter"}][:1]
            if first and re.fullmatch(r"(?:其中|此外|同时|另外|目前|今年)?[，,]?",
                                      text[seg:first[0].start - off]):
                movers = first
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
