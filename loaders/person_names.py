"""Persons: a name right after a title (副市长许明辉) or before an honorific (乔红院士)."""

from __future__ import annotations

import re

from ecokg.loaders.candidates import FUNCTION_CHARS, Candidate, word_frequency
from ecokg.loaders.lexicon import Lexicon, is_ideograph
from ecokg.loaders.names import left_edge

# what follows a person's name: a verb of speaking or attending, or punctuation
_AFTER_PERSON = ("宣布|签署|会见|调研|考察|参加|陪同|解读|回忆|曾|是|亲自|（|\\s|　|"
                 "牵头|领衔|挂帅|表示|介绍|指出|说|认为|称|透露|强调|坦言|告诉|回答|答|谈到|提到|作|在|出席|致辞|讲话|发表|"
                 "主持|带队|分享|围绕|就|以|对|从|、|，|。|：|:|”|）|等|担任|带领|团队|和|与|当选|出任|获|荣获|率|带|向|为|到会|到场|上台|"
                 "分别|一行|也|则|还|现场|任|兼任|此前|早年|毕业|出生|生于|现任|$")


def title_alternation(lex: Lexicon) -> str:
    """The titles a person is named after, as one regular-expression alternation (longest first):
    the lexicon's ``person_titles``, 首席…官 and CxO."""
    return "|".join(map(re.escape, lex.person_titles)) + r"|首席[\u4e00-\u9fff]{1,4}官|C[A-Z]O"


_AFTER_TITLE: dict[int, re.Pattern[str]] = {}
#: a name at a clause's start that speaks (说, 表示) or holds an office (现任): a person without a title
_SPEAKS_OR_HOLDS = re.compile(r"(?:^|(?<=[，。；：”\n]))([\u4e00-\u9fff]{2,3})"
                              r"(?=说|表示|介绍|坦言|告诉记者|笑着说|现任|目前担任)")
#: 站在田埂上的P今年41岁，是X的创始人、董事长: a name, then what the person is in an organization
_IS_LEADER = re.compile(r"(?:^|(?<=[，。；：”\n的]))([\u4e00-\u9fff]{2,3})(?=(?:今年\d{2}岁)?[，,]?(?:是|系)"
                        r"[^，。；]{2,24}?的(?:联合)?(?:创始人|董事长|总经理|首席执行官|总裁|CEO|院长|理事长))")


def _after_title(lex: Lexicon) -> re.Pattern[str]:
    pat = _AFTER_TITLE.get(id(lex))
    if pat is None:
        titles = title_alternation(lex)
        pat = _AFTER_TITLE[id(lex)] = re.compile(
            rf"({titles})(?:兼(?:{titles}))?(?:为|是)?\s?([\u4e00-\u9fff]{{1,6}}·[\u4e00-\u9fff]{{1,8}}|"
            rf"[\u4e00-\u9fff]{{2,3}}?)(?={_AFTER_PERSON})")
    return pat


def person_names(lex: Lexicon, text: str) -> list[Candidate]:
    """副市长许明辉出席, 院长邱振华担任, 乔红院士: a name right after a title or before an honorific."""
    out = []
    for m in _after_title(lex).finditer(text):
        name = m.group(2)
        surname = name[0] in lex.surnames or name[:2] in lex.surnames
        head = lex.head_at_end(name, len(name))
        named_like_a_thing = head is not None and not (surname and len(head[0]) == 1)  # 韩若谷 is a person
        if not named_like_a_thing and (surname or not any(ch in FUNCTION_CHARS for ch in name[:1])) \
                and ("·" in name or word_frequency(name) < 30
                     or (surname and word_frequency(name) < 500)):
            out.append(Candidate(m.start(2), m.end(2), "Person", name, {name, m.group(0)}, 3,
                                 region_ok=False))
    for m in [*_SPEAKS_OR_HOLDS.finditer(text), *_IS_LEADER.finditer(text)]:  # ”P说。/ P现任… / P是X的董事长
        name = m.group(1)
        if (name[0] in lex.surnames or name[:2] in lex.surnames) and word_frequency(name) == 0 \
                and lex.classify(name) is None and not any(ch in FUNCTION_CHARS for ch in name[1:]) \
                and not any(c.start <= m.start(1) < c.end for c in out):
            out.append(Candidate(m.start(1), m.end(1), "Person", name, {name}, 3, region_ok=False))
    for title in lex.person_honorifics:
        for m in re.finditer(title, text):
            s = left_edge(text, m.start(), lex)
            name = text[s:m.start()]
            if 2 <= len(name) <= 3 and all(is_ideograph(ch) for ch in name) and not lex.classify(name):
                out.append(Candidate(s, m.end(), "Person", name, {name, name + title}, 3, region_ok=False))
    return out
