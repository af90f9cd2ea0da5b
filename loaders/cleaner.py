"""Remove page boilerplate from an article (text dump, Markdown or HTML) and harvest metadata.

A text dump of a news page has three zones: the header (navigation, then the headline), the
body (paragraphs and headings) and the footer (editor line, reprint notice, related news,
share prompts, copyright). ``loaders/data/boilerplate.yaml`` says which lines are furniture;
the body starts at the first paragraph and ends at the "end" marker after which little
paragraph text remains. Header and footer lines other than the headline are dropped, and
metadata (来源 → publisher, 编辑/记者/作者 → authors, dates → issued, 原文链接 → url) is
harvested from every dropped line. Then width and punctuation are normalized, one character
for one character.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ecokg.errors import InputError

#: A calendar date, optionally with a time: 2025-12-11 15:47, 2025年12月11日, 2025 12/11 15:47.
DATE_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.年]\s*|\s+)(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    r"(?:\s*T?\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{2})(?:\s*[:：分]\s*(?P<S>\d{2}))?)?"
)
_SENTENCE_PUNCT = re.compile(r"[。！？；!?;]")
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ASCII_PUNCT = re.compile(r"[,:;?!()]")
_FULLWIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_URL = re.compile(r"https?://[^\s\u3000-\u303f\uff00-\uffef\"'<>]+")
_COPYRIGHT_HOLDER = re.compile(r"(?i)(?:copyright|©)\s*(?:\(c\)|©)?\s*[\d\s\-–—,]*\s*([\u4e00-\u9fff]{2,20})")
_NAME = re.compile(r"^(?:[\u4e00-\u9fff][\u4e00-\u9fff·]{1,5}|[A-Za-z][A-Za-z .'\-]{1,40})$")


@dataclass(frozen=True)
class CleanResult:
    """The cleaned text and the raw metadata strings found while cleaning.

    ``meta`` keys (each only when found): ``title``, ``publisher``, ``issued`` (the date as
    written), ``url`` (strings) and ``authors`` (a list of names).
    """

    text: str
    meta: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- rules (boilerplate.yaml)


@dataclass(frozen=True)
class _Rule:
    role: str
    pattern: re.Pattern[str]
    max_len: int | None


@dataclass(frozen=True)
class Rules:
    """``boilerplate.yaml``, compiled."""

    rules: tuple[_Rule, ...]  # one combined pattern per (role, max_len)
    byline_line_re: re.Pattern[str]
    menu_sep: re.Pattern[str]
    menu_min: int
    label_re: re.Pattern[str]
    label_only_re: re.Pattern[str]
    label_field: dict[str, str]
    bylines: tuple[tuple[str, re.Pattern[str]], ...]
    byline_roles: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    title_separators: tuple[str, ...]
    site_name_endings: tuple[str, ...]
    html_meta: dict[str, tuple[str, ...]]


def _scoped(pattern: str) -> str:
    """A leading global flag such as ``(?i)`` made local, so patterns can be joined."""
    m = re.match(r"^\(\?([aiLmsux]+)\)", pattern)
    return f"(?{m.group(1)}:{pattern[m.end():]})" if m else pattern


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read and compile ``boilerplate.yaml`` (once)."""
    import yaml

    from ecokg.resources import loader_data

    try:
        raw = yaml.safe_load(loader_data("boilerplate.yaml").read_text(encoding="utf-8"))
        grouped: dict[tuple[str, int | None], list[str]] = {}
        for r in raw["rules"]:
            re.compile(r["pattern"])  # report a bad pattern on its own
            grouped.setdefault((r["role"], r.get("max_len")), []).append(_scoped(r["pattern"]))
        rules = tuple(_Rule(role, re.compile("|".join(f"(?:{p})" for p in pats)), max_len)
                      for (role, max_len), pats in grouped.items())
        label_field = {label: name for name, labels in raw["meta_labels"].items() for label in labels}
        labels = "|".join(sorted(map(re.escape, label_field), key=len, reverse=True))
        bylines = tuple((b["kind"], re.compile(b["pattern"])) for b in raw["bylines"])
        return Rules(
            rules=rules,
            byline_line_re=re.compile("|".join(
                f"(?:{b.pattern.replace('(?P<names>', '(?:')})" for kind, b in bylines if kind == "line")),
            menu_sep=re.compile(raw["menu_separators"]),
            menu_min=int(raw["menu_min_separators"]),
            label_re=re.compile(rf"(?<![\u4e00-\u9fff])({labels})\s*[:：]\s*"),
            label_only_re=re.compile(rf"^[\[【(（·•\-\s]*({labels})[\]】)）·•\-\s:：]*$"),
            label_field=label_field,
            bylines=bylines,
            byline_roles=tuple(sorted(raw["byline_roles"], key=len, reverse=True)),
            org_suffixes=tuple(raw["org_suffixes"]),
            title_separators=tuple(raw["title_separators"]),
            site_name_endings=tuple(raw["site_name_endings"]),
            html_meta={k: tuple(v) for k, v in raw["html_meta"].items()},
        )
    except (KeyError, TypeError, ValueError, re.error, yaml.YAMLError) as exc:
        raise InputError(f"loaders/data/boilerplate.yaml is malformed: {exc}",
                         hint="fix the file; every rule needs a role and a pattern") from exc


