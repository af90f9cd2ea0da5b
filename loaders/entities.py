"""Entity recognition: gazetteer, 《》 titles, quoted names typed by context, names by their heads,
enumerations with a shared head, persons with titles, company names by suffix; then the
article-level pass that resolves overlaps, relative and short names, and builds ``Entity`` records.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from ecokg.loaders.candidates import FUNCTION_CHARS, Candidate, word_frequency
from ecokg.loaders.classes import ORG, PRODUCT
from ecokg.loaders.company_names import (
    brand_companies,
    described_companies,
    enumerations,
    homogeneous_lists,
    investors,
    maker_prefix,
    parallel_subjects,
    place_brand_companies,
    place_companies,
    subject_companies,
)
from ecokg.loaders.designations import TitleSpan
from ecokg.loaders.gazetteer import Entry, Gazetteer, NameIndex
from ecokg.loaders.latin_names import latin_names, latin_products
from ecokg.loaders.lexicon import Lexicon, Region, is_cjk, lexicon
from ecokg.loaders.name_identity import merge_same_names
from ecokg.loaders.names import has_place_prefix, is_generic, left_edge, name_char, strip_descriptors
from ecokg.loaders.records import Document, Entity, EntitySpan, Sentence
from ecokg.loaders.subsidy_names import granted_subsidies
from ecokg.loaders.tables import Row, find_rows, product_class, product_name

PRODUCT_CLASSES = PRODUCT
# Generic names of these classes are qualified by the article's region (人工智能产业园 in a Qingdao
# article is 青岛人工智能产业园; Wuhan's is another park).
REGION_QUALIFIED = {"IndustrialPark", "IndustryCluster", "Committee", "Fund", "Subsidy", "Venue", "Infrastructure"}
_HEAD_STOP_BEFORE = {"格", "布", "当", "结", "全", "大", "开", "内", "外", "东", "西", "南", "北", "中", "总",
                     "干", "头", "尾", "底", "顶", "党", "本", "各", "该", "广", "社"}
_HEAD_STOP_AFTER = {"署", "分", "门", "员", "托", "面", "长", "属", "级", "位", "件"}
_SINGLE_CHAR_GOV = {"局", "部", "委", "厅"}
# what follows a person's name: a verb of speaking or attending, or punctuation
_AFTER_PERSON = ("宣布|签署|会见|调研|考察|参加|陪同|解读|回忆|曾|是|亲自|（|\\s|　|"
                 "牵头|领衔|挂帅|表示|介绍|指出|说|认为|称|透露|强调|坦言|告诉|回答|答|谈到|提到|作|在|出席|致辞|讲话|发表|"
                 "主持|带队|分享|围绕|就|以|对|从|、|，|。|：|:|”|）|等|担任|带领|团队|和|与|当选|出任|获|荣获|率|带|向|为|到会|到场|上台|"
                 "分别|一行|也|则|还|现场|$")
_TWO_BODIES = re.compile(r"(?:人民政府|政府|管委会|管理委员会|[局厅办])(?:和|与|及)")
_YEAR_RANGE = re.compile(r"[（(]?(\d{4})\s*[-—–~至到]\s*(\d{4})年?[)）]?")
_BATCH = re.compile(r"[（(](第[一二三四五六七八九十\d]+批)[)）]")
_SHARED_HEAD_CLASSES = {"InnovationCenter", "IndustrialPark", "Platform", "Infrastructure", "Venue", "IndustryCluster"}
_COUNTED = re.compile(r"[\d一二三四五六七八九十百千万两]+(?:余|多)?(?:家|个|座|所|批|项|条|款|台|场|届|只)$")
_COUNT_HEAD = re.compile(r"[\d一二三四五六七八九十百千万两]+(?:余|多)?(?:家|个|座|所|批|项|条|款|台|场|届|只)")
_COUNT_AFTER = re.compile(r"[\d一二三四五六七八九十百千万两]+(?:余|多)?(?:家|个|座|所)")
_POLICY_WORDS = re.compile(r"方案|意见|办法|规划|计划|措施|政策|通知|条例|细则|纲要|指南|决定|清单|规定|行动|若干|实施|战略|标准|路线图|目录")
_ORG_CLASSES = ORG - {"Organization", "Committee"}
_GOV_COMMISSIONS = ("经济委员会", "卫生健康委员会", "教育委员会", "管理委员会", "建设委员会", "交通委员会", "商务委员会")
_GENERIC_DISTRICTS = {"行政区", "自治区", "城区", "市区", "辖区", "全区", "该区", "园区", "片区", "厂区", "东区", "西区", "南区", "北区", "中区",
                      "新区", "景区", "社区", "校区", "主城区", "中心城区", "郊区", "老城区"}
#: Zones named by their function (主承载区, 核心区): a role in a plan, not a district.
_FUNCTION_ZONES = ("承载区", "核心区", "集聚区", "功能区", "先行区", "拓展区", "辐射区", "起步区", "协作区", "承接区",
                   "服务区", "生活区", "办公区", "展示区", "体验区", "作业区", "实训区", "训练区", "保护区")


def _unglue_verbs(lex: Lexicon, text: str, cands: list[Candidate]) -> None:
    """平城数智联合研发: a company name whose last character begins a verb after it (联合) ends one
    character earlier, when what is left is still a brand and a company suffix (平城数智)."""
    for c in cands:
        if c.source != "pattern" or c.cls != "Company" or c.end - c.start < 4 or c.end >= len(text):
            continue
        if lex.boundary_ending_at(text, c.end + 1) and text[c.end - 1:c.end + 1] in lex.boundaries \
                and any(c.name[:-1].endswith(sfx) for sfx in lex.company_suffixes):
            c.end, c.name = c.end - 1, c.name[:-1]
            c.aliases = {c.name}


def _row_candidates(text: str, base: int, row: Row) -> list[Candidate]:
    """A table row's company and product cells are names (offsets relative to the sentence)."""
    out = []
    if "company" in row.cells:
        a, b = row.cells["company"]
        name = text[a - base:b - base].strip()
        if 2 <= len(name) <= 20:
            out.append(Candidate(a - base, b - base, "Company", name, {name}, 4))
    if "product" in row.cells:
        a, b = row.cells["product"]
        cell = text[a - base:b - base].strip()
        name = product_name(cell)
        if 2 <= len(name) <= 24:
            out.append(Candidate(a - base, b - base, product_class(cell), name, {name, cell}, 4, region_ok=False))
    return out


