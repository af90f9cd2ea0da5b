"""Every IRI and namespace of ecokg. No other module writes a raw IRI string."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD, NamespaceManager

ECO = Namespace("https://w3id.org/ecokg/ontology#")
ONTOLOGY_IRI = URIRef("https://w3id.org/ecokg/ontology")
DEFAULT_BASE = "https://w3id.org/ecokg/id/"
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
SHAPES_IRI = URIRef("https://w3id.org/ecokg/shapes")

# Named graph that holds the ontology inside a store.
ONTOLOGY_GRAPH = ONTOLOGY_IRI
# Named graph of the merged entity descriptions (type, labels, aliases, identifiers) in a store.
ENTITY_GRAPH = URIRef(f"{DEFAULT_BASE}graph/entities")
# The industry chain: the scheme (ontology/chain.ttl plus a user's files), the placements of actors
# in its segments (graph/placement.py) and the network analysis written back (graph/analysis.py).
CHAIN_SCHEME = ECO.IndustryChain
CHAIN_GRAPH = URIRef("https://w3id.org/ecokg/chain")
PLACEMENT_GRAPH = URIRef(f"{DEFAULT_BASE}graph/chain")
ANALYSIS_GRAPH = URIRef(f"{DEFAULT_BASE}graph/analysis")
# Derived graphs of time and identity: conflicting figures with their ranks (graph/conflicts.py) and the
# analyst's curation decisions (graph/curation.py).
CONFLICT_GRAPH = URIRef(f"{DEFAULT_BASE}graph/conflicts")
CURATION_GRAPH = URIRef(f"{DEFAULT_BASE}graph/curation")
CURATION_BASE = f"{DEFAULT_BASE}curation/"
#: The property of each identifier scheme (``Entity.codes`` keys).
IDENTIFIER_PROPERTY = {"uscc": ECO.creditCode, "adcode": ECO.adminCode}
# Named graph of what ``ecokg export --inferred`` adds (entailed triples).
INFERRED_GRAPH = URIRef(f"{DEFAULT_BASE}graph/inferred")

#: Prefixes written in every export, in this order.
PREFIXES: dict[str, Namespace | type] = {
    "eco": ECO,
    "schema": SCHEMA,
    "org": ORG,
    "prov": PROV,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "owl": OWL,
    "rdfs": RDFS,
    "rdf": RDF,
    "xsd": XSD,
    "foaf": FOAF,
    "time": TIME,
    "sh": SH,
    "wd": WD,
}


def bind_prefixes(manager: NamespaceManager, base: str = DEFAULT_BASE) -> None:
    """Bind the fixed ecokg prefixes (and ``id:`` for the data base) on a namespace manager."""
    for prefix, ns in PREFIXES.items():
        manager.bind(prefix, ns, override=True, replace=True)
    manager.bind("id", Namespace(base), override=True, replace=True)


def sparql_prefixes(base: str = DEFAULT_BASE) -> str:
    """PREFIX declarations for SPARQL text built in code (tests, generated queries)."""
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()]
    lines.append(f"PREFIX id: <{base}>")
    return "\n".join(lines) + "\n"


__all__ = [
    "ANALYSIS_GRAPH",
    "CHAIN_GRAPH",
    "CHAIN_SCHEME",
    "CONFLICT_GRAPH",
    "CURATION_BASE",
    "CURATION_GRAPH",
    "DCTERMS",
    "DEFAULT_BASE",
    "ECO",
    "FOAF",
    "IDENTIFIER_PROPERTY",
    "INFERRED_GRAPH",
    "ONTOLOGY_GRAPH",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PLACEMENT_GRAPH",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SHAPES_IRI",
    "SKOS",
    "TIME",
    "WD",
    "XSD",
    "bind_prefixes",
    "sparql_prefixes",
]
