"""Export a store (or an in-memory rdflib Dataset) to files other tools read.

Formats (``FORMATS``; by default from the file extension):

* RDF: ``ttl`` (Turtle), ``nt`` (N-Triples), ``xml`` (RDF/XML) carry the union of the selected
  graphs; ``trig``, ``nq`` (N-Quads) and ``jsonld`` (JSON-LD with ``@graph`` per named graph)
  keep one graph per document. All are written by pyoxigraph from *sorted* statements with the
  fixed prefixes of ``ecokg.graph.namespaces.PREFIXES`` (entity IRIs are written in full), so
  two exports of the same graph are byte-identical and diff cleanly. Blank nodes (only the
  ontology has them) are canonicalized (RDFC-1.0) first.
* ``gexf`` / ``graphml`` (networkx, for Gephi): nodes are entities (label zh and en, class,
  colour per class from the ``colours`` function passed in (the views' legend through
  ``ecokg.open(...).export``, else a stable hash); GEXF also as ``viz:color``), edges are the ``eco:`` properties between two
  entities (label = local name and zh label of the property).
* ``csv``: one row per quad: ``graph, subject, predicate, object, object_kind, datatype,
  language`` (UTF-8 with BOM so spreadsheet programs read Chinese; lossless, reads back).

``inferred=True`` adds, in the named graph ``INFERRED_GRAPH``, what the ontology entails
and the data does not yet state: the transitive closure of ``eco:locatedIn``, superclass types
(``rdfs:subClassOf``), super-properties (``rdfs:subPropertyOf``) and inverses (``owl:inverseOf``).
It runs as SPARQL in pyoxigraph, so it scales to large stores (it is not a full OWL reasoner).

Every file is written atomically (temporary file in the same directory, then ``os.replace``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecokg.errors import InputError, StoreError
from ecokg.graph.iris import KIND_BY_CLASS
from ecokg.graph.namespaces import ECO, INFERRED_GRAPH, ONTOLOGY_GRAPH, OWL, PREFIXES, RDF, RDFS
from ecokg.graph.store import EcoStore, atomic_write

if TYPE_CHECKING:
    from rdflib import Dataset

#: Named graph of the triples ``inferred=True`` adds.

RDF_FORMATS = ("ttl", "trig", "nt", "nq", "jsonld", "xml")
FORMATS = (*RDF_FORMATS, "gexf", "graphml", "csv")
QUAD_FORMATS = ("trig", "nq", "jsonld", "csv")
EXTENSIONS = {
    ".ttl": "ttl", ".turtle": "ttl", ".trig": "trig", ".nt": "nt", ".ntriples": "nt", ".nq": "nq",
    ".nquads": "nq", ".jsonld": "jsonld", ".json": "jsonld", ".rdf": "xml", ".xml": "xml", ".owl": "xml",
    ".gexf": "gexf", ".graphml": "graphml", ".csv": "csv",
}
ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "nquads": "nq", "n-quads": "nq",
           "json-ld": "jsonld", "rdfxml": "xml", "rdf/xml": "xml", "rdf": "xml"}


#: A class's local name → its colour ``#rrggbb`` (GEXF, GraphML).
Colours = Callable[[str], str]


@dataclass
class ExportReport:
    path: Path
    format: str
    statements: int  # triples or quads written (nodes + edges for gexf/graphml)
    inferred: int = 0


def format_for(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The export format: ``fmt`` if given, else from the file extension. InputError if unknown."""
    if fmt:
        f = ALIASES.get(fmt.lower(), fmt.lower())
        if f not in FORMATS:
            raise InputError(f"unknown export format '{fmt}'", hint=f"use one of: {', '.join(FORMATS)}")
        return f
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise InputError(f"cannot tell the export format from the file name '{Path(path).name}'",
                         hint=f"use an extension ({', '.join(sorted(EXTENSIONS))}) or --format")
    return EXTENSIONS[suffix]