def _article_names(rec: Recognized, region: Region | None) -> list[Entry]:
    """Entries for the names the first pass found by pattern (three characters or more)."""
    out = []
    for key, ent in sorted(rec.entities.items()):
        if ent.source != "pattern" or ent.cls in ("Place", "Person"):
            continue
        names = tuple(sorted(n for n in ent.alt_labels | {key} if len(n.strip("“”《》")) >= 3 and n != key))
        out.append(Entry(name=key, cls=ent.cls, aliases=names, source="article"))
    return out


def _only_sectors(modifier: str, lex: Lexicon) -> bool:
    """人工智能 / 人工智能产业: a modifier made only of sector words (and 产业)."""
    rest = modifier.replace("产业", "")
    for w in lex.industries:
        rest = rest.replace(w, "")
    return bool(modifier) and not rest


@dataclass
class Recognized:
    """Entities with their top-level spans and the spans of names nested inside other names."""

    entities: dict[str, Entity]
    spans: list[EntitySpan] = field(default_factory=list)
    inner: list[EntitySpan] = field(default_factory=list)


def detect_region(doc: Document, lex: Lexicon) -> Region | None:
    """The article's region: the city (or municipality) its title and text name most."""
    counts: Counter[str] = Counter()
    title = doc.title or ""
    for short in list(lex.city_to_province) + [p["short"] for p in lex.provinces.values() if p.get("municipality")]:
        n = doc.text.count(short) + 3 * title.count(short)
        if n:
            counts[short] = n
    if not counts:
        return None
    best = max(counts.items(), key=lambda kv: (kv[1], -doc.text.find(kv[0])))[0]
    return lex.region_for(best)


