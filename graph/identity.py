"""The offline identifier table: verified Wikidata items of known actors (``ontology/identifiers.yaml``).

Each entry names one entity (a place by its GB/T 2260 code, else a name and an ontology class), its
QID, and the stored page that shows that QID for that entity. ``GraphBuilder`` asks
``wikidata_for`` about every entity it writes: a hit becomes ``skos:exactMatch``, ``owl:sameAs``
and ``schema:sameAs`` ``wd:QID``, and merging joins occurrences that share it. Nothing is guessed:
an entity the table does not list gets no QID.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import yaml

from ecokg.errors import InputError
from ecokg.names import name_key

QID = re.compile(r"Q[1-9][0-9]*")


@dataclass(frozen=True)
class Identifier:
    name: str
    cls: str
    qid: str
    source: str
    adcode: str | None = None


def parse_table(text: str, file: str = "identifiers.yaml") -> list[Identifier]:
    """The entries of an identifier table; a malformed one is an ``InputError`` naming it."""
    data = yaml.safe_load(text) or {}
    out: list[Identifier] = []
    for i, raw in enumerate(data.get("wikidata") or [], 1):
        if not isinstance(raw, dict) or not all(raw.get(k) for k in ("name", "type", "qid", "source")):
            raise InputError(f"{file}: entry {i} needs name, type, qid and source, found {raw!r}",
                             hint="every QID is recorded with the page that shows it")
        qid, source = str(raw["qid"]), str(raw["source"])
        if not QID.fullmatch(qid) or not source.startswith(("https://", "http://")):
            raise InputError(f"{file}: entry {i} ({raw['name']}): {qid!r} is not a QID or {source!r} "
                             "not a URL",
                             hint="qid: Q followed by digits; source: the page's address")
        code = raw.get("adcode")
        out.append(Identifier(str(raw["name"]), str(raw["type"]), qid, source, str(code) if code else None))
    return out


@lru_cache(maxsize=1)
def table() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """(adcode → QID, (class, name key) → QID) of the packaged table."""
    from ecokg.resources import identifier_file

    entries = parse_table(identifier_file().read_text(encoding="utf-8"))
    by_code = {e.adcode: e.qid for e in entries if e.adcode}
    by_name = {(e.cls, name_key(e.name)): e.qid for e in entries if not e.adcode}
    return by_code, by_name


def wikidata_for(cls: str, name: str, codes: Mapping[str, str]) -> str | None:
    """The verified QID of an entity (its class, canonical name, identifiers), or None."""
    by_code, by_name = table()
    code = codes.get("adcode")
    if code and code in by_code:
        return by_code[code]
    return by_name.get((cls, name_key(name)))


__all__ = ["QID", "Identifier", "parse_table", "table", "wikidata_for"]
