"""Name-boundary helpers: where a name starts, whether it is generic, how to clean it."""

from __future__ import annotations

import re
from collections.abc import Set

from ecokg.loaders.lexicon import Lexicon, is_ideograph

OPEN_QUOTES, CLOSE_QUOTES = "“‘「『", "”’」』"
MAX_NAME = 24
# Leading modifiers that describe rather than name: 全国首个, 国内最大的, 千亩级 …
_LEADING_DESCRIPTORS = re.compile(
    r"^(?:(?:全球|全国|国内|全省|省内|全市|行业|业内)?(?:首个|首家|第一个|最大的?|领先的?|唯一的?)|"
    r"[\d一二三四五六七八九十百千万亿]+[亩平方米公里吨台个家]*级|"
    r"据(?=[\u4e00-\u9fff]{4})|"  # 据X管委会统计: the source clause's 据, no part of the name
    r"[\u4e00-\u9fff]{0,8}?企业(?=[\u4e00-\u9fff]{2,}(?:有限公司|有限责任公司|集团)$))")  # 装备企业X有限公司
_QUANTITY_MODIFIER = re.compile(r"[\d一二三四五六七八九十百千万亿]+[亩平方米公里]*级$")


def name_char(ch: str) -> bool:
    return is_ideograph(ch) or (ch.isascii() and (ch.isalnum() or ch in "-+·")) or ch in "（）()"


def left_edge(text: str, head_start: int, lex: Lexicon, floor: int = 0,
              allow: tuple[str, ...] = (), quotes: bool = False) -> int:
    """Where a name that ends with a head starting at ``head_start`` begins. With ``quotes``, a
    quoted part belongs to the name (“曜江”人工智能小镇建设推进会)."""
    i = head_start
    limit = max(floor, head_start - MAX_NAME)
    while i > limit:
        ch = text[i - 1]
        if quotes and ch == "”":
            k = text.rfind("“", limit, i - 1)
            if k >= 0 and "”" not in text[k:i - 1] and i - k <= 16:
                i = k
                continue
        if ch == "）":  # 中国（鄂尔多斯）算力大会, 东方电气（德阳）智能科技有限公司: a city in brackets
            k = text.rfind("（", limit, i - 1)
            inside = text[k + 1:i - 1] if k >= 0 else ""
            if k >= 2 and name_char(text[k - 1]) and (
                    (quotes and text[k - 2:k] == "中国" and 1 <= len(inside) <= 6
                     and all("\u4e00" <= c <= "\u9fff" for c in inside))
                    or inside in lex.city_to_province or inside.removesuffix("市") in lex.city_to_province
                    or (text[k - 2:k] == "中国" and _province(lex, inside))):  # 中国（辽宁）自由贸易试验区
                i = k
                continue
        if not name_char(ch):
            break
        if ch in "（()）":
            break
        # a quantity ends a name: 500万元补贴 → 补贴
        if ch in "元个家项款亿万台套名年" and i >= 2 \
                and (text[i - 2].isdigit() or text[i - 2] in "一二三四五六七八九十百千万亿两"):
            break
        if lex.boundary_ending_at(text, i, allow) and not _joins_sectors(lex, text, i):
            break
        if ch == "度" and i >= 3 and text[i - 2] == "年" \
                and (text[i - 3].isdigit() or text[i - 3] in "〇零一二三四五六七八九"):
            break  # 2025年度揭榜挂帅项目: 年度 belongs to the date, not to the name
        i -= 1
    return i


def strip_descriptors(name: str) -> str:
    """全国首个城轨行业人工智能大模型 → 城轨行业人工智能大模型; 千亩级人工智能产业园 → 人工智能产业园."""
    prev = None
    while prev != name:
        prev = name
        name = _LEADING_DESCRIPTORS.sub("", name)
    return name


def is_generic(name: str, head: str, lex: Lexicon) -> bool:
    """True when the name is only generic words plus its head (全市数据中心, 公共服务平台)."""
    modifier = name[: len(name) - len(head)] if name.endswith(head) else name
    if len(head) >= 4 and modifier:
        return False  # a specific head (战略咨询委员会) with any modifier names something
    changed = True
    while changed and modifier:
        changed = False
        for w in lex.generic_words:
            if modifier.startswith(w):
                modifier = modifier[len(w):]
                changed = True
                break
    return len(modifier) < 2


def has_place_prefix(name: str, places: Set[str]) -> bool:
    """The name starts with a place or national qualifier (青岛…, 国家…, 中国…)."""
    if name.startswith(("国家", "中国", "全国", "国际", "中央", "中共", "省", "市")):
        return True
    # a place of two characters or more anywhere in the name: look its substrings up
    n = len(name)
    return any(name[i:j] in places for i in range(n - 1) for j in range(i + 2, n + 1))


def _province(lex: Lexicon, name: str) -> bool:
    return name in lex.provinces or any(name == info["short"] for info in lex.provinces.values())


def _joins_sectors(lex: Lexicon, text: str, i: int) -> bool:
    """人工智能与智能制造研究院, 汽车研发与制造大模型: 与/和 between two sector words (or two activities)
    is part of the name, and so is the word before it (研发 ends no name here)."""
    words = (*lex.industries, *lex.joined_activities)
    if i < len(text) and text[i] in "与和":  # the word ending at i stands before the joining 与
        return any(text.endswith(w, 0, i) for w in words) and any(text.startswith(w, i + 1) for w in words)
    return text[i - 1] in "与和" and any(text.endswith(w, 0, i - 1) for w in words) \
        and any(text.startswith(w, i) for w in words)
