"""Split cleaned Chinese text into sentences with character offsets.

Boundaries: 。！？； and newlines (a heading line, a table row, is a sentence of its own); ASCII
. ! ? ; only when followed by a CJK character (not ，、：) or the end of the line; a run of two
or more … (not followed by 等). Closing quotes and brackets (”’）》」』) stay with the sentence they end, and
runs such as ？！ or 。” stay together. Nothing splits inside “…”, 《…》, （…） and the other
paired brackets; an opener never closed on its line is ignored. Sentences are stripped of
surrounding whitespace and ``text[s.start:s.end] == s.text`` always holds. A sentence longer
than 2,000 characters is cut after commas, or every 500 characters. Linear in the input.
"""

from __future__ import annotations

import itertools
import re

from ecokg.loaders.normalize import is_cjk
from ecokg.loaders.records import Sentence

_PAIRS = {"“": "”", "‘": "’", "《": "》", "〈": "〉", "（": "）", "(": ")", "「": "」", "『": "』",
          "【": "】", "〔": "〕", "［": "］"}
_CLOSERS = frozenset(_PAIRS.values())
_STRONG = frozenset("。！？；")
_ASCII_END = frozenset(".!?;")
_RUN = frozenset("。！？；!?;.…") | _CLOSERS
_SPECIAL = re.compile("[" + re.escape("".join(_STRONG) + "".join(_ASCII_END) + "…"
                                      + "".join(_PAIRS) + "".join(_CLOSERS)) + "]")
_SPACE = " \t\u3000\u00a0\r\f\v"
#: After an ASCII period these continue the sentence ("Co., Ltd.，…", a table cell "Inc.，…").
_CLAUSE_PUNCT = frozenset("，、：")
LONG_SENTENCE = 2000
CHUNK = 500


def _absorb(text: str, j: int, end: int) -> int:
    while j < end and text[j] in _RUN:
        j += 1
    return j


def _cuts(text: str, start: int, end: int, ignore: set[int]) -> tuple[list[int], set[int]]:
    """Cut positions in ``text[start:end]`` (one line) and the openers left unclosed."""
    cuts: list[int] = []
    stack: list[int] = []
    positions = [m.start() for m in _SPECIAL.finditer(text, start, end)]
    k = 0
    n = len(positions)
    while k < n:
        i = positions[k]
        ch = text[i]
        k += 1
        cut = -1
        if ch in _PAIRS and i not in ignore:
            stack.append(i)
        elif ch in _CLOSERS:
            if stack and _PAIRS[text[stack[-1]]] == ch:
                stack.pop()
                j = i - 1
                while j > start and text[j] in _CLOSERS:
                    j -= 1
                if not stack and j >= start and text[j] in _RUN and text[j] not in _CLOSERS:
                    cut = _absorb(text, i + 1, end)
        elif stack:
            continue
        elif ch in _STRONG:
            cut = _absorb(text, i + 1, end)
        elif ch == "…":
            j = i
            while j < end and text[j] == "…":
                j += 1
            if j - i >= 2 and not (j < end and text[j] == "等"):
                cut = _absorb(text, j, end)
        elif ch in _ASCII_END:
            j = _absorb(text, i + 1, end)
            after = j
            while after < end and text[after] in _SPACE:
                after += 1
            if after >= end or (is_cjk(text[after]) and text[after] not in _CLAUSE_PUNCT):
                cut = j
        if cut >= 0:
            cuts.append(cut)
            while k < n and positions[k] < cut:
                k += 1
    return cuts, set(stack)


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """``[a, b)`` itself, or cut after commas / every 500 characters when over 2,000."""
    if b - a <= LONG_SENTENCE:
        return [(a, b)]
    out = []
    while b - a > CHUNK:
        limit = a + CHUNK
        comma = max(text.rfind("，", a + 1, limit), text.rfind(",", a + 1, limit))
        cut = comma + 1 if comma > a else limit
        out.append((a, cut))
        a = cut
    out.append((a, b))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, with offsets into ``text``."""
    sentences: list[Sentence] = []
    pos = 0
    size = len(text)
    while pos <= size:
        nl = text.find("\n", pos)
        line_end = size if nl < 0 else nl
        cuts, unclosed = _cuts(text, pos, line_end, set())
        if unclosed:
            cuts, _ = _cuts(text, pos, line_end, unclosed)
        bounds = [pos, *cuts]
        if bounds[-1] < line_end:
            bounds.append(line_end)
        for a, b in itertools.pairwise(bounds):
            for pa, pb in _pieces(text, a, b):
                s, e = _strip(text, pa, pb)
                if s < e:
                    sentences.append(Sentence(len(sentences), s, e, text[s:e]))
        if nl < 0:
            break
        pos = nl + 1
    return sentences