class EntityRecognizer:
    """Finds the entities of one article."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.load()
        self.lex = lexicon()
        self._rows: dict[int, Row] = {}
        self._heads_by_last: dict[str, list[tuple[str, str]]] = {}
        for head, cls in sorted(self.lex.heads, key=lambda hc: -len(hc[0])):  # 展示厅 before 厅
            self._heads_by_last.setdefault(head[-1], []).append((head, cls))

    # -- the article -----------------------------------------------------------------------
    def recognize(self, doc: Document, sentences: Sequence[Sentence], titles: dict[int, list[TitleSpan]],
                  region: Region | None, index: NameIndex) -> Recognized:
        index = self._with_abbreviations(doc.text, index, region)
        self._rows = {row.sentence: row for row in find_rows(sentences)}
        first = self._pass(sentences, titles, region, index)
        # Second pass: a name recognized once by its context (研发激光雷达的曜途感知, “衡行H2”人形机器人) is
        # that entity wherever else the article writes it (曜途感知拟投资…, “衡行H2”的单台成本…).
        seen = _article_names(first, region)
        if not seen:
            return first
        second = self._pass(sentences, titles, region, NameIndex(seen + list(index.by_name.values())))
        for sp in first.inner:  # a known name inside a name the article made (三一重工 in 三一重工长沙产业园)
            if sp.key in first.entities and sp.key not in second.entities and not any(
                    o.start <= sp.start and sp.end <= o.end and o.key == sp.key for o in second.spans):
                second.entities[sp.key] = first.entities[sp.key]
                second.inner.append(sp)
        return second

    def _pass(self, sentences: Sequence[Sentence], titles: dict[int, list[TitleSpan]], region: Region | None,
              index: NameIndex) -> Recognized:
        chosen: list[tuple[Sentence, Candidate]] = []
        inner: list[tuple[Sentence, Candidate]] = []
        last_company: Candidate | None = None
        for sent in sentences:
            cands = self._sentence_candidates(sent, index, titles.get(sent.index, []))
            if last_company is not None:  # 该公司 / 该企业: the company last named
                for m in re.finditer(r"该公司|该企业|该集团|(?:^|(?<=[，。；]))公司(?=推出|发布|研发|已|将|在|正|今年|目前|计划|预计)",
                                     sent.text):
                    cands.append(Candidate(sent.start + m.start(), sent.start + m.end(), "Company", last_company.name,
                                           set(), 3, last_company.source, last_company.entry))
            top, nested = _resolve(cands)
            top = _without_descriptors(self.lex, sent.text, sent.start, top)
            companies = [c for c in top if c.cls == "Company"]
            if companies:
                last_company = companies[0]  # the company the sentence is about
            chosen.extend((sent, c) for c in top)
            inner.extend((sent, c) for c in nested)
        return self._entities(chosen, inner, region, index)

    def _with_abbreviations(self, text: str, index: NameIndex, region: Region | None) -> NameIndex:
        """X（以下简称“Y”）: Y names X for the rest of the article."""
        extra = []
        marks: dict[str, list[int]] = {}  # 《 and 》 offsets, found once: no look-back over the text per match
        places: set[str] | None = None
        for m in re.finditer(r"（(?:以下)?简称[“\"《]([^”\"》]{1,15})[”\"》]）", text):
            if text[m.start() - 1:m.start()] == "》":  # 《…办法》（以下简称《办法》）
                if not marks:
                    marks = {ch: [i for i, c in enumerate(text) if c == ch] for ch in "《》"}
                n = bisect_left(marks["《"], m.start())
                k = marks["《"][n - 1] if n else -1
                c = bisect_left(marks["》"], m.start() - 1)
                if k >= 0 and (c == 0 or marks["》"][c - 1] < k):  # the 《 that this 》 closes
                    title = text[k + 1:m.start() - 1].strip()
                    extra.append(Entry(name=title, cls="PolicyDocument",
                                       aliases=(m.group(1), f"《{m.group(1)}》"), source="abbreviation"))
                continue
            found = self.lex.head_at_end(text, m.start())
            if not found:
                continue
            s = left_edge(text, m.start() - len(found[0]), self.lex)
            name = strip_descriptors(text[s:m.start()])
            if len(name) <= len(found[0]):
                continue
            key = name
            if places is None:
                places = {n for n, e in index.by_name.items() if e.cls == "Place"}
            if region and found[1] in REGION_QUALIFIED and not has_place_prefix(name, places) and region.short not in name:
                key = region.short + name
            extra.append(Entry(name=key, cls=found[1], aliases=(name, m.group(1)), source="abbreviation"))
        extra += self._full_names(text)
        if not extra:
            return index
        return NameIndex(extra + list(index.by_name.values()))

    def _full_names(self, text: str) -> list[Entry]:
        """X全称Y / X（全称Y）: the long name Y (which ends with a head) and X name one thing."""
        out = []
        for m in re.finditer(r"(?:（)?全称(?:为|是)?“?([^，。；“”（）]{4,40}?)”?(?=）|[，。；])", text):
            found = self.lex.head_at_end(text, m.end(1))
            start = m.start()
            s = left_edge(text, start, self.lex)
            short = text[s:start]
            if found and 2 <= len(short) <= 12 and len(m.group(1)) > len(found[0]):
                out.append(Entry(name=short, cls=found[1], aliases=(m.group(1),), source="abbreviation"))
        return out

    # -- one sentence ----------------------------------------------------------------------
    def _sentence_candidates(self, sent: Sentence, index: NameIndex, titles: list[TitleSpan]) -> list[Candidate]:
        text, base = sent.text, sent.start
        cands: list[Candidate] = []
        for m in index.scan(text):
            cands.append(Candidate(m.start, m.end, m.entry.cls, m.entry.name, {m.surface}, 5,
                                   m.entry.source, m.entry))
        quoted = [(m.start(), m.end()) for m in re.finditer(r"“[^“”]{1,40}”|《[^《》]{1,120}》", text)]
        row = self._rows.get(sent.index)
        if row is not None:
            cands += _row_candidates(text, base, row)
        cands += self._book_titles(text)
        cands += self._quoted(text, cands)
        cands += self._heads(text, cands, quoted)
        cands += self._persons(text)
        cands += enumerations(self.lex, text, cands)
        cands += place_companies(self.lex, text, cands)
        cands += place_brand_companies(self.lex, text, cands)
        cands += parallel_subjects(self.lex, text, cands)
        cands += latin_names(text, cands)
        cands += homogeneous_lists(self.lex, text, cands)
        cands += subject_companies(self.lex, text, cands)
        cands += brand_companies(self.lex, text, cands)
        cands += described_companies(self.lex, text, cands)
        cands += investors(self.lex, text, cands)
        cands += granted_subsidies(text, cands)
        cands += self._districts(text, cands)
        _split_district_prefix(text, cands)
        cands += latin_products(text, cands)
        _unglue_verbs(self.lex, text, cands)
        # words of a designation title are not entities (gazetteer names there are: 工信部, 山东省)
        spans = [(t.start - base, t.end - base, t.trigger_start - base) for t in titles]
        cands = [c for c in cands if c.source in ("gazetteer", "template", "places")
                 or not any((s <= c.start and c.end <= e) or (trig < c.end <= e and c.start < s) for s, e, trig in spans)]
        for c in cands:
            c.start += base
            c.end += base
        return cands

    def _book_titles(self, text: str) -> list[Candidate]:
        out = []
        for m in re.finditer(r"《([^《》]{2,120})》", text):
            title = m.group(1).strip()
            if title.endswith(("报", "杂志", "周刊", "网", "志", "刊")) or not _POLICY_WORDS.search(title):
                continue  # a newspaper, a report or a speech title, not a policy
            c = Candidate(m.start(), m.end(), "PolicyDocument", title, {title, m.group(0)}, 4, "pattern", region_ok=False)
            y = _YEAR_RANGE.search(title)
            if y and int(y.group(1)) <= int(y.group(2)):
                c.period = (date(int(y.group(1)), 1, 1), date(int(y.group(2)), 12, 31), y.group(0))
                c.aliases.add(title.replace(y.group(0), "").strip())
            b = _BATCH.search(title)
            if b:
                c.batch = b.group(1)
            c.aliases.add(re.sub(r"\s+", "", title))
            out.append(c)
        return out

    def _quoted(self, text: str, known: list[Candidate]) -> list[Candidate]:
        lex, out = self.lex, []
        for m in re.finditer(r"“([^“”]{1,30})”", text):
            content, qs, qe = m.group(1).strip(), m.start(), m.end()
            if not re.search(r"[\u3400-\u9fffA-Za-z]", content) or re.fullmatch(r"[\d+\-·NnXx]+", content) \
                    or content.endswith("+"):
                continue
            if re.search(r"(居|位列|位居|排名)(国家|全国|全省|全市)?$", text[max(0, qs - 6):qs]):
                continue
            tail = next((t for t in sorted(lex.quoted_tails, key=len, reverse=True) if text.startswith(t, qe)), None)
            if tail is None:  # “问津”多模态大模型 / “衡行H2”人形机器人: a short descriptor before the tail
                for t in sorted(lex.quoted_tails, key=len, reverse=True):
                    k = text.find(t, qe, qe + 8 + len(t))
                    if k > qe and lex.quoted_tails[t] in PRODUCT_CLASSES and all(is_cjk(ch) for ch in text[qe:k]):
                        tail = text[qe:k + len(t)]
                        lex_tail_cls = lex.quoted_tails[t]
                        break
            else:
                lex_tail_cls = lex.quoted_tails[tail]
            head = next((h for h in sorted(lex.quoted_heads, key=len, reverse=True) if text.endswith(h, 0, qs)), None)
            if head and (tail is None or lex_tail_cls is None):
                cls = lex.quoted_heads[head]
                d0 = left_edge(text, qs - len(head), lex)
                desc = strip_descriptors(text[d0:qs])
                aliases = {content, m.group(0)} | ({desc} if len(desc) > len(head) + 1 else set())
                out.append(Candidate(d0, qe, cls, content, aliases, 4, region_ok=False))
                continue
            if tail is None:  # “云雀焊缝质检系统”: the quoted name ends in its own product head
                own_tail = next((t for t in sorted(lex.quoted_tails, key=len, reverse=True)
                                 if content.endswith(t) and len(content) - len(t) >= 2), None)
                own_cls = lex.quoted_tails[own_tail] if own_tail else None
                if own_cls in PRODUCT_CLASSES and all(is_cjk(ch) or ch.isalnum() for ch in content):
                    out.append(Candidate(qs, qe, own_cls, content, {content, m.group(0)}, 4, region_ok=False))
                    continue
            if tail is not None:
                cls = lex_tail_cls
                if cls is None:
                    continue
                after = text[qe + len(tail): qe + len(tail) + 2]
                if cls in PRODUCT_CLASSES and after in ("发展", "体系", "产业", "产品", "应用", "技术", "生态", "企业", "领域"):
                    continue
                end = qe + len(tail)
                if cls in PRODUCT_CLASSES:
                    out.append(Candidate(qs, end, cls, content, {content, content + tail, m.group(0) + tail}, 4,
                                         region_ok=False))
                    maker = self._maker_before(text, qs, known)
                    if maker:
                        out.append(maker)
                    continue
                s = left_edge(text, qs, lex)
                prefix = text[s:qs]
                own = lex.classify(content)
                if own == cls or (cls == "Subsidy" and own == "Subsidy"):
                    name = content
                elif prefix:
                    name = prefix + m.group(0) + tail
                else:
                    name = content if cls == "Program" else m.group(0) + tail
                aliases = {content + tail, m.group(0) + tail, prefix + content + tail, text[s:end], content}
                out.append(Candidate(s, end, cls, name, aliases, 4, region_ok=cls not in ("Program", "Event")))
                continue
            if re.search(r"[+、，/]", content):
                continue  # a list or slogan, not a name
            if re.fullmatch(r"[A-Za-z][A-Za-z0-9 .\-]*", content) and re.search(r"[A-Z]", content):
                # “VisualGPT” also went live: a Latin product name typed by its sentence
                cls = ("AIModel" if "模型" in text or content.upper().endswith(("GPT", "LM")) else
                       "Robot" if "机器人" in text else "Product")
                out.append(Candidate(qs, qe, cls, content, {content, m.group(0)}, 3, region_ok=False))
                continue
            own = lex.classify(content)
            if own and len(content) >= 3 and own not in PRODUCT_CLASSES:  # a quoted name is a name
                out.append(Candidate(qs, qe, own, content, {content, m.group(0)}, 4))
        return out

    def _maker_before(self, text: str, qs: int, known: list[Candidate]) -> Candidate | None:
        """乐聚智家“夸父”机器人: the name right before a product's quoted name is its maker."""
        s = left_edge(text, qs, self.lex)
        name = text[s:qs]
        if not (2 <= len(name) <= 8) or any(c.start < s < c.end or c.start < qs < c.end for c in known) \
                or any(c.start == s and c.end == qs for c in known):
            return None
        if s > 0 and name_char(text[s - 1]):
            return None  # only a name standing at a clause start is a maker
        return Candidate(s, qs, "Company", name, {name}, 2)

    def _heads(self, text: str, known: list[Candidate], quoted: list[tuple[int, int]]) -> list[Candidate]:
        lex, out = self.lex, []
        gaz_orgs = [c for c in known if c.source == "gazetteer"]
        for e in range(len(text), 0, -1):
            heads = self._heads_by_last.get(text[e - 1])
            if not heads:
                continue
            for head, cls in heads:
                hs = e - len(head)
                if hs < 0 or not text.startswith(head, hs):
                    continue
                if any(qs < hs < qe for qs, qe in quoted):
                    break
                if len(head) == 1 and head in _SINGLE_CHAR_GOV | {"券"} and (
                        (e < len(text) and text[e] in _HEAD_STOP_AFTER) or (hs > 0 and text[hs - 1] in _HEAD_STOP_BEFORE)):
                    break
                if e < len(text) and text[e] in "长":
                    break
                allow = (("和", "与", "及", "建设", "发展", "推进") if cls == "Event"
                         else ("和", "与", "及") if cls == "PolicyDocument"
                         else ("和",) if cls in ("GovernmentBody", "Committee") else ())
                floor = max([c.end for c in gaz_orgs if c.end <= hs] + [0]) if cls in PRODUCT_CLASSES else 0
                s = left_edge(text, hs, lex, floor=floor, allow=allow,
                              quotes=cls in ("Event", "IndustrialPark", "Program", "PolicyDocument"))
                if cls in ("GovernmentBody", "Committee"):  # 市人民政府和区人民政府: two bodies, not one name
                    s = max([m.end() for m in _TWO_BODIES.finditer(text, s, hs)] + [s])
                surface = text[s:e]
                batch = re.search(r"(首批|第[一二三四五六七八九十\d]+批)$", text[max(0, s - 5):s])
                if cls == "PolicyDocument" and batch and s == hs:  # 发布首批场景开放清单
                    s -= len(batch.group(1))
                    surface = text[s:e]
                name = strip_descriptors(surface)
                if not name.endswith(head) or name == head or (is_generic(name, head, lex) and cls != "Product" and not (
                        cls == "PolicyDocument" and batch)):
                    break
                if cls == "AIModel" and (text[e:e + 2] in ("产品", "发展", "体系", "产业", "应用", "技术", "生态", "企业", "领域", "创新")
                                         or not re.search(r"(推出|发布|上线|研发|开发|打造|训练|部署|推)[^，。；]{0,8}$", text[max(0, s - 12):s])):
                    break
                if _COUNTED.search(text, max(0, s - 8), s) or _COUNT_HEAD.match(surface) or _COUNT_AFTER.match(text, e):
                    break  # 11家国家级智能制造示范工厂, 8场平行论坛, 示范工厂11家: a count of things, not a name
                if cls == "Venue" and name.startswith(("国家级", "省级", "市级")):
                    break  # 国家级智能制造示范工厂: a category that is granted, not one place
                if cls == "IndustryCluster" and _only_sectors(name[: len(name) - len(head)], self.lex):
                    break  # 打造人工智能产业集群: an aim, not a named cluster
                if cls == "Committee" and head == "委员会" and ("和" in name or name.endswith(_GOV_COMMISSIONS)):
                    cls = "GovernmentBody"  # 发展和改革委员会, 科技和经济委员会: commissions of a government
                cut = maker_prefix(lex, name) if cls in PRODUCT_CLASSES and text[e - len(name) - 1:e - len(name)] != "“" \
                    else None
                if cut is not None:  # 丰光精密谐波减速器: the maker, not a product
                    ms = e - len(name)
                    out.append(Candidate(ms, ms + cut, "Company", name[:cut], {name[:cut]}, 2))
                    break
                c = Candidate(s, e, cls, name, {name, text[s:e]}, 2)
                if cls == "PolicyDocument":
                    b = _BATCH.match(text, e)
                    if b:
                        c.end, c.batch = b.end(), b.group(1)
                        c.aliases |= {text[s:b.end()]}
                        c.name = text[s:b.end()]
                out.append(c)
                out += self._shared_head(text, s, e, head, cls, name)
                break
        return out

    def _shared_head(self, text: str, s: int, e: int, head: str, cls: str, name: str) -> list[Candidate]:
        """服务机器人、人形机器人省级制造业创新中心 → 服务机器人省级制造业创新中心 too."""
        if s == 0 or text[s - 1] != "、" or cls not in _SHARED_HEAD_CLASSES:
            return []
        modifier = name[: len(name) - len(head)]
        shared = head
        for level in ("国家级", "省级", "市级"):
            if modifier.endswith(level):
                shared = level + head
        out, j = [], s - 1
        while j > 0 and text[j] == "、":
            i = left_edge(text, j, self.lex)
            item = text[i:j]
            if not (2 <= len(item) <= 10) or self.lex.classify(item):
                break
            full = item + shared
            out.append(Candidate(i, j, cls, full, {full}, 2))
            j = i - 1
        return out

    def _persons(self, text: str) -> list[Candidate]:
        """副市长许明辉出席, 院长邱振华担任, 乔红院士: a name right after a title or before an honorific."""
        out = []
        titles = "|".join(map(re.escape, self.lex.person_titles)) + r"|首席[\u4e00-\u9fff]{1,4}官|C[A-Z]O"
        for m in re.finditer(rf"({titles})(?:兼(?:{titles}))?\s?([\u4e00-\u9fff]{{1,6}}·[\u4e00-\u9fff]{{1,8}}|"
                             rf"[\u4e00-\u9fff]{{2,3}}?)(?={_AFTER_PERSON})", text):
            name = m.group(2)
            surname = name[0] in self.lex.surnames or name[:2] in self.lex.surnames
            if not self.lex.classify(name) and (surname or not any(ch in FUNCTION_CHARS for ch in name[:1])) \
                    and ("·" in name or word_frequency(name) < 30
                         or (surname and word_frequency(name) < 500)):
                out.append(Candidate(m.start(2), m.end(2), "Person", name, {name, m.group(0)}, 3, region_ok=False))
        for title in self.lex.person_honorifics:
            for m in re.finditer(title, text):
                s = left_edge(text, m.start(), self.lex)
                name = text[s:m.start()]
                if 2 <= len(name) <= 3 and all(is_cjk(ch) for ch in name) and not self.lex.classify(name):
                    out.append(Candidate(s, m.end(), "Person", name, {name, name + title}, 3, region_ok=False))
        return out

    def _lead_ok(self, text: str, s: int) -> bool:
        return s == 0 or text[s - 1] in "，。；、：在于—（\n" or self.lex.boundary_ending_at(text, s) \
            or text.endswith(("位于", "落户", "地处", "其中"), 0, s)

    def _districts(self, text: str, known: list[Candidate]) -> list[Candidate]:
        """天津市滨海新区, 深圳南山区: a district right after its city is a Place."""
        out: list[Candidate] = []
        for found in re.finditer(r"([\u3400-\u9fff]{2,3}(?:新区|区|县|镇))(?=的|内|已|在|去年|今年|入选|发布|位列|共|累计|现有|\d|"
                                 r"[，。、；]|和|与|及|等|人民政府|政府|建设|设立|举行|举办|召开|获评|获批)|"
                                 r"(?<=在|于)([\u3400-\u9fff]{2}(?:新区|区|县|镇))", text):
            g = 1 if found.group(1) else 2
            name, s, e = found.group(g), found.start(g), found.end(g)
            if len(name) > 3 and not self._lead_ok(text, s) and self._lead_ok(text, s + 1):
                name, s = name[1:], s + 1
            if not self._lead_ok(text, s) or name in _GENERIC_DISTRICTS or name.endswith(_FUNCTION_ZONES) \
                    or self.lex.classify(name) \
                    or name[0] in FUNCTION_CHARS or self.lex.boundary_ending_at(name, 2) \
                    or any(k.start < e and s < k.end for k in out) \
                    or any(k.start < e and s < k.end and not (k.start == s and k.end > e and k.cls in _SITE_CLASSES)
                           for k in known):
                continue
            out.append(Candidate(s, e, "Place", name, {name}, 2, region_ok=False))
        for c in known:  # 南海区灯湖智算中心: a district before the name of a site
            m = re.match(r"[\u3400-\u9fff]{2,3}?(?:新区|区|县|镇)", c.name) if c.cls in _SITE_CLASSES else None
            if m is None or len(c.name) - m.end() < 4 or text[c.start:c.start + m.end()] != m.group(0) \
                    or _joins_next(c.name, m.end()) or _only_head(self.lex, c.name[m.end():]) \
                    or any(k.start < c.start + m.end() <= k.end for k in known if k.cls in _ORG_CLASSES):
                continue  # 阿里云区域创新中心: 区域 is a word, 阿里云 a company, no district
            name, s, e = m.group(0), c.start, c.start + m.end()
            if self._lead_ok(text, s) and not self.lex.classify(name) and name not in _GENERIC_DISTRICTS \
                    and not any(k.start < e and s < k.end for k in out):
                out.append(Candidate(s, e, "Place", name, {name}, 2, region_ok=False))
        for c in known:
            if c.cls != "Place" or c.entry is None:
                continue
            m = re.match(r"([\u3400-\u9fff]{2,3}?(?:新区|区|县))(?![\u3400-\u9fff]{0,1}(?:园|城|中心))", text[c.end:c.end + 5])
            if not m or m.group(1) in _GENERIC_DISTRICTS or any(k.start < c.end + m.end() and c.end < k.end for k in known
                                                               if k is not c and k.cls != "Place"):
                continue
            name = m.group(1)
            if any(o.start == c.end for o in out):
                continue
            out.append(Candidate(c.end, c.end + len(name), "Place", name, {name, text[c.start:c.end + len(name)]}, 3,
                                 region_ok=False))
        return out

    # -- the article-level pass ----------------------------------------------------------------
    def _entities(self, chosen: Iterable[tuple[Sentence, Candidate]], inner: Iterable[tuple[Sentence, Candidate]],
                  region: Region | None, index: NameIndex) -> Recognized:
        place_names = {n for n in index.by_name if index.by_name[n].cls == "Place"}
        entities: dict[str, Entity] = {}
        result = Recognized(entities)
        alias_to_key: dict[str, str] = {}
        n_top = len(list(chosen)) if not isinstance(chosen, list) else len(chosen)
        prefixed: dict[str, bool] = {}  # name -> has_place_prefix (names repeat; the test scans every place)

        def key_for(c: Candidate) -> str:
            if c.entry is not None:
                return c.entry.name
            name = c.name
            if region and c.region_ok and c.cls in REGION_QUALIFIED and name not in prefixed:
                prefixed[name] = has_place_prefix(name, place_names)
            if (region and c.region_ok and c.cls in REGION_QUALIFIED and not prefixed[name]
                    and region.short not in name):
                name = region.short + name
            return alias_to_key.get(name, name)

        for n, (sent, c) in enumerate(list(chosen) + list(inner)):
            key = key_for(c)
            ent = entities.get(key)
            if ent is None:
                ent = entities[key] = Entity(key=key, cls=c.cls, source=c.source)
                if c.entry is not None:
                    ent.en_label, ent.wikidata = c.entry.en, c.entry.wikidata
                    ent.alt_labels |= set(c.entry.aliases)
            ent.alt_labels |= {a for a in c.aliases | {c.name} if a and a != key}
            ent.sentences.add(sent.index)
            if c.batch and not ent.batch:
                ent.batch = c.batch
            if c.period and not ent.period_start:
                ent.period_start, ent.period_end, ent.period_label = c.period
            for a in ent.alt_labels:
                alias_to_key.setdefault(a, key)
            span = EntitySpan(key, ent.cls, c.start, c.end, sent.text[c.start - sent.start:c.end - sent.start])
            (result.spans if n < n_top else result.inner).append(span)
        if region is not None and region.city in entities and region.en:
            entities[region.city].en_label = entities[region.city].en_label or region.en
        merge_same_names(result, region.short if region else None, self.lex)
        return result


