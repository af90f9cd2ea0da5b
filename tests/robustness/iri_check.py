"""A small RFC 3987 check of absolute IRIs (scheme, authority, path, query, fragment), written
for the tests: every code point must be allowed where it stands, ``%`` must start a valid escape."""

from __future__ import annotations

import re

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")
_UNRESERVED = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
_SUB_DELIMS = set("!$&'()*+,;=")
_HEX = set("0123456789abcdefABCDEF")


def ucschar(cp: int) -> bool:
    """RFC 3987 ``ucschar``: the non-ASCII code points an IRI path may hold unescaped."""
    if 0xA0 <= cp <= 0xD7FF or 0xF900 <= cp <= 0xFDCF or 0xFDF0 <= cp <= 0xFFEF:
        return True
    if 0x10000 <= cp <= 0xEFFFD:
        return (cp & 0xFFFF) <= 0xFFFD and not 0xE0000 <= cp <= 0xE0FFF
    return False


def iprivate(cp: int) -> bool:
    return 0xE000 <= cp <= 0xF8FF or 0xF0000 <= cp <= 0xFFFFD or 0x100000 <= cp <= 0x10FFFD


def _part_ok(text: str, extra: str, private: bool = False) -> bool:
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "%":
            escape = text[i + 1:i + 3]
            if len(escape) != 2 or not set(escape) <= _HEX:
                return False
            i += 3
            continue
        cp = ord(ch)
        if not (ch in _UNRESERVED or ch in _SUB_DELIMS or ch in extra or ucschar(cp)
                or (private and iprivate(cp))):
            return False
        i += 1
    return True


def is_valid_iri(iri: str) -> bool:
    """True when ``iri`` is an absolute IRI by RFC 3987 (hierarchical ``scheme://authority/path``)."""
    scheme, sep, rest = iri.partition(":")
    if not sep or not _SCHEME.match(scheme):
        return False
    rest, _, fragment = rest.partition("#")
    rest, _, query = rest.partition("?")
    if rest.startswith("//"):
        authority, slash, path = rest[2:].partition("/")
        if not authority or not _part_ok(authority, ":@[]"):
            return False
        path = slash + path
    else:
        path = rest
    return (_part_ok(path, ":@/") and _part_ok(query, ":@/?", private=True) and _part_ok(fragment, ":@/?")
            and "#" not in fragment)