# ---------------------------------------------------------------- normalization


def _width_table() -> dict[int, str]:
    table = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
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


_CJK_CLASS = "\u2010-\u2027\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff"
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
    return "".join(chars)


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


# ---------------------------------------------------------------- harvesting metadata


class _Harvest:
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

    def line(self, line: str) -> None:
        if not line:
            return
        if self.pending:
            name, self.pending = self.pending, None
            if len(line) <= 40 and not self.rules.label_only_re.match(line):
                self.field(name, line, 1)
                return
        only = self.rules.label_only_re.match(line)
        if only:
            self.pending = self.rules.label_field[only.group(1)]
            return
        labelled = list(self.rules.label_re.finditer(line)) if len(line) <= 200 else []
        for k, m in enumerate(labelled):
            end = labelled[k + 1].start() if k + 1 < len(labelled) else len(line)
            self.field(self.rules.label_field[m.group(1)], line[m.end():end], 0)
        for kind, pattern in self.rules.bylines:
            if kind == "line":
                byline = pattern.search(line)
                if byline:
                    self.names(byline.group("names"))
        if len(line) <= 80:
            date = DATE_RE.search(line)
            if date:
                rest = len(line) - len(date.group(0))
                self.put("issued", date.group(0), 2 if rest <= 20 else 3)
            holder = _COPYRIGHT_HOLDER.search(line)
            if holder:
                self.put("publisher", holder.group(1), 5)

    def field(self, name: str, value: str, priority: int) -> None:
        value = value.strip()
        if name == "issued":
            date = DATE_RE.search(value)
            if date:
                self.put("issued", date.group(0), priority)
        elif name == "url":
            url = _URL.search(value)
            if url:
                self.put("url", url.group(0), priority)
        elif name == "authors":
            self.names(value)
        elif name == "publisher":
            value = DATE_RE.sub(" ", value)
            value = re.split(r"\s+(?=[^\s:：]{1,8}\s*[:：])|\s{2,}|[|｜丨\]】）)\[【]", value.strip())[0].strip()
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


# ---------------------------------------------------------------- text dumps


def _roles(line: str, rules: Rules) -> set[str]:
    roles = {r.role for r in rules.rules
             if (r.max_len is None or len(line) <= r.max_len) and r.pattern.search(line)}
    if len(rules.menu_sep.findall(line)) >= rules.menu_min:
        roles.add("chrome")
    elif not _has_punct(line) and len(line) <= 60:
        tokens = line.split()
        if len(tokens) >= 4 and all(len(t) <= 6 for t in tokens):
            roles.add("chrome")
    return roles


def _byline_line(line: str, rules: Rules) -> bool:
    return len(line) <= 80 and rules.byline_line_re.search(line) is not None


def _strip_bylines(line: str, rules: Rules, harvest: _Harvest) -> str:
    for kind, pattern in rules.bylines:
        if kind in ("prefix", "suffix"):
            m = pattern.search(line)
            if m:
                harvest.names(m.group("names"))
                if "cut" in pattern.groupindex:  # remove only the marked part (a dateline stays)
                    line = (line[:m.start("cut")] + line[m.end("cut"):]).strip()
                else:
                    line = (line[m.end():] if kind == "prefix" else line[:m.start()]).strip()
    return line


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", normalize_width(text))


def clean_lines(lines: list[str], *, title_hint: str | None = None, trim_tail: bool = True) -> CleanResult:
    """Clean a text dump given as lines (see the module docstring).

    ``trim_tail``: the body also ends at its last paragraph (short trailing lines are page
    furniture in a text dump, but may be a closing list in Markdown or extracted HTML).
    """
    rules = load_rules()
    harvest = _Harvest(rules)
    raw = [" ".join(line.split()) for line in lines]
    norm = [normalize_width(line).strip() for line in raw]
    roles = [_roles(line, rules) if line else set() for line in norm]
    byline = [_byline_line(line, rules) for line in norm]
    n = len(norm)
    para = [bool(norm[i]) and not roles[i] and not byline[i] and _is_paragraph(norm[i]) for i in range(n)]
    first = next((i for i in range(n) if para[i]), n)

    # The headline: the hinted line, else the first substantial header line (not much shorter
    # than the longest one).
    title_at: int | None = None
    if title_hint:
        want = _squash(title_hint)
        title_at = next((i for i in range(min(first + 1, n)) if norm[i] and _squash(norm[i]) == want), None)
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
    last_para = max((i for i in range(first, end) if para[i]), default=first - 1)
    if trim_tail and last_para >= first:
        end = min(end, last_para + 1)

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
            harvest.line(line)
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