_SITE_CLASSES = {"IndustrialPark", "Infrastructure", "Venue", "InnovationCenter", "Platform"}


def _only_head(lex: Lexicon, rest: str) -> bool:
    """芝罘区政务服务中心: what follows the district is a bare class word, so the district is the name's."""
    found = lex.head_at_end(rest, len(rest))
    return found is not None and found[0] == rest


def _joins_next(name: str, end: int) -> bool:
    """区域, 县城: the head character of a district and the next one form a common word."""
    return end < len(name) and name[end - 1] in "区县" and word_frequency(name[end - 1:end + 1]) > 100


def _without_descriptors(lex: Lexicon, text: str, base: int, top: list[Candidate]) -> list[Candidate]:
    """工业大模型CloudMind, 五指灵巧手“云指”: a generic description right before a product's own name
    is no product of its own (its modifier is a common word, its head a class word)."""
    drop: set[int] = set()
    for a, b in pairwise(top):
        if a.cls not in PRODUCT_CLASSES or b.cls not in PRODUCT_CLASSES or a.entry is not None \
                or b.start - a.end > 1 or (b.start > a.end and text[a.end - base] != "“"):
            continue
        found = lex.head_at_end(a.name, len(a.name))
        modifier = a.name[: len(a.name) - len(found[0])] if found else a.name
        if found and (not modifier or lex.is_common_brand(modifier) or modifier in lex.generic_words):
            drop.add(id(a))
    return [c for c in top if id(c) not in drop]


