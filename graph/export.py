"""Export a store (or an in-memory rdflib Dataset) to files other tools read.

The format comes from ``--format`` or the file's suffix through the registry of
``ecokg.graph.formats`` (``writer_format``); its writer class streams an ``ExportSelection``
(``ecokg.graph.export_selection``) straight from the store into the file:

* RDF (``rdf_writers``): ``ttl`` (Turtle), ``nt`` (N-Triples), ``xml`` (RDF/XML) carry the union
  of the selected graphs; ``trig``, ``nq`` (N-Quads) and ``jsonld`` keep one graph per document.
  Written by pyoxigraph's serializers in an order that depends only on the data, with the fixed
  prefixes of ``ecokg.graph.namespaces.PREFIXES``, so two exports of the same graph are
  byte-identical; blank nodes (only the ontology has them) are canonicalized (RDFC-1.0).
* ``gexf`` / ``graphml`` (``network_writers``, for Gephi): entities and their ``eco:`` relations,
  nodes coloured by the ``colours`` function passed in (the views' legend through
  ``ecokg.open(...).export``), else a stable hash.
* ``csv`` (``csv_format``): one row per quad, lossless, reads back.

``inferred=True`` adds, in the named graph ``INFERRED_GRAPH``, what the ontology entails
and the data does not yet state: the transitive closure of ``eco:locatedIn``, superclass types
(``rdfs:subClassOf``), super-properties (``rdfs:subPropertyOf``) and inverses (``owl:inverseOf``).
It runs as SPARQL in pyoxigraph, so it scales to large stores (it is not a full OWL reasoner).

Every file is written atomically (temporary file in the same directory, then ``os.replace``).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ecokg.errors import InputError, StoreError
from ecokg.graph.export_selection import Colours, ExportSelection
from ecokg.graph.formats import formats, writer_format
from ecokg.graph.namespaces import ECO, INFERRED_GRAPH, ONTOLOGY_GRAPH, OWL, RDF, RDFS
from ecokg.graph.store import EcoStore

if TYPE_CHECKING:
    from rdflib import Dataset

#: The export formats (names), and the file suffixes that choose them.
FORMATS = tuple(f.name for f in formats("writer"))
EXTENSIONS = {suffix: f.name for f in formats("writer") for suffix in f.suffixes}


@dataclass
class ExportReport:
    path: Path
    format: str
    statements: int  # triples or quads written (nodes + edges for gexf/graphml)
    inferred: int = 0


def format_for(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The export format: ``fmt`` if given, else from the file extension. InputError if unknown."""
    return writer_format(path, fmt).name


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
    # the in-memory store iterates in insertion order (RocksDB in key order): insert in a fixed order,
    # not in the Dataset's, which follows Python's randomized hashing, so that files are byte-stable
    mem.bulk_extend(sorted(dataset_to_quads(source), key=str))
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


def _quads(ox_store: Any, graphs: list[Any]) -> Iterator[Any]:
    for g in graphs:
        yield from ox_store.quads_for_pattern(None, None, None, g)


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
        copy.bulk_extend(_quads(ox_store, graphs))
        copy.load(src.read_bytes(), format=ox.RdfFormat.TURTLE, base_iri=str(ONTOLOGY_GRAPH), to_graph=onto)
        ox_store = copy
    prefixes = {"eco": str(ECO), "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)}
    data = [g for g in graphs if g != onto]
    chosen = set(graphs)
    out = []
    for sol in ox_store.query(_INFERENCE, prefixes=prefixes, default_graph=[*data, onto]):
        s, p, o = sol["s"], sol["p"], sol["o"]
        if isinstance(s, ox.Literal) or any(q.graph_name in chosen
                                            for q in ox_store.quads_for_pattern(s, p, o, None)):
            continue  # stated already
        out.append(ox.Quad(s, p, o, ox.NamedNode(str(INFERRED_GRAPH))))
    return out


# -- writing -------------------------------------------------------------------------------------
@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[IO[bytes]]:
    """A binary file that appears at ``path`` complete or not at all (temporary file, fsync, replace)."""
    from ecokg.graph.storefs import umask

    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise IsADirectoryError(21, "Is a directory")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~umask())  # mkstemp makes 0600; the file gets what open() would give
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _export(ox_store: Any, path: str | os.PathLike[str], fmt: str, *, document: str | None, ontology: bool,
            inferred: bool, colours: Colours | None = None) -> ExportReport:
    spec = writer_format(path, fmt)
    graphs = _graphs(ox_store, document, ontology)
    extra = infer(ox_store, graphs) if inferred else []
    selection = ExportSelection(ox_store, graphs, extra, colours)
    writer = spec.implementation()
    target = Path(path)
    try:
        with atomic_output(target) as fh:
            n = writer.write(selection, fh)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}",
                         hint="check that the directory exists and is writable") from exc
    return ExportReport(target, spec.name, n, len(extra))


def read_csv(path: str | os.PathLike[str]) -> list[Any]:
    """The quads of a CSV written by ``export`` (for round trips and other tools' tests)."""
    from ecokg.graph.csv_format import read_csv as read

    return list(read(path))


def class_colour(cls: str) -> str:
    """The default colour of a class in GEXF/GraphML (``ecokg.graph.network_writers``)."""
    from ecokg.graph.network_writers import class_colour as colour

    return colour(cls)


__all__ = ["EXTENSIONS", "FORMATS", "INFERRED_GRAPH", "Colours", "ExportReport", "atomic_output",
           "class_colour", "export_dataset", "export_store", "format_for", "infer", "read_csv"]
