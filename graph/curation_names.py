"""Which entity occurrences a curation name names: ``NAME``, an IRI, or ``NAME@WHERE`` (a place or a
document) for one of several actors with the same name."""

from __future__ import annotations

from ecokg.graph.merge import Occurrence
from ecokg.names import name_key, region_key

__all__ = ["matches", "split_name"]


def split_name(name: str) -> tuple[str, str]:
    """``NAME@WHERE`` → (NAME, WHERE); a plain name → (name, "")."""
    base, at, where = name.rpartition("@")
    if at and base.strip() and where.strip() and "://" not in base:  # an IRI may hold an @
        return base.strip(), where.strip()
    return name, ""


def matches(name: str, o: Occurrence) -> bool:
    """Whether a curation name (or IRI) names this occurrence: its IRI, a canonical or other name;
    ``NAME@WHERE`` only the occurrences of NAME in a place (the document's region or where the
    entity is located) or in one document (its IRI, or the 16 hex digits it ends with)."""
    if name == o.iri:
        return True
    base, where = split_name(name)
    if where and not _in(where, o):
        return False
    if base == o.iri:
        return True
    key = name_key(base)
    return bool(key) and key in {name_key(n) for n in (o.label, *o.en, *o.alts)}


def _in(where: str, o: Occurrence) -> bool:
    in_doc = where == o.doc or (len(where) >= 8 and o.doc.rsplit("/", 1)[-1].startswith(where))
    return in_doc or region_key(where) in {region_key(r) for r in o.regions}
