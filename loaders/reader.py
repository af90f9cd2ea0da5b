"""Find article sources (files, directories, stdin) and decode their bytes to text.

Text, Markdown and HTML files are one article each (``MEDIA_TYPES``). The files of
``DOCUMENT_READERS`` are read by their own module: a PDF or DOCX is one article
(``document_files``), a WARC or JSON Lines file many (``record_files``), each record with its
URL, date and title.

Decoding order: a byte-order mark; then the charset an HTML page declares; then strict UTF-8;
then candidate CJK encodings (GB18030/GBK, Big5, plus what charset-normalizer proposes), each
decoded strictly and kept only when the result looks like Chinese text (no private-use,
unassigned or control characters, no kana/Cyrillic/box-drawing noise). Among plausible
candidates the one whose ideographs are most often among the common ones wins.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from ecokg.errors import InputError

#: File extensions read as articles, and their media types.
MEDIA_TYPES: dict[str, str] = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
}
#: Files read by a module of their own (file name ending → module, function), imported when used.
DOCUMENT_READERS: dict[str, tuple[str, str]] = {
    ".pdf": ("ecokg.loaders.document_files", "read_pdf"),
    ".docx": ("ecokg.loaders.document_files", "read_docx"),
    ".warc": ("ecokg.loaders.record_files", "read_warc"),
    ".warc.gz": ("ecokg.loaders.record_files", "read_warc"),
    ".jsonl": ("ecokg.loaders.record_files", "read_jsonl"),
    ".ndjson": ("ecokg.loaders.record_files", "read_jsonl"),
}
#: Largest article accepted, in bytes.
MAX_BYTES = 50 * 1024 * 1024
#: Most characters of one decoded article: extraction stays within minutes (a long government
#: plan has ~100,000; a news article a few thousand).
MAX_CHARS = 2_000_000

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\x7fELF", "an ELF executable"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old MS Office document"),
)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe", "utf-16", "utf-16-le"),
    (b"\xfe\xff", "utf-16", "utf-16-be"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""",
    re.IGNORECASE,
)
_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article)[\s>/]",
                         re.IGNORECASE)
_MD_SNIFF = re.compile(rb"(?m)^(?:#{1,6}\s+\S|```|\s*[-*+]\s+\S.*\n\s*[-*+]\s+\S)|\]\([^)\s]+\)")
# GBK-family names map to GB18030 (the superset); Big5 to Big5 (CP950/HKSCS tried after it).
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030",
            "gb_2312-80": "gb18030", "euc-cn": "gb18030", "hz-gb-2312": "hz"}
_CJK_CANDIDATES = ("gb18030", "big5", "cp950", "big5hkscs")
_DETECTOR_ISOLATION = ["gb18030", "big5", "cp950", "big5hkscs", "hz"]


@dataclass(frozen=True)
class RawArticle:
    """The undecoded bytes of one article and where they came from."""

    source: str  # path as given, "-" for stdin, FILE:LINE or FILE#N for a record of a file of many
    data: bytes
    media_type: str  # "text/plain" | "text/markdown" | "text/html"
    # what the record states about itself (JSON Lines fields, a WARC record's URL, a PDF's title)
    title: str | None = None
    url: str | None = None
    date: str | None = None
    publisher: str | None = None
    fallback_date: str | None = None  # a crawl or file date: used when the article states none
    error: InputError | None = None  # a record that cannot be read: loading it raises this


def known_suffixes() -> list[str]:
    """Every file ending read as articles."""
    return [*MEDIA_TYPES, *DOCUMENT_READERS]


def document_reader(path: Path) -> tuple[str, str] | None:
    """The (module, function) reading ``path``, when a module of its own reads it."""
    name = path.name.lower()
    return next((r for end, r in DOCUMENT_READERS.items() if name.endswith(end)), None)


# ---------------------------------------------------------------- sources