def export_dataset(source: Dataset | EcoStore, path: str | os.PathLike[str], fmt: str | None = None, *,
                   document: str | None = None, ontology: bool = True, inferred: bool = False,
                   colours: Colours | None = None) -> ExportReport:
    """Write a store or an rdflib Dataset to ``path``; graph-less formats get the union."""
    if isinstance(source, EcoStore):
        return export_store(source, path, fmt, document=document, ontology=ontology, inferred=inferred,
                            colours=colours)
    import pyoxigraph as ox

    from ecokg.graph.oxconvert import dataset_to_quads

    mem = ox.Store()
    mem.extend(dataset_to_quads(source))
    return _export(mem, path, format_for(path, fmt), document=document, ontology=ontology, inferred=inferred,
                   colours=colours)


def export_store(store: EcoStore, path: str | os.PathLike[str], fmt: str | None = None, *,
                 document: str | None = None, ontology: bool = True, inferred: bool = False,
                 colours: Colours | None = None) -> ExportReport:
    """Write the store (or one document of it, see ``EcoStore.find_document``) to ``path``.

    ``colours(class local name) → "#rrggbb"`` colours the nodes of GEXF and GraphML files.
    """
    doc = store.find_document(document) if document else None
    return _export(store.ox, path, format_for(path, fmt), document=doc, ontology=ontology, inferred=inferred,
                   colours=colours)


# -- selection -----------------------------------------------------------------------------------
def _graphs(ox_store: Any, document: str | None, ontology: bool) -> list[Any]:
    import pyoxigraph as ox

    onto = ox.NamedNode(str(ONTOLOGY_GRAPH))
    graphs: list[Any]
    if document:
        graphs = [ox.NamedNode(document)]
        if not ox_store.contains_named_graph(graphs[0]):
            raise InputError(f"no graph named {document} to export", hint="'ecokg stats' lists the documents")
    else:
        graphs = [ox.DefaultGraph(), *sorted((g for g in ox_store.named_graphs() if g != onto), key=str)]
    if ontology and ox_store.contains_named_graph(onto):
        graphs.append(onto)
    return graphs


def _quads(ox_store: Any, graphs: list[Any]) -> list[Any]:
    out = []
    for g in graphs:
        out.extend(ox_store.quads_for_pattern(None, None, None, g))
    return out


_INFERENCE = """
SELECT DISTINCT ?s ?p ?o WHERE {
  { ?s eco:locatedIn ?m . ?m eco:locatedIn+ ?o . BIND(eco:locatedIn AS ?p) FILTER(?s != ?o) }
  UNION { ?s a ?c . ?c rdfs:subClassOf+ ?o . FILTER(isIRI(?o)) BIND(rdf:type AS ?p) }
  UNION { ?s ?q ?o . ?q rdfs:subPropertyOf+ ?p . FILTER(isIRI(?p)) }
  UNION { ?o ?q ?s . { ?q owl:inverseOf ?p } UNION { ?p owl:inverseOf ?q } FILTER(isIRI(?p)) }
}"""


def infer(ox_store: Any, graphs: list[Any]) -> list[Any]:
    """Triples the ontology entails over ``graphs`` that they do not state (see module doc)."""
    import pyoxigraph as ox

    onto = ox.NamedNode(str(ONTOLOGY_GRAPH))
    if not ox_store.contains_named_graph(onto):  # reason in a copy with the packaged ontology
        from ecokg.resources import ontology_file

        src = ontology_file()
        if not src.is_file():
            raise StoreError("no ontology to reason with: the store has none and none is packaged",
                             hint="reinstall ecokg, or export without --inferred")
        copy = ox.Store()
        copy.extend(_quads(ox_store, graphs))
        copy.load(src.read_bytes(), format=ox.RdfFormat.TURTLE, base_iri=str(ONTOLOGY_GRAPH), to_graph=onto)
        ox_store = copy
    prefixes = {"eco": str(ECO), "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)}
    data = [g for g in graphs if g != onto]
    stated = {q.triple for q in _quads(ox_store, graphs)}
    out = []
    for sol in ox_store.query(_INFERENCE, prefixes=prefixes, default_graph=[*data, onto]):
        t = ox.Triple(sol["s"], sol["p"], sol["o"])
        if t not in stated and not isinstance(t.subject, ox.Literal):
            out.append(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(INFERRED_GRAPH))))
    return out


