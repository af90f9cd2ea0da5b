"""Names found by their heads (…产业园, …创新中心, …大模型), and the names that share one head in a list."""

from __future__ import annotations

import re

from ecokg.loaders.candidates import Candidate
from ecokg.loaders.classes import ORG, PRODUCT
from ecokg.loaders.company_names import maker_prefix
from ecokg.loaders.lexicon import Lexicon
from ecokg.loaders.names import is_generic, left_edge, strip_descriptors
from ecokg.loaders.person_names import title_alternation
from ecokg.loaders.quoted_names import BATCH

_HEAD_STOP_BEFORE = {"格", "布", "当", "结", "全", "大", "开", "内", "外", "东", "西", "南", "北", "中", "总",
                     "干", "头", "尾", "底", "顶", "党", "本", "各", "该", "广", "社"}
_HEAD_STOP_AFTER = {"署", "分", "门", "员", "托", "面", "长", "属", "级", "位", "件"}
_SINGLE_CHAR_GOV = {"局", "部", "委", "厅"}
_TWO_BODIES = re.compile(r"(?:人民政府|政府|管委会|管理委员会|[局厅办])(?:和|与|及)")
_SHARED_HEAD_CLASSES = {"InnovationCenter", "IndustrialPark", "Platform", "Infrastructure", "Venue",
                        "IndustryCluster"}
_COUNTED = re.compile(r"[\d一二三四五六七八九十百千万两]+(?:余|多)?(?:家|个|座|所|批|项|条|款|台|场|届|只)$")
_COUNT_HEAD = re.compile(r"[\d一二三四五六七八九十百千万两]+(?:余|多)?"
                         r"(?:家|个|座|所|批|项|条|款|台|场|届|只)")
_COUNT_AFTER = re.compile(r"[\d一二三四五六七八九十百千万两]+(?:余|多)?(?:家|个|座|所)")
_GOV_COMMISSIONS = ("经济委员会", "卫生健康委员会", "教育委员会", "管理委员会", "建设委员会", "交通委员会",
                    "商务委员会")


#: Classes whose names with a level word first (省级人工智能产业园) are categories granted, not one thing.
_CAMPUS = re.compile(r"（([\u4e00-\u9fff]{2,4})）")
# 旗下12座煤矿
_COUNT_INSIDE = re.compile(r"(?<![第\d])[\d一二三四五六七八九十百千两]+(?:余|多)?(?:家|座|所)")
_GRANTED_KIND = re.compile(r"(?:国家|全国|省级|市级|国家级)[^，。；]{0,8}示范")
_LEVELS = ("国家级", "省级", "市级", "区级", "县级")
_LEVEL_BEFORE = re.compile(r"(?:国家级|省级|市级|区级|县级)(?:及)?(?:以上)?$")
_LEVELLED = frozenset({"Venue", "Platform", "IndustrialPark", "InnovationCenter"})
_BY_LAST: dict[int, dict[str, list[tuple[str, str]]]] = {}


def _heads_by_last(lex: Lexicon) -> dict[str, list[tuple[str, str]]]:
    """Heads by their last character, longest first (展示厅 before 厅); built once per lexicon."""
    out = _BY_LAST.get(id(lex))
    if out is None:
        out = _BY_LAST[id(lex)] = {}
        for head, cls in sorted(lex.heads, key=lambda hc: -len(hc[0])):
            out.setdefault(head[-1], []).append((head, cls))
    return out


def _head_ends(lex: Lexicon) -> re.Pattern[str]:
    """A character class of the heads' last characters (built once per lexicon)."""
    found = _ENDS.get(id(lex))
    if found is None or found[0] is not lex:
        chars = "".join(sorted(re.escape(ch) for ch in _heads_by_last(lex)))
        found = _ENDS[id(lex)] = (lex, re.compile(f"[{chars}]" if chars else "(?!)"))
    return found[1]


_ENDS: dict[int, tuple[Lexicon, re.Pattern[str]]] = {}
_LEGAL_HEADS = ("有限公司", "有限责任公司", "集团")


