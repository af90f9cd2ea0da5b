"""Markdown as plain text lines: front matter, headings, lists, links, emphasis and tables unwrapped.

``markdown_to_text`` returns the lines (a rule or link definition becomes an empty line), the
front-matter fields mapped to metadata names, and the first level-1 heading.
"""

from __future__ import annotations

import re

_MD_SUBS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"!\[[^\]]*\]\([^)]*\)", ""),                       # images
    (r"!\[[^\]]*\]\[[^\]]*\]", ""),
    (r"\[([^\]]+)\]\([^)]*\)", r"\1"),                   # [text](url)
    (r"\[([^\]]+)\]\[[^\]]*\]", r"\1"),                  # [text][ref]
    (r"<(https?://[^>]+)>", r"\1"),                      # autolinks
    (r"</?[A-Za-z][^>]*>", ""),                          # inline HTML
    (r"(\*\*|__)(.+?)\1", r"\2"),                        # strong
    (r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1"),  # emphasis
    (r"~~(.+?)~~", r"\1"),
    (r"`([^`]*)`", r"\1"),                               # inline code
    (r"\\([\\`*_{}\[\]()#+\-.!>|])", r"\1"),             # escapes
))


def markdown_to_text(text: str) -> tuple[list[str], dict[str, str], str | None]:
    """Lines of plain text, front-matter metadata, and the first level-1 heading."""
    lines = text.split("\n")
    front: dict[str, str] = {}
    if lines and lines[0].strip() == "---":
        close = next((i for i in range(1, min(len(lines), 60)) if lines[i].strip() in ("---", "...")), None)
        if close:
            for entry in lines[1:close]:
                key, sep, value = entry.partition(":")
                if sep:
                    front[key.strip().lower()] = value.strip().strip("\"'")
            lines = lines[close + 1:]
    out: list[str] = []
    h1: str | None = None
    fence = False
    for line in lines:
        if re.match(r"^\s*(```|~~~)", line):
            fence = not fence
            continue
        if fence:
            out.append(line)
            continue
        if re.match(r"^\s*([-*_]\s*){3,}$|^\s*\[[^\]]+\]:\s*\S+|^\s*=+\s*$|^\s*\|?\s*:?-{3,}", line):
            out.append("")
            continue
        heading = re.match(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if heading:
            line = heading.group(2)
        line = re.sub(r"^\s*(>\s?)+", "", line)
        line = re.sub(r"^\s*[-*+]\s+", "", line)
        if line.strip().startswith("|") and line.strip().endswith("|"):
            line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        for pattern, repl in _MD_SUBS:
            line = pattern.sub(repl, line)
        if heading and heading.group(1) == "#" and h1 is None:
            h1 = line.strip()
        out.append(line)
    meta = {}
    for key, name in (("title", "title"), ("date", "issued"), ("author", "authors"), ("authors", "authors"),
                      ("source", "publisher"), ("publisher", "publisher"), ("url", "url"), ("link", "url"),
                      ("doc_number", "doc_number")):
        if front.get(key) and name not in meta:
            meta[name] = front[key]
    return out, meta, h1