def iter_sources(sources: Sequence[str], stdin: BinaryIO | None = None) -> Iterator[RawArticle]:
    """Articles named by ``sources``: files, directories (recursively, sorted) or ``-`` (stdin)."""
    for source in sources:
        if source == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise InputError(f"standard input is larger than the {_limit()} limit",
                                 hint="split the input into smaller articles")
            _check_bytes(data, "standard input")
            yield RawArticle("-", data, sniff_media_type(data))
            continue
        path = Path(source)
        if path.is_dir():
            files = _article_files(path)
            if not files:
                raise InputError(
                    f"{source}: directory holds no article files",
                    hint=f"expected files ending in {', '.join(known_suffixes())}")
            for file in files:
                yield from _read_path(file, str(file))
        elif path.is_file():
            if path.suffix.lower() not in MEDIA_TYPES and document_reader(path) is None:
                raise InputError(
                    f"{source}: unsupported file type {path.suffix or '(no extension)'!r}",
                    hint=f"give a file ending in {', '.join(known_suffixes())}")
            yield from _read_path(path, source)
        elif path.exists():
            raise InputError(f"{source}: not a regular file or directory", hint="give an article file")
        else:
            raise InputError(f"{source}: no such file or directory", hint="check the path")


def _limit() -> str:
    return f"{MAX_BYTES // (1024 * 1024)} MB ({MAX_BYTES:,} bytes)"


def _article_files(root: Path) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if (path.suffix.lower() in MEDIA_TYPES or document_reader(path)) and path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _read_path(path: Path, source: str) -> Iterator[RawArticle]:
    found = document_reader(path)
    if found is None:
        yield _read_file(path, source)
    else:  # PDF, DOCX, WARC, JSON Lines: read by a module of its own, imported now
        import importlib

        module, function = found
        yield from getattr(importlib.import_module(module), function)(path, source)


def _read_file(path: Path, source: str) -> RawArticle:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{source}: file is {size:,} bytes, over the {_limit()} limit",
                             hint="split it into smaller articles")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{source}: cannot read file ({exc.strerror or exc})",
                         hint="check its permissions") from exc
    _check_bytes(data, source)
    return RawArticle(source, data, MEDIA_TYPES[path.suffix.lower()])


def _check_bytes(data: bytes, source: str) -> None:
    """Reject empty, whitespace-only and binary data."""
    body = data
    for bom, _codec, _name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if not body.replace(b"\x00", b"").strip():
                raise InputError(f"{source}: file is empty (only a byte-order mark)",
                                 hint="expected the text of a Chinese article")
            return  # UTF-16/32 text legitimately holds NUL bytes
    if not body.strip():
        what = "empty" if not body else "whitespace only"
        raise InputError(f"{source}: file is {what}", hint="expected the text of a Chinese article")
    for magic, kind in _MAGIC:
        if body.startswith(magic):
            named = {"a PDF document": ".pdf", "a ZIP archive (or .docx/.xlsx)": ".docx"}.get(kind)
            raise InputError(f"{source}: binary data ({kind}), not an article",
                             hint=f"give it a file name ending in {named} to read it as one" if named
                             else "give a .txt, .md or .html file")
    nul = body.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{source}: binary data (NUL byte at byte offset {nul}), not an article",
                         hint="give a .txt, .md or .html file; UTF-16 text needs a byte-order mark")


def sniff_media_type(data: bytes) -> str:
    """Guess the media type of data read from stdin."""
    head = data[:4096]
    if _HTML_SNIFF.search(head):
        return "text/html"
    if _MD_SNIFF.search(head):
        return "text/markdown"
    return "text/plain"


# ---------------------------------------------------------------- decoding


def decode(data: bytes, source: str, media_type: str) -> tuple[str, str]:
    """``(text, encoding)`` of an article's bytes; line endings normalized to ``\\n``."""
    text, encoding = _decode(data, source, media_type)
    if len(text) > MAX_CHARS:
        raise InputError(f"{source}: {len(text):,} characters ({encoding}), over the limit of {MAX_CHARS:,} "
                         "characters for one article", hint="split it into smaller articles")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding


def _decode(data: bytes, source: str, media_type: str) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{source}: starts with a {name} byte-order mark but is not valid {name} "
                    f"(byte offset {exc.start})", hint="re-save the file as UTF-8") from exc

    if media_type == "text/html":
        declared = _declared_charset(data)
        if declared:
            try:
                text = data.decode(declared)
            except (UnicodeDecodeError, LookupError):
                pass  # a wrong declaration is common; fall through to detection
            else:
                if declared in ("utf-8", "ascii") or _plausibility(text) is not None:
                    return text, _report_name(data, declared)

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _looks_like_broken_utf8(data, utf8_error.start):
        raise InputError(
            f"{source}: invalid UTF-8 at byte offset {utf8_error.start} "
            f"(byte 0x{data[utf8_error.start]:02x}); the text before it is UTF-8",
            hint="the file is truncated or corrupt; re-save it as UTF-8") from utf8_error

    errors: dict[str, int] = {"utf-8": utf8_error.start}
    best: tuple[float, int, str, str] | None = None
    for order, codec in enumerate(_candidates(data)):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            errors.setdefault(_report_name(b"", codec), exc.start)
            continue
        except LookupError:
            continue
        score = _plausibility(text)
        if score is None:
            continue
        key = (round(score, 2), -order, codec, text)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is not None:
        return best[3], _report_name(data, best[2])
    where = ", ".join(f"{name} fails at byte offset {offset}" for name, offset in errors.items()
                      if name in ("utf-8", "gb18030", "big5"))
    raise InputError(
        f"{source}: cannot decode the text: {where}; other CJK encodings give implausible text",
        hint="expected UTF-8, GB18030/GBK or Big5; re-save the file as UTF-8")


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED.search(data[:16384])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        return codecs.lookup(_ALIASES.get(name, name)).name
    except LookupError:
        return None


def _candidates(data: bytes) -> list[str]:
    names = list(_CJK_CANDIDATES)
    try:
        from charset_normalizer import from_bytes

        for match in from_bytes(data[:200_000], cp_isolation=_DETECTOR_ISOLATION):
            if match.encoding not in names:
                names.append(match.encoding)
    except Exception:
        pass
    return names


def _report_name(data: bytes, codec: str) -> str:
    name = codecs.lookup(codec).name
    if name == "gb18030" and data:
        try:
            data.decode("gbk")
        except UnicodeDecodeError:
            return "gb18030"
        return "gbk"
    return {"big5": "big5", "cp950": "cp950", "big5hkscs": "big5hkscs"}.get(name, name)


def _looks_like_broken_utf8(data: bytes, error_at: int) -> bool:
    """True when a long valid UTF-8 prefix with multi-byte text precedes the error."""
    prefix = data[:error_at].decode("utf-8")
    multibyte = sum(1 for ch in prefix if ord(ch) > 0x7F)
    return multibyte >= 8


def _is_cjk_ok(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3000 <= cp <= 0x303F or 0xFF00 <= cp <= 0xFFEF
            or 0x2000 <= cp <= 0x206F or 0xF900 <= cp <= 0xFAFF or cp in (0xB7, 0xD7, 0xF7, 0xB0)
            or 0x2160 <= cp <= 0x2179 or 0x2460 <= cp <= 0x249B or 0x2190 <= cp <= 0x21FF
            or 0xFE30 <= cp <= 0xFE4F)


def _plausibility(text: str) -> float | None:
    """None when ``text`` cannot be a correctly decoded Chinese article, else a score in [0, 1].

    The score is the share of ideographs among the common ones (GB2312 level 1 or Big5 level 1).
    """
    sample = text[:200_000]
    bad = 0
    non_ascii = 0
    cjk = 0
    ideographs = 0
    common = 0
    common_set = _common_ideographs()
    for ch in sample:
        cp = ord(ch)
        if cp < 0x80:
            if cp < 0x20 and ch not in "\t\n\r\f\v":
                bad += 1
            continue
        non_ascii += 1
        cat = unicodedata.category(ch)
        if cat in ("Co", "Cn", "Cs", "Cc") or ch == "\ufffd":
            bad += 1
            continue
        if _is_cjk_ok(cp):
            cjk += 1
            if 0x4E00 <= cp <= 0x9FFF:
                ideographs += 1
                common += ch in common_set
    if bad > len(sample) // 1000:
        return None
    if non_ascii and cjk / non_ascii < 0.9:
        return None
    return common / ideographs if ideographs else 1.0


@lru_cache(maxsize=1)
def _common_ideographs() -> frozenset[str]:
    """The frequent ideographs: GB2312 level 1 (3755) and Big5 level 1 (5401)."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode("gb2312"))
    trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    for lead in range(0xA4, 0xC7):
        for trail in trails:
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode("big5"))
    return frozenset(c for c in chars if len(c) == 1 and 0x4E00 <= ord(c) <= 0x9FFF)
