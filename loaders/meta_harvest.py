"""Metadata harvested from the lines the cleaner drops: publisher, authors, dates, url, 文号.

Labelled lines (来源：…, 编辑：…, 原文链接：…, also a label on its own line followed by its value,
and government-table rows without colons: "索引号 … 发布机构 …"), byline lines (本报记者 …), bare
dates, document numbers (杭政办函〔2026〕12号), the agency of a dateline (新华社北京3月17日电, passed
in by the cleaner), an outlet named without a label in a date line ("星河快讯 · 2026-09-03 16:40 ·
编辑：…") and copyright notices each give a candidate; the lowest priority number wins per field.
Labels, byline patterns and the document-number pattern come from ``boilerplate.yaml``.

Fields: ``publisher``, ``authors``, ``issued`` (the publication date as written), ``written``
(the signing date of a government document, 成文日期; also an ``issued`` candidate below any
publication date), ``doc_number``, ``title`` (a 标题 cell) and ``url``.
"""

from __future__ import annotations

import re
from typing import Any

from ecokg.loaders.boilerplate_rules import Rules

#: A calendar date, optionally with a time: 2025-12-11 15:47, 2025年12月11日, 2025 12/11 15:47.
DATE_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.年]\s*|\s+)(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    r"(?:\s*T?\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{2})(?:\s*[:：分]\s*(?P<S>\d{2}))?)?"
)
_URL = re.compile(r"https?://[^\s\u3000-\u303f\uff00-\uffef\"'<>]+")
_COPYRIGHT_HOLDER = re.compile(r"(?i)(?:copyright|©)\s*(?:\(c\)|©)?\s*[\d\s\-–—,]*\s*([\u4e00-\u9fff]{2,20})")
_NAME = re.compile(r"^(?:[\u4e00-\u9fff][\u4e00-\u9fff·]{1,5}|[A-Za-z][A-Za-z .'\-]{1,40})$")
_SENTENCE_PUNCT = re.compile(r"[。！？；!?;]")
_WRAP = "()（）[]【】〔〕 "

# Priorities (lower wins): a labelled value on its line, then a label line followed by its value
# line, then bare dates and document numbers, then copyright holders. A signing date (成文日期)
# is an issued candidate a step below the publication date of the same layout.
LABELLED, NEXT_LINE, SIGNATURE, BARE, BARE_IN_TEXT, COPYRIGHT = 0, 10, 15, 20, 30, 50
# An unlabelled publisher: the agency of a dateline (新华社北京3月17日电), then an outlet named
# without a label in a page's date line; both below any labelled 来源, above a copyright holder.
DATELINE, DATE_LINE_OUTLET = 22, 25
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ROW_FIELD_SEP = re.compile(r"[\s·•|｜丨/／]+")
_WRITTEN_STEP = 5


def table_fields(line: str, rules: Rules) -> list[re.Match[str]]:
    """The labels of a metadata line: "label：" anywhere, or "label value" cells of a table row.

    Cells without colons are read only when the line starts with a label and has no sentence
    punctuation (a government table row: "索引号 113301/2026-00031 主题分类 工业").
    """
    labelled = list(rules.label_re.finditer(line))
    if _SENTENCE_PUNCT.search(line):
        return labelled
    cells = list(rules.label_cell_re.finditer(line))
    if cells and cells[0].start() == len(line) - len(line.lstrip("[【(（·•- ")) \
            and len(cells) > len(labelled):
        return cells
    return labelled


def doc_number_line(line: str, rules: Rules) -> str | None:
    """The document number when ``line`` is one and nothing else ("杭政办函〔2026〕12号")."""
    core = line.strip(_WRAP)
    return core if core and rules.doc_number_re.fullmatch(core) else None


def metadata_line(line: str, rules: Rules) -> bool:
    """Page metadata wherever it stands: a document number alone, a line of two or more
    labelled fields (发布时间：… 来源：… 责任编辑：…), or a government-table row that starts
    with a table label (索引号, 成文日期, 文号 …) and has no sentence punctuation."""
    if len(line) > 200 or "。" in line:
        return False
    if doc_number_line(line, rules):
        return True
    fields = table_fields(line, rules)
    if len(fields) >= 2:
        return True
    if not fields or len(line) > 120 or _SENTENCE_PUNCT.search(line):
        return False
    first = fields[0]
    label = first.group(1)
    return first.start() == len(line) - len(line.lstrip("[【(（·•- ")) and (
        rules.label_field[label] in rules.line_fields or len(label) >= rules.line_label_min_len)


