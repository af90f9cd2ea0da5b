"""Designations whose holders are listed apart from the title.

  list-after      公布第三批X名单 … 。(入选企业)分别为：A、B、C … → each of A, B, C holds X
  category-list   在“X”类别中，A、B和C等5家企业榜上有名 / 上榜 / 入选 → each holds X;
                  在X名单中，…分别是A、B和C → each holds X
  anaphor-holder  园区今年入选… / 该科创城已入选…: the park (or the class the word names) last named

Holders are organizations, parks, places and products named in the listing sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from ecokg.loaders.class_groups import group
from ecokg.loaders.designations import BATCH_RE, TITLE_HEADS, TitleSpan, level_of
from ecokg.loaders.discourse import Discourse, anaphor_words
from ecokg.loaders.lexicon import lexicon
from ecokg.loaders.records import Designation, Entity, EntitySpan, Sentence

_HOLDER_CLASSES = group("Organization") | group("Place") | group("Product") | {
    "Platform", "Program", "Infrastructure", "Venue"}
# (有 not of 有关, 有限 …)
_LIST_LEAD = re.compile(r"(?:分别为|分别是|依次为|名单如下|具体为|包括|有(?![关限效序力所望着]))[：:]?")
_LIST_TAIL = re.compile(r"(?:等[^，。；]{0,12}?)?(?:均|都|也|一同|同时)?"
                        r"(?:在其列|名列其中|位列其中|在列|入选|上榜|榜上有名|"
                        r"同在名单之中|在名单之中|获批|入围)")
_TAIL_GAP = re.compile(r"(?:等)?[\d一二三四五六七八九十两]*(?:家|个|所|项|座)?[\u4e00-\u9fff]{0,4}?")
_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+[、．.]\s*(.{4,60}?)(?:[（(]|$)")
_ITEM = re.compile(r"^\s*(?:\d+|[（(]\d+[)）])[.、．]?\s*")
_CATEGORY = re.compile(r"在“(?P<title>[^”]{2,40})”(?:类别|类|名单|榜单|领域|方向)?中[，,]?(?P<who>.{0,160}?)"
                       r"(?:榜上有名|上榜|入选|入围|获评)")
#: 在第二批X名单中，本市有5家企业位列其中，分别是A、B和C: the names after 分别是 hold X
_IN_LIST = re.compile(r"在(?:《|“)?(?P<title>(?:第[一二三四五六七八九十\d]+批)?[^，。；《》“”]{2,40}?)"
                      r"(?:》|”)?名单中[，,]"
                      r"[^。；]{0,24}?(?:分别是|分别为|依次为|包括)[：:]?(?P<who>.{2,200}?)(?:[。；]|$)")
#: 认定A、B为X / 认定A“P”等8个项目为X（第一批）/ 现确定A等7家单位为X: each name before 为 holds X
_NAMED_AS = re.compile(r"(?P<verb>认定|确定)(?P<who>[^。；为]{2,120}?)为"
                       r"(?P<title>(?:[^，。；“”]|“[^“”]{1,12}”){4,40}?(?:[（(]第[一二三四五六七八九十\d]+批[）)])?)"
                       r"(?=[，。；]|$)")
_JOINED = re.compile(r"[和及与、]")  # a title naming two lists: 第一批创新平台和2025年度揭榜项目
_COUNT_AFTER = re.compile(r"了?[\d一二三四五六七八九十两]+(?:家|个|项|所|座)")
_SITE_HOLDERS = group("IndustrialPark") | group("InnovationCenter") | {"Platform", "Infrastructure"}
_HOLDER_WORDS = [w for w in anaphor_words(_SITE_HOLDERS) if len(w) > 1]  # 此 alone ends 因此


_BULLET = re.compile(r"^\s*(?:[-•·*●▪]|\d+[.、．]|[（(]\d+[)）])\s*")


def _bullet_holders(following: Sequence[Sentence], by_sentence: Mapping[int, Sequence[EntitySpan]],
                    entities: Mapping[str, Entity]) -> list[tuple[str, int]]:
    """The first name of each bullet or numbered line that follows, while the lines are items."""
    out = []
    for sent in following:
        if not _BULLET.match(sent.text):
            break
        first = [sp for sp in by_sentence.get(sent.index, []) if entities[sp.key].cls in _HOLDER_CLASSES
                 and entities[sp.key].cls != "GovernmentBody"]
        if first:
            out.append((first[0].key, sent.index))
    return out


def listed_after(titles: Mapping[int, Sequence[TitleSpan]], held: set[tuple[int, str]],
                 sentences: Sequence[Sentence], by_sentence: Mapping[int, Sequence[EntitySpan]],
                 entities: Mapping[str, Entity], granted: Mapping[str, str]) -> list[Designation]:
    """A 名单 announced with no holder in its sentence, whose holders the next sentences list."""
    out: list[Designation] = []
    for idx, ts in sorted(titles.items()):
        for t in ts:
            if t.kind != "list" or (idx, t.title) in held:
                continue
            for nxt in sentences[idx + 1: idx + 4]:
                if nxt.text.endswith(("：", ":")):  # 入选的企业分别是： then one item per line
                    items = _bullet_holders(sentences[nxt.index + 1:], by_sentence, entities)
                    out += [Designation(holder=k, title=t.title, sentence=i, level=t.level, batch=t.batch,
                                        granted_by=granted.get(t.authority or ""), rule="designation-items")
                            for k, i in items]
                    if items:
                        break
                if _is_header_row(nxt.text):
                    break  # 序号，企业名称，…: a table with named columns (the table rules read it)
                if _ITEM.match(nxt.text) and not _HEADING.match(nxt.text):  # 1. A——X工厂 2. B——…
                    items = _numbered_holders(sentences[nxt.index:], by_sentence, entities)
                    out += [Designation(holder=k, title=t.title, sentence=i, level=t.level, batch=t.batch,
                                        granted_by=granted.get(t.authority or ""), rule="designation-items")
                            for k, i in items]
                    break
                if _HEADING.match(nxt.text):
                    break  # a heading: numbered_items reads what follows it
                if _LIST_HEADING_LINE.fullmatch(nxt.text):
                    continue  # 入选名单（本市部分）: a heading over the items
                # (not 有 of 有限公司)
                lead = next((m for m in _LIST_LEAD.finditer(nxt.text) if not any(
                    sp.start <= nxt.start + m.start() < sp.end
                    for sp in by_sentence.get(nxt.index, []))), None)
                # (入选者…均在其列: the last)
                tail = next(reversed(list(_LIST_TAIL.finditer(nxt.text))), None)
                mine = [sp for sp in by_sentence.get(nxt.index, []) if entities[sp.key].cls in _HOLDER_CLASSES
                        and entities[sp.key].cls != "GovernmentBody"]
                spans = [sp for sp in mine if lead and sp.start >= nxt.start + lead.end()]
                if len(spans) < 2 and tail:  # A、B、C等均在其列 / A、B 3家园区入选
                    clause = max(nxt.text.rfind(c, 0, tail.start()) for c in "。；：，") + 1
                    spans = [sp for sp in mine
                             if nxt.start + clause <= sp.start and sp.end <= nxt.start + tail.start()]
                    gap = nxt.text[spans[-1].end - nxt.start:tail.start()] if spans else ""
                    if not _TAIL_GAP.fullmatch(gap):
                        spans = []
                if tail and len(spans) == 1 and _COUNT_AFTER.match(nxt.text, tail.end()):
                    spans = []  # 太原市入选14个: the place's entries, listed elsewhere, not the place
                if len(spans) >= 2 or (spans and tail):
                    for sp in spans:
                        out.append(Designation(holder=sp.key, title=t.title, sentence=nxt.index,
                                               level=t.level, batch=t.batch,
                                               granted_by=granted.get(t.authority or ""),
                                               rule="designation-list-after"))
                    break
    return out


_LIST_HEADING_LINE = re.compile(r"[^，。；]{0,12}(?:名单|名录|如下|入选企业|入选项目)[^，。；]{0,10}[：:]?")


def _is_header_row(text: str) -> bool:
    cells = text.split("，")
    return len(cells) >= 3 and all(0 < len(c) <= 8 for c in cells) and not _ITEM.match(text)


def _numbered_holders(following: Sequence[Sentence], by_sentence: Mapping[int, Sequence[EntitySpan]],
                      entities: Mapping[str, Entity]) -> list[tuple[str, int]]:
    """The first name of each numbered item (1. A——…), up to the first sentence that is no item."""
    out: list[tuple[str, int]] = []
    numbered = False  # the sentence before was a bare item number ("1.")
    for sent in following:
        item = _ITEM.match(sent.text)
        if item and item.end() >= len(sent.text.strip()):
            numbered = True
            continue
        if not (item or numbered):
            break
        numbered = False
        names = [sp for sp in by_sentence.get(sent.index, []) if entities[sp.key].cls in _HOLDER_CLASSES
                 and entities[sp.key].cls != "GovernmentBody"]
        if names:
            out.append((names[0].key, sent.index))
    return out


def category_lists(sentence: Sentence, spans: Sequence[EntitySpan], entities: Mapping[str, Entity],
                   context: str) -> list[Designation]:
    """在“X”类别中，A、B等5家企业榜上有名 / 在X名单中，…分别是A、B: each named holder holds X (level
    and batch from ``context``, the sentence and the one before it)."""
    out: list[Designation] = []
    for m in [*_CATEGORY.finditer(sentence.text), *_IN_LIST.finditer(sentence.text),
              *_NAMED_AS.finditer(sentence.text)]:
        a, b = sentence.start + m.start("who"), sentence.start + m.end("who")
        holders = [sp for sp in spans
                   if a <= sp.start and sp.end <= b and entities[sp.key].cls in _HOLDER_CLASSES
                   and not (entities[sp.key].cls == "Place"
                            and sentence.text[sp.end - sentence.start:][:1] == "的")]
        title_like = m.group("title").rstrip(")）").endswith(TITLE_HEADS) or BATCH_RE.search(m.group("title"))
        if "verb" in m.groupdict() and m.group("verb") == "确定" and (
                "，" in m.group("who") or m.group("who").startswith("的") or not title_like):
            continue  # 确定2025年为…: only a title (a head word of titles, a batch) is held
        batch = BATCH_RE.search(context)
        level = level_of(m.group("title"), None) or level_of(context, None)
        for sp in holders:
            # (the batch is kept apart)
            title = re.sub(r"^第[一二三四五六七八九十\d]+批", "", m.group("title"))
            title = re.sub(r"[（(]第[一二三四五六七八九十\d]+批[）)]$", "", title)
            out.append(Designation(holder=sp.key, title=title, sentence=sentence.index, level=level,
                                   batch=batch.group(1) if batch else None, rule="designation-category"))
    return out


def anaphor_holder(discourse: Discourse, text: str) -> Callable[[int, int], str | None]:
    """A resolver for ``designations.attach``: 园区/该园区/该科创城 right before a trigger."""
    lex = lexicon()

    def resolve(clause_start: int, trigger: int) -> str | None:
        lead = re.sub(r"被[^，。；]{0,30}$", "", text[clause_start:trigger])  # 园区被X厅认定为: not the agent
        lead = re.sub(r"(今年|去年|日前|近日|此前|已经|已|还|又|也|成功|正式|被|于|\d+年|\d+月)+$", "", lead)
        own = re.search(r"(?:我|本|全)(县|区|市)$", lead)
        if own:  # 我县被认定为…: the county (district, city) the article speaks for
            return discourse.latest_named(group("Place"), trigger, own.group(1))
        if re.search(r"(?:^|该|本|这家)(?:公司|企业)$", lead.strip()):
            return discourse.latest(group("Company"), trigger)
        for w in _HOLDER_WORDS:
            if lead.endswith(w):  # 园区 a park, 该中心 a centre: what anaphora.yaml says the word refers to
                found = discourse.resolve(w, _SITE_HOLDERS, trigger)
                return found[0] if found else None
        bare = lex.head_at_end(lead, len(lead))
        # 科技城获批…: the one named so
        if bare is not None and bare[0] == lead.strip() and len(lead.strip()) >= 2:
            found = discourse.latest_named(group(bare[1]), trigger, lead.strip())
            if found:
                return found
        m = re.search(r"(?:该|本|这个|这座|这家)([\u4e00-\u9fff]{1,5})$", lead)
        cls = lex.classify(m.group(1)) if m else None
        if cls is not None:
            return discourse.latest(group(cls), trigger)
        return None
    return resolve


def one_of_joined(title: TitleSpan, words: str, before: str) -> TitleSpan:
    """公布A和B名单, then a heading 一、A（7家）: the heading names the one list of the two, in the words
    the article wrote in full before (2025年度“揭榜挂帅”项目 → 2025年度人工智能应用场景“揭榜挂帅”项目)."""
    if words == title.title or words not in title.title or not _JOINED.search(title.title):
        return title
    batch = BATCH_RE.match(words)
    core = words[batch.end():] if batch else words
    if before:  # the fuller form, when the article wrote one
        for i in range(2, len(core) - 1):
            m = re.search(re.escape(core[:i]) + r"[^，。；、“”]{1,12}?" + re.escape(core[i:]), before)
            if m:
                core = m.group(0)
                break
    return replace(title, title=core, batch=batch.group(1) if batch else title.batch)


def heading_words(text: str) -> str | None:
    """The words of a list heading (一、第一批X平台（7家） → 第一批X平台), None for other lines."""
    m = _HEADING.match(text)
    return m.group(1) if m else None


def numbered_items(titles: Mapping[int, Sequence[TitleSpan]], sentences: Sequence[Sentence],
                   by_sentence: Mapping[int, Sequence[EntitySpan]],
                   entities: Mapping[str, Entity], named: Sequence[TitleSpan] = ()) -> list[Designation]:
    """一、TITLE（第三批…） then 1. A：… 2. B：…: the first name of each numbered item holds the title
    (a title announced before, or ``named`` in a sentence as 认定A等N家企业为TITLE)."""
    known = [t for ts in titles.values() for t in ts] + list(named)
    out: list[Designation] = []
    current: TitleSpan | None = None
    numbered = False  # the sentence before was a bare item number ("3.")
    for sent in sentences:
        head = _HEADING.match(sent.text)
        if head:
            words = head.group(1)
            current = next((t for t in known
                            if len(words) >= 4 and (words in t.title or t.title.endswith(words))), None)
            if current is not None:
                current = one_of_joined(current, words, "")
            numbered = False
            continue
        if current is None:
            continue
        names = [sp for sp in by_sentence.get(sent.index, []) if entities[sp.key].cls in _HOLDER_CLASSES
                 and entities[sp.key].cls != "GovernmentBody"]
        item = _ITEM.match(sent.text)
        if item and item.end() >= len(sent.text.strip()):
            numbered = True
            continue
        if item or numbered:  # 1. A：… → A holds it
            if names:
                out.append(Designation(holder=names[0].key, title=current.title, sentence=sent.index,
                                       level=current.level, batch=current.batch, rule="designation-numbered"))
        # A、B、C。 under the heading
        elif len(names) >= 2 and re.fullmatch(r"[^。]*?(?:、[^。、]*){1,}。?", sent.text):
            out += [Designation(holder=sp.key, title=current.title, sentence=sent.index, level=current.level,
                                batch=current.batch, rule="designation-numbered") for sp in names]
            current = None
        elif len(sent.text) > 60:
            current = None  # prose again: the list is over
        numbered = False
    return out


#: 发布了“2026X市人工智能企业20强”榜单, 《X百强榜》揭晓: a ranking list the article publishes, by its name
_RANKING = re.compile(r"(?:发布|公布|揭晓|推出|出炉)了?[“《](?:\d{4}年?度?)?"
                      r"(?P<title>[^”》]{4,30}?(?:\d+强|[十百千]强|排行榜|榜))[”》](?:榜单|名单)?")


def ranked_lists(sentences: Sequence[Sentence], by_sentence: Mapping[int, Sequence[EntitySpan]],
                 entities: Mapping[str, Entity]) -> list[Designation]:
    """发布了“X企业20强”榜单, then (a few sentences on) 1. A（…）——… 2. B…: each item's first name
    holds X."""
    out: list[Designation] = []
    for sent in sentences:
        m = _RANKING.search(sent.text)
        if m is None:
            continue
        title = m.group("title")
        for nxt in sentences[sent.index + 1: sent.index + 12]:
            if _ITEM.match(nxt.text) and not _HEADING.match(nxt.text):
                out += [Designation(holder=k, title=title, sentence=i, level=level_of(title, None),
                                    rule="designation-ranking")
                        for k, i in _numbered_holders(sentences[nxt.index:], by_sentence, entities)]
                break
    return out

