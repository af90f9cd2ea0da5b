"""One registry of the file formats ecokg reads and writes (export, load, check, ``view --input``).

Modelled on rdflib's ``plugin.register(name, kind, module, class)``: a format is registered by
name with the module and class that implement it, and the module is imported only when the
format is used, so this module imports nothing heavy and nothing of the layers above:

    register_writer("ttl", "ecokg.graph.rdf_writers", "TurtleWriter", title="Turtle",
                    suffixes=(".ttl", ".turtle"), aliases=("turtle",))

A writer class has ``write(selection, out) -> int`` (statements written; ``selection`` is an
``ExportSelection`` of ``ecokg.graph.export``); a reader class has ``quads(path)`` (pyoxigraph
quads), ``into_dataset(path, dataset, public_id)`` (rdflib) and ``bulk_load(ox_store, path)``
(see ``ecokg.graph.rdf_readers.Reader``). ``writer_format``/``reader_format`` find a format from
``--format`` or a file's suffix; an unknown one is one ``InputError`` that lists the known ones.
Adding a format is one class and one ``register_*`` call at the end of this module.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ecokg.errors import InputError

Kind = Literal["writer", "reader"]


@dataclass(frozen=True)
class Format:
    """One registered format of one kind: its name, how files of it are named, who implements it."""

    name: str  # "ttl", the value of --format
    kind: Kind
    module: str  # imported on first use
    class_name: str
    title: str  # "Turtle", for messages and --help
    suffixes: tuple[str, ...]  # ".ttl", ".turtle" (the first is the one written)
    aliases: tuple[str, ...] = ()  # other accepted --format values
    graphs: bool = False  # keeps one graph per document (quads), else the union of the graphs

    def implementation(self) -> Any:
        """An instance of the class that reads or writes this format (its module imported now)."""
        return getattr(importlib.import_module(self.module), self.class_name)()


_REGISTRY: dict[Kind, dict[str, Format]] = {"writer": {}, "reader": {}}


def register(name: str, kind: Kind, module: str, class_name: str, *, title: str, suffixes: tuple[str, ...],
             aliases: tuple[str, ...] = (), graphs: bool = False) -> Format:
    """Register (or replace) the ``kind`` of format ``name``, implemented by ``module.class_name``."""
    fmt = Format(name, kind, module, class_name, title, tuple(s.lower() for s in suffixes),
                 tuple(a.lower() for a in aliases), graphs)
    _REGISTRY[kind][name] = fmt
    return fmt


def register_writer(name: str, module: str, class_name: str, **meta: Any) -> Format:
    return register(name, "writer", module, class_name, **meta)


def register_reader(name: str, module: str, class_name: str, **meta: Any) -> Format:
    return register(name, "reader", module, class_name, **meta)


def formats(kind: Kind) -> list[Format]:
    """The registered formats of a kind, in registration order."""
    return list(_REGISTRY[kind].values())


def names(kind: Kind) -> list[str]:
    return list(_REGISTRY[kind])


def suffixes(kind: Kind) -> list[str]:
    """Every file suffix of a kind, sorted."""
    return sorted({s for f in _REGISTRY[kind].values() for s in f.suffixes})


def by_name(name: str, kind: Kind) -> Format | None:
    key = name.lower()
    table = _REGISTRY[kind]
    return table.get(key) or next((f for f in table.values() if key in f.aliases), None)


def by_suffix(path: str | os.PathLike[str], kind: Kind) -> Format | None:
    suffix = Path(path).suffix.lower()
    return next((f for f in _REGISTRY[kind].values() if suffix in f.suffixes), None) if suffix else None


def _find(path: str | os.PathLike[str], fmt: str | None, kind: Kind, what: str) -> Format:
    if fmt:
        found = by_name(fmt, kind)
        if found is None:
            raise InputError(f"unknown {what} format '{fmt}'", hint=f"use one of: {', '.join(names(kind))}")
        return found
    found = by_suffix(path, kind)
    if found is None:
        name = Path(path).name
        suffix = Path(path).suffix or "(none)"
        raise InputError(f"cannot tell the {what} format of '{name}' from its suffix: unknown {what} file "
                         f"extension '{suffix}'",
                         hint=f"use a file ending in {' '.join(suffixes(kind))}, or give --format "
                              f"({', '.join(names(kind))})")
    return found


def writer_format(path: str | os.PathLike[str], fmt: str | None = None) -> Format:
    """The writer for ``path``: ``fmt`` (a name or alias) if given, else from the file suffix."""
    return _find(path, fmt, "writer", "export")


def reader_format(path: str | os.PathLike[str], fmt: str | None = None) -> Format:
    """The reader for ``path``: ``fmt`` (a name or alias) if given, else from the file suffix."""
    return _find(path, fmt, "reader", "RDF")


# -- the built-in formats --------------------------------------------------------------------------
_W = "ecokg.graph.rdf_writers"
_R = "ecokg.graph.rdf_readers"
_RDF_FORMATS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...], bool], ...] = (
    # name, title, class (…Writer, …Reader), suffixes, aliases, one graph per document
    ("ttl", "Turtle", "Turtle", (".ttl", ".turtle"), ("turtle",), False),
    ("trig", "TriG", "TriG", (".trig",), (), True),
    ("nt", "N-Triples", "NTriples", (".nt", ".ntriples"), ("ntriples", "n-triples"), False),
    ("nq", "N-Quads", "NQuads", (".nq", ".nquads"), ("nquads", "n-quads"), True),
    ("jsonld", "JSON-LD", "JSONLD", (".jsonld", ".json"), ("json-ld",), True),
    ("xml", "RDF/XML", "RDFXML", (".rdf", ".xml", ".owl"), ("rdfxml", "rdf/xml", "rdf"), False),
)
for _name, _title, _cls, _suffixes, _aliases, _graphs in _RDF_FORMATS:
    register_writer(_name, _W, f"{_cls}Writer", title=_title, suffixes=_suffixes, aliases=_aliases,
                    graphs=_graphs)
    register_reader(_name, _R, f"{_cls}Reader", title=_title, suffixes=_suffixes, aliases=_aliases,
                    graphs=_graphs)
register_reader("n3", _R, "N3Reader", title="N3", suffixes=(".n3",))
register_reader("trix", _R, "TriXReader", title="TriX", suffixes=(".trix",), graphs=True)
register_reader("hext", _R, "HextReader", title="Hextuples", suffixes=(".hext",), graphs=True)
register_writer("gexf", "ecokg.graph.network_writers", "GexfWriter", title="GEXF (Gephi)",
                suffixes=(".gexf",))
register_writer("graphml", "ecokg.graph.network_writers", "GraphMLWriter", title="GraphML",
                suffixes=(".graphml",))
register_writer("csv", "ecokg.graph.csv_format", "CsvWriter", title="CSV (one row per quad)",
                suffixes=(".csv",), graphs=True)
register_reader("csv", "ecokg.graph.csv_format", "CsvReader", title="CSV (one row per quad)",
                suffixes=(".csv",), graphs=True)

__all__ = ["Format", "by_name", "by_suffix", "formats", "names", "reader_format", "register",
           "register_reader", "register_writer", "suffixes", "writer_format"]
