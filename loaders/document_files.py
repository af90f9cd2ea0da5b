"""Articles in office documents: the text layer of a PDF (pypdf), the paragraphs of a DOCX (python-docx).

Each file is one article. Its text becomes a plain-text ``RawArticle`` (UTF-8), with the title
the document's own properties give, and their creation date for when the text states no date.
A PDF without a text layer (a scan) is one clear ``InputError``, not an empty graph; so is an
encrypted PDF or a file that is not what its suffix says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from ecokg.errors import InputError
from ecokg.loaders.reader import MAX_BYTES, RawArticle

#: A line ending in one of these ends its paragraph; otherwise a PDF line break inside Chinese text
#: is only the page's layout, and the next line continues the sentence.
_CLOSES = tuple("。！？；：…”’」』）)】!?;:")
_CJK_END = re.compile(r"[\u3400-\u9fff\uff10-\uff19，、]$")
_CJK_START = re.compile(r"^[\u3400-\u9fff\uff10-\uff19“‘「（(]")


def _reflow(page: str) -> str:
    """Join the layout line breaks of a PDF page inside Chinese sentences; keep paragraph breaks."""
    out: list[str] = []
    for line in (ln.strip() for ln in page.splitlines()):
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        if out and out[-1] and not out[-1].endswith(_CLOSES) and _CJK_END.search(out[-1]) \
                and _CJK_START.search(line) and len(out[-1]) >= 15:
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out).strip()


def _pdf_date(value: Any) -> str | None:
    """``D:20251211154700+08'00'`` → ``2025-12-11T15:47:00``."""
    m = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?", str(value or ""))
    if not m:
        return None
    y, mo, d, hh, mm, ss = m.groups()
    return f"{y}-{mo}-{d}" + (f"T{hh}:{mm}:{ss or '00'}" if hh else "")


def _check_size(path: Path, source: str) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{source}: cannot read file ({exc.strerror or exc})",
                         hint="check its permissions") from exc
    if size == 0:
        raise InputError(f"{source}: file is empty", hint="expected a document with an article's text")
    if size > MAX_BYTES:
        raise InputError(f"{source}: file is {size:,} bytes, over the limit of {MAX_BYTES:,} bytes",
                         hint="split it into smaller documents")


def read_pdf(path: Path, source: str) -> Iterator[RawArticle]:
    """The text layer of a PDF as one article (InputError for a scan, an encrypted or broken file)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    _check_size(path, source)
    try:
        pdf = PdfReader(str(path))
        if pdf.is_encrypted and not pdf.decrypt(""):
            raise InputError(f"{source}: the PDF is encrypted with a password",
                             hint="save an unprotected copy of it and build that")
        pages = [_reflow(page.extract_text() or "") for page in pdf.pages]
        info: Any = pdf.metadata or {}
    except InputError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{source}: cannot read the PDF ({type(exc).__name__}: {exc})",
                         hint="check that the file is a complete PDF document") from exc
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        pages_of = f"{len(pages)} page{'s' if len(pages) != 1 else ''}"
        raise InputError(f"{source}: the PDF has no text layer ({pages_of} of images, probably a scan)",
                         hint="run OCR on it first (e.g. ocrmypdf -l chi_sim) and build the OCR'd PDF")
    title = str(info.get("/Title") or "").strip() or None
    yield RawArticle(source, text.encode("utf-8"), "text/plain", title=title,
                     fallback_date=_pdf_date(info.get("/CreationDate")))


def read_docx(path: Path, source: str) -> Iterator[RawArticle]:
    """The paragraphs (and table rows, cells separated by tabs) of a DOCX as one article."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_size(path, source)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{source}: cannot read the DOCX ({type(exc).__name__}: {exc})",
                         hint="check that the file is a Word .docx document (not an old .doc)") from exc
    lines: list[str] = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells]
            lines.append("\t".join(dict.fromkeys(cells)))  # merged cells repeat their text
    text = "\n".join(line for line in lines if line)
    if not text.strip():
        raise InputError(f"{source}: the DOCX holds no text", hint="expected the text of a Chinese article")
    props = document.core_properties
    moment = props.created or props.modified
    made = moment.isoformat(timespec="seconds") if isinstance(moment, datetime) else None
    yield RawArticle(source, text.encode("utf-8"), "text/plain", title=(props.title or "").strip() or None,
                     fallback_date=made)


__all__ = ["read_docx", "read_pdf"]
