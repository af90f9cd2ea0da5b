"""Company names without a gazetteer: a brand and a company suffix (国华智能), a new name after
的/企业 (研发激光雷达的曜途感知), enumerations (A、B等企业), clause subjects before a company verb,
investors (X投资42亿元的…). Each function returns candidates that do not overlap ``known``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise

from ecokg.loaders.candidates import FUNCTION_CHARS, Candidate, word_frequency
from ecokg.loaders.lexicon import Lexicon, is_ideograph
from ecokg.loaders.names import left_edge

_SUBJECT_VERBS = ("推出", "发布", "研发", "开发", "建成", "入选", "获批", "进入", "连续", "依托", "获评",
                  "成为", "牵头", "承建", "落户", "入驻", "上线", "打造", "实现", "完成", "签约", "中标",
                  "在", "与", "将", "已", "正式", "自主", "联合", "携手", "率先", "推动", "参与")
_COUNTED_BRAND = re.compile(r"[\d一二两三四五六七八九十百千数几]+[余多]?[家个座]")
_ENUM_TYPE = [(re.compile(r"等[\d一二三四五六七八九十百千余多近超家个批]*"
                          r"(?:重点|龙头|骨干|知名|头部|优质|科技型)?(?:企业|公司|厂商|单位)"), "Company"),
              (re.compile(r"等(?:关键)?(?:零部件|产品|核心部件|部件)"), "Product")]


def is_company_name(lex: Lexicon, name: str, strict: bool = False) -> bool:
    """国华智能, 澜图科技: a brand and a company suffix (strict: the brand is no common word)."""
    if name in lex.industries or any(name.endswith(w) and len(name) - len(w) < 2 for w in lex.industries) \
            or any(w in name for w in lex.industries if len(w) >= 4) or lex.boundary_ending_at(name, 2):
        return False  # 人形机器人, 具身智能, 推动人工智能: a sector or a verb phrase, not a company
    for suffix in lex.company_suffixes:
        brand = name[: -len(suffix)]
        if name.endswith(suffix) and 2 <= len(brand) <= 4 and all(is_ideograph(ch) for ch in brand) \
                and not lex.is_common_brand(brand) and not any(ch in FUNCTION_CHARS for ch in brand) \
                and not brand.startswith(_LEVEL_WORDS) \
                and not _COUNTED_BRAND.match(brand):  # 国家高新技术(企业), 十余家(光伏): no brand
            return word_frequency(brand) < (60 if strict else 200) and not _is_phrase(brand)
    return False


def _is_phrase(brand: str) -> bool:
    """亿元建设, 重点支持, 新购置: common words in a row (a clause before 智能), not a brand."""
    import jieba

    jieba.setLogLevel(60)
    words = jieba.lcut(brand, HMM=False)
    return len(words) >= 2 and all(len(w) >= 2 for w in words[1:]) \
        and all(word_frequency(w) > 100 for w in words)

def maker_prefix(lex: Lexicon, name: str) -> int | None:
    """丰光精密谐波减速器: a company (brand + company suffix) before a generic product (common words
    only) names the company, not a product. The length of the company's part, else None."""
    for suffix in lex.company_suffixes:
        k = name.find(suffix, 2)
        if k < 2 or len(suffix) < 2:
            continue
        cut, brand, rest = k + len(suffix), name[:k], name[k + len(suffix):]
        if len(rest) < 2 or lex.is_common_brand(brand) or _is_phrase(brand) or word_frequency(brand) > 1000:
            continue
        import jieba

        words = jieba.lcut(rest, HMM=False)
        if all(len(w) >= 2 and word_frequency(w) > 0 for w in words):
            return cut
    return None


def _starts_with_boundary(lex: Lexicon, name: str) -> bool:
    return any(lex.boundary_ending_at(name, k) for k in (1, 2))


