"""Parameters to bound values: a parameter names entities, and the names resolve to IRIs.

An IRI (``<…>`` or ``http…``) is taken as is. A name is first looked up as written among the
labels, alternative and preferred labels of the entities (one index lookup, whatever the size of
the graph); only a name that no label spells exactly falls back to reading every label and matching
normalized names (``match_key``) and then parts of names. The values are bound, never pasted into
the text: as a ``VALUES`` block of ``.n3()`` terms.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from itertools import product
from typing import Protocol

from rdflib import Literal, URIRef
from rdflib.term import Node

from ecokg.errors import QueryError
from ecokg.graph.namespaces import ECO, RDFS, SKOS
from ecokg.names import match_key
from ecokg.queries.catalogue import NamedQuery

_NAME_PROPERTIES = f"<{RDFS.label}> <{SKOS.altLabel}> <{SKOS.prefLabel}>"
_ENTITY_FILTER = (f"<{ECO.mentionedIn}> ?doc . FILTER(isIRI(?s)) "
                  f"FILTER NOT EXISTS {{ ?s a <{ECO.Observation}> }}")
LABELS_QUERY = (f"SELECT DISTINCT ?s ?label WHERE {{ VALUES ?p {{ {_NAME_PROPERTIES} }} "
                f"?s ?p ?label ; {_ENTITY_FILTER} }}")
EXACT_QUERY = (f"SELECT DISTINCT ?s WHERE {{ VALUES ?label {{ %s }} VALUES ?p {{ {_NAME_PROPERTIES} }} "
               f"?s ?p ?label ; {_ENTITY_FILTER} }}")
_LANGS = (None, "zh", "en")


class Backend(Protocol):
    def select_rows(self, text: str) -> list[tuple[Node | None, ...]]: ...


def resolve_name(param: str, value: str, labels: list[tuple[Node | None, ...]]) -> list[Node]:
    """The entity IRIs a parameter value names (an IRI as ``<...>`` or ``http…`` is taken as is)."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if re.match(r"^(https?|urn):", value):
        if any(ch in value for ch in '<>"{}|\\^` '):
            raise QueryError(f"parameter {param}: {value!r} is not a valid IRI", hint="give a name or an IRI")
        return [URIRef(value)]
    wanted = match_key(value)
    if not wanted:
        raise QueryError(f"parameter {param} is empty", hint=f"give --param {param}=NAME")
    exact = {
        s for s, label in labels if s is not None and label is not None and match_key(str(label)) == wanted
    }
    if exact:
        return sorted(exact, key=str)
    partial: dict[Node, str] = {}
    for s, label in labels:
        if s is not None and label is not None and wanted in match_key(str(label)):
            partial.setdefault(s, str(label))
    if len(partial) == 1:
        return list(partial)
    names = sorted({str(label) for _s, label in labels if label is not None})
    if partial:
        some = sorted(set(partial.values()))[:6]
        raise QueryError(
            f"parameter {param}={value!r} is ambiguous: {len(partial)} entities have names containing it",
            hint=f"use the full name: {', '.join(some)}",
        )
    close = difflib.get_close_matches(value, names, n=4, cutoff=0.5)
    hint = (
        f"close names: {', '.join(close)}"
        if close
        else "use an entity's name or alias as the articles write it, or its IRI"
    )
    raise QueryError(f"parameter {param}: no entity named {value!r} in the graph", hint=hint)


def bind_params(query: NamedQuery, given: dict[str, str], backend: Backend) -> dict[str, list[Node]]:
    """Resolve every declared (and every extra given) parameter to RDF terms."""
    declared = {p.name: p for p in query.params}
    values: dict[str, str] = {}
    for name, p in declared.items():
        if name in given:
            values[name] = given[name]
        elif p.default is not None:
            values[name] = p.default
        elif not p.optional:
            raise QueryError(f"query {query.name} needs --param {name}=NAME", hint=f"parameters: "
                             f"{', '.join(q.describe() for q in query.params)}")
    for name, value in given.items():
        if name not in declared:
            if query.params or query.name != "-e":
                known = ", ".join(declared) or "none"
                raise QueryError(
                    f"query {query.name} has no parameter {name!r}", hint=f"its parameters: {known}"
                )
            values[name] = value
    if not values:
        return {}
    labels: list[tuple[Node | None, ...]] = []
    out: dict[str, list[Node]] = {}
    for name, value in values.items():
        found = exact_entities(value, backend)
        if not found:  # no label is the value as written: match normalized names and parts of names
            labels = labels or backend.select_rows(LABELS_QUERY)
            found = resolve_name(name, value, labels)
        out[name] = found
    return out


def combinations(bound: dict[str, list[Node]]) -> list[dict[str, Node]]:
    """One substitution mapping per combination of the bound values."""
    names = list(bound)
    return [dict(zip(names, combo, strict=True)) for combo in product(*(bound[n] for n in names))]


def exact_entities(value: str, backend: Backend) -> list[Node]:
    """The entities with a label, alias or preferred label that is ``value`` as written (sorted), or []."""
    text = value.strip()
    if not text or text.startswith("<") or re.match(r"^(https?|urn):", text):
        return []
    forms = dict.fromkeys((text, unicodedata.normalize("NFKC", text)))
    terms = " ".join(Literal(f, lang=lang).n3() for f in forms for lang in _LANGS)
    found = {row[0] for row in backend.select_rows(EXACT_QUERY % terms) if row and row[0] is not None}
    return sorted(found, key=str)
