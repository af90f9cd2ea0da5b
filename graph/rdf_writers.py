"""The RDF writers of the format registry: pyoxigraph's serializers fed by a stream from the store.

Turtle, N-Triples and RDF/XML carry the union of the selected graphs; TriG, N-Quads and JSON-LD
keep one graph per document. Turtle and TriG start with the fixed prefixes of
``ecokg.graph.namespaces.PREFIXES`` in their order (entity IRIs are written in full); JSON-LD is
expanded (every IRI in full, readable without a context). The order of the statements is the
``ExportSelection``'s, so two exports of the same graph are byte-identical.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from ecokg.graph.export_selection import ExportSelection
from ecokg.graph.namespaces import PREFIXES


def prefixes() -> dict[str, str]:
    return {p: str(ns) for p, ns in PREFIXES.items()}


class _FixedHeader:
    """A binary sink that writes our ``@prefix`` header and drops the serializer's own."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.pending = b""
        self.in_header = True
        out.write(b"".join(f"@prefix {p}: <{ns}> .\n".encode() for p, ns in prefixes().items()))

    def write(self, data: bytes) -> int:
        if not self.in_header:
            return self.out.write(data)
        self.pending += bytes(data)
        while self.in_header and b"\n" in self.pending:
            line, _, rest = self.pending.partition(b"\n")
            if not line.startswith(b"@prefix "):
                self.in_header = False
                self.out.write(self.pending)
                self.pending = b""
            else:
                self.pending = rest
        return len(data)

    def flush(self) -> None:
        if self.in_header:  # nothing but the serializer's prefixes (an empty graph)
            self.pending = b"".join(ln + b"\n" for ln in self.pending.split(b"\n")
                                    if ln and not ln.startswith(b"@prefix "))
        if self.pending:
            self.out.write(self.pending)
            self.pending = b""
        self.out.flush()


class _XmlCarriageReturns:
    """XML parsers read a raw carriage return as a line feed: write the ones in values as ``&#13;``."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out

    def write(self, data: bytes) -> int:
        self.out.write(bytes(data).replace(b"\r", b"&#13;"))
        return len(data)

    def flush(self) -> None:
        self.out.flush()


class _Counted:
    def __init__(self, items: Iterator[Any]) -> None:
        self.items = items
        self.n = 0

    def __iter__(self) -> Iterator[Any]:
        for item in self.items:
            self.n += 1
            yield item


class RdfWriter:
    """Writes a selection with one of pyoxigraph's serializers (``ox_format``)."""

    ox_format = "N_QUADS"
    graphs = True  # quads (one graph per document), else the union's triples
    fixed_prefixes = False  # our @prefix header in PREFIXES order
    xml = False

    def write(self, selection: ExportSelection, out: BinaryIO) -> int:
        import pyoxigraph as ox

        items = _Counted(selection.quads() if self.graphs else selection.triples())
        sink: Any = out
        if self.fixed_prefixes:
            sink = _FixedHeader(out)
        elif self.xml:
            sink = _XmlCarriageReturns(out)
        ox.serialize(items, sink, getattr(ox.RdfFormat, self.ox_format),
                     prefixes=prefixes() if (self.fixed_prefixes or self.xml) else None)
        if sink is not out:
            sink.flush()
        return items.n


class TurtleWriter(RdfWriter):
    ox_format = "TURTLE"
    graphs = False
    fixed_prefixes = True


class TriGWriter(RdfWriter):
    ox_format = "TRIG"
    fixed_prefixes = True


class NTriplesWriter(RdfWriter):
    ox_format = "N_TRIPLES"
    graphs = False


class NQuadsWriter(RdfWriter):
    ox_format = "N_QUADS"


class JSONLDWriter(RdfWriter):
    ox_format = "JSON_LD"


class RDFXMLWriter(RdfWriter):
    ox_format = "RDF_XML"
    graphs = False
    xml = True


__all__ = ["JSONLDWriter", "NQuadsWriter", "NTriplesWriter", "RDFXMLWriter", "RdfWriter", "TriGWriter",
           "TurtleWriter", "prefixes"]