def described_companies(lex: Lexicon, text: str, known: list[Candidate]) -> list[Candidate]:
    """研发激光雷达的曜途感知, 医疗影像算法企业知微医影: a new brand right after 的/企业/公司."""
    out: list[Candidate] = []
    for m in re.finditer(r"(的|企业|公司|厂商|服务商|供应商|来自)([\u3400-\u9fff]{4,6}?)"
                         r"(?=[、，。；]|也|将|已|拟|在|于|与|和|及|等|的|同步|正式|成功|完成|推出|发布|"
                         r"签约|牵头|联合|共同|承担|负责|主导|参与|作为|为|是|获得|获|入选|荣获|成为|被)",
                         text):
        s, e = m.start(2), m.end(2)
        name = text[s:e]
        if any(c.start < e and s < c.end for c in known + out):
            continue
        if lex.classify(name) or name in lex.industries or _starts_with_boundary(lex, name):
            continue  # 公司等相继落户: a new clause, not a name
        brand, rest = name[:2], name[2:]
        if any(ch in FUNCTION_CHARS for ch in brand) or lex.is_common_brand(brand):
            continue
        apposition = m.group(1) in ("企业", "公司", "厂商", "服务商", "供应商")  # 算法企业知微医影
        if apposition and rest not in lex.company_suffixes and word_frequency(rest) > 2000:
            continue  # 企业用算成本: a common noun phrase, not a name
        if (apposition or rest in lex.company_suffixes or rest in lex.industries) \
                and word_frequency(brand) < 30 and word_frequency(name) == 0:
            out.append(Candidate(s, e, "Company", name, {name}, 1))
    return out

def brand_companies(lex: Lexicon, text: str, known: list[Candidate]) -> list[Candidate]:
    """Brand + company suffix anywhere, when the brand is not a dictionary word (汉澄汽车)."""
    found: list[Candidate] = []
    for suffix in lex.company_suffixes:
        if suffix not in text:  # most suffixes are in no sentence: no generator to start for them
            continue
        for start in find_all(text, suffix):
            end = start + len(suffix)
            for blen in (2, 3, 4):
                s = start - blen
                if s < 0 or any(c.start < end and s < c.end
                                and not _park_then_suffix(lex, text, c, s, start, end) for c in known):
                    continue
                name = text[s:end]
                if (s == 0 or not is_ideograph(text[s - 1]) or lex.boundary_ending_at(text, s)) \
                        and is_company_name(lex, name, strict=True):
                    found.append(Candidate(s, end, "Company", name, {name}, 1))
                    break
    out: list[Candidate] = []  # 蒙能智算科技 over 蒙能智算: the longest of overlapping names
    for c in sorted(found, key=lambda c: (c.start - c.end, c.start)):
        if not any(o.start < c.end and c.start < o.end for o in out):
            out.append(c)
    return sorted(out, key=lambda c: c.start)


def _park_then_suffix(lex: Lexicon, text: str, c: Candidate, s: int, suffix_start: int, end: int) -> bool:
    """保定电谷智能建设…: a park-like name followed by a company suffix and then a boundary (or no
    ideograph) is the company's brand, not the park."""
    return c.cls == "IndustrialPark" and c.start == s and c.end == suffix_start and (
        end == len(text) or not is_ideograph(text[end])
        or any(text.startswith(w, end) for w in lex.boundaries))


_LABELLED_VALUE = re.compile(r"[\u3400-\u9fffA-Za-z0-9]{2,12}")