# -- writing -------------------------------------------------------------------------------------
def _export(ox_store: Any, path: str | os.PathLike[str], fmt: str, *, document: str | None, ontology: bool,
            inferred: bool, colours: Colours | None = None) -> ExportReport:
    graphs = _graphs(ox_store, document, ontology)
    quads = _quads(ox_store, graphs)
    extra = infer(ox_store, graphs) if inferred else []
    quads.extend(extra)
    target = Path(path)
    if fmt in RDF_FORMATS:
        data, n = serialize_rdf(quads, fmt)
    elif fmt == "csv":
        data, n = _csv(quads)
    else:
        data, n = _network(ox_store, quads, fmt, colours or class_colour)
    try:
        atomic_write(target, data)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}",
                         hint="check that the directory exists and is writable") from exc
    return ExportReport(target, fmt, n, len(extra))


def _prefixes() -> dict[str, str]:
    return {p: str(ns) for p, ns in PREFIXES.items()}


def _canonical(quads: list[Any]) -> list[Any]:
    import pyoxigraph as ox

    if not any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads):
        return quads
    ds = ox.Dataset(quads)
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return list(ds)


def _graph_key(q: Any) -> str:
    import pyoxigraph as ox

    return "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)


def serialize_rdf(quads: Iterable[Any], fmt: str) -> tuple[bytes, int]:
    """Sorted, prefixed serialization of quads (union of graphs for triple formats)."""
    import pyoxigraph as ox

    quads = _canonical(list(quads))
    if fmt in ("trig", "nq", "jsonld"):
        # graph by graph; inside a graph the N-Triples text order groups subjects, then predicates
        unique = sorted(set(quads), key=lambda q: (_graph_key(q), str(q.triple)))
        rdf_fmt = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
        items: list[Any] = unique
    else:
        items = sorted({q.triple for q in quads}, key=str)
        rdf_fmt = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}[fmt]
    prefixes = _prefixes() if fmt in ("ttl", "trig", "xml", "jsonld") else None
    if fmt == "jsonld":
        prefixes = None  # expanded JSON-LD: every IRI in full, readable without a context
    data = ox.serialize(items, format=rdf_fmt, prefixes=prefixes) or b""
    if fmt in ("ttl", "trig"):  # our own header, in the fixed order of PREFIXES
        body = data.split(b"\n")
        while body and body[0].startswith(b"@prefix "):
            body.pop(0)
        header = [f"@prefix {p}: <{ns}> .".encode() for p, ns in _prefixes().items()]
        data = b"\n".join([*header, *body])
    if fmt == "xml":
        data = _xml_cr(data)
    return data, len(items)


def _xml_cr(data: bytes) -> bytes:
    """XML parsers read a raw carriage return as a line feed: write the ones in values as ``&#13;``."""
    return data.replace(b"\r", b"&#13;")


def _csv(quads: list[Any]) -> tuple[bytes, int]:
    import pyoxigraph as ox

    def kind(t: Any) -> str:
        return "iri" if isinstance(t, ox.NamedNode) else "bnode" if isinstance(t, ox.BlankNode) else "literal"

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    # a field holding a carriage return must be quoted too, or readers end the row there
    quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    w.writerow(["graph", "subject", "predicate", "object", "object_kind", "datatype", "language"])
    rows = sorted({(
        "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value,
        _node_text(q.subject), q.predicate.value, _node_text(q.object), kind(q.object),
        q.object.datatype.value if isinstance(q.object, ox.Literal) and not q.object.language else "",
        q.object.language or "" if isinstance(q.object, ox.Literal) else "",
    ) for q in _canonical(quads)})
    for row in rows:
        (quoted if any("\r" in f for f in row) else w).writerow(row)
    return buf.getvalue().encode("utf-8-sig"), len(rows)


