"""CSV of quads, a format of the registry: written by ``export``, read back by ``load``/``check``/``view``.

One row per quad: ``graph, subject, predicate, object, object_kind, datatype, language``; UTF-8
with a byte-order mark so spreadsheet programs read Chinese; lossless. Rows follow the
selection's quad order (duplicates cannot occur: a store holds each quad once).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ecokg.graph.export_selection import ExportSelection
from ecokg.graph.rdf_readers import Reader

HEADER = ["graph", "subject", "predicate", "object", "object_kind", "datatype", "language"]


def _node_text(term: Any) -> str:
    import pyoxigraph as ox

    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _row(q: Any) -> tuple[str, ...]:
    import pyoxigraph as ox

    o = q.object
    kind = "iri" if isinstance(o, ox.NamedNode) else "bnode" if isinstance(o, ox.BlankNode) else "literal"
    return ("" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value,
            _node_text(q.subject), q.predicate.value, _node_text(o), kind,
            o.datatype.value if isinstance(o, ox.Literal) and not o.language else "",
            o.language or "" if isinstance(o, ox.Literal) else "")


class CsvWriter:
    def write(self, selection: ExportSelection, out: BinaryIO) -> int:
        text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
        w = csv.writer(text, lineterminator="\n")
        # a field holding a carriage return must be quoted too, or readers end the row there
        quoted = csv.writer(text, lineterminator="\n", quoting=csv.QUOTE_ALL)
        w.writerow(HEADER)
        n = 0
        for q in selection.quads():
            row = _row(q)
            (quoted if any("\r" in f for f in row) else w).writerow(row)
            n += 1
        text.flush()
        text.detach()
        return n


def read_csv(path: str | os.PathLike[str]) -> Iterator[Any]:
    """The quads of a CSV written by ``CsvWriter`` (ValueError on a row that is not one)."""
    import pyoxigraph as ox

    def node(text: str) -> Any:
        return ox.BlankNode(text[2:]) if text.startswith("_:") else ox.NamedNode(text)

    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != HEADER:
            raise ValueError(f"line 1: the header is not {','.join(HEADER)}")
        for row in reader:
            try:
                if row["object_kind"] == "literal":
                    obj = (ox.Literal(row["object"], language=row["language"]) if row["language"]
                           else ox.Literal(row["object"], datatype=ox.NamedNode(row["datatype"])))
                else:
                    obj = node(row["object"])
                graph = ox.NamedNode(row["graph"]) if row["graph"] else ox.DefaultGraph()
                yield ox.Quad(node(row["subject"]), ox.NamedNode(row["predicate"]), obj, graph)
            except (ValueError, TypeError, AttributeError) as exc:
                raise ValueError(f"line {reader.line_num}: {exc}") from exc


class CsvReader(Reader):
    title = "CSV"

    def quads(self, path: Path) -> Iterator[Any]:
        return read_csv(path)


__all__ = ["CsvReader", "CsvWriter", "read_csv"]
