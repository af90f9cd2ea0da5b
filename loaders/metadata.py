"""Read one article into a :class:`~ecokg.loaders.records.Document`: decode, clean, metadata.

Metadata comes from what the cleaner harvested (headline, 来源, 编辑/记者, dates, HTML
<meta>), normalized here: the title loses its site-name suffix ("…_信网"), dates become ISO
8601 ("2025-12-11T15:47:00" or "2025-12-11"). Values given by the caller (command-line
flags) win over what was found.
"""

from __future__ import annotations

import re
from datetime import date as _date
from datetime import datetime

from ecokg.errors import InputError
from ecokg.loaders.boilerplate_rules import load_rules
from ecokg.loaders.cleaner import clean
from ecokg.loaders.html_text import strip_site_suffix
from ecokg.loaders.meta_harvest import DATE_RE
from ecokg.loaders.reader import RawArticle, decode
from ecokg.loaders.records import Document

_TEXT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fffA-Za-z]")


def parse_date(raw: str | None) -> str | None:
    """ISO 8601 of the first date (and time) in ``raw``, or None when there is no valid one."""
    if not raw:
        return None
    m = DATE_RE.search(raw)
    if not m:
        return None
    try:
        day = _date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["H"] is None:
        return day.isoformat()
    try:
        moment = datetime(day.year, day.month, day.day, int(m["H"]), int(m["M"]), int(m["S"] or 0))
    except ValueError:
        return day.isoformat()
    return moment.isoformat()


_HTTP = re.compile(r"^https?://[^/?#\s]+", re.IGNORECASE)
# Characters an IRI may not hold (RFC 3987): percent-encoded so the URL can be dcterms:source.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f\ufffc\ufffd]')


def safe_url(url: str) -> str:
    """``url`` with the characters an IRI may not hold percent-encoded (spaces, <>"{}|\\^` …)."""
    return _NOT_IN_IRI.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), url.strip())


def _found_url(value: object) -> str | None:
    """An http(s) URL the page declares (og:url, canonical …), made IRI-safe; anything else is dropped."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return safe_url(value) if _HTTP.match(value) else None


def _one_line(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def read_document(raw: RawArticle, *, title: str | None = None, publisher: str | None = None,
                  date: str | None = None, url: str | None = None) -> Document:
    """Decode, clean and describe one article; given values override the record's, which override
    the ones found in the text (a record's ``fallback_date`` comes last)."""
    if raw.error is not None:
        raise raw.error
    title, publisher, url = title or raw.title, publisher or raw.publisher, url or raw.url
    date = date if date is not None else raw.date
    text, encoding = decode(raw.data, raw.source, raw.media_type)
    if not text.strip():
        raise InputError(f"{raw.source}: file holds only whitespace",
                         hint="expected the text of a Chinese article")
    result = clean(text, raw.media_type)
    if not _TEXT.search(result.text):
        raise InputError(f"no article text found in {raw.source} after removing page boilerplate",
                         hint="expected Chinese paragraphs; check that the file is the article page")
    meta = result.meta
    rules = load_rules()

    found_title, site = (None, None)
    if isinstance(meta.get("title"), str) and meta["title"].strip():
        found_title, site = strip_site_suffix(" ".join(meta["title"].split()), rules)

    issued: str | None
    if date is not None:
        issued = parse_date(date)
        if issued is None:
            raise InputError(f"date {date!r} is not a calendar date",
                             hint="give it as YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]")
    else:
        issued = parse_date(meta.get("issued")) or parse_date(raw.fallback_date)

    if url is not None and not re.match(r"^https?://\S+$", url.strip()):
        raise InputError(f"url {url!r} is not an http(s) URL", hint="give it as https://host/path")

    authors = meta.get("authors") or []
    if isinstance(authors, str):
        authors = [a for a in re.split(r"[,，、;；\s]+", authors) if a]
    return Document(
        text=result.text,
        title=_one_line(title) or found_title,
        publisher=_one_line(publisher) or _one_line(meta.get("publisher")) or site,
        issued=issued,
        authors=list(dict.fromkeys(a.strip() for a in authors if a.strip())),
        url=safe_url(url.strip()) if url else _found_url(meta.get("url")),
        source_path=raw.source,
        encoding=encoding,
        media_type=raw.media_type,
    )