def _node_text(term: Any) -> str:
    import pyoxigraph as ox

    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def read_csv(path: str | os.PathLike[str]) -> list[Any]:
    """The quads of a CSV written by this module (for round trips and other tools' tests)."""
    import pyoxigraph as ox

    def node(text: str) -> Any:
        return ox.BlankNode(text[2:]) if text.startswith("_:") else ox.NamedNode(text)

    out = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["object_kind"] == "literal":
                obj = (ox.Literal(row["object"], language=row["language"]) if row["language"]
                       else ox.Literal(row["object"], datatype=ox.NamedNode(row["datatype"])))
            else:
                obj = node(row["object"])
            graph = ox.NamedNode(row["graph"]) if row["graph"] else ox.DefaultGraph()
            out.append(ox.Quad(node(row["subject"]), ox.NamedNode(row["predicate"]), obj, graph))
    return out


# -- networks (Gephi) ----------------------------------------------------------------------------
_ENTITY = {str(ECO[c]): c for c in KIND_BY_CLASS}
_TYPE = str(RDF.type)
_LABEL = str(RDFS.label)


def class_colour(cls: str) -> str:
    """The default colour of a class: a stable hash of its name (the views' legend is passed in)."""
    return "#" + hashlib.sha256(cls.encode("utf-8")).hexdigest()[:6]


def _network(ox_store: Any, quads: list[Any], fmt: str, colours: Colours) -> tuple[bytes, int]:
    import networkx as nx
    import pyoxigraph as ox

    from ecokg.graph.merge import class_depth

    classes: dict[str, set[str]] = {}
    labels: dict[str, dict[str, str]] = {}
    for q in quads:
        s, p, o = q.subject, q.predicate.value, q.object
        if p == _TYPE and isinstance(o, ox.NamedNode) and o.value in _ENTITY and isinstance(s, ox.NamedNode):
            classes.setdefault(s.value, set()).add(_ENTITY[o.value])
        elif p == _LABEL and isinstance(o, ox.Literal) and isinstance(s, ox.NamedNode):
            lang = o.language or ""
            cur = labels.setdefault(s.value, {})
            if lang not in cur or o.value < cur[lang]:
                cur[lang] = o.value
    prop_labels = _property_labels(ox_store, {q.predicate.value for q in quads})
    g = nx.MultiDiGraph()
    for node in sorted(classes):
        cls = sorted(classes[node], key=lambda c: (-class_depth(c), c))[0]
        colour = colours(cls)
        r, gg, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        names = labels.get(node, {})
        attrs: dict[str, Any] = {"label": names.get("zh") or names.get("") or node.rsplit("/", 1)[-1],
                                 "label_en": names.get("en", ""), "class": cls, "color": colour, "iri": node}
        if fmt == "gexf":
            attrs["viz"] = {"color": {"r": r, "g": gg, "b": b, "a": 1.0}}
        else:
            attrs.update({"r": r, "g": gg, "b": b})
        g.add_node(node, **attrs)
    edges = sorted({(q.subject.value, q.predicate.value, q.object.value) for q in quads
                    if q.predicate.value.startswith(str(ECO)) and isinstance(q.subject, ox.NamedNode)
                    and isinstance(q.object, ox.NamedNode) and q.subject.value in classes
                    and q.object.value in classes})
    for s, p, o in edges:
        local = p[len(str(ECO)):]
        zh = prop_labels.get(p, "")
        g.add_edge(s, o, key=local, label=f"{local} {zh}".strip(), property=p)
    buf = io.BytesIO()
    if fmt == "gexf":
        nx.write_gexf(g, buf, encoding="utf-8", prettyprint=True)
    else:
        nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True)
    return _xml_cr(buf.getvalue()), g.number_of_nodes() + g.number_of_edges()


def _property_labels(ox_store: Any, props: set[str]) -> dict[str, str]:
    import pyoxigraph as ox

    out: dict[str, str] = {}
    for p in sorted(x for x in props if x.startswith(str(ECO))):
        for q in ox_store.quads_for_pattern(ox.NamedNode(p), ox.NamedNode(_LABEL), None, None):
            if isinstance(q.object, ox.Literal) and q.object.language == "zh":
                out[p] = min(out.get(p, q.object.value), q.object.value)
    return out


__all__ = ["EXTENSIONS", "FORMATS", "INFERRED_GRAPH", "Colours", "ExportReport", "class_colour", "export_dataset",
           "export_store", "format_for", "infer", "read_csv", "serialize_rdf"]
