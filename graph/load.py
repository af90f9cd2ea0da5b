"""Load RDF files into a store: what ``ecokg export`` writes comes back with ``ecokg load``.

``load_file(store, path)`` reads any format of the registry's readers (``ecokg.graph.formats``:
N-Quads, TriG, Turtle, N-Triples, JSON-LD, RDF/XML, CSV …; from the suffix, or ``fmt``) with
pyoxigraph's bulk loader, which writes without holding the file in memory. The bulk loader has
no transaction, so loading is made all-or-nothing around it:

1. the whole file is parsed once first (a syntax error stops here, nothing written);
2. graphs the store already holds are refused (loading never mixes a file into a document);
3. the quads are bulk-loaded; if that fails, the graphs it created are dropped again.

The ontology graph of the file is skipped: every store keeps its own copy of the packaged
ontology (``EcoStore.open`` loads it), and the file's blank nodes would duplicate its axioms. So is
its inferred graph (what ``export --inferred`` adds): the store makes its class closure
(``graph/closure.py``) itself, after the load.

``memory_store(quads, name)`` is an in-memory, read-only ``EcoStore`` over some quads (a file
shown by ``ecokg view --input``), so queries run on it exactly as on a store on disk.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecokg.errors import InputError, RDFSyntaxError, StoreError
from ecokg.graph.closure import materialize_class_closure
from ecokg.graph.formats import reader_format
from ecokg.graph.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH
from ecokg.graph.store import EcoStore


@dataclass
class Survey:
    """What a file to load holds, found by parsing all of it (``survey``)."""

    path: Path
    format: str
    graphs: set[str]  # named graphs, the ontology graph left out
    statements: int  # to load
    in_default: int  # of them in the default graph
    skipped: int  # in the ontology graph or the inferred graph


@dataclass
class LoadReport:
    path: Path
    format: str
    statements: int  # quads (or triples) written
    graphs: int  # named graphs written (the default graph not counted)
    skipped: int = 0  # statements of the file's ontology and inferred graphs, which the store makes itself


def load_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format name of a file to load: ``fmt`` if given, else from the suffix. InputError if unknown."""
    return reader_format(path, fmt).name


def survey(path: str | os.PathLike[str], fmt: str | None = None) -> Survey:
    """Check a file to load by parsing all of it (InputError, RDFSyntaxError); no store is touched."""
    import pyoxigraph as ox

    p = Path(path)
    if not p.is_file():
        raise InputError(f"RDF file {p} not found" if not p.exists() else f"{p} is not a file",
                         hint="give a file written by 'ecokg export' (.nq, .trig, .ttl …)")
    name = load_format(p, fmt)
    reader = reader_format(p, name).implementation()

    onto = (str(ONTOLOGY_GRAPH), str(INFERRED_GRAPH))
    graphs: set[str] = set()
    n = in_default = skipped = 0
    try:
        for q in reader.quads(p):
            g = q.graph_name
            if isinstance(g, ox.NamedNode) and g.value in onto:
                skipped += 1
                continue
            n += 1
            if isinstance(g, ox.NamedNode):
                graphs.add(g.value)
            elif isinstance(g, ox.DefaultGraph):
                in_default += 1
    except SyntaxError as exc:
        raise RDFSyntaxError(f"{p} is not valid {name}: {' '.join(str(exc).split())[:300]}",
                             hint="check the file, or give its format if the suffix is wrong") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise RDFSyntaxError(f"{p} cannot be read as {name}: {' '.join(str(exc).split())[:300]}",
                             hint="check the file, or give its format if the suffix is wrong") from exc
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror or exc}",
                         hint="check the path and its permissions") from exc
    return Survey(p, name, graphs, n, in_default, skipped)


def load_file(store: EcoStore, path: str | os.PathLike[str], fmt: str | None = None, *,
              checked: Survey | None = None) -> LoadReport:
    """Bulk-load the RDF file ``path`` into ``store`` (writable), all or nothing (see module doc).

    ``checked``: the file's ``survey`` when the caller has made it already.
    """
    import pyoxigraph as ox

    if store.read_only:
        raise StoreError(f"the store {store.path} was opened read-only", hint="open it for writing")
    s = checked or survey(path, fmt)
    p, name, graphs, n = s.path, s.format, s.graphs, s.statements
    in_default, skipped = s.in_default, s.skipped
    ox_store = store.ox
    clash = sorted(g for g in graphs if ox_store.contains_named_graph(ox.NamedNode(g)))
    if clash:
        plural = "s" if len(clash) > 1 else ""
        raise StoreError(f"{p} holds {len(clash)} graph{plural} the store {store.path} "
                         f"has already ({clash[0]}{', …' if len(clash) > 1 else ''}); nothing was loaded",
                         hint="remove those documents first ('ecokg remove DOC'), or load into a new --store")
    default_was_empty = not any(True for _ in ox_store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if in_default and not default_was_empty:
        raise StoreError(f"{p} has triples outside named graphs and the store {store.path} has some already; "
                         "nothing was loaded", hint="load it into a new --store")
    onto = (str(ONTOLOGY_GRAPH), str(INFERRED_GRAPH))
    reader = reader_format(p, name).implementation()

    def data() -> Iterator[Any]:
        for q in reader.quads(p):
            if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in onto):
                yield q

    try:
        if skipped:  # the file's ontology (or inferred) graph is left out: quads go through Python
            ox_store.bulk_extend(data())
        else:  # nothing to leave out: the reader bulk-loads the file itself
            reader.bulk_load(ox_store, p)
        ox_store.flush()
        materialize_class_closure(ox_store)  # superclass types of the loaded entities (graph/closure.py)
    except BaseException as exc:
        _roll_back(ox_store, graphs, default_was_empty)
        if not isinstance(exc, Exception):
            raise
        raise StoreError(f"loading {p} into the store {store.path} failed, nothing was loaded: "
                         f"{' '.join(str(exc).split())[:300]}",
                         hint="check free disk space and permissions") from exc
    return LoadReport(p, name, n, len(graphs), skipped)


def _roll_back(ox_store: Any, graphs: Iterable[str], default_was_empty: bool) -> None:
    import pyoxigraph as ox

    for g in graphs:
        ox_store.remove_graph(ox.NamedNode(g))
    if default_was_empty:
        ox_store.clear_graph(ox.DefaultGraph())


def memory_store(quads: Iterable[Any], name: str | os.PathLike[str]) -> EcoStore:
    """A read-only in-memory store of pyoxigraph ``quads``, named ``name`` in messages."""
    import pyoxigraph as ox

    from ecokg.graph.closure import packaged_superclasses

    mem = ox.Store()
    mem.bulk_extend(quads)
    # the class closure, as a store has it (the named queries rely on it), from the packaged ontology
    onto = ox.NamedNode(str(ONTOLOGY_GRAPH))
    materialize_class_closure(mem, None if mem.contains_named_graph(onto) else packaged_superclasses())
    return EcoStore(Path(name), mem, True)


__all__ = ["LoadReport", "Survey", "load_file", "load_format", "memory_store", "survey"]