def head_names(lex: Lexicon, text: str, known: list[Candidate],
               quoted: list[tuple[int, int]]) -> list[Candidate]:
    out = []
    gaz_orgs = [c for c in known if c.source == "gazetteer"]
    by_last = _heads_by_last(lex)
    ends = [m.end() for m in _head_ends(lex).finditer(text)]  # where a head can end, not every position
    for e in reversed(ends):
        heads = by_last.get(text[e - 1])
        if not heads:
            continue
        for head, cls in heads:
            hs = e - len(head)
            if hs < 0 or not text.startswith(head, hs):
                continue
            if any(qs < hs < qe for qs, qe in quoted):
                break
            if len(head) == 1 and head in _SINGLE_CHAR_GOV | {"券"} and (
                    (e < len(text) and text[e] in _HEAD_STOP_AFTER)
                    or (hs > 0 and text[hs - 1] in _HEAD_STOP_BEFORE)):
                break
            if e < len(text) and (text[e] in "长" or (len(head) == 1 and text[e] in "县区市镇乡")):
                break  # 府谷县: a one-character head (谷) ending a place's name is no head
            allow = (("和", "与", "及", "建设", "发展", "推进") if cls == "Event"
                     else ("和", "与", "及") if cls == "PolicyDocument"
                     else ("和",) if cls in ("GovernmentBody", "Committee")
                     # 城市建设投资集团, X建设发展有限公司: trade words inside a legal name
                     else ("建设", "发展", "投资", "开发", "运营", "管理") if head.endswith(_LEGAL_HEADS)
                     else ())
            floor = max([c.end for c in gaz_orgs if c.end <= hs] + [0]) if cls in PRODUCT else 0
            s = left_edge(text, hs, lex, floor=floor, allow=allow,
                          quotes=cls in ("Event", "IndustrialPark", "Program", "PolicyDocument"))
            if cls in ("GovernmentBody", "Committee"):  # 市人民政府和区人民政府: two bodies, not one name
                s = max([m.end() for m in _TWO_BODIES.finditer(text, s, hs)] + [s])
            surface = text[s:e]
            if len(head) == 1 and re.search(rf"(?:{title_alternation(lex)})[\u4e00-\u9fff]{{1,2}}$",
                                            text[s:hs]):
                break  # 董事长韩若谷: a person named after a title, not a place
            batch = re.search(r"(首批|第[一二三四五六七八九十\d]+批)$", text[max(0, s - 5):s])
            if cls == "PolicyDocument" and batch and s == hs:  # 发布首批场景开放清单
                s -= len(batch.group(1))
                surface = text[s:e]
            name = strip_descriptors(surface)
            if not name.endswith(head) or name == head or (
                    is_generic(name, head, lex) and cls != "Product"
                    and not (cls == "PolicyDocument" and batch)):
                break
            if cls == "AIModel" and (
                    text[e:e + 2] in ("产品", "发展", "体系", "产业", "应用", "技术", "生态", "企业", "领域",
                                      "创新")
                    or not re.search(r"(推出|发布|上线|研发|开发|打造|训练|部署|推|建设|构建|研制)"
                                     r"[^，。；]{0,8}$",
                                     text[max(0, s - 12):s])):
                break
            if (_COUNTED.search(text, max(0, s - 8), s) and not head.endswith(_LEGAL_HEADS)) \
                    or _COUNT_HEAD.match(surface) \
                    or (_COUNT_AFTER.match(text, e) and cls not in ORG) \
                    or _COUNT_INSIDE.search(name):
                break  # 11家国家级智能制造示范工厂, 8场平行论坛, 示范工厂11家: a count of things, not a name
            if cls not in ORG and name.startswith(("公司", "企业", "集团")):
                break  # 该公司智能工厂: the company's factory, described, not named
            if cls not in ORG and _GRANTED_KIND.match(name):
                break  # 国家智能化示范煤矿, 省级示范工厂: a kind that is granted, not one place
            if cls in _LEVELLED and (name.startswith(_LEVELS) or surface.startswith(_LEVELS)
                                     or _LEVEL_BEFORE.search(text, max(0, s - 6), s)):
                break  # 国家级智能制造示范工厂: a category that is granted, not one place
            if head == "产业链" and not re.search(r"链长|链主", text):
                break  # 汽车产业链配套基础好: a chain is named as one when its 链长/链主 are spoken of
            if cls == "IndustryCluster" and _only_sectors(name[: len(name) - len(head)], lex):
                break  # 打造人工智能产业集群: an aim, not a named cluster
            if cls == "Committee" and head == "委员会" and ("和" in name or name.endswith(_GOV_COMMISSIONS)):
                cls = "GovernmentBody"  # 发展和改革委员会, 科技和经济委员会: commissions of a government
            cut = maker_prefix(lex, name) if cls in PRODUCT and text[e - len(name) - 1:e - len(name)] != "“" \
                else None
            if cut is not None:  # 丰光精密谐波减速器: the maker, not a product
                ms = e - len(name)
                out.append(Candidate(ms, ms + cut, "Company", name[:cut], {name[:cut]}, 2))
                break
            campus = _CAMPUS.match(text, e) if cls in ("Organization", "InnovationCenter") else None
            if campus and campus.group(1).removesuffix("市") in lex.city_to_province:
                e, name = campus.end(), name + campus.group(0)  # 哈尔滨工业大学（威海）: a campus in its city
                c = Candidate(s, e, cls, name, {name}, 2)
            else:
                c = Candidate(s, e, cls, name, {name, text[s:e]}, 2)
            if cls == "PolicyDocument":
                b = BATCH.match(text, e)
                if b:
                    c.end, c.batch = b.end(), b.group(1)
                    c.aliases |= {text[s:b.end()]}
                    c.name = text[s:b.end()]
            out.append(c)
            out += _shared_head(lex, text, s, e, head, cls, name)
            break
    return out


def _shared_head(lex: Lexicon, text: str, s: int, e: int, head: str, cls: str, name: str) -> list[Candidate]:
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
        i = left_edge(text, j, lex)
        item = text[i:j]
        if not (2 <= len(item) <= 10) or lex.classify(item):
            break
        full = item + shared
        out.append(Candidate(i, j, cls, full, {full}, 2))
        j = i - 1
    return out


def _only_sectors(modifier: str, lex: Lexicon) -> bool:
    """人工智能 / 人工智能产业: a modifier made only of sector words (and 产业)."""
    rest = modifier.replace("产业", "")
    for w in lex.industries:
        rest = rest.replace(w, "")
    return bool(modifier) and not rest
