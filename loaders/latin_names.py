"""Latin names in Chinese text: products (推出人形机器人Atlasia R3), companies (…Robotics, 由X领投),
persons after a title (创始人兼CEO Leo Fang), and a product named right after its maker."""

from __future__ import annotations

import re

from ecokg.loaders.candidates import Candidate, word_frequency
from ecokg.loaders.company_names import is_company_name
from ecokg.loaders.lexicon import Lexicon
from ecokg.loaders.names import left_edge

_LATIN_NAME = re.compile(r"[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*"
                         r"(?: (?:[A-Z][A-Za-z0-9.\-]*|[0-9][0-9.]{0,2}(?![0-9])))?"
                         r"(?: (?:[0-9][0-9.]{0,2}|[A-Z][0-9]{1,3})(?![A-Za-z0-9]))?")  # a version: 5, X1, L3
_LATIN_PERSON_BEFORE = (r"(创始人|董事长|总裁|首席执行官|CEO|CTO|总经理|负责人|院士|教授)"
                        r"(兼CEO|兼总裁|兼 ?CEO)? ?$")
_LATIN_COMPANY_BEFORE = (r"(企业|公司|车企|厂商|股东|由|初创|独角兽|供应商|客户|"
                         r"来自(?:[\u4e00-\u9fff]{2,3}的)?)$")
_LATIN_COMPANY_AFTER = (r"[^，。；]{0,20}?(完成[^，。；]{0,8}融资|融资|上市|估值|创始人|董事长|总裁|总部|"
                        r"宣布|成立于|设立|设在|"
                        r"领投|跟投|营业收入|营收|公司|的供应链|招股书)")
_MAKER_AFTER = r"(?:自研|自主研发|研发|开发|推出|打造)的"  # TidalByte自研的对话模型: the maker
_NOT_PRODUCTS = {"AI", "GPT", "CEO", "GDP", "ICT", "IT", "IOT", "APP", "CPU", "GPU", "AIGC", "PC", "ICP",
                 "LLM", "AR", "VR", "XR", "MR", "SDK", "API", "IPO", "CTO", "CFO", "COO", "B2B", "PPP",
                 "HTML", "PDF", "QQ", "QR"}
# a product's description right after its Latin name, ending in a product head
_DESCRIBED_HEAD = re.compile(r"[\u4e00-\u9fff]{0,8}?(大模型|模型|机器人|系统|平台|芯片|软件|无人机|头显|"
                             r"传感器|模组|灵巧手|终端|"
                             r"一体机|机械臂|眼镜|设备|助手|智能体|机器狗|关节)")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9\-]*(?: [A-Z0-9][A-Za-z0-9\-]*)?")
