"""Designations: 入选/获批/认定为/列为/评为/成为/获评 + a title, level, batch, authority, holder.

Titles are found from the text alone (``find_titles``) before entities are recognized, so that
the words of a title (省级先进制造业集群, 重点中试平台) are not mistaken for entities; holders and
authorities are attached afterwards (``attach``), from the entity spans of the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ecokg.loaders.records import Designation, Entity, EntitySpan, Sentence

TRIGGERS = ("批复建设", "批准建设", "批复设立", "被认定为", "认定为", "获批建设", "获批设立", "获批",
            "成功入选", "入选", "被列为", "列为", "被评为",
            "评为", "获评", "荣获", "入围", "跻身", "获授", "被授予", "授予")
BUILD_VERBS = ("高水平建设", "加快建设", "创建", "建设", "打造", "深化", "推进")
# A designation title ends with one of these (or carries a level / batch word).
TITLE_HEADS = ("先导区", "示范区", "试验区", "先行区", "城市", "基地", "园区", "集群", "平台", "中心", "工厂",
               "企业", "案例", "场景", "名单", "项目", "单位", "品牌", "称号", "示范", "标杆", "冠军",
               "小巨人", "高地", "样板", "试点", "目录", "名录", "县", "区", "点")
LEVEL_WORDS = (("国家级", "National"), ("全国", "National"), ("国家", "National"), ("省级", "Provincial"),
               ("全省", "Provincial"), ("市级", "Municipal"), ("全市", "Municipal"))
BATCH_RE = re.compile(r"(首批|第[一二三四五六七八九十\d]+批)")
_CLAUSE_END = re.compile(r"[，。；！？,;：:\n]")
_TRAILING_COUNT = re.compile(r"[\d一二三四五六七八九十百千]+[个家项款批条名座]+$")
_PROVINCE_RE = re.compile(r"^..{0,2}省")
_CITY_RE = re.compile(r"^[\u4e00-\u9fff]{2,3}市(?!场)")
_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
_QUOTED_OWN = re.compile(r"的“[^“”]{2,24}”(?:项目|案例|场景)?")
#: The clause that says who published a list, before the list's title.
_ISSUED_BY = re.compile(r"^[^，。；“”]{0,16}?(?:联合)?(?:公布|发布|认定|评选|遴选|确定|印发|公示)的")


@dataclass(frozen=True)
class TitleSpan:
    start: int  # document offsets of the title as kept
    end: int
    title: str
    level: str | None
    batch: str | None
    authority: str | None  # surface of an authority written before the title (工信部)
    trigger_start: int  # document offset of the trigger verb (the holder stands before it)
    kind: str  # "trigger" | "build" | "possessive"


def level_of(title: str, authority: str | None) -> str | None:
    for word, level in LEVEL_WORDS:
        if word in title:
            return level
    if _PROVINCE_RE.match(title) or title.startswith(_MUNICIPALITIES):
        return "Provincial"
    if _CITY_RE.match(title):
        return "Municipal"  # 芜湖市人工智能应用场景示范项目: a city's own list
    if authority and authority.endswith("部"):
        return "National"
    return None


_LIST_COUNT = re.compile(r"^(?:等)?[\d一二三四五六七八九十两]+(?:家|个|所|座)"
                         r"(?:企业|单位|园区|机构|公司|基地)?")
_WHEN = re.compile(r"(?:已|于|曾|今年|去年|前年|\d{4}年|\d{1,2}月(?:\d{1,2}日)?|[一二三四五六七八九十]+月)")
_NOT_A_TITLE = re.compile(r"位于|给予|实现|达到|数量|居全|排名|同比|纳入|"
                          r"^[的将已]|的(?:企业|单位|项目|机构)?$")
_LIST_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、．]\s*)?(?:\d{4}年度?)?"
                           r"([^，。；：:]{4,40}?)"
                           r"(?:拟认定|拟入选|拟推荐|拟命名|认定|入选|推荐|拟认定（入选）)?"
                           r"名单(?:（[^）]{0,12}）)?$")


#: X市2026年度人工智能典型应用场景案例（第一批）公示: a headline that publishes a list of a titled kind
_LIST_NOTICE = re.compile(r"^(?:关于)?([^，。；：:“”]{4,40}?(?:（第[一二三四五六七八九十\d]+批）)?)"
                          r"(?:拟入选|拟认定)?(?:名单)?的?(?:公示|公布|公告)$")


def find_titles(sentence: Sentence, authorities: Sequence[str]) -> list[TitleSpan]:
    """Designation titles in a sentence. ``authorities`` are known granting-body names (工信部 …)."""
    text, base = sentence.text, sentence.start
    found: list[TitleSpan] = []
    taken: list[tuple[int, int]] = []

    def clause_end(pos: int) -> int:
        m = _CLAUSE_END.search(text, pos)
        return m.start() if m else len(text)

    def add(t0: int, t1: int, trig: int, kind: str) -> None:
        raw = text[t0:t1]
        if raw.startswith("了"):  # 入选了X
            raw, t0 = raw[1:], t0 + 1
        cut = re.search(r"\s", raw)
        if cut:  # a headline: 入选X名单 两园区同获认定
            raw, t1 = raw[:cut.start()], t0 + cut.start()
        plaque = re.search(r"(?<=”)(?:牌匾|荣誉称号|称号|奖牌|证书|牌子)$", raw)
        if plaque:  # 授予“X”牌匾: the title is X
            raw, t1 = raw[: plaque.start()], t1 - len(plaque.group(0))
        if _NOT_A_TITLE.search(raw):
            return  # 入选数量居全省第二, 入选园区X位于Y, 新获评Z的给予奖励: a clause, not a title
        authority = None
        for a in sorted(authorities, key=len, reverse=True):
            if raw.startswith(a):
                authority, raw, t0 = a, raw[len(a):], t0 + len(a)
                break
        m = _ISSUED_BY.match(raw)
        if m and len(raw) - m.end() >= 3:  # (工信部)等四部门联合公布的X名单, 省工信厅发布的X: X
            raw, t0 = raw[m.end():], t0 + m.end()
        m = _TRAILING_COUNT.search(raw)
        if m:
            raw, t1 = raw[: m.start()], t0 + m.start()
        raw = raw.strip()
        if len(raw) < 3 or any(s <= t0 < e for s, e in taken):
            return
        batch_m = BATCH_RE.search(raw)
        level = level_of(raw, authority)
        if not (raw.endswith(TITLE_HEADS) or level or batch_m or raw.endswith("”")):
            return
        taken.append((t0, t1))
        found.append(TitleSpan(base + t0, base + t1, raw, level, batch_m.group(1) if batch_m else None,
                               authority, base + trig, kind))

    for trig in TRIGGERS:
        if trig not in text:  # most sentences hold none of them: no pattern to look up
            continue
        for m in re.finditer(re.escape(trig), text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            t0 = m.end()
            if text.startswith("为", t0):
                t0 += 1
            if text.startswith("建设", t0):
                t0 += 2
            add(t0, clause_end(t0), m.start(), "trigger")
    # 公布首批省级人工智能产业示范园区名单，X名列其中 / …名单，X、Y入选
    for m in re.finditer(r"(公布|发布|印发|公示|评选出|遴选出|还有|一并发布)了?(?:的)?([^，。；]{4,40}?)名单",
                         text):
        k = re.search(r"(名列其中|位列其中|在列|榜上有名|入选|上榜|入围)", text[m.end():])
        # no trigger in the sentence: the holders follow (designation_lists.listed_after)
        trigger = m.end() + k.start() if k else m.end()
        t0 = m.start(2)
        if text.startswith("的", t0):
            t0 += 1
        # A名单和B名单 / A和B名单: two lists announced together
        parts = re.split(r"(?<=[）)企业项目园区单位])(?:和|及|与)", text[t0:m.end(2)])
        for part in parts if all(len(p) >= 4 for p in parts) else [text[t0:m.end(2)]]:
            add(t0, t0 + len(part), trigger, "list")
            t0 += len(part) + 1
    # 现将第二批…揭榜单位名单公布如下: the list is named before its verb; the holders follow
    for m in re.finditer(r"(?:现将|现予|特将|现就)([^，。；“”]{0,40}(?:“[^”]{1,12}”[^，。；“”]{0,30})?)名单"
                         r"(?:予以)?(?:公布|公示|发布|印发)", text):
        t0 = m.start(1)
        if not any(s0 <= t0 < e0 for s0, e0 in taken) and len(m.group(1)) >= 4:
            add(t0, m.end(1), len(text), "list")
    # 一、第三批X市智能工厂拟认定名单（共5家）: a heading naming a list; its rows (a table) follow
    h = _LIST_HEADING.match(text) or _LIST_NOTICE.match(text)
    if h and not found:
        add(h.start(1), h.end(1), len(text), "list")
    # 新增国家级专精特新“小巨人”企业12家，其中A、B进入第七批名单: the category holds for the names after 其中
    for m in re.finditer(r"新增([^，。；]{4,30}?)[\d一二三四五六七八九十百]+(?:家|个|项)[，,]其中", text):
        k = re.search(r"(进入|入选|列入|获评|获批)(第[一二三四五六七八九十\d]+批)?", text[m.end():])
        if not k:
            continue
        t0, t1 = m.start(1), m.end(1)
        if any(s <= t0 < e for s, e in taken):
            continue
        raw = text[t0:t1]
        in_title = BATCH_RE.search(raw)
        batch = k.group(2) or (in_title.group(1) if in_title else None)
        taken.append((t0, t1))
        found.append(TitleSpan(base + t0, base + t1, raw, level_of(raw, None), batch, None,
                               base + m.end() + k.start(), "list"))
    # 建设国家人工智能创新应用先导区 / 深化全国首批“双千兆城市”建设: a level word right after the verb
    for verb in BUILD_VERBS:
        for m in re.finditer(re.escape(verb), text):
            t0 = m.end()
            if not text.startswith(("国家", "全国", "省级", "国家级"), t0):
                continue
            t1 = clause_end(t0)
            seg = text[t0:t1]
            if seg.endswith("建设"):
                t1 -= 2
                seg = seg[:-2]
            if seg.endswith(TITLE_HEADS) or seg.endswith("”"):
                add(t0, t1, m.start(), "build")
    # X的国家级智能制造示范工厂
    for m in re.finditer(r"的(国家级|省级|市级)", text):
        t0 = m.start() + 1
        end = t0
        while end < len(text) and not _CLAUSE_END.match(text[end]) and text[end] not in "“”《》":
            end += 1
        seg = text[t0:end]
        cut = max((seg.rfind(h) + len(h) for h in TITLE_HEADS if h in seg), default=-1)
        if cut > 3:
            add(t0, t0 + cut, m.start(), "possessive")
    return found


def _sentence_subject(text: str, base: int, prev: Sequence[EntitySpan],
                      anaphor: Callable[[int, int], str | None] | None) -> str | None:
    """The subject of a sentence whose later clause holds a title (X已集聚A、B等…，今年入选…): the
    name that opens it, else the anaphor that opens it (园区先后获评…), else None."""
    if not _WHEN.sub("", text[:prev[0].start - base]).strip("，、 　"):
        head = prev[0]
        for nxt in prev[1:]:  # 该公司自主研发的“问津”大模型，今年入选…: the head of the relative clause
            if not re.fullmatch(r"[^，。；“”]{0,12}的“?", text[head.end - base:nxt.start - base]):
                break
            head = nxt
        return head.key
    if anaphor is not None:
        for n in (4, 3, 2):
            found = anaphor(base, base + n)
            if found:
                return found
    return None


#: 南通共有6家企业入选: a place before the count of its entries is not a holder.
_PLACE_COUNT = re.compile(r"(?:共|共有|有|累计|今年|本次)*[\d一二三四五六七八九十两]+(?:家|个|项|所|座)")
_LATER_LEAD = re.compile(r"(?:分别是|分别为|依次为|具体为|即)[：:]?|为[：:]")
#: …，同时获授的还有A和B: more holders of the title just granted.
_ALSO_HELD = re.compile(r"(?:同时|一同|一并|同批)?(?:获授|获评|入选|获批|获得|上榜)(?:该称号|这一称号)?"
                        r"的(?:还有|包括)")


def _listed_later(text: str, base: int, trig: int, spans: Sequence[EntitySpan],
                  entities: Mapping[str, Entity], leads: re.Pattern[str] = _LATER_LEAD) -> list[EntitySpan]:
    """…名单，全省共62家企业入选，本市有5家，分别是：A、B、C: the enumeration after a lead that follows
    the trigger, to the end of the sentence (names joined by 、, 和, 及 only)."""
    lead = leads.search(text, trig)
    if lead is None:
        return []
    names = [sp for sp in spans if sp.start >= base + lead.end()
             and entities[sp.key].cls not in ("GovernmentBody", "Person")]
    out: list[EntitySpan] = []
    at = base + lead.end()
    for sp in names:
        if text[at - base:sp.start - base].strip() not in ("", "、", "和", "及", "以及"):
            break
        out.append(sp)
        at = sp.end
    return out


def attach(titles: Sequence[TitleSpan], sentence: Sentence, spans: Sequence[EntitySpan],
           entities: Mapping[str, Entity], region: str | None,
           authority_keys: Mapping[str, str],
           anaphor: Callable[[int, int], str | None] | None = None) -> list[Designation]:
    """Designations with holders: the entity right before the trigger, an anaphoric word there
    (``anaphor(clause_start, trigger_start)`` resolves it), else the region."""
    out: list[Designation] = []
    text = sentence.text
    for t in titles:
        trig = t.trigger_start - sentence.start
        clause_start = max(text.rfind(c, 0, trig) for c in "，。；,;：") + 1
        granted = authority_keys.get(t.authority) if t.authority else None
        before = [s for s in spans
                  if sentence.start + clause_start <= s.start and s.end <= t.trigger_start + 1]
        # 被工信部认定为 / 获科技部批复建设: the body before the trigger grants, it does not hold
        if before and entities[before[-1].key].cls == "GovernmentBody" and \
                re.search(r"(被|获|经)$", text[:before[-1].start - sentence.start]):
            granted = granted or before[-1].key
            before = before[:-1]
        holder, implicit = None, False
        if t.kind == "list":  # the names right before 名列其中 / 入选 in that clause (not inside the title)
            if t.trigger_start - t.end <= 3:
                continue  # 公布…名单。 with no trigger after it: the holders follow (designation_lists)
            named = [sp for sp in before
                     if not (t.start <= sp.start < t.end or entities[sp.key].cls == "GovernmentBody")
                     and not (entities[sp.key].cls == "Place"
                              and _PLACE_COUNT.match(text, sp.end - sentence.start))]
            # (not inside the title, nor the body that publishes the list)
            last_de = text.rfind("的", clause_start, trig)
            headed = [sp for sp in named if sp.start - sentence.start > last_de]
            named = headed or named  # 由A牵头组建的X入选: X, not A
            for sp in named or _listed_later(text, sentence.start, trig, spans, entities):
                out.append(Designation(holder=sp.key, title=t.title, sentence=sentence.index, level=t.level,
                                       batch=t.batch, granted_by=granted, rule="designation-list"))
            continue
        if len(before) >= 2 and re.search(r"分别|均|都|双双|同时|一同|一并",
                                          text[before[-1].end - sentence.start:trig]):
            # A、B 分别获评 …: every name of the enumeration holds it
            for sp in before:
                if entities[sp.key].cls != "GovernmentBody":
                    out.append(Designation(holder=sp.key, title=t.title, sentence=sentence.index,
                                           level=t.level, batch=t.batch, granted_by=granted,
                                           rule="designation-each"))
            continue
        if before:
            last = max(before, key=lambda s: s.end)
            gap = _WHEN.sub("", text[last.end - sentence.start: trig])  # 已于今年9月被…认定为
            plain = len(gap) <= 12 and not re.search(r"\d|[的在对向将]", gap.replace("被", ""))
            joined = _joined_list(text, sentence.start, before)
            counted = _LIST_COUNT.sub("", gap, count=1)  # A、B、C3家企业被评为: the list's own count
            if len(joined) >= 2 and not plain and len(counted) <= 12 \
                    and not re.search(r"\d|[的在对向将]", counted.replace("被", "")):
                plain = True
            if plain and len(joined) >= 2:  # A和B被认定为 …: each name of the list holds it
                out += [Designation(holder=sp.key, title=t.title, sentence=sentence.index, level=t.level,
                                    batch=t.batch, granted_by=granted, rule="designation-each")
                        for sp in joined if entities[sp.key].cls != "GovernmentBody"]
                continue
            if plain or _QUOTED_OWN.fullmatch(gap):  # A的“B产线”入选: A's, named in quotes
                holder = last.key
        elif t.kind == "trigger" and clause_start > 0 \
                and not _WHEN.sub("", text[clause_start:trig]).strip("今年还已也被正式成功")[:1].isdigit():
            # Y …，今年(5月)被认定为 …: the subject of the sentence's previous clause
            prev = [s for s in spans if s.end <= sentence.start + clause_start]
            if prev and entities[prev[-1].key].cls not in ("GovernmentBody",) and not re.search(
                    r"\d", _WHEN.sub("", text[clause_start:trig])):
                holder = _sentence_subject(text, sentence.start, prev, anaphor) or prev[-1].key
        if holder is None and not before and anaphor is not None:  # 园区今年入选… / 该科创城已入选…
            holder = anaphor(sentence.start + clause_start, t.trigger_start)
        if holder is None and t.kind == "possessive":
            continue  # 对新认定的国家级…: no one holds a title described this way
        if holder is None and not before:  # 首批获授“X”的6款产品为：A、B、C
            later = _listed_later(text, sentence.start, trig, spans, entities)
            out += [Designation(holder=sp.key, title=t.title, sentence=sentence.index, level=t.level,
                                batch=t.batch, granted_by=granted, rule="designation-list")
                    for sp in later]
            if later:
                continue
        if holder is None:
            # a count before the trigger (3个案例入选) names no holder
            lead = text[clause_start: t.trigger_start - sentence.start]
            if re.search(r"[\d一二三四五六七八九十两]+(?:个|家|项|所|座)", lead):
                continue
            if region is None:
                continue
            holder, implicit = region, True
        out.append(Designation(holder=holder, title=t.title, sentence=sentence.index, level=t.level,
                               batch=t.batch, granted_by=granted, implicit=implicit,
                               rule=f"designation-{t.kind}"))
        also = _ALSO_HELD.search(text, trig)
        if also and not implicit:  # …，同时获授的还有A和B: they hold it too
            out += [Designation(holder=sp.key, title=t.title, sentence=sentence.index, level=t.level,
                                batch=t.batch, granted_by=granted, rule="designation-also")
                    for sp in _listed_later(text, sentence.start, also.start(), spans, entities, _ALSO_HELD)]
    return out


def _joined_list(text: str, base: int, spans: Sequence[EntitySpan]) -> list[EntitySpan]:
    """The names at the end of ``spans`` joined by 、/和/及/与 (A、B和C), else the last one alone."""
    out = [spans[-1]]
    for a in reversed(spans[:-1]):
        if text[a.end - base:out[0].start - base] not in ("、", "和", "及", "与", "以及"):
            break
        out.insert(0, a)
    return out

