"""The entity graph: one merged description per entity, written once for the whole store.

Document graphs say what a document says about an entity (mentions, statements, figures,
``eco:mentionedIn``); the description of the entity itself lives here, once: its class, its
chosen ``rdfs:label``@zh (and @en), every other name any document gives it as
``skos:altLabel``, its ``skos:exactMatch`` ids (a Wikidata id also as ``owl:sameAs`` and
``schema:sameAs``). So the union of the store's graphs never repeats a label, and a join
through a label yields one row per entity, not one per document.

The description is a function of the merge resolution and the occurrences (``merge.resolve``),
so adding or removing a document changes only the descriptions of the entities it mentioned.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from ecokg.graph.merge import Occurrence, Resolution
from ecokg.graph.namespaces import ECO, ENTITY_GRAPH, OWL, RDF, RDFS, SCHEMA, SKOS, WD

Description = dict[str, frozenset[Any]]


def _lang_of(text: str) -> str:
    """``zh`` for names with CJK characters, ``en`` for pure Latin names (as the builder tags them)."""
    return "zh" if any("\u3400" <= ch <= "\u9fff" for ch in text) else "en"


def describe(occurrences: Iterable[Occurrence],
             resolution: Mapping[tuple[str, str], Resolution]) -> Description:
    """Merged entity IRI → the triples (pyoxigraph) of its description in the entity graph."""
    import pyoxigraph as ox

    type_, label_ = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(RDFS.label))
    alt_, match_ = ox.NamedNode(str(SKOS.altLabel)), ox.NamedNode(str(SKOS.exactMatch))
    same_as = (ox.NamedNode(str(OWL.sameAs)), ox.NamedNode(str(SCHEMA.sameAs)))
    names: dict[str, set[Any]] = defaultdict(set)
    ids: dict[str, set[str]] = defaultdict(set)
    chosen: dict[str, Resolution] = {}
    for o in occurrences:
        res = resolution[(o.doc, o.iri)]
        chosen[res.iri] = res
        found = names[res.iri]
        if o.label not in o.en:  # else the occurrence had English names only
            found.add(ox.Literal(o.label, language="zh"))
        found.update(ox.Literal(e, language="en") for e in o.en)
        found.update(ox.Literal(a, language=_lang_of(a)) for a in o.alts)
        ids[res.iri].update(o.wikidata)
    out: Description = {}
    for iri, res in chosen.items():
        node = ox.NamedNode(iri)
        labels = {ox.Literal(res.label, language="zh")}
        if res.en:
            labels.add(ox.Literal(res.en, language="en"))
        triples = {ox.Triple(node, type_, ox.NamedNode(str(ECO[res.cls])))}
        triples.update(ox.Triple(node, label_, lit) for lit in labels)
        triples.update(ox.Triple(node, alt_, lit) for lit in names[iri] - labels)
        triples.update(ox.Triple(node, match_, ox.NamedNode(q)) for q in ids[iri])
        # a verified Wikidata id (gazetteer): also the identity links of OWL and schema.org
        for q in ids[iri]:
            if q.startswith(str(WD)):
                triples.update(ox.Triple(node, same, ox.NamedNode(q)) for same in same_as)
        out[iri] = frozenset(triples)
    return out


def changes(old: Description, new: Description) -> tuple[list[Any], list[Any]]:
    """(quads to delete, quads to insert) in the entity graph to go from ``old`` to ``new``."""
    import pyoxigraph as ox

    graph = ox.NamedNode(str(ENTITY_GRAPH))
    delete: list[Any] = []
    insert: list[Any] = []
    for iri in old.keys() | new.keys():
        before, after = old.get(iri, frozenset()), new.get(iri, frozenset())
        if before == after:
            continue
        delete.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in before - after)
        insert.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in after - before)
    return delete, insert


__all__ = ["Description", "changes", "describe"]