_BRAND_BEFORE = re.compile(r"[A-Z][A-Za-z0-9]{2,}$")
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[（(][A-Z][A-Za-z0-9.&\-]*(?: [A-Za-z0-9.&\-]+){2,}")




def _english_glosses(text: str) -> list[tuple[int, int]]:
    """（Sanya International Forum on AI and Ocean Technology，简称SIFAO）: a name's English
    rendering in brackets, three or more Latin words; no name of its own stands in it."""
    return [(m.start(), m.end()) for m in _GLOSS.finditer(text)]


def latin_names(text: str, known: list[Candidate]) -> list[Candidate]:
    """推出人形机器人Atlasia R3 / 具身大模型QC-Mind 2.0: a Latin product name in product context."""
    out: list[Candidate] = []
    glosses = _english_glosses(text) if "（" in text or "(" in text else []
    for m in _LATIN_NAME.finditer(text):
        s, e = m.start(), m.end()
        if any(a <= s < b for a, b in glosses):
            continue
        name = m.group(0).strip()
        while " " in name and name.split(" ", 1)[0].upper() in _NOT_PRODUCTS:  # CEO Leo Fang → Leo Fang
            head_word = name.split(" ", 1)[0]
            s += len(head_word) + 1
            name = name[len(head_word) + 1:]
            rest = _LATIN_NAME.match(text, s)
            if rest:
                name, e = rest.group(0).strip(), rest.end()
        if len(name) < 3 or name.upper() in _NOT_PRODUCTS or not re.search(r"[A-Za-z]{2}", name) \
                or any(c.start < e and s < c.end for c in known + out):
            continue
        if (s > 0 and text[s - 1].isascii() and text[s - 1].isalnum()) or (e < len(text) and text[e].isascii()
                                                                         and text[e].isalnum()):
            continue
        before, after = text[max(0, s - 12):s], text[e:e + 6]
        if re.search(_LATIN_PERSON_BEFORE, before) and re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", name):
            out.append(Candidate(s, e, "Person", name, {name}, 3, region_ok=False))  # 创始人兼CEO Leo Fang
            continue
        wide_after = text[e:e + 24]
        product_before = re.search(r"(推出|发布|研发|研制|开发|上线|部署|搭载|交付|量产|产品|机器人|"
                                   r"大模型|模型|芯片|系统|"
                                   r"机械臂|雷达|版本|叫|名为|名叫|叫做|命名为|型号为|助手|软件|"
                                   r"终端|无人机|头显|相机|摄像头|传感器|控制器|减速器|服务器|电池|"
                                   r"模组|设备|装备)$", before)
        if not product_before and (re.search(r"(Robotics|Capital|Ventures|Technolog(y|ies)|Tech|Labs?|"
                                             r"Inc\.?|Ltd\.?|Group|Systems|Motors|Sensing|Photonics|"
                                             r"Logistics|Compute|Aero|Automation|Semiconductor|Holdings|"
                                             r"Partners|AI)$", name)
                                   or re.search(_LATIN_COMPANY_BEFORE, before)
                                   or re.match(_LATIN_COMPANY_AFTER, wide_after)
                                   or re.match(_MAKER_AFTER, after)):
            out.append(Candidate(s, e, "Company", name, {name}, 3))
            continue
        described = _DESCRIBED_HEAD.match(text, e)  # DeepHarbor-7B航运大模型, RoboWeld X3焊接机器人
        if described and not product_before and "的" in text[e:described.start(1)]:
            described = None  # TidalByte自研的对话模型: the maker, not the model
        if described and product_before \
                and re.search(r"基于|依托|采用|搭载|接入|使用", text[e:described.start(1)]):
            described = None  # X1基于开源大模型…: what it is built on, not what it is
        if not product_before and not described and not re.match(
                r"(机器人|人形机器人|大模型|模型|芯片|系统|平台|已|由|身高|可|是|的)", after):
            continue
        head = described.group(1) if described else ""
        near = before[-6:] + (head or after[:4])
        cls = ("Robot" if re.search("机器人|机械臂", near)
               else "AIModel" if "模型" in near or name.upper().endswith(("GPT", "LM"))
               else "Platform" if "平台" in (head or after[:3]) else "Product")
        out.append(Candidate(s, s + len(name), cls, name, {name}, 3, region_ok=False))
    return out

_DESCRIPTION_END = ("公司", "企业", "集团", "矿企", "车企", "药企", "厂商", "巨头")


def drop_descriptions(text: str, cands: list[Candidate]) -> None:
    """智利矿业公司Cordillera Copper: a Chinese description of a company written right before its Latin
    name is no company of its own."""
    latin_starts = {c.start for c in cands if c.cls == "Company" and text[c.start:c.start + 1].isascii()}
    described = [c for c in cands if c.cls == "Company" and c.end in latin_starts
                 and not text[c.start].isascii() and c.name.endswith(_DESCRIPTION_END)]
    cands[:] = [c for c in cands if c not in described]


def latin_products(text: str, known: list[Candidate]) -> list[Candidate]:
    out = []
    for c in known:
        if c.cls not in ("Company",) or c.end >= len(text):
            continue
        m = _LATIN.match(text, c.end)
        # 海芯智能CEO
        if m and len(m.group(0)) >= 2 and m.group(0).split(" ")[0].upper() not in _NOT_PRODUCTS:
            cls = "Robot" if "机器人" in text \
                else "AIModel" if "大模型" in text[m.end():m.end() + 4] else "Product"
            out.append(Candidate(m.start(), m.end(), cls, m.group(0), {m.group(0)}, 3, region_ok=False))
    return out


def latin_brand_prefixes(lex: Lexicon, text: str, cands: list[Candidate]) -> None:
    """DeepReef深礁科技, Coralink珊链智能: a Latin brand written right before a company's Chinese name is
    part of it (both parts are aliases); a separate candidate for the Latin word leaves."""
    joined: list[tuple[int, int]] = []
    for c in cands:
        if c.cls != "Company" or c.start == 0 or text[c.start].isascii() or not text[c.start - 1].isalnum() \
                or not text[c.start - 1].isascii():
            continue
        m = _BRAND_BEFORE.search(text, max(0, c.start - 24), c.start)
        if m is None or (m.start() > 0 and text[m.start() - 1].isascii() and text[m.start() - 1].isalnum()) \
                or m.group(0).upper() in _NOT_PRODUCTS:
            continue
        latin, cjk = m.group(0), text[c.start:c.end]
        if not is_company_name(lex, cjk) or lex.classify(cjk) not in (None, "Company") \
                or re.search(r"(机器人|模型|系统|平台|芯片|设备|终端|软件|相机)$", cjk):
            continue  # MedArc骨科手术机器人: a product named after its brand
        c.aliases |= {latin, cjk, c.name}
        c.start, c.name = m.start(), latin + cjk
        joined.append((m.start(), m.end()))
    if joined:
        cands[:] = [k for k in cands if not any(a <= k.start and k.end <= b for a, b in joined)]


_LATIN_GLOSS = re.compile(r"[（(]([A-Z][A-Za-z0-9.&\-]*(?: [A-Za-z0-9.&\-]+){0,3})[）)]")
_CJK_GLOSS = re.compile(r"[（(]([\u4e00-\u9fff]{2,12})[）)]")
_LATIN_BEFORE = re.compile(r"[A-Z][A-Za-z0-9.&\-]*(?: [A-Z][A-Za-z0-9.&\-]*){0,3}$")
_CORPORATE_WORD = re.compile(r" (?:Technologies|Technology|Tech|AI|Robotics|Intelligence|"
                             r"Inc\.?|Ltd\.?|Group|Co\.?)$")


_GLOSSED_AFTER = re.compile(r"[（(]([A-Z][A-Za-z0-9.&\-]*(?: [A-Z][A-Za-z0-9.&\-]*){1,3})[）)]")


def _brand_like(name: str) -> bool:
    """闽西智矿, 柏峰资本: a name opens with a rare word or a single character, not with a common word
    (结构光技术, 产品销往欧洲: common words glossed, not a name)."""
    import jieba

    jieba.setLogLevel(60)
    first = jieba.lcut(name, HMM=False)[0]
    return len(first) == 1 or word_frequency(first) < 1000


def glossed_names(lex: Lexicon, text: str, known: list[Candidate]) -> list[Candidate]:
    """闽西智矿（MinXi MineMind）, 柏峰资本（Cypress Peak Capital）: a Chinese name with no suffix that an
    English rendering of two or more capitalized words follows in brackets is an organization's name
    (not a place the lexicon knows, not generic words, not inside another name)."""
    out: list[Candidate] = []
    for m in _GLOSSED_AFTER.finditer(text):
        e = m.start()
        if e < 2 or not "\u4e00" <= text[e - 1] <= "\u9fff" or m.group(1).upper() in _NOT_PRODUCTS:
            continue
        if any(c.start < e and e <= c.end for c in known):
            continue  # a name found already (珊瑚波科技（Coralwave Technologies）): bracketed_names
        s = left_edge(text, e, lex)
        name = text[s:e]
        if not 2 <= len(name) <= 10 or name in lex.city_to_province or name.removesuffix("市") \
                in lex.city_to_province or lex.is_common_brand(name) or name.endswith(("公司", "企业")) \
                or name in lex.industries or not _brand_like(name):
            continue
        if 2 <= len(name) <= 4 and (name[0] in lex.surnames or name[:2] in lex.surnames) \
                and len(m.group(1).split()) == 2 and word_frequency(name) == 0 \
                and len(name) - (2 if name[:2] in lex.surnames else 1) in (1, 2):
            # 常思齐（Sage Chang）: a person's name glossed with a given name and a family name
            out.append(Candidate(s, e, "Person", name, {name, m.group(1)}, 2, source="glossed",
                                 region_ok=False))
            continue
        out.append(Candidate(s, e, "Company", name, {name, m.group(1)}, 2, source="glossed"))
    return out


def bracketed_names(text: str, cands: list[Candidate]) -> None:
    """珊瑚波科技（Coralwave Technologies）, ToyCraft Precision（玩匠精密）: a company's name in the other
    script, in brackets right after it, is another name of it (and Coralwave, its brand, too); no
    candidate of its own stands in the brackets."""
    glossed: list[tuple[int, int]] = []
    for c in cands:
        if c.cls != "Company" or c.end >= len(text):
            continue
        latin_first = text[c.start].isascii()
        m = (_CJK_GLOSS if latin_first else _LATIN_GLOSS).match(text, c.end)
        if m is None or m.group(1).upper() in _NOT_PRODUCTS:
            continue
        name = m.group(1)
        c.aliases |= {name, c.name}
        brand = _CORPORATE_WORD.sub("", name) if not latin_first else ""
        if brand and brand != name and len(brand) >= 3:
            c.aliases.add(brand)
        glossed.append((m.start(), m.end()))
    for c in cands:  # ToyCraft Precision（玩匠精密）, where only the Chinese name is a candidate
        if c.cls == "Company" and c.start >= 2 and text[c.start - 1] in "（(" \
                and text[c.end:c.end + 1] in "）)":
            before = _LATIN_BEFORE.search(text[max(0, c.start - 40):c.start - 1])
            if before and before.group(0).upper() not in _NOT_PRODUCTS:
                c.aliases |= {before.group(0), c.name}
    if glossed:
        cands[:] = [k for k in cands if not any(a <= k.start and k.end <= b for a, b in glossed)]

