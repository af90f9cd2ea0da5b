"""What a store holds: its documents and the counts of ``ecokg stats``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ecokg.graph.namespaces import ECO, ONTOLOGY_GRAPH, sparql_prefixes

if TYPE_CHECKING:
    from ecokg.graph.store import EcoStore


@dataclass
class DocumentInfo:
    """One document of the store."""

    iri: str
    title: str | None = None
    issued: str | None = None
    source: str | None = None
    file_name: str | None = None
    sha256: str | None = None
    triples: int = 0


@dataclass
class StoreStats:
    documents: int
    triples: int  # distinct triples of the union (ontology excluded)
    quads: int  # quads, all graphs
    entities: int
    entities_by_class: dict[str, int]
    figures: int
    designations: int
    ontology_triples: int


def _val(term: Any) -> str | None:
    return None if term is None else term.value


def store_documents(self: EcoStore) -> list[DocumentInfo]:
    """Every document with its title, date, source, file name, sha256 and triple count."""
    q = sparql_prefixes() + """
    SELECT ?g ?title ?issued ?source ?file ?sha (COUNT(*) AS ?n) WHERE {
      GRAPH ?g { ?g a eco:SourceDocument . ?s ?p ?o .
        OPTIONAL { ?g dcterms:title ?title } OPTIONAL { ?g dcterms:issued ?issued }
        OPTIONAL { ?g dcterms:source ?source } OPTIONAL { ?g eco:fileName ?file }
        OPTIONAL { ?g eco:sha256 ?sha } }
    } GROUP BY ?g ?title ?issued ?source ?file ?sha ORDER BY ?g"""
    out: dict[str, DocumentInfo] = {}
    for s in self._rows(q):
        iri = s["g"].value
        if iri in out:
            continue
        out[iri] = DocumentInfo(iri=iri, title=_val(s["title"]), issued=_val(s["issued"]),
                                source=_val(s["source"]), file_name=_val(s["file"]), sha256=_val(s["sha"]),
                                triples=int(s["n"].value))
    return list(out.values())


def store_stats(self: EcoStore) -> StoreStats:
    """Counts for ``ecokg stats``."""
    import pyoxigraph as ox

    from ecokg.graph.iris import KIND_BY_CLASS

    onto = str(ONTOLOGY_GRAPH)
    data_graphs: list[Any] = [ox.NamedNode(g.value) for g in self.ox.named_graphs() if g.value != onto]
    triples = 0
    if data_graphs:
        q = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
        triples = int(self._rows(q, default_graph=data_graphs)[0]["n"].value)
    by_class: dict[str, int] = {}
    q = "SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c } GROUP BY ?c"
    for s in self._rows(q, default_graph=data_graphs) if data_graphs else []:
        cls = s["c"].value
        name = cls[len(str(ECO)):] if cls.startswith(str(ECO)) else ""
        if name in KIND_BY_CLASS:
            by_class[name] = int(s["n"].value)
    counts = {c: by_class.get(c, 0) for c in ("Observation", "Designation")}
    for c in ("Observation", "Designation"):
        if not data_graphs:
            break
        res = self._rows(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{ECO[c]}> }}",
                         default_graph=data_graphs)
        counts[c] = int(res[0]["n"].value)
    onto_n = sum(1 for _ in self.ox.quads_for_pattern(None, None, None, ox.NamedNode(onto)))
    return StoreStats(documents=len(self.document_graphs()), triples=triples, quads=len(self.ox),
                      entities=sum(by_class.values()), entities_by_class=dict(sorted(by_class.items())),
                      figures=counts["Observation"], designations=counts["Designation"],
                      ontology_triples=onto_n)


__all__ = ["DocumentInfo", "StoreStats", "store_documents", "store_stats"]
