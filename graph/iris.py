"""Minting IRIs: deterministic, readable, valid, the same on every machine.

Entities: ``{base}{kind}/{name}`` where ``kind`` is the top class family (org, place …) and
``name`` the canonical Chinese name with characters that an IRI cannot hold replaced or
percent-encoded. Nodes without a name (observations, designations, statements) get a short
hash of what identifies them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import URIRef

from ecokg.graph.namespaces import DEFAULT_BASE

#: Top class family of each ontology class: the path segment of its entities' IRIs.
KIND_BY_CLASS: dict[str, str] = {
    "Organization": "org",
    "GovernmentBody": "org",
    "Company": "org",
    "InnovationCenter": "org",
    "Committee": "org",
    "Person": "person",
    "Place": "place",
    "IndustrialPark": "place",
    "Venue": "place",
    "IndustryCluster": "cluster",
    "Platform": "platform",
    "Product": "product",
    "AIModel": "product",
    "Robot": "product",
    "Policy": "policy",
    "PolicyDocument": "policy",
    "Fund": "policy",
    "Subsidy": "policy",
    "Program": "program",
    "Event": "event",
    "Infrastructure": "infrastructure",
    "Industry": "industry",
}

_QUOTES = "“”‘’\"'「」『』《》〈〉【】"
# Characters an IRI may not contain (RFC 3987 excludes these), plus the IRI delimiters
# that would change the meaning of a path segment.
_ENCODE = set('<>"{}|\\^`#?/%[]')


def _iri_char(ch: str) -> bool:
    """Whether RFC 3987 allows the character unescaped in a path (ucschar or ASCII)."""
    cp = ord(ch)
    if cp < 0x80 or 0xA0 <= cp <= 0xD7FF or 0xF900 <= cp <= 0xFDCF or 0xFDF0 <= cp <= 0xFFEF:
        return True
    return 0x10000 <= cp <= 0xEFFFD and (cp & 0xFFFF) <= 0xFFFD and not 0xE0000 <= cp <= 0xE0FFF


@lru_cache(maxsize=65536)
def slug(name: str) -> str:
    """A readable, valid IRI path segment for a name: NFKC, quotes dropped, spaces as ``_``."""
    text = unicodedata.normalize("NFKC", name).strip()
    text = "".join(ch for ch in text if ch not in _QUOTES)
    text = re.sub(r"\s+", "_", text)
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in _ENCODE or cat.startswith("C") or cat.startswith("Z") or not _iri_char(ch):
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
        else:
            out.append(ch)
    result = "".join(out)
    return result or "_"


def short_hash(*parts: object) -> str:
    """16 hex characters of SHA-256 over the parts (joined with a unit separator)."""
    data = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


def kind_of(cls: str) -> str:
    """The IRI path family of a class (``"Company"`` → ``"org"``); unknown classes → ``"thing"``."""
    return KIND_BY_CLASS.get(cls, "thing")


def entity_iri(cls: str, name: str, base: str = DEFAULT_BASE) -> URIRef:
    return URIRef(f"{base}{kind_of(cls)}/{slug(name)}")


def document_iri(sha256: str, base: str = DEFAULT_BASE) -> URIRef:
    return URIRef(f"{base}doc/{sha256[:16]}")


def mention_iri(doc: URIRef, start: int, end: int) -> URIRef:
    return URIRef(f"{doc}/s/{start}-{end}")


def extraction_iri(doc: URIRef) -> URIRef:
    """The extraction that made a document's graph (``prov:generatedAtTime``)."""
    return URIRef(f"{doc}/extraction")


def indicator_iri(label: str, base: str = DEFAULT_BASE) -> URIRef:
    return URIRef(f"{base}indicator/{slug(label)}")


def node_iri(kind: str, *parts: object, base: str = DEFAULT_BASE) -> URIRef:
    """An IRI for a node identified by its parts (observation, designation, statement)."""
    return URIRef(f"{base}{kind}/{short_hash(*parts)}")
