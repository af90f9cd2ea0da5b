"""Names found by their quotes: 《》 policy titles and “” names typed by the words around them."""

from __future__ import annotations

import re
from datetime import date

from ecokg.loaders.candidates import Candidate
from ecokg.loaders.classes import PRODUCT
from ecokg.loaders.lexicon import Lexicon, is_ideograph
from ecokg.loaders.names import left_edge, name_char, strip_descriptors

_YEAR_RANGE = re.compile(r"[（(]?(\d{4})\s*[-—–~至到]\s*(\d{4})年?[)）]?")
_COUNT = re.compile(r"[\d一二两三四五六七八九十]+[个家座项条类款]")
#: a name given with a naming verb (核心产品叫“晶眸”), and the kind of thing the sentence says it is
_NAMING_VERB = re.compile(r"(?:叫|名为|叫做|命名为|取名为?|名叫)$")
_KIND_WORD = re.compile(r"大模型|模型|机器人|系统|设备|平台|产品|终端|软件")
#: “焦炉智能配煤”等6个项目: the quoted item of a counted list of projects is a project
_COUNTED_PROJECTS = re.compile(r"等[\d一二两三四五六七八九十百]+[个项](?:揭榜|示范|试点|重点|应用)?项目")
BATCH = re.compile(r"[（(](第[一二三四五六七八九十\d]+批)[)）]")
_POLICY_WORDS = re.compile(r"方案|意见|办法|规划|计划|措施|政策|通知|条例|细则|纲要|指南|决定|清单|规定|"
                           r"行动|若干|实施|战略|标准|路线图|目录")


def book_titles(text: str) -> list[Candidate]:
    out = []
    for m in re.finditer(r"《([^《》]{2,120})》", text):
        title = m.group(1).strip()
        if title.endswith(("报", "杂志", "周刊", "网", "志", "刊")) or not _POLICY_WORDS.search(title):
            continue  # a newspaper, a report or a speech title, not a policy
        c = Candidate(m.start(), m.end(), "PolicyDocument", title, {title, m.group(0)}, 4, "pattern",
                      region_ok=False)
        y = _YEAR_RANGE.search(title)
        if y and int(y.group(1)) <= int(y.group(2)):
            c.period = (date(int(y.group(1)), 1, 1), date(int(y.group(2)), 12, 31), y.group(0))
            c.aliases.add(title.replace(y.group(0), "").strip())
        b = BATCH.search(title)
        if b:
            c.batch = b.group(1)
        c.aliases.add(re.sub(r"\s+", "", title))
        out.append(c)
    return out


_NEAR: dict[int, re.Pattern[str]] = {}


def _product_tail_near(lex: Lexicon) -> re.Pattern[str]:
    """A product tail (系统, 大模型 …) after up to 8 ideographs: “X”城市领航辅助驾驶系统."""
    pat = _NEAR.get(id(lex))
    if pat is None:
        tails = "|".join(re.escape(t) for t, c in sorted(lex.quoted_tails.items(), key=lambda kv: -len(kv[0]))
                         if c in PRODUCT | {"Platform"})
        pat = _NEAR[id(lex)] = re.compile(rf"[\u4e00-\u9fff]{{1,8}}?(?:{tails})")
    return pat