def _split_district_prefix(text: str, cands: list[Candidate]) -> None:
    """南海区灯湖智算中心 → 南海区 + 灯湖智算中心: a district before a site's own name is no part of it."""
    districts = [c for c in cands if c.cls == "Place" and c.name.endswith(("区", "县", "镇"))]
    for c in cands:
        if c.cls not in _SITE_CLASSES or c.entry is not None:
            continue
        for d in districts:
            if d.start == c.start and d.end < c.end and c.end - d.end >= 4 and text[d.end] not in "的（(":
                rest = text[d.end:c.end]
                c.start, c.name = d.end, rest
                c.aliases = {a for a in c.aliases if a != text[d.start:c.end]} | {rest}
                break


def _resolve(cands: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """Non-overlapping candidates, longest (then highest priority) first; gazetteer names nested
    inside a chosen name are returned as inner mentions."""
    known_ends = {(c.end, c.cls) for c in cands if c.source in ("gazetteer", "template") and c.cls in _ORG_CLASSES}
    cands = [c for c in cands if not (c.source == "pattern" and c.cls in _ORG_CLASSES and (c.end, c.cls) in known_ends
                                      and not any(k.start == c.start and k.end == c.end for k in cands if k is not c))]
    ordered = sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    top: list[Candidate] = []
    nested: list[Candidate] = []
    for c in ordered:
        clash = [t for t in top if c.start < t.end and t.start < c.end]
        if not clash:
            top.append(c)
        elif c.source in ("gazetteer", "template") and c.cls != "Place" \
                and all(t.start <= c.start and c.end <= t.end for t in clash):
            nested.append(c)
    top.sort(key=lambda c: c.start)
    return top, nested
