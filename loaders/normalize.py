"""Width and punctuation normalization of cleaned article text, one character for one character.

``normalize_width`` maps full-width Latin letters, digits and signs to ASCII and odd spaces to a
space; ``fullwidth_punct`` turns ASCII , : ; ? ! ( ) next to CJK text into their full-width forms.
Both keep every offset.
"""

from __future__ import annotations

import re
import unicodedata

_ASCII_PUNCT = re.compile(r"[,:;?!()]")
_FULLWIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}


def _width_table() -> dict[int, str]:
    # the Chinese comma and semicolon stay what they are: between two Latin names they still
    # separate (a table's cells "TidalByte，Buddy-Q2" are two cells; "98.7%；OceanLink" two clauses)
    table = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F) if cp not in (0xFF0C, 0xFF1B)}
    for cp in (0x3000, 0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F):
        table[cp] = " "
    for lo, hi in ((0xF900, 0xFAFF), (0x2F00, 0x2FD5), (0x2E80, 0x2EF3)):
        for cp in range(lo, hi + 1):
            n = unicodedata.normalize("NFKC", chr(cp))
            if len(n) == 1 and n != chr(cp):
                table[cp] = n
    return table


_WIDTH = _width_table()


def normalize_width(text: str) -> str:
    """Full-width Latin/digits/punctuation → ASCII, odd spaces → space; length-preserving."""
    return text.translate(_WIDTH)


def is_cjk(ch: str) -> bool:
    """Ideographs, CJK punctuation, full-width forms and Chinese quotes/dashes."""
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3000 <= cp <= 0x303F or 0xFF00 <= cp <= 0xFFEF
            or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF or 0x2010 <= cp <= 0x2027
            or cp >= 0x20000)


_CJK_CLASS = ("\u2010-\u2027\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
              "\U00020000-\U0003ffff")
_NEXT_TO_CJK = re.compile(rf"(?<=[{_CJK_CLASS}])[,:;?!()]|[,:;?!()](?=[{_CJK_CLASS}])")


def fullwidth_punct(line: str) -> str:
    """ASCII , : ; ? ! ( ) next to CJK → full-width; parentheses converted pairwise."""
    if not _ASCII_PUNCT.search(line):
        return line
    out = line
    while True:  # a run such as "),"" converts from the CJK side inwards
        new = _NEXT_TO_CJK.sub(lambda m: _FULLWIDTH[m.group()], out)
        if new == out:
            break
        out = new
    if "(" not in line and ")" not in line:
        return out
    chars = list(out)
    stack: list[int] = []
    for m in re.finditer(r"[()]", line):
        i = m.start()
        if line[i] == "(":
            stack.append(i)
        elif stack:
            j = stack.pop()
            if (chars[i] == "）") != (chars[j] == "（"):
                chars[i], chars[j] = "）", "（"
    out = "".join(chars)
    while True:  # （Lumina Robotics）,X: punctuation next to a bracket made full-width just now
        new = _NEXT_TO_CJK.sub(lambda m: _FULLWIDTH[m.group()], out)
        if new == out:
            return out
        out = new


def squash(text: str) -> str:
    """``text`` width-normalized without any whitespace, for comparing headlines."""
    return re.sub(r"\s+", "", normalize_width(text))
