"""HTML pages: their metadata tags, a plain-text fallback walk, and the site suffix of a title.

``html_meta`` reads ``<meta>`` (keys from ``boilerplate.yaml``), ``<title>``, ``<h1>`` and
``<link rel=canonical>``; a page without ``<h1>`` takes its headline from the ``<h2>``/``<h3>``
that the ``<title>`` starts with before its site suffix. ``html_label_lines`` gives the metadata
cells of a page (索引号/发布机构/成文日期/文号 tables, 发布时间/来源 spans) as "label：value" lines,
and a date line of inline cells as "cell · cell · cell", wherever they stand;
``html_fallback_text`` is the body text without scripts, navigation, footers and link lists,
used when trafilatura finds nothing; ``strip_site_suffix`` splits "标题_信网" (or
"标题-星河财经观察") into headline and site name.
"""

from __future__ import annotations

import re
from typing import Any

from ecokg.loaders.boilerplate_rules import Rules, load_rules
from ecokg.loaders.markdown_text import table_row_line
from ecokg.loaders.meta_harvest import DATE_RE, metadata_line
from ecokg.loaders.normalize import normalize_width, squash

_BLOCK_TAGS = ("p", "div", "section", "article", "li", "ul", "ol", "table", "tr", "h1", "h2", "h3", "h4",
               "h5", "h6", "blockquote", "pre", "dd", "dt", "dl", "figcaption", "main", "td", "th")
_SKIP_TAGS = ("script", "style", "nav", "footer", "header", "aside", "noscript", "form", "iframe",
              "template", "svg", "select", "button", "object", "embed", "canvas", "head")
_SKIP_CLASS = re.compile(r"(?i)\b(nav|menu|footer|breadcrumb|share|copyright|sidebar|toolbar|comment"
                         # not "print": a government page's article is often #printContent
                         r"|fontsize|font-size|bdshare)")
# Elements that hold one metadata cell of a page (a table cell, an info span): "label" with its
# value in the next element, or "label：value". Paragraph-like elements count only when their text
# is clearly page metadata (``metadata_line``), not "时间：…" in an event notice.
_CELL_TAGS = ("td", "th", "dt", "span", "em", "i", "b", "strong", "label", "font", "small")
_LINE_TAGS = ("p", "div", "li", "dd")
_INLINE_TAGS = ("span", "em", "i", "b", "strong", "font", "small", "time", "a", "label")
_BARE_DASHES = "-"
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
_SEPARATOR_CHARS = "_-–—|｜丨: "
_SENTENCE_PUNCT = re.compile(r"[。！？；!?;]")


def html_tree(html: str) -> Any:
    from lxml import html as lxml_html

    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        parser = lxml_html.HTMLParser(huge_tree=True)  # deep nesting must not lose the article
        return lxml_html.document_fromstring(html, parser=parser)
    except Exception:  # lxml raises several types on junk input
        return None


def html_meta(root: Any, rules: Rules) -> dict[str, str]:
    """Metadata from <meta>, <title>, <h1> and <link rel=canonical>."""
    found: dict[str, str] = {}
    tags: dict[str, str] = {}
    for el in root.iter("meta"):
        key = el.get("name") or el.get("property") or el.get("itemprop")
        content = (el.get("content") or "").strip()
        if key and content:
            tags.setdefault(key.lower(), content)
    for name, keys in rules.html_meta.items():
        for key in keys:
            if tags.get(key.lower()):
                found[name] = tags[key.lower()]
                break
    title = root.find(".//title")
    if "title" not in found:
        h1 = root.find(".//h1")
        h1_text = " ".join(h1.text_content().split()) if h1 is not None else ""
        title_text = " ".join(title.text_content().split()) if title is not None else ""
        if h1_text and (not title_text or squash(h1_text) in squash(title_text)):
            found["title"] = h1_text
        elif title_text:
            found["title"] = title_text
            headline = _headline_before_site(root, title_text)
            if headline:
                found["title"], site = headline
                if site and "site_name" not in found:
                    found["site_name"] = site
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href") and "url" not in found:
            found["url"] = link.get("href").strip()
    return found


def _headline_before_site(root: Any, title: str) -> tuple[str, str | None] | None:
    """A page without <h1>: the <h2>/<h3> headline the <title> starts with, followed by a
    separator and the site name ("标题-星河财经观察" over <h2>标题</h2>), and that site name."""
    for el in root.iter("h2", "h3"):
        heading = " ".join(el.text_content().split())
        if len(heading) < 4 or not title.startswith(heading):
            continue
        rest = title[len(heading):]
        if rest[:1] in _SEPARATOR_CHARS and rest.strip(_SEPARATOR_CHARS):
            site = rest.strip(_SEPARATOR_CHARS)
            return heading, site if len(site) <= 20 else None
    return None


