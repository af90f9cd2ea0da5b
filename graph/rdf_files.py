"""Read RDF files into one rdflib graph for ``ecokg check``, with one located line for a broken file.

The format of each file comes from the registry of ``ecokg.graph.formats`` (its suffix); the
reader parses it with rdflib (``into_dataset``). When that fails, or when rdflib would let
through what the W3C grammar forbids (``Reader.strict_check``: Turtle, TriG, N-Triples,
N-Quads), pyoxigraph's strict parse (``Reader.quads``) says where the file is broken, since
rdflib's messages often do not. A JSON-LD ``@context`` that would be fetched over the network
is refused.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from ecokg.errors import InputError, RDFSyntaxError
from ecokg.graph.formats import Format, reader_format
from ecokg.graph.namespaces import bind_prefixes


@contextlib.contextmanager
def quiet_rdflib() -> Iterator[None]:
    """rdflib logs a traceback and warns for every ill-typed literal; the report covers them."""
    logger = logging.getLogger("rdflib")
    old = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(old)


def printable(text: str) -> str:
    """Control characters of untrusted input shown escaped, so an error stays one clean line."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def strict_syntax_error(reader: Any, path: Path) -> str | None:
    """The reader's strict (pyoxigraph) parse's located message when the file is broken, else None."""
    try:
        for _ in reader.quads(path):
            pass
    except SyntaxError as exc:
        msg = re.sub(r"\s*\([^()]*, line \d+\)$", "", str(exc.msg or exc))
        if "line" not in msg and exc.lineno:
            msg = f"line {exc.lineno}: {msg}"
        return msg
    except Exception:  # pyoxigraph could not help; the caller falls back on rdflib's own message
        return None
    return None


def _locate_syntax_error(reader: Any, path: Path, exc: Exception) -> str:
    """One line saying where the file is broken: the strict parser's located message when it has one."""
    located = strict_syntax_error(reader, path) if reader.ox_format else None
    if located and "line" in located:
        return located
    line = getattr(exc, "lines", None)
    line = line + 1 if isinstance(line, int) else getattr(exc, "lineno", None)
    if line is None and hasattr(exc, "getLineNumber"):
        line = exc.getLineNumber()
    text = str(exc).strip()
    why = located or getattr(exc, "_why", None) or (text.splitlines()[0] if text else type(exc).__name__)
    return f"line {line}: {why}" if line else str(why)


def _remote_contexts(obj: object) -> list[str]:
    """``@context`` references (strings) anywhere in a JSON-LD document."""
    found: list[str] = []
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key == "@context":
                found += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
            found += _remote_contexts(value)
    elif isinstance(obj, list):
        for item in obj:
            found += _remote_contexts(item)
    return found


def _refuse_remote_contexts(path: Path) -> None:
    """rdflib would fetch a remote JSON-LD context over the network; ecokg never does."""
    try:
        doc = json.loads(path.read_bytes())
    except (ValueError, UnicodeDecodeError):
        return  # not JSON: the parser reports where
    remote = _remote_contexts(doc)
    if remote:
        raise InputError(f"{path}: the JSON-LD @context refers to {remote[0]}, which would be fetched over "
                         "the network", hint="inline the context in the file, or convert it to Turtle")


def rdf_format(path: Path) -> Format:
    """The registered reader of a file, by its suffix (InputError naming the known suffixes)."""
    try:
        return reader_format(path)
    except InputError as exc:
        raise InputError(f"{path}: {exc.message}", hint=exc.hint) from None


def load_files(paths: Iterable[str | Path], into: Graph | None = None) -> Graph:
    """Parse RDF files (format by extension, named graphs merged) into one graph."""
    union = into if into is not None else Graph()
    bind_prefixes(union.namespace_manager)
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise InputError(f"{path}: no such file", hint="check the path")
        if not path.is_file():
            raise InputError(f"{path}: not a regular file", hint="give RDF files, not directories")
        spec = rdf_format(path)
        reader = spec.implementation()
        if spec.name == "jsonld":
            _refuse_remote_contexts(path)
        ds = Dataset()
        try:
            with quiet_rdflib():
                reader.into_dataset(path, ds, path.resolve().as_uri())
        except Exception as exc:
            where = printable(_locate_syntax_error(reader, path, exc))
            raise RDFSyntaxError(f"{path}: not valid {spec.title}: {where}",
                                 hint="fix the file or give it the right extension") from None
        if reader.strict_check:
            problem = strict_syntax_error(reader, path)
            if problem:
                raise RDFSyntaxError(f"{path}: not valid {spec.title}: {printable(problem)}",
                                     hint="fix the file or give it the right extension")
        for s, p_, o, _g in ds.quads((None, None, None, None)):
            union.add((s, p_, o))
    return union


def load_ontology(extra: Sequence[str | Path] = ()) -> Graph:
    """The packaged OWL ontology plus any extra ontology files."""
    from ecokg.resources import ontology_file

    g = Graph()
    bind_prefixes(g.namespace_manager)
    with ontology_file("ecokg.ttl").open("rb") as fh:
        g.parse(fh, format="turtle")
    return load_files(extra, g) if extra else g


__all__ = ["load_files", "load_ontology", "printable", "quiet_rdflib", "rdf_format", "strict_syntax_error"]
