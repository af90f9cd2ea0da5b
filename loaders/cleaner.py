"""Remove page boilerplate from an article (text dump, Markdown or HTML) and harvest metadata.

A text dump of a news page has three zones: the header (navigation, then the headline), the
body (paragraphs and headings) and the footer (editor line, reprint notice, related news,
share prompts, copyright). ``loaders/data/boilerplate.yaml`` (``boilerplate_rules``) says which
lines are furniture; the body starts at the first paragraph and ends at the "end" marker after
which little paragraph text remains. Header and footer lines other than the headline are
dropped, and metadata (来源 → publisher, 编辑/记者/作者 → authors, dates → issued, 原文链接 → url)
is harvested from every dropped line (``meta_harvest``), and a dateline's agency and reporters
(新华社北京3月17日电（记者 …）) from the first paragraph. Then width and punctuation are
normalized, one character for one character (``normalize``). Markdown and HTML are first turned
into lines (``markdown_text``, ``html_text``); a table row of either becomes one line of cells
joined by "，" (one sentence, one clause per cell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ecokg.loaders.boilerplate_rules import Rules, load_rules
from ecokg.loaders.html_text import (
    html_fallback_text,
    html_label_lines,
    html_meta,
    html_tree,
    restore_headings,
    strip_site_suffix,
)
from ecokg.loaders.markdown_text import DELIMITER_ROW as _DELIMITER_ROW
from ecokg.loaders.markdown_text import markdown_to_text, split_row, table_row_line
from ecokg.loaders.meta_harvest import DATE_RE, Harvest, metadata_line
from ecokg.loaders.normalize import fullwidth_punct, normalize_width, squash
from ecokg.loaders.separated_rows import table_lines

__all__ = ["CleanResult", "clean", "clean_lines", "load_rules"]

_SENTENCE_PUNCT = re.compile(r"[。！？；!?;]")
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class CleanResult:
    """The cleaned text and the raw metadata strings found while cleaning.

    ``meta`` keys (each only when found): ``title``, ``publisher``, ``issued`` (the date as
    written), ``url``, ``written`` (a government document's signing date, 成文日期, as written),
    ``doc_number`` (its 文号, e.g. 杭政办函〔2026〕12号) (strings) and ``authors`` (a list of names).
    """

    text: str
    meta: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- text dumps


def _has_punct(line: str) -> bool:
    return bool(_SENTENCE_PUNCT.search(line))


def _is_paragraph(line: str) -> bool:
    n = len(line)
    if n >= 50 and _CJK_CHAR.search(line):
        return True
    if not _has_punct(line):
        return False
    return n >= 15 or (n >= 6 and line.rstrip("”’）)」』").endswith(("。", "!", "?")))


def _meta_like(line: str, rules: Rules) -> bool:
    """A "label：value" line or a date line with little else, not a sentence."""
    if line.endswith("。"):
        return False
    if rules.label_re.search(line):
        return True
    date = DATE_RE.search(line)
    return date is not None and len(line) - len(date.group(0)) <= 20


def _roles(line: str, rules: Rules) -> set[str]:
    roles = {r.role for r in rules.rules
             if (r.max_len is None or len(line) <= r.max_len) and r.pattern.search(line)}
    if metadata_line(line, rules):
        roles.add("drop")
    if len(rules.menu_sep.findall(line)) >= rules.menu_min:
        roles.add("chrome")
    elif not _has_punct(line) and len(line) <= 60:
        tokens = line.split()
        if len(tokens) >= 4 and all(len(t) <= 6 for t in tokens):
            roles.add("chrome")
    return roles


def _byline_line(line: str, rules: Rules) -> bool:
    return len(line) <= 80 and rules.byline_line_re.search(line) is not None


def _strip_bylines(line: str, rules: Rules, harvest: Harvest) -> str:
    for kind, pattern in rules.bylines:
        if kind in ("prefix", "suffix"):
            m = pattern.search(line)
            if m:
                if m.group("names"):
                    harvest.names(m.group("names"))
                if "agency" in pattern.groupindex and m.group("agency"):
                    harvest.agency(m.group("agency"))
                if "cut" in pattern.groupindex:  # remove only the marked part (a dateline stays)
                    if m.group("cut"):
                        line = (line[:m.start("cut")] + line[m.end("cut"):]).strip()
                else:
                    line = (line[m.end():] if kind == "prefix" else line[:m.start()]).strip()
    return line


def _drop_label_values(norm: list[str], roles: list[set[str]], rules: Rules) -> None:
    """A dropped label line with no value ("发布机构：") drops its value line below it too."""
    for i, line in enumerate(norm):
        if not line or "drop" not in roles[i] or not rules.label_only_re.match(line):
            continue
        j = next((k for k in range(i + 1, len(norm)) if norm[k]), None)
        if j is not None and len(norm[j]) <= 40 and not _has_punct(norm[j]) \
                and not rules.label_only_re.match(norm[j]):
            roles[j].add("drop")


def _keep_field_lines(norm: list[str], roles: list[set[str]], first: int, last: int) -> None:
    """A label that recurs on lines between the body's paragraphs (发布部门：X under each item of a
    policy digest) labels a field of each listed item, not the article: those lines stay in the body."""
    fields: dict[str, list[int]] = {}
    for i in range(first + 1, last):
        if "drop" in roles[i]:
            label = re.split(r"[：:]", norm[i], maxsplit=1)[0].strip()
            if 0 < len(label) <= 8 and len(label) < len(norm[i]) - 1:
                fields.setdefault(label, []).append(i)
    for lines in fields.values():
        if len(lines) >= 2:
            for i in lines:
                roles[i] = set()


def _signed_above(norm: list[str], i: int, rules: Rules) -> bool:
    """``norm[i]`` is a date alone under a short line naming an issuer (a notice's signature)."""
    if not DATE_RE.fullmatch(norm[i].strip("()（）[]【】 ")):
        return False
    above = next((norm[k] for k in range(i - 1, -1, -1) if norm[k]), "")
    return 0 < len(above) <= 30 and not _has_punct(above) and above.endswith(rules.issuer_suffixes)


def clean_lines(lines: list[str], *, title_hint: str | None = None, trim_tail: bool = True,
                rows: frozenset[int] = frozenset()) -> CleanResult:
    """Clean a text dump given as lines (see the module docstring).

    ``trim_tail``: the body also ends at its last paragraph (short trailing lines are page
    furniture in a text dump, but may be a closing list in Markdown or extracted HTML); ``rows``:
    the indices of lines that are table rows, which the body keeps as it keeps paragraphs.
    """
    rules = load_rules()
    harvest = Harvest(rules)
    raw = [" ".join(line.split()) for line in lines]
    norm = [normalize_width(line).strip() for line in raw]
    separated = table_lines(norm)
    if separated:
        rows = rows | frozenset(separated)
        for i, line in separated.items():
            norm[i] = raw[i] = line
    roles = [_roles(line, rules) if line else set() for line in norm]
    byline = [_byline_line(line, rules) for line in norm]
    n = len(norm)
    _drop_label_values(norm, roles, rules)
    para = [bool(norm[i]) and not roles[i] and not byline[i] and _is_paragraph(norm[i]) for i in range(n)]
    first = next((i for i in range(n) if para[i]), n)

    # The headline: the hinted line, else the first substantial header line (not much shorter
    # than the longest one).
    title_at: int | None = None
    if title_hint:
        want = squash(title_hint)
        title_at = next((i for i in range(min(first + 1, n)) if norm[i] and squash(norm[i]) == want), None)
    if title_at is None:
        cands = [i for i in range(first) if norm[i] and not roles[i] and not byline[i]
                 and not _meta_like(norm[i], rules) and len(_CJK_CHAR.findall(norm[i])) >= 4]
        if cands:
            longest = max(len(norm[i]) for i in cands)
            title_at = next(i for i in cands if len(norm[i]) >= 0.6 * longest)
        elif first < n and len(norm[first]) <= 40 and not norm[first].endswith("。"):
            # a headline with ！ or ？ looks like a paragraph: it is the title when a paragraph follows
            following = next((i for i in range(first + 1, n) if para[i]), None)
            if following is not None:
                title_at, first = first, following
    if first == n and title_at is not None:
        first = title_at + 1  # no paragraph at all: everything after the headline is body

    # The end of the body: the first "end" marker after which little paragraph text remains.
    mass = [len(norm[i]) if para[i] else 0 for i in range(n)]
    total_after = sum(mass[first:])
    end = n
    before = 0
    for i in range(first, n):
        before += mass[i]
        total_after -= mass[i]
        if "end" in roles[i] and not para[i] and total_after < 0.5 * before:
            end = i
            break
    last_para = max((i for i in range(first, end) if para[i] or i in rows), default=first - 1)
    if trim_tail and last_para >= first:
        end = min(end, last_para + 1)

    _keep_field_lines(norm, roles, first, last_para)
    kept: list[str] = []
    for i in range(n):
        line = norm[i]
        if not line:
            continue
        if i == title_at:
            kept.append(line)
            continue
        in_body = first <= i < end
        header_extra = title_at is not None and title_at < i < first and not roles[i] \
            and not _meta_like(line, rules) and not byline[i] and len(_CJK_CHAR.findall(line)) >= 4
        if header_extra:
            kept.append(line)
            continue
        if not in_body or "drop" in roles[i] or byline[i] \
                or (roles[i] and not _has_punct(line)):
            harvest.line(line, header=i < first)
            if in_body and _signed_above(norm, i, rules):
                harvest.signature_date(line)
            continue
        harvest.pending = None
        line = _strip_bylines(line, rules, harvest)
        if line:
            kept.append(line)

    meta = harvest.result()
    if title_at is not None:
        meta["title"] = raw[title_at].strip()
    text = "\n".join(fullwidth_punct(line) for line in kept)
    return CleanResult(text, meta)


# ---------------------------------------------------------------- HTML


def _html_table_line(line: str) -> str:
    """A "| a | b |" row of trafilatura's text as ``table_row_line``; a delimiter row goes."""
    core = line.strip()
    if len(core) < 2 or not (core.startswith("|") and core.endswith("|")):
        return line
    if _DELIMITER_ROW.match(core):
        return ""
    return table_row_line(split_row(core))


def _clean_html(html: str) -> CleanResult:
    rules = load_rules()
    root = html_tree(html)
    tags = html_meta(root, rules) if root is not None else {}
    extracted: str | None = None
    doc_meta: Any = None
    try:
        import trafilatura

        extracted = trafilatura.extract(html, include_comments=False, output_format="txt",
                                        include_tables=True)
        doc_meta = trafilatura.extract_metadata(html)
    except Exception:  # trafilatura chokes on some junk; the lxml walk below covers it
        extracted = None
    if not extracted or not re.search(r"[\u4e00-\u9fffA-Za-z]", extracted):
        extracted = html_fallback_text(html)
    else:  # trafilatura drops section headings; the ones over a table say what it lists
        extracted = "\n".join(restore_headings(root, extracted.split("\n")))
    # trafilatura writes table rows as "| a | b |": one line per row, cells joined as in Markdown
    extracted = "\n".join(_html_table_line(line) for line in extracted.split("\n"))
    title = tags.get("title") or (getattr(doc_meta, "title", None) or None)
    site = None
    if title:
        title, site = strip_site_suffix(" ".join(title.split()), rules)
    lines = extracted.split("\n")
    head = [line for line in lines[:5] if line.strip()]
    if title and not any(squash(title) == squash(line) for line in head[:3]):
        lines.insert(0, title)
    result = clean_lines(lines, title_hint=title, trim_tail=False)
    meta = dict(result.meta)
    if root is not None:  # metadata cells the extraction left out (an index table, info spans)
        cells = Harvest(rules)
        for line in html_label_lines(root, rules):
            cells.line(line)
        for key, value in cells.result().items():
            meta.setdefault(key, value)
    if title:
        meta["title"] = title
    if tags.get("publisher"):
        meta["publisher"] = tags["publisher"]
    elif not meta.get("publisher") and (tags.get("site_name") or getattr(doc_meta, "sitename", None) or site):
        meta["publisher"] = tags.get("site_name") or getattr(doc_meta, "sitename", None) or site
    issued = tags.get("issued") or meta.get("issued") or getattr(doc_meta, "date", None)
    if issued:
        meta["issued"] = issued
    if tags.get("authors"):
        names = [a.strip() for a in re.split(r"[,，、;；\s]+", tags["authors"]) if a.strip()]
        meta["authors"] = list(dict.fromkeys([*meta.get("authors", []), *names]))
    url = tags.get("url") or meta.get("url") or getattr(doc_meta, "url", None)
    if url:
        meta["url"] = url
    return CleanResult(result.text, meta)


# ---------------------------------------------------------------- entry point


def clean(text: str, media_type: str) -> CleanResult:
    """Remove boilerplate from decoded article text; harvest its metadata."""
    if media_type == "text/html":
        return _clean_html(text)
    if media_type == "text/markdown":
        lines, front, h1 = markdown_to_text(text)
        result = clean_lines(lines, title_hint=front.get("title") or h1, trim_tail=False)
        meta = dict(result.meta)
        for key, value in front.items():
            if key == "authors":
                meta[key] = [a.strip(" \"'") for a in re.split(r"[,，、;；]", value.strip("[]"))
                             if a.strip(" \"'")]
            else:
                meta[key] = value
        return CleanResult(result.text, meta)
    lines = text.split("\n")
    rows = frozenset(i for i, line in enumerate(lines) if _is_tab_row(line))
    return clean_lines([_tab_row(line) if i in rows else line for i, line in enumerate(lines)], rows=rows)


def _is_tab_row(line: str) -> bool:
    return line.strip(" \r").count("\t") >= 2


def _tab_row(line: str) -> str:
    """A line of three or more tab-separated cells (a table pasted as text) as a table row."""
    return table_row_line(line.strip(" \r").split("\t"))
