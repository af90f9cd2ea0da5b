"""``ecokg diff --format html``: the changes between two graphs as one offline page.

Every text (names, sentences from articles) is escaped: article text is untrusted.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecokg.graph.diff import Diff

_STYLE = """body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;
vertical-align:top}th{background:#f3f3f3}.added{color:#1a7f37}.removed{color:#cf222e}.changed{color:#9a6700}
td.sentence{color:#555;font-size:.9em}"""


def diff_page(result: Diff, old: str, new: str) -> str:
    """The HTML page of a diff between graphs named ``old`` and ``new``."""
    rows = []
    for c in result.changes:
        cells = (c.kind, c.change, c.what, c.before, c.after)
        tds = "".join(f"<td>{escape(v)}</td>" for v in cells)
        rows.append(f'<tr class="{escape(c.change)}">{tds}'
                    f'<td class="sentence">{escape(c.sentence)}</td></tr>')
    body = "\n".join(rows) or '<tr><td colspan="6">no changes</td></tr>'
    return (f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
            f"<title>ecokg diff</title><style>{_STYLE}</style></head><body>\n"
            f"<h1>ecokg diff</h1>\n<p>{escape(old)} → {escape(new)}: {escape(result.summary())}</p>\n"
            "<table><thead><tr><th>kind</th><th>change</th><th>what</th><th>before</th><th>after</th>"
            f"<th>sentence</th></tr></thead>\n<tbody>\n{body}\n</tbody></table>\n</body></html>\n")


__all__ = ["diff_page"]
