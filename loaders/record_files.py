"""Files that hold many articles: crawler output as WARC (warcio) and JSON Lines exports.

Each record is one ``RawArticle`` named ``FILE#N`` (the N-th HTML response of a WARC file) or
``FILE:LINE`` (a JSON Lines line), with its URL, date and title. Records are streamed, so a file
may be larger than one article's limit. A record that cannot be read is yielded with its
``error`` set: loading it raises that error, so a batch reports it (with its line number) and,
with ``--keep-going``, builds the others.

* WARC (``.warc``, ``.warc.gz``): every ``response`` record with status 2xx and an HTML (or plain
  text) body; its ``WARC-Target-URI`` is the URL, its ``WARC-Date`` (the crawl date) the date
  when the page itself states none. Other records (requests, metadata, images …) are skipped.
* JSON Lines (``.jsonl``, ``.ndjson``): one JSON object a line with ``text`` or ``html`` and
  optionally ``title``, ``date``, ``url``, ``publisher``; blank lines are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ecokg.errors import InputError
from ecokg.loaders.reader import MAX_BYTES, RawArticle

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_JSONL_HINT = ('each line: one JSON object with "text" or "html", and "title", "date", "url" '
               "if known")


def read_warc(path: Path, source: str) -> Iterator[RawArticle]:
    """The HTML (and plain-text) responses of a WARC file, one article each."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode() or ""
                kind = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
                if not status.startswith("2") or kind not in (*_HTML_TYPES, "text/plain"):
                    continue
                found += 1
                name = f"{source}#{found}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                data = record.content_stream().read(MAX_BYTES + 1)
                if len(data) > MAX_BYTES:
                    yield _bad(name, f"the response body of {url} is over {MAX_BYTES:,} bytes",
                               "split the page or leave it out of the crawl")
                    continue
                yield RawArticle(name, data, "text/plain" if kind == "text/plain" else "text/html", url=url,
                                 fallback_date=record.rec_headers.get_header("WARC-Date"))
    except ArchiveLoadFailed as exc:
        raise InputError(f"{source}: not a WARC file, or a damaged one after {found} page"
                         f"{'s' if found != 1 else ''} ({' '.join(str(exc).split())[:200]})",
                         hint="give a .warc or .warc.gz file as a crawler writes it") from exc
    except OSError as exc:
        raise InputError(f"{source}: cannot read the WARC file ({exc.strerror or exc})",
                         hint="check that the file is complete (a .warc.gz cut short cannot be read)",
                         ) from exc
    if not found:
        raise InputError(f"{source}: the WARC file holds no HTML response (status 2xx)",
                         hint="give the WARC of a crawl of article pages")


def read_jsonl(path: Path, source: str) -> Iterator[RawArticle]:
    """One article per line of a JSON Lines file; a bad line is a record with its error set."""
    found = 0
    try:
        with path.open("rb") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                found += 1
                yield _jsonl_record(f"{source}:{number}", number, line)
    except OSError as exc:
        raise InputError(f"{source}: cannot read the file ({exc.strerror or exc})",
                         hint="check its permissions") from exc
    if not found:
        raise InputError(f"{source}: the JSON Lines file holds no line", hint=_JSONL_HINT)


def _jsonl_record(name: str, number: int, line: bytes) -> RawArticle:
    if len(line) > MAX_BYTES:
        return _bad(name, f"line {number} is {len(line):,} bytes, over the {MAX_BYTES:,} bytes limit",
                    "split the article")
    try:
        obj: Any = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        return _bad(name, f"line {number} is not JSON ({' '.join(str(exc).split())[:120]})", _JSONL_HINT)
    if not isinstance(obj, dict):
        return _bad(name, f"line {number} is a JSON {type(obj).__name__}, not an object", _JSONL_HINT)
    fields = {k: obj.get(k) for k in ("title", "date", "url", "publisher", "text", "html")}
    wrong = [k for k, v in fields.items() if v is not None and not isinstance(v, str)]
    if wrong:
        return _bad(name, f"line {number}: \"{wrong[0]}\" is not a string", _JSONL_HINT)
    body, media = (fields["html"], "text/html") if fields["html"] else (fields["text"], "text/plain")
    if not body or not body.strip():
        return _bad(name, f"line {number} has no \"text\" or \"html\"", _JSONL_HINT)
    return RawArticle(name, body.encode("utf-8"), media, title=fields["title"], url=fields["url"],
                      date=fields["date"], publisher=fields["publisher"])


def _bad(name: str, what: str, hint: str) -> RawArticle:
    return RawArticle(name, b"", "text/plain", error=InputError(f"{name}: {what}", hint=hint))


__all__ = ["read_jsonl", "read_warc"]