def labelled_companies(lex: Lexicon, text: str, known: list[Candidate],
                       labels: tuple[str, ...]) -> list[Candidate]:
    """（依托单位：鹿城智安）/ 运营单位：A、B: the names a label of an organization field introduces,
    with no suffix of their own, are organizations (companies, unless a head says otherwise)."""
    out: list[Candidate] = []
    if "：" not in text and ":" not in text:
        return out
    for m in re.finditer(f"(?:{alternation(labels)})[：:]", text):
        pos = m.end()
        while True:
            v = _LABELLED_VALUE.match(text, pos)
            if v is None:
                break
            end = v.end()
            if end < len(text) and text[end] not in "）)、，。；,;":
                break  # 运营单位：由X负责: a phrase, not a name
            name = v.group(0)
            if not any(c.start < end and pos < c.end for c in known + out) and not lex.classify(name) \
                    and name not in lex.generic_words and not _starts_with_boundary(lex, name):
                out.append(Candidate(pos, end, "Company", name, {name}, 1))
            if end >= len(text) or text[end] != "、":
                break
            pos = end + 1
    return out


@cache
def alternation(words: tuple[str, ...]) -> str:
    """``a|b|c`` of the words, escaped: made once per word list, not once per sentence."""
    return "|".join(map(re.escape, words))


def find_all(text: str, word: str) -> Iterator[int]:
    """The starts of the non-overlapping occurrences of ``word``, left to right (as
    ``re.finditer(re.escape(word), text)``, without a regular expression per word)."""
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + max(len(word), 1))