# ---------------------------------------------------------------- Markdown


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
                      ("source", "publisher"), ("publisher", "publisher"), ("url", "url"), ("link", "url")):
        if front.get(key) and name not in meta:
            meta[name] = front[key]
    return out, meta, h1


# ---------------------------------------------------------------- HTML


_BLOCK_TAGS = ("p", "div", "section", "article", "li", "ul", "ol", "table", "tr", "h1", "h2", "h3", "h4",
               "h5", "h6", "blockquote", "pre", "dd", "dt", "dl", "figcaption", "main", "td", "th")
_SKIP_TAGS = ("script", "style", "nav", "footer", "header", "aside", "noscript", "form", "iframe",
              "template", "svg", "select", "button", "object", "embed", "canvas", "head")
_SKIP_CLASS = re.compile(r"(?i)\b(nav|menu|footer|breadcrumb|share|copyright|sidebar|toolbar|comment)")


def _html_tree(html: str) -> Any:
    from lxml import html as lxml_html

    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        return lxml_html.document_fromstring(html)
    except Exception:  # lxml raises several types on junk input
        return None


def _html_meta(root: Any, rules: Rules) -> dict[str, str]:
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
        if h1_text and (not title_text or _squash(h1_text) in _squash(title_text)):
            found["title"] = h1_text
        elif title_text:
            found["title"] = title_text
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href") and "url" not in found:
            found["url"] = link.get("href").strip()
    return found


def html_fallback_text(html: str) -> str:
    """Text of a page without scripts, styles, navigation, footers and link lists (no trafilatura)."""
    root = _html_tree(html)
    return _html_fallback_text(root) if root is not None else ""


def _html_fallback_text(root: Any) -> str:
    for el in list(root.iter(*_SKIP_TAGS)):
        el.drop_tree()
    for el in list(root.iter("div", "ul", "ol", "section", "p", "li", "table")):
        if el.getparent() is None:
            continue
        if _SKIP_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
            el.drop_tree()
            continue
        text = " ".join(el.text_content().split())
        links = sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))
        if text and links >= 0.7 * len(text) and len(text) < 300:
            el.drop_tree()
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
        if found and head.strip() and 0 < len(tail) <= 20 and len(head.strip()) >= 4 \
                and tail.endswith(rules.site_name_endings):
            return head.strip(), tail
    return title.strip(), None


def _clean_html(html: str) -> CleanResult:
    rules = load_rules()
    root = _html_tree(html)
    tags = _html_meta(root, rules) if root is not None else {}
    extracted: str | None = None
    doc_meta: Any = None
    try:
        import trafilatura

        extracted = trafilatura.extract(html, include_comments=False, output_format="txt", include_tables=True)
        doc_meta = trafilatura.extract_metadata(html)
    except Exception:  # trafilatura chokes on some junk; the lxml walk below covers it
        extracted = None
    if not extracted or not re.search(r"[\u4e00-\u9fffA-Za-z]", extracted):
        extracted = html_fallback_text(html)
    # trafilatura writes table rows as "| a | b |": keep the cells, lose the pipes
    extracted = re.sub(r"(?m)^\|\s*(.*?)\s*\|\s*$", lambda m: re.sub(r"\s*\|\s*", " ", m.group(1)), extracted)
    title = tags.get("title") or (getattr(doc_meta, "title", None) or None)
    site = None
    if title:
        title, site = strip_site_suffix(" ".join(title.split()), rules)
    lines = extracted.split("\n")
    head = [line for line in lines[:5] if line.strip()]
    if title and not any(_squash(title) == _squash(line) for line in head[:3]):
        lines.insert(0, title)
    result = clean_lines(lines, title_hint=title, trim_tail=False)
    meta = dict(result.meta)
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
                meta[key] = [a.strip(" \"'") for a in re.split(r"[,，、;；]", value.strip("[]")) if a.strip(" \"'")]
            else:
                meta[key] = value
        return CleanResult(result.text, meta)
    return clean_lines(text.split("\n"))
