"""Districts, counties and towns named as places (天津市滨海新区, 南海区灯湖智算中心)."""

from __future__ import annotations

import re

from ecokg.loaders.candidates import FUNCTION_CHARS, Candidate, word_frequency
from ecokg.loaders.classes import ORG
from ecokg.loaders.lexicon import Lexicon

_ORG_CLASSES = ORG - {"Organization", "Committee"}
_GENERIC_DISTRICTS = {"行政区", "自治区", "城区", "市区", "辖区", "全区", "该区", "园区", "片区", "厂区",
                      "东区", "西区", "南区", "北区", "中区",
                      "新区", "景区", "社区", "校区", "主城区", "中心城区", "郊区", "老城区"}
#: Zones named by their function (主承载区, 核心区): a role in a plan, not a district.
_FUNCTION_ZONES = ("承载区", "核心区", "集聚区", "功能区", "先行区", "拓展区", "辐射区", "起步区", "协作区",
                   "承接区", "服务区", "生活区", "办公区", "展示区", "体验区", "作业区", "实训区", "训练区",
                   "保护区")


_SITE_CLASSES = {"IndustrialPark", "Infrastructure", "Venue", "InnovationCenter", "Platform"}




def _lead_ok(lex: Lexicon, text: str, s: int) -> bool:
    return s == 0 or text[s - 1] in "，。；、：在于—（\n" or lex.boundary_ending_at(text, s) \
        or text.endswith(("位于", "落户", "地处", "其中"), 0, s)


def district_names(lex: Lexicon, text: str, known: list[Candidate]) -> list[Candidate]:
    """天津市滨海新区, 深圳南山区: a district right after its city is a Place."""
    out: list[Candidate] = []
    for found in re.finditer(r"([\u3400-\u9fff]{2,3}(?:新区|区|县|镇))"
                             r"(?=的|内|已|在|去年|今年|入选|发布|位列|共|累计|现有|\d|"
                             r"[，。、；]|和|与|及|等|人民政府|政府|建设|设立|举行|举办|召开|获评|获批|境内)|"
                             r"(?<=在|于)([\u3400-\u9fff]{2}(?:新区|区|县|镇))", text):
        g = 1 if found.group(1) else 2
        name, s, e = found.group(g), found.start(g), found.end(g)
        if len(name) > 3 and not _lead_ok(lex, text, s) and _lead_ok(lex, text, s + 1):
            name, s = name[1:], s + 1
        if not _lead_ok(lex, text, s) or name in _GENERIC_DISTRICTS or name.endswith(_FUNCTION_ZONES) \
                or lex.classify(name) \
                or name[0] in FUNCTION_CHARS or lex.boundary_ending_at(name, 2) \
                or any(k.start < e and s < k.end for k in out) \
                or any(k.start < e and s < k.end
                       and not (k.start == s and k.end > e and k.cls in _SITE_CLASSES)
                       for k in known):
            continue
        out.append(Candidate(s, e, "Place", name, {name}, 2, region_ok=False))
    for c in known:  # 南海区灯湖智算中心: a district before the name of a site
        m = re.match(r"[\u3400-\u9fff]{2,3}?(?:新区|区|县|镇)", c.name) if c.cls in _SITE_CLASSES else None
        if m is None or len(c.name) - m.end() < 4 or text[c.start:c.start + m.end()] != m.group(0) \
                or _joins_next(c.name, m.end()) or _only_head(lex, c.name[m.end():]) \
                or any(k.start < c.start + m.end() <= k.end for k in known if k.cls in _ORG_CLASSES):
            continue  # 阿里云区域创新中心: 区域 is a word, 阿里云 a company, no district
        name, s, e = m.group(0), c.start, c.start + m.end()
        if _lead_ok(lex, text, s) and not lex.classify(name) and name not in _GENERIC_DISTRICTS \
                and not any(k.start < e and s < k.end for k in out):
            out.append(Candidate(s, e, "Place", name, {name}, 2, region_ok=False))
    for c in known:
        if c.cls != "Place" or c.entry is None:
            continue
        m = re.match(r"([\u3400-\u9fff]{2,3}?(?:新区|区|县))(?![\u3400-\u9fff]{0,1}(?:园|城|中心))",
                     text[c.end:c.end + 5])
        if not m or m.group(1) in _GENERIC_DISTRICTS or any(
                k.start < c.end + m.end() and c.end < k.end for k in known
                if k is not c and k.cls != "Place"):
            continue
        name = m.group(1)
        if any(o.start == c.end for o in out):
            continue
        out.append(Candidate(c.end, c.end + len(name), "Place", name,
                             {name, text[c.start:c.end + len(name)]}, 3, region_ok=False))
    return out


def split_district_prefix(text: str, cands: list[Candidate]) -> None:
    """南海区灯湖智算中心 → 南海区 + 灯湖智算中心: a district before a site's own name is no part of it
    (as written: a county's short form, 齐河经济开发区, is the name's own place prefix)."""
    districts = [c for c in cands if c.cls == "Place" and text[c.start:c.end].endswith(("区", "县", "镇"))]
    for c in cands:
        if c.cls not in _SITE_CLASSES or c.entry is not None:
            continue
        for d in districts:
            if d.start == c.start and d.end < c.end and c.end - d.end >= 4 and text[d.end] not in "的（(":
                rest = text[d.end:c.end]
                c.start, c.name = d.end, rest
                c.aliases = {a for a in c.aliases if a != text[d.start:c.end]} | {rest}
                break


def _only_head(lex: Lexicon, rest: str) -> bool:
    """芝罘区政务服务中心: what follows the district is a bare class word, so the district is the name's."""
    found = lex.head_at_end(rest, len(rest))
    return found is not None and found[0] == rest


def _joins_next(name: str, end: int) -> bool:
    """区域, 县城: the head character of a district and the next one form a common word."""
    return end < len(name) and name[end - 1] in "区县" and word_frequency(name[end - 1:end + 1]) > 100
