"""Markdown as plain text lines: front matter, headings, lists, links, emphasis and tables unwrapped.

``markdown_to_text`` returns the lines (a rule or link definition becomes an empty line), the
front-matter fields mapped to metadata names, and the first level-1 heading. A table row becomes
one line whose cells are joined by "，" (``table_row_line``): a row is one sentence, its cells
clauses of it, as the sentence splitter and the extractor read them; the header row stays, the
delimiter row (|---|---|) goes. The HTML path writes table rows the same way.
"""

from __future__ import annotations

import re

from ecokg.loaders.boilerplate_rules import load_rules
from ecokg.loaders.meta_harvest import metadata_line

#: What joins the cells of a table row in the cleaned text: a clause break, not a sentence end.
CELL_SEPARATOR = "，"
DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_CELL_END = "，,、；;。 "


def table_row_line(cells: list[str]) -> str:
    """One table row as a line: the non-empty cells joined by "，" (trailing punctuation of a
    cell dropped so no cell closes the row's sentence early). A row of page metadata
    ("发布机构 | X | 成文日期 | Y") keeps plain spaces, so the cleaner reads it as such."""
    # a comma inside a cell would split it in two: written as 、 (部署于X，接入Y → 部署于X、接入Y)
    kept = [c.replace(CELL_SEPARATOR, "、")
            for c in (" ".join(cell.split()).rstrip(_CELL_END) for cell in cells) if c]
    spaced = " ".join(kept)
    if metadata_line(spaced, load_rules()):
        return spaced
    return CELL_SEPARATOR.join(kept)


def split_row(line: str) -> list[str]:
    """The cells of a Markdown table row ("| a | b |" or "a | b"), escaped pipes kept as "|"."""
    core = line.strip()
    if core.startswith("|"):
        core = core[1:]
    if core.endswith("|") and not core.endswith("\\|"):
        core = core[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _UNESCAPED_PIPE.split(core)]


def _table_rows(lines: list[str]) -> set[int]:
    """Indexes of the lines that are rows of a table (header and body rows; not the delimiter)."""
    rows: set[int] = set()
    i = 0
    while i < len(lines) - 1:
        head, delim = lines[i], lines[i + 1]
        if "|" in head and "|" in delim and DELIMITER_ROW.match(delim):
            rows.add(i)
            j = i + 2
            while j < len(lines) and lines[j].strip() and "|" in lines[j]:
                rows.add(j)
                j += 1
            i = j
        else:
            i += 1
    return rows

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
    rows = _table_rows(lines)
    for k, line in enumerate(lines):
        if k in rows and not fence:
            cells = [_inline(cell) for cell in split_row(line)]
            out.append(table_row_line(cells))
            continue
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
        if line.strip().startswith("|") and line.strip().endswith("|"):  # a table without its delimiter row
            line = table_row_line(split_row(line))
        line = _inline(line)
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


def _inline(text: str) -> str:
    """``text`` without Markdown inline markup (links, images, emphasis, code, escapes)."""
    for pattern, repl in _MD_SUBS:
        text = pattern.sub(repl, text)
    return text