def enumerations(lex: Lexicon, text: str, known: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for m in re.finditer("等", text):
        kind = next((cls for rx, cls in _ENUM_TYPE if rx.match(text, m.start())), None)
        j = m.start()
        items: list[tuple[int, int]] = []
        while j > 0:
            if text[j - 1] in "）)":  # 优必选科技（UBTech）: the parenthetical is an alias, not an item
                k = max(text.rfind("（", 0, j), text.rfind("(", 0, j))
                if k > 0 and j - k < 20:
                    j = k
            i = left_edge(text, j, lex)
            if i == j:
                break
            items.append((i, j))
            if i == 0 or text[i - 1] != "、":
                break
            j = i - 1
        if len(items) < 2 and kind is None:
            continue
        for i, j in items:
            item = text[i:j]
            if any(c.start <= i and j <= c.end for c in known + out):
                continue
            if (kind == "Company" and 2 <= len(item) <= 10 and not lex.classify(item)) \
                    or is_company_name(lex, item):
                out.append(Candidate(i, j, "Company", item, {item}, 1))
    return out

def subject_companies(lex: Lexicon, text: str, known: list[Candidate]) -> list[Candidate]:
    out = []
    for m in re.finditer(r"(?:^|[，。；：、])([\u3400-\u9fff]{4,8}?)(?=" + "|".join(_SUBJECT_VERBS) + ")",
                         text):
        s = left_edge(text, m.end(1), lex, floor=m.start(1))
        name = text[s:m.end(1)]
        if is_company_name(lex, name) and not any(c.start <= s < c.end for c in known):
            out.append(Candidate(s, s + len(name), "Company", name, {name}, 1))
    return out

def investors(lex: Lexicon, text: str, known: list[Candidate]) -> list[Candidate]:
    """秣川智算投资42亿元的…项目, 由X领投，Y跟投: a name right before 投资+amount or 领投/跟投, at a
    clause start, is a company."""
    out: list[Candidate] = []
    for m in re.finditer(r"(?:^|[，。；、和由]|股东|投资方)([\u3400-\u9fff]{4,6}?)"
                         r"(?=(?:拟|将|计划)?投资[\d.一二三四五六七八九十百千]+[亿万]?元"
                         r"|(?:联合|共同|继续)?(?:领投|跟投|参投)(?:[，。；]|$))", text):
        s, e = m.start(1), m.end(1)
        name = text[s:e]
        if any(c.start < e and s < c.end for c in known + out) or lex.classify(name) \
                or any(ch in FUNCTION_CHARS for ch in name[:2]) or word_frequency(name[:2]) > 200:
            continue
        out.append(Candidate(s, e, "Company", name, {name}, 1))
    return out


def place_companies(lex: Lexicon, text: str, known: list[Candidate]) -> list[Candidate]:
    """青岛港, 天津港集团: a place the sentence names, followed by a place head (``place_heads``)."""
    out: list[Candidate] = []
    for c in known:
        if c.cls != "Place":
            continue
        head = next((h for h in lex.place_heads if text.startswith(h, c.end)), None)
        if head is None:
            continue
        e = c.end + len(head)
        if e < len(text) and is_ideograph(text[e]) and not any(text.startswith(w, e) for w in lex.boundaries):
            continue  # 青岛港口城市: the head is the start of another word
        name = text[c.start:e]
        out.append(Candidate(c.start, e, lex.place_heads[head], name, {name}, 4))
    return out


def place_brand_companies(lex: Lexicon, text: str, known: list[Candidate]) -> list[Candidate]:
    """庐山视觉, 永修县和光硅材, 启东瀚洋生物医药: a place, a brand of up to four characters and a
    company suffix, ending where a clause or a boundary word begins, is a company."""
    out: list[Candidate] = []
    suffixes = _suffixes_by_first(tuple(lex.company_suffixes))
    for c in known:
        if c.cls != "Place" or (c.start > 0 and is_ideograph(text[c.start - 1])
                                and not lex.boundary_ending_at(text, c.start)):
            continue
        # the suffixes that follow the place within four characters, in the order (suffix, brand length)
        tried = sorted((n, blen, suffix) for blen in range(0, 5)
                       for n, suffix in suffixes.get(text[c.end + blen:c.end + blen + 1], ())
                       if text.startswith(suffix, c.end + blen))
        for _, blen, suffix in tried:
            e = c.end + blen + len(suffix)
            if any(k.start < e and c.end < k.end for k in known if k is not c and k.cls != "Place"):
                continue
            brand = text[c.end:c.end + blen]
            if not all(is_ideograph(ch) for ch in brand) or any(ch in FUNCTION_CHARS for ch in brand) \
                    or (brand and (lex.is_common_brand(brand) or _is_phrase(brand))):
                continue
            nxt = text[e:e + 1]
            if nxt and is_ideograph(nxt) and not lex.boundary_ending_at(text, e + 2) \
                    and not any(text.startswith(w, e) for w in lex.boundaries) \
                    and not any(text.startswith(v, e) for v in lex.subject_verbs):
                continue  # 晋江智能制造: the suffix begins a longer word
            if any(w in brand for w in lex.industries if len(w) >= 2):
                continue  # 晋江人工智能…: a sector, not a brand
            if brand.startswith(("企业", "公司")) and len(brand) >= 4:
                s0 = c.end + 2  # 淄博企业齐睿传感: a company of the place
                out.append(Candidate(s0, e, "Company", text[s0:e], {text[s0:e]}, 3))
                continue
            name = text[c.start:e]
            out.append(Candidate(c.start, e, "Company", name, {name}, 3))
            break
    return out


@cache
def _suffixes_by_first(suffixes: tuple[str, ...]) -> dict[str, list[tuple[int, str]]]:
    """First character -> (rank, suffix) of the company suffixes that begin with it."""
    out: dict[str, list[tuple[int, str]]] = {}
    for n, suffix in enumerate(suffixes):
        if suffix:
            out.setdefault(suffix[0], []).append((n, suffix))
    return out


def parallel_subjects(lex: Lexicon, text: str, known: list[Candidate]) -> list[Candidate]:
    """A，B入选…，C在…领域市场份额居首位，D建成…: in a sentence whose clauses start with organizations
    doing things, an unknown name at the start of another such clause is an organization too."""
    clauses = [m.start() for m in re.finditer(r"(?:^|(?<=[，；。]))[^，；。]", text)]
    verbs = alternation(tuple(lex.subject_verbs))
    starts_with_org = [c for c in known if c.start in clauses and c.cls in ("Company", "InnovationCenter")
                       and re.match(rf"(?:已|还|也|则|均|首次|率先|正式)?(?:{verbs})", text[c.end:])]
    if not starts_with_org:
        return []
    out: list[Candidate] = []
    for s in clauses:
        if any(c.start <= s < c.end for c in known):
            continue
        m = re.match(rf"([\u3400-\u9fff]{{2,5}}?)(?:已|还|也|则|首次|率先|正式)?(?:{verbs})", text[s:])
        if not m:
            continue
        name = m.group(1)
        if lex.classify(name) or name in lex.industries or name in lex.generic_words \
                or any(ch in FUNCTION_CHARS for ch in name) or any(w in name for w in lex.industries) \
                or any(name.startswith(w) for w in lex.boundaries if len(w) >= 2) \
                or word_frequency(name) > 0 \
                or any(g in name for g in ("产业", "企业", "经济", "规模", "项目", "全国", "全省", "全市",
                                           "集群")):
            continue
        out.append(Candidate(s, s + len(name), "Company", name, {name}, 1))
    return out


_LIST_JOIN = ("以及", "和", "及", "与")
_LEVEL_WORDS = ("国家", "全国", "省级", "市级", "区级", "全省", "全市")
_SEP = re.compile("、")
_ORGS = ("Company", "InnovationCenter", "Organization")


def _right_edge(lex: Lexicon, text: str, start: int, limit: int = 14) -> int:
    """Where a name that starts at ``start`` ends: before punctuation or a boundary word."""
    short = _short_boundaries(tuple(lex.boundaries))
    i = start
    while i < len(text) and i - start < limit:
        ch = text[i]
        if not (is_ideograph(ch) or (ch.isascii() and (ch.isalnum() or ch in "-+. "))):
            break
        if i > start and any(text.startswith(w, i) for w in short.get(ch, ())):
            break
        i += 1
    return i


@cache
def _short_boundaries(boundaries: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """First character -> the boundary words of at most three characters that begin with it."""
    out: dict[str, list[str]] = {}
    for w in boundaries:
        if w and len(w) <= 3:
            out.setdefault(w[0], []).append(w)
    return {ch: tuple(ws) for ch, ws in out.items()}


def homogeneous_lists(lex: Lexicon, text: str, known: list[Candidate]) -> list[Candidate]:
    """A、B、C和D where two or more items are known organizations: the other items are organizations
    too (百度、寒武纪、知行云脑等均在其列; 包括云舟智算、NeuroBay、智舵海洋和澳科智能)."""
    out: list[Candidate] = []
    for clause in re.finditer(r"[^，。；：:！？\n]+", text):
        c0, c1 = clause.start(), clause.end()
        seps = [m.start() for m in _SEP.finditer(text, c0, c1)]
        if len(seps) < 2:
            continue
        items: list[tuple[int, int]] = []
        first = left_edge(text, seps[0], lex, floor=c0)
        items.append((first, seps[0]))
        items += [(a + 1, b) for a, b in pairwise(seps)]
        last_start = seps[-1] + 1
        last_end = _right_edge(lex, text, last_start)
        tail = text[last_end:last_end + 2]
        joiner = next((j for j in _LIST_JOIN if tail.startswith(j)), None)
        items.append((last_start, last_end))
        if joiner:
            s2 = last_end + len(joiner)
            items.append((s2, _right_edge(lex, text, s2)))
        covered = [any(k.start <= a and b <= k.end for k in known) for a, b in items]
        orgs = sum(1 for a, b in items if any(k.start <= a and b <= k.end and k.cls in _ORGS for k in known))
        if orgs < 2 or orgs < 0.4 * len(items):
            continue
        for (a, b), cov in zip(items, covered, strict=True):
            name = text[a:b].strip()
            if cov or not (2 <= len(name) <= 10) or lex.classify(name) or name in lex.industries \
                    or name in lex.generic_words or name[0] in FUNCTION_CHARS \
                    or any(w in name for w in ("企业", "公司等")):
                continue
            if any(k.start < b and a < k.end for k in known + out):
                continue
            out.append(Candidate(a, a + len(name), "Company", name, {name}, 1))
    return out
