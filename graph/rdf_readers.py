"""The RDF readers of the format registry: one class per syntax, used by load, check and view.

A reader gives a file's statements three ways:

* ``quads(path)``: pyoxigraph quads from a strict (W3C grammar) parse, streamed; SyntaxError or
  ValueError on bad input. ``ecokg load`` checks a file with it before writing anything;
* ``bulk_load(ox_store, path)``: into a pyoxigraph store without holding the file in memory;
* ``into_dataset(path, dataset, public_id)``: into an rdflib Dataset (``ecokg check``, ``ecokg
  view --input``), with rdflib's parser where it has one.

Formats pyoxigraph parses have ``ox_format``; formats rdflib parses have ``rdflib_format``; a
reader with only one of them converts for the other way.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Dataset


class Reader:
    """Base class: ``quads`` is what a reader must give; the other ways follow from it."""

    title = "RDF"
    ox_format: str | None = None  # pyoxigraph.RdfFormat attribute
    rdflib_format: str | None = None  # rdflib parser name
    #: rdflib reads this syntax leniently (IRIs with spaces, bad language tags …): check with ``quads``.
    strict_check = False

    def quads(self, path: Path) -> Iterator[Any]:
        import pyoxigraph as ox

        if self.ox_format is not None:
            return iter(ox.parse(path=str(path), format=getattr(ox.RdfFormat, self.ox_format),
                                 base_iri=Path(path).resolve().as_uri()))
        from rdflib import Dataset

        from ecokg.graph.oxconvert import dataset_to_quads

        ds = Dataset()
        self.into_dataset(path, ds)
        return iter(dataset_to_quads(ds))

    def bulk_load(self, ox_store: Any, path: Path) -> None:
        import pyoxigraph as ox

        if self.ox_format is not None:
            ox_store.bulk_load(path=str(path), format=getattr(ox.RdfFormat, self.ox_format),
                               base_iri=Path(path).resolve().as_uri())
        else:
            ox_store.bulk_extend(self.quads(path))

    def into_dataset(self, path: Path, dataset: Dataset, public_id: str | None = None) -> None:
        if self.rdflib_format is not None:
            with Path(path).open("rb") as fh:
                dataset.parse(fh, format=self.rdflib_format, publicID=public_id)
            return
        from ecokg.graph.oxconvert import from_ox

        for q in self.quads(path):
            dataset.graph(from_ox(q.graph_name)).add((from_ox(q.subject), from_ox(q.predicate),
                                                      from_ox(q.object)))


class TurtleReader(Reader):
    title, ox_format, rdflib_format, strict_check = "Turtle", "TURTLE", "turtle", True


class TriGReader(Reader):
    title, ox_format, rdflib_format, strict_check = "TriG", "TRIG", "trig", True


class NTriplesReader(Reader):
    title, ox_format, rdflib_format, strict_check = "N-Triples", "N_TRIPLES", "nt", True


class NQuadsReader(Reader):
    title, ox_format, rdflib_format, strict_check = "N-Quads", "N_QUADS", "nquads", True


class JSONLDReader(Reader):
    title, ox_format, rdflib_format = "JSON-LD", "JSON_LD", "json-ld"


class RDFXMLReader(Reader):
    title, ox_format, rdflib_format = "RDF/XML", "RDF_XML", "xml"


class N3Reader(Reader):
    title, ox_format, rdflib_format = "N3", "N3", "n3"


class TriXReader(Reader):
    title, rdflib_format = "TriX", "trix"


class HextReader(Reader):
    title, rdflib_format = "Hextuples", "hext"


__all__ = ["HextReader", "JSONLDReader", "N3Reader", "NQuadsReader", "NTriplesReader", "RDFXMLReader",
           "Reader", "TriGReader", "TriXReader", "TurtleReader"]