def html_label_lines(root: Any, rules: Rules) -> list[str]:
    """"label：value" lines of the page's metadata cells, in document order, without repeats."""
    lines: list[str] = []
    for el in root.iter(*_CELL_TAGS, *_LINE_TAGS):
        if not isinstance(el.tag, str) or any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el):
            continue
        text = normalize_width(" ".join(el.text_content().split()))
        if not text or len(text) > 120:
            continue
        only = rules.label_only_re.match(text)
        if only and el.tag in _CELL_TAGS:
            nxt = el.getnext()
            value = " ".join((nxt.text_content() if nxt is not None else el.tail or "").split())
            if value and len(value) <= 120 and not rules.label_only_re.match(normalize_width(value)):
                lines.append(f"{only.group(1)}：{normalize_width(value)}")
        elif not only and (metadata_line(text, rules)
                           or (el.tag in _CELL_TAGS and rules.label_re.match(text) and len(text) <= 60)):
            lines.append(text)
        elif not only:
            row = _date_row(el, text)
            if row:
                lines.append(row)
    return list(dict.fromkeys(lines))


def _date_row(el: Any, text: str) -> str | None:
    """A page's date line laid out as inline cells (<span>2026-07-09 09:20</span> <span>星河财经观察</span>
    <span>作者：…</span>): its cells joined by " · ", so the harvester sees where each one ends."""
    children = [c for c in el if isinstance(c.tag, str)]
    if len(children) < 2 or any(c.tag not in _INLINE_TAGS for c in children) \
            or _SENTENCE_PUNCT.search(text) or not DATE_RE.search(text):
        return None
    parts = [el.text or ""]
    for child in children:
        parts += [child.text_content(), child.tail or ""]
    cells = [normalize_width(" ".join(p.split())) for p in parts]
    return " · ".join(c for c in cells if c)


def html_fallback_text(html: str) -> str:
    """Text of a page without scripts, styles, navigation, footers and link lists (no trafilatura)."""
    root = html_tree(html)
    return _html_fallback_text(root) if root is not None else ""


def _html_fallback_text(root: Any) -> str:
    for el in list(root.iter(*_SKIP_TAGS)):
        el.drop_tree()
    for el in list(root.iter("div", "ul", "ol", "section", "p", "li", "table", "span")):
        if el.getparent() is None:
            continue
        if _SKIP_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
            el.drop_tree()
            continue
        if el.tag == "span":  # inline: only its class says it is furniture, never its links
            continue
        text = " ".join(el.text_content().split())
        links = sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))
        if text and links >= 0.7 * len(text) and len(text) < 300:
            el.drop_tree()
    for row in list(root.iter("tr")):  # one line per table row, cells joined as in Markdown
        cells = [" ".join(c.text_content().split()) for c in row
                 if isinstance(c.tag, str) and c.tag in ("td", "th")]
        if cells and not any(c.find(".//table") is not None for c in row if isinstance(c.tag, str)):
            tail = row.tail
            row.clear()
            row.text, row.tail = table_row_line(cells), tail
    for el in root.iter(*_BLOCK_TAGS, "br"):
        el.tail = "\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n" + (el.text or "")
    body = root.find(".//body")
    return (body if body is not None else root).text_content()


def strip_site_suffix(title: str, rules: Rules | None = None) -> tuple[str, str | None]:
    """``("标题", "信网")`` for ``"标题_信网"``; the site part only when it looks like a site name."""
    rules = rules or load_rules()
    for sep in rules.title_separators:
        head, found, tail = title.rpartition(sep)
        tail = tail.strip()
        if sep.strip() == sep and len(sep) == 1 and sep in _BARE_DASHES and _LATIN_OR_DIGIT.search(tail):
            continue  # "Orion-7B", "2026-2028": a hyphen inside a name or a range
        if found and head.strip() and 0 < len(tail) <= 20 and len(head.strip()) >= 4 \
                and tail.endswith(rules.site_name_endings):
            return head.strip(), tail
    return title.strip(), None


def _squashed(text: str) -> str:
    return re.sub(r"[\s|]+", "", text)


def restore_headings(root: Any, lines: list[str]) -> list[str]:
    """Section headings (<h2>…<h4>) the main-text extraction dropped, put back over the block they
    head (a table's "二、主要入驻企业" says whose tenants its rows are)."""
    if root is None:
        return lines
    out = list(lines)
    have = {_squashed(line) for line in out}
    for h in root.iter("h2", "h3", "h4"):
        heading = " ".join(h.text_content().split())
        if not heading or len(heading) > 40 or _squashed(heading) in have:
            continue
        nxt = h.getnext()
        while nxt is not None and not _squashed(nxt.text_content() if isinstance(nxt.tag, str) else ""):
            nxt = nxt.getnext()
        if nxt is None:
            continue
        key = _squashed(nxt.text_content())[:12]
        for i, line in enumerate(out):
            flat = _squashed(line)
            if len(flat) >= 4 and (flat.startswith(key) or key.startswith(flat[:12])):
                out.insert(i, heading)
                have.add(_squashed(heading))
                break
    return out