def quoted_names(lex: Lexicon, text: str, known: list[Candidate]) -> list[Candidate]:
    out = []
    for m in re.finditer(r"“([^“”]{1,30})”", text):
        content, qs, qe = m.group(1).strip(), m.start(), m.end()
        if not re.search(r"[\u3400-\u9fffA-Za-z]", content) or re.fullmatch(r"[\d+\-·NnXx]+", content) \
                or content.endswith("+"):
            continue
        if re.search(r"(居|位列|位居|排名)(国家|全国|全省|全市)?$", text[max(0, qs - 6):qs]):
            continue
        tail = next((t for t in sorted(lex.quoted_tails, key=len, reverse=True) if text.startswith(t, qe)),
                    None)
        if tail is not None and lex.quoted_tails[tail] is None and _product_tail_near(lex).match(text, qe):
            tail = None  # “径山-D3”城市领航辅助驾驶系统: a descriptor that begins like a word of no name
        if tail is None:  # “问津”多模态大模型 / “衡行H2”人形机器人: a short descriptor before the tail
            for t in sorted(lex.quoted_tails, key=len, reverse=True):
                k = text.find(t, qe, qe + 8 + len(t))
                if k > qe and lex.quoted_tails[t] in PRODUCT | {"Platform"} \
                        and all(is_ideograph(ch) or (ch.isascii() and ch.isalnum()) for ch in text[qe:k]) \
                        and not re.search(r"[着了过把将向从]", text[qe:k]) \
                        and not _COUNT.search(text, qe, k):  # “A”和“B”两个公共平台: a count, no descriptor
                    tail = text[qe:k + len(t)]
                    lex_tail_cls = lex.quoted_tails[t]
                    break
        else:
            lex_tail_cls = lex.quoted_tails[tail]
        head = next((h for h in sorted(lex.quoted_heads, key=len, reverse=True) if text.endswith(h, 0, qs)),
                    None)
        if head and (tail is None or lex_tail_cls is None):
            cls = lex.quoted_heads[head]
            d0 = left_edge(text, qs - len(head), lex)
            desc = strip_descriptors(text[d0:qs])
            aliases = {content, m.group(0)} | ({desc} if len(desc) > len(head) + 1 else set())
            out.append(Candidate(d0, qe, cls, content, aliases, 4, region_ok=False))
            continue
        if tail is None and _NAMING_VERB.search(text, max(0, qs - 3), qs) and not lex.classify(content):
            kind = _KIND_WORD.search(text)  # 核心产品叫“晶眸”，是一套检测系统 / 检测设备…，叫“酒检通”
            if kind and all(is_ideograph(ch) or ch.isalnum() or ch in "-. " for ch in content):
                cls = ("Robot" if kind.group(0) == "机器人" else "AIModel" if "模型" in kind.group(0)
                       else "Platform" if kind.group(0) == "平台" else "Product")
                out.append(Candidate(qs, qe, cls, content, {content, m.group(0)}, 4, region_ok=False))
                continue
        if tail is None and _COUNTED_PROJECTS.match(text, qe) and not lex.classify(content) \
                and not any(content.endswith(t) for t, c in lex.quoted_tails.items() if c):
            out.append(Candidate(qs, qe, "Program", content, {content, m.group(0)}, 4, region_ok=False))
            continue
        if tail is None:  # “云雀焊缝质检系统”: the quoted name ends in its own product head
            own_tail = next((t for t in sorted(lex.quoted_tails, key=len, reverse=True)
                             if content.endswith(t) and len(content) - len(t) >= 2), None)
            own_cls = lex.quoted_tails[own_tail] if own_tail else None
            if own_cls in PRODUCT and all(is_ideograph(ch) or ch.isalnum() for ch in content):
                out.append(Candidate(qs, qe, own_cls, content, {content, m.group(0)}, 4, region_ok=False))
                continue
        if tail is not None:
            cls = lex_tail_cls
            if cls is None:
                continue
            after = text[qe + len(tail): qe + len(tail) + 2]
            if cls in PRODUCT and after in ("发展", "体系", "产业", "产品", "应用", "技术", "生态", "企业",
                                            "领域"):
                continue
            end = qe + len(tail)
            if cls in PRODUCT or (cls == "Platform" and tail not in lex.quoted_tails):  # “鹭析”评论分析平台
                out.append(Candidate(qs, end, cls, content, {content, content + tail, m.group(0) + tail}, 4,
                                     region_ok=False))
                maker = maker_before(lex, text, qs, known)
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
        bare = lex.head_at_end(content, len(content))
        if own and len(content) >= 3 and own not in PRODUCT and not (bare and bare[0] == content):
            # a quoted name is a name (a bare class word, “产业园”, is an abbreviation's, not one)
            out.append(Candidate(qs, qe, own, content, {content, m.group(0)}, 4))
    return out


def maker_before(lex: Lexicon, text: str, qs: int, known: list[Candidate]) -> Candidate | None:
    """乐聚智家“夸父”机器人: the name right before a product's quoted name is its maker."""
    s = left_edge(text, qs, lex)
    name = text[s:qs]
    if not (2 <= len(name) <= 8) or any(c.start < s < c.end or c.start < qs < c.end for c in known) \
            or any(c.start == s and c.end == qs for c in known):
        return None
    if s > 0 and name_char(text[s - 1]):
        return None  # only a name standing at a clause start is a maker
    if _common_words(name) or name.endswith(("产品", "系列", "品牌", "型号", "新品")):
        return None  # 公司主打产品“鹭行”: a phrase of common words, not a maker's name
    return Candidate(s, qs, "Company", name, {name}, 2)


def _common_words(name: str) -> bool:
    """公司主打产品, 高炉: common dictionary words only."""
    import jieba

    from ecokg.loaders.candidates import word_frequency

    jieba.setLogLevel(60)
    words = jieba.lcut(name, HMM=False)
    def common(w: str) -> bool:  # 主打产品: a rare compound of two common words is common too
        return word_frequency(w) > 50 or (len(w) == 4 and word_frequency(w[:2]) > 50
                                            and word_frequency(w[2:]) > 50)

    if len(words) == 1:  # 高炉“智能炉长”系统: a common noun, not a maker
        return word_frequency(name) > 100
    return all(len(w) >= 2 and common(w) for w in words)
