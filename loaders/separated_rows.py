"""Tables pasted as lines whose cells are separated by ／ or ｜ (normalized to / and |), for the
cleaner: which lines are rows, their cells, and the header a list heading names in its
parenthesis (二、揭榜项目（9个，项目名称／发榜单位／揭榜单位）) when the table has no header line."""

from __future__ import annotations

import re

from ecokg.loaders.markdown_text import table_row_line

__all__ = ["separated_rows", "table_lines"]

_CELL_SEPARATORS = ("/", "|")  # ／ and ｜ arrive as / and | (normalize_width)
#: a heading whose parenthesis ends with the column names: "…项目(9个,项目名称/发榜单位/揭榜单位)"
_SPEC_HEADING = re.compile(r"^(?P<head>[^()]{2,60})\((?:[^()]*?[,，:：])?(?P<cols>[^(),，:：]+)\)$")
#: a row's own number before its first cell: "1. ", "2、", "(3)"
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}[.、．)]|\(\d{1,3}\))\s*")


def separated_rows(norm: list[str]) -> dict[int, list[str]]:
    """Three or more consecutive lines (a header and its rows) with the same two or more separators
    and short, non-empty cells: their cells, by line index."""
    out: dict[int, list[str]] = {}
    for sep in _CELL_SEPARATORS:
        run: list[int] = []
        for i in range(len(norm) + 1):
            line = norm[i] if i < len(norm) else ""
            count = line.count(sep)
            cells = [c.strip() for c in line.strip(sep + " ").split(sep)] if count >= 2 else []
            fits = bool(cells) and all(0 < len(c) <= 40 for c in cells) and "://" not in line \
                and not line.endswith(("。", "；"))
            if fits and run and len(cells) == len(out.get(run[-1], [])) and i == run[-1] + 1:
                run.append(i)
                out[i] = cells
                continue
            if len(run) < 3:
                for j in run:
                    out.pop(j, None)
            run = []
            if fits and i not in out:
                run = [i]
                out[i] = cells
    return out


def _spec_heading(line: str, sep: str, width: int) -> tuple[str, list[str]] | None:
    """A heading line naming the columns in its closing parenthesis: (its text, the column names)."""
    m = _SPEC_HEADING.match(line)
    if m is None:
        return None
    cols = [c.strip() for c in m.group("cols").split(sep)]
    if len(cols) != width or not all(0 < len(c) <= 10 for c in cols):
        return None
    return m.group("head").strip(), cols


def table_lines(norm: list[str]) -> dict[int, str]:
    """The lines of every separated table as the cleaner writes table rows (``table_row_line``).

    A header given in the list heading's parenthesis becomes the heading's text followed by a
    header line; the rows' own numbers (1. 2. …) are dropped from their first cells then."""
    rows = separated_rows(norm)
    out = {i: table_row_line(cells) for i, cells in rows.items()}
    starts = [i for i in sorted(rows) if i - 1 not in rows]
    for start in starts:
        run = [start]
        while run[-1] + 1 in rows:
            run.append(run[-1] + 1)
        sep = next(s for s in _CELL_SEPARATORS if norm[start].count(s) >= 2)
        width = len(rows[start])
        spec = _spec_heading(norm[start], sep, width)  # the heading itself read as the header row
        above, body = start, run[1:]
        if spec is None and start > 0:
            spec = _spec_heading(norm[start - 1], sep, width)
            above, body = start - 1, run
        if spec is None or len(body) < 2 or not all(_ROW_NUMBER.match(rows[i][0]) for i in body):
            continue
        head, cols = spec
        out[above] = head + "\n" + table_row_line(cols)
        for i in body:
            cells = rows[i]
            out[i] = table_row_line([_ROW_NUMBER.sub("", cells[0]), *cells[1:]])
    return out