class Harvest:
    """Metadata found in removed lines, with priorities (lower wins)."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.found: dict[str, tuple[int, str]] = {}
        self.authors: list[str] = []
        self.pending: str | None = None  # a label line ("· 来源 ·") waits for its value line

    def put(self, name: str, value: str, priority: int) -> None:
        value = value.strip(" \t·•|｜-—:：[]【】()（）")
        if value and (name not in self.found or priority < self.found[name][0]):
            self.found[name] = (priority, value)

    def line(self, line: str, *, header: bool = True) -> None:
        """Harvest one removed line; ``header``: it stands above the article body (an outlet named
        without a label is read anywhere in the header, below the body only when its name ends
        like an outlet's, so a related-news headline with its date is not taken for one)."""
        if not line:
            return
        if self.pending:
            name, self.pending = self.pending, None
            if len(line) <= 40 and not self.rules.label_only_re.match(line):
                self.field(name, line, NEXT_LINE)
                return
        only = self.rules.label_only_re.match(line)
        if only:
            self.pending = self.rules.label_field[only.group(1)]
            return
        number = doc_number_line(line, self.rules)
        if number:
            self.put("doc_number", number, BARE)
            return
        labelled = table_fields(line, self.rules) if len(line) <= 200 else []
        for k, m in enumerate(labelled):
            end = labelled[k + 1].start() if k + 1 < len(labelled) else len(line)
            self.field(self.rules.label_field[m.group(1)], line[m.end():end], LABELLED)
        for kind, pattern in self.rules.bylines:
            if kind == "line":
                byline = pattern.search(line)
                if byline:
                    self.names(byline.group("names"))
        if len(line) <= 80:
            date = DATE_RE.search(line)
            if date:
                rest = len(line) - len(date.group(0))
                self.put("issued", date.group(0), BARE if rest <= 20 else BARE_IN_TEXT)
        outlet = self.date_line_outlet(line, labelled)
        if outlet and (header or outlet.endswith(self.rules.outlet_endings)):
            self.put("publisher", outlet, DATE_LINE_OUTLET)
        if len(line) <= 80:
            holder = _COPYRIGHT_HOLDER.search(line)
            if holder:
                self.put("publisher", holder.group(1), COPYRIGHT)

    def date_line_outlet(self, line: str, labelled: list[re.Match[str]]) -> str | None:
        """The outlet a page's date line names without a label ("星河快讯 · 2026-09-03 16:40 ·
        编辑：…"): a field before the first label that looks like an outlet name. Only in a short
        line without sentence punctuation whose date has a time or that also has a labelled field,
        so a related-news link ("标题 2025-11-20") is not read as one."""
        if len(line) > 120 or _SENTENCE_PUNCT.search(line):
            return None
        date = DATE_RE.search(line)
        if date is None or (date.group("H") is None and not labelled):
            return None
        head = line[:labelled[0].start()] if labelled else line
        rules = self.rules
        for cell in _ROW_FIELD_SEP.split(DATE_RE.sub(" ", head)):
            cell = cell.strip("()（）[]【】<>《》:：,，、")
            cjk = len(_CJK.findall(cell))
            if cjk < 2 or len(cell) > 20 or cell.startswith(("本报", "本网", "本台", "本刊")):
                continue
            if cjk < rules.outlet_min_cjk and not cell.endswith(rules.outlet_endings):
                continue
            if rules.outlet_exclude.search(cell) or rules.label_only_re.match(cell) \
                    or any(r.pattern.search(cell) for r in rules.rules):
                continue
            return cell
        return None

    def agency(self, name: str) -> None:
        """The news agency of a dateline (新华社 in 新华社北京3月17日电), not "本报"/"本网"."""
        if not name.startswith("本"):
            self.put("publisher", name, DATELINE)

    def signature_date(self, line: str) -> None:
        """A date line under a notice's signature: the document's 成文日期."""
        date = DATE_RE.search(line)
        if date:
            self.put("written", date.group(0), SIGNATURE)
            self.put("issued", date.group(0), SIGNATURE)

    def field(self, name: str, value: str, priority: int) -> None:
        value = value.strip()
        if name in ("issued", "written"):
            date = DATE_RE.search(value)
            if date:
                if name == "written":
                    self.put("written", date.group(0), priority)
                    priority += _WRITTEN_STEP
                self.put("issued", date.group(0), priority)
        elif name == "doc_number":
            number = self.rules.doc_number_re.search(value)
            if number:
                self.put("doc_number", number.group(0), priority)
            elif 0 < len(value) <= 40 and not _SENTENCE_PUNCT.search(value):
                self.put("doc_number", value, priority + 1)
        elif name == "title":
            if 4 <= len(value) <= 200:
                self.put("title", value, priority)
        elif name == "url":
            url = _URL.search(value)
            if url:
                self.put("url", url.group(0), priority)
        elif name == "authors":
            self.names(value)
        elif name == "publisher":
            value = DATE_RE.sub(" ", value)
            value = re.split(r"\s+(?=[^\s:：]{1,8}\s*[:：])|\s{2,}|[|｜丨\]】）)\[【]",
                             value.strip())[0].strip()
            if 0 < len(value) <= 40 and not _URL.match(value):
                self.put("publisher", value, priority + 1)

    def names(self, text: str) -> None:
        for token in re.split(r"[\s、，,;；/／|｜]+", text):
            for role in self.rules.byline_roles:
                token = token.removeprefix(role).removesuffix(role)
            token = token.strip("（）()[]【】:：")
            if _NAME.match(token) and token not in self.authors:
                self.authors.append(token)

    def result(self) -> dict[str, Any]:
        meta: dict[str, Any] = {name: value for name, (_p, value) in self.found.items()}
        publisher = meta.get("publisher", "")
        authors = [a for a in self.authors
                   if a != publisher and not a.endswith(self.rules.org_suffixes)]
        if authors:
            meta["authors"] = authors
        return meta
