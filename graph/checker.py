"""Check RDF data against the ecokg ontology: SHACL shapes, data checks and OWL consistency.

Three independent checks over the union of the data files plus the ontology:

* SHACL (pySHACL, no inference: the ontology's ``rdfs:subClassOf`` triples are in the data
  graph, so ``sh:targetClass`` reaches subclass instances) with ``ontology/shapes.ttl``;
* data checks, the SPARQL queries ``queries/checks/*-violation.rq``: every row is a failure;
* OWL 2 consistency with HermiT (owlready2, needs Java): unsatisfiable classes, and when the
  data is inconsistent, the individuals to blame, found by :func:`find_conflicts`.

Nothing here prints; problems that stop a check from running raise ``ecokg.errors``.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import re
import shutil
import tempfile
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import NamespaceManager
from rdflib.query import ResultRow
from rdflib.term import Node

from ecokg.errors import InputError, QueryError, RDFSyntaxError, ReasonerError
from ecokg.graph.namespaces import ECO, OWL, RDF, RDFS, SH, SHAPES_IRI, SKOS, XSD, bind_prefixes

#: RDF formats by file extension (rdflib parser names).
FORMATS: dict[str, str] = {
    ".ttl": "turtle", ".turtle": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads",
    ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".n3": "n3",
}
# pyoxigraph format names, used only to locate a syntax error that rdflib reports vaguely.
_FORMAT_NAMES = {"turtle": "Turtle", "trig": "TriG", "nt": "N-Triples", "nquads": "N-Quads",
                 "json-ld": "JSON-LD", "xml": "RDF/XML", "n3": "N3"}
_OX_FORMATS = {"turtle": "TURTLE", "trig": "TRIG", "nt": "N_TRIPLES", "nquads": "N_QUADS",
               "json-ld": "JSON_LD", "xml": "RDF_XML", "n3": "N3"}
_INTEGER_TYPES = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
                  XSD.positiveInteger, XSD.nonPositiveInteger, XSD.negativeInteger, XSD.unsignedLong,
                  XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte}
#: Prefix for shape IRIs in reports (the shapes file's own namespace).
SHAPES_NS = Namespace(f"{SHAPES_IRI}#")
_JAVA_HINT = "install default-jre-headless (apt-get) or run with --no-reasoner"


@dataclass(frozen=True)
class Violation:
    """One SHACL result or one data-check row."""

    shape: str
    shape_label: str
    focus: str
    focus_label: str | None
    message: str
    path: str | None = None
    value: str | None = None
    severity: str = "Violation"


@dataclass(frozen=True)
class Term:
    """A class or individual reported by the reasoner, with its label when it has one."""

    iri: str
    label: str | None
    reason: str = ""


@dataclass
class CheckReport:
    files: list[str]
    triples: int
    shacl_ran: bool = False
    reasoner_ran: bool = False
    shacl: list[Violation] = field(default_factory=list)
    checks: list[Violation] = field(default_factory=list)
    consistent: bool | None = None
    unsatisfiable: list[Term] = field(default_factory=list)
    inconsistent: list[Term] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not (self.shacl or self.checks or self.unsatisfiable or self.consistent is False)

    def to_dict(self) -> dict[str, object]:
        return {
            "conforms": self.conforms, "files": self.files, "triples": self.triples,
            "shacl_ran": self.shacl_ran, "reasoner_ran": self.reasoner_ran, "consistent": self.consistent,
            "shacl": [asdict(v) for v in self.shacl], "checks": [asdict(v) for v in self.checks],
            "unsatisfiable": [asdict(t) for t in self.unsatisfiable],
            "inconsistent": [asdict(t) for t in self.inconsistent],
        }


# -- loading -------------------------------------------------------------------------------
def rdf_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown RDF file extension {path.suffix or '(none)'!r}",
                         hint="expected one of " + " ".join(sorted(FORMATS)))
    return fmt


def _locate_syntax_error(path: Path, fmt: str, exc: Exception) -> str:
    """One line saying where the file is broken: pyoxigraph's located message when it has one."""
    ox_msg: str | None = None
    try:
        import pyoxigraph as ox

        for _ in ox.parse(path=str(path), format=getattr(ox.RdfFormat, _OX_FORMATS[fmt])):
            pass
    except SyntaxError as ox_exc:
        ox_msg = re.sub(r"\s*\([^()]*, line \d+\)$", "", str(ox_exc.msg or ox_exc))
        if "line" not in ox_msg and ox_exc.lineno:
            ox_msg = f"line {ox_exc.lineno}: {ox_msg}"
    except Exception:  # pyoxigraph could not help; fall back on rdflib's own message
        pass
    if ox_msg and "line" in ox_msg:
        return ox_msg
    line = getattr(exc, "lines", None)
    line = line + 1 if isinstance(line, int) else getattr(exc, "lineno", None)
    if line is None and hasattr(exc, "getLineNumber"):
        line = exc.getLineNumber()
    text = str(exc).strip()
    why = ox_msg or getattr(exc, "_why", None) or (text.splitlines()[0] if text else type(exc).__name__)
    return f"line {line}: {why}" if line else str(why)


@contextlib.contextmanager
def _quiet_rdflib() -> Iterator[None]:
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


def _printable(text: str) -> str:
    """Control characters of untrusted input shown escaped, so an error stays one clean line."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


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
        fmt = rdf_format(path)
        if fmt == "json-ld":
            _refuse_remote_contexts(path)
        ds = Dataset()
        try:
            with path.open("rb") as fh, _quiet_rdflib():
                ds.parse(fh, format=fmt, publicID=path.resolve().as_uri())
        except Exception as exc:
            where = _printable(_locate_syntax_error(path, fmt, exc))
            raise RDFSyntaxError(f"{path}: not valid {_FORMAT_NAMES[fmt]}: {where}",
                                 hint="fix the file or give it the right extension") from None
        if fmt in _STRICT_FORMATS:
            problem = _strict_syntax_error(path, fmt)
            if problem:
                raise RDFSyntaxError(f"{path}: not valid {_FORMAT_NAMES[fmt]}: {_printable(problem)}",
                                     hint="fix the file or give it the right extension")
        for s, p_, o, _g in ds.quads((None, None, None, None)):
            union.add((s, p_, o))
    return union


#: Grammars rdflib parses leniently (IRIs with spaces, bad language tags …): pyoxigraph checks them.
_STRICT_FORMATS = ("turtle", "trig", "nt", "nquads")


def _strict_syntax_error(path: Path, fmt: str) -> str | None:
    """pyoxigraph's located message when the file breaks the W3C grammar, else None."""
    import pyoxigraph as ox

    try:
        for _ in ox.parse(path=str(path), format=getattr(ox.RdfFormat, _OX_FORMATS[fmt]),
                          base_iri=path.resolve().as_uri()):
            pass
    except SyntaxError as exc:
        msg = re.sub(r"\s*\([^()]*, line \d+\)$", "", str(exc.msg or exc))
        if "line" not in msg and exc.lineno:
            msg = f"line {exc.lineno}: {msg}"
        return msg
    except (OSError, ValueError):
        return None
    return None


def load_ontology(extra: Sequence[str | Path] = ()) -> Graph:
    """The packaged OWL ontology plus any extra ontology files."""
    from ecokg.resources import ontology_file

    g = Graph()
    bind_prefixes(g.namespace_manager)
    with ontology_file("ecokg.ttl").open("rb") as fh:
        g.parse(fh, format="turtle")
    return load_files(extra, g) if extra else g


def label_of(g: Graph, node: Node) -> str | None:
    """The node's Chinese rdfs:label, else any label or skos:prefLabel."""
    labels = [o for p in (RDFS.label, SKOS.prefLabel) for o in g.objects(node, p) if isinstance(o, Literal)]
    for lit in labels:
        if lit.language and lit.language.lower().startswith("zh"):
            return str(lit)
    return str(labels[0]) if labels else None


@lru_cache(maxsize=1)
def _names() -> NamespaceManager:
    """The prefixes reports use (ecokg's, plus ``ecosh:`` for shapes), whatever the input bound."""
    g = Graph(bind_namespaces="none")
    bind_prefixes(g.namespace_manager)
    g.namespace_manager.bind("ecosh", SHAPES_NS)
    return g.namespace_manager


def _short(node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        try:
            return _names().normalizeUri(node)
        except Exception:
            return f"<{node}>"
    return node.n3() if isinstance(node, Literal) else str(node)


# -- SHACL and data checks -------------------------------------------------------------------
def run_shacl(data: Graph, shapes: Graph | None = None) -> list[Violation]:
    """Validate ``data`` (which should include the ontology) with the ecokg shapes."""
    import pyshacl

    if shapes is None:
        from ecokg.resources import ontology_file

        shapes = Graph()
        with ontology_file("shapes.ttl").open("rb") as fh:
            shapes.parse(fh, format="turtle")
    _conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                                 advanced=False, allow_warnings=True)
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        shape = results.value(r, SH.sourceShape)
        focus = results.value(r, SH.focusNode)
        shape_label = next((str(lit) for lit in shapes.objects(shape, RDFS.label)
                            if isinstance(lit, Literal) and lit.language == "en"), None)
        message = results.value(r, SH.resultMessage)
        path = results.value(r, SH.resultPath)
        severity = results.value(r, SH.resultSeverity)
        out.append(Violation(
            shape=_short(shape) or "", shape_label=shape_label or _short(shape) or "",
            focus=_short(focus) or "", focus_label=label_of(data, focus) if focus is not None else None,
            message=str(message) if message else "does not conform",
            path=_short(path) if isinstance(path, URIRef) else None,
            value=_short(results.value(r, SH.value)),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        ))
    return sorted(out, key=lambda v: (v.shape_label, v.focus_label or "", v.focus, v.message))


def run_data_checks(data: Graph) -> list[Violation]:
    """Run ``queries/checks/*-violation.rq``; each returned row (``?focus``, ``?detail``) fails.

    A check's first ``#`` comment line is its message.
    """
    from ecokg.resources import check_files

    out = []
    for f in check_files():
        text = f.read_text(encoding="utf-8")
        name = f.name.removesuffix("-violation.rq")
        message = next((ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("#")), name)
        try:
            rows = list(data.query(text))
        except Exception as exc:
            raise QueryError(f"data check {f.name} failed: {exc}", hint="fix the query file") from None
        for row in rows:
            values = row.asdict() if isinstance(row, ResultRow) else {}
            focus, detail = values.get("focus"), values.get("detail")
            out.append(Violation(shape=name, shape_label=name.replace("-", " "), focus=_short(focus) or "",
                                 focus_label=label_of(data, focus) if focus is not None else None,
                                 message=message, value=str(detail) if detail is not None else None))
    return sorted(out, key=lambda v: (v.shape, v.focus_label or "", v.focus))


# -- OWL reasoning -------------------------------------------------------------------------------
@contextlib.contextmanager
def _quiet_tempdir() -> Iterator[None]:
    """Silence owlready2's prints and keep its temporary files in a directory we remove."""
    old = tempfile.tempdir
    with tempfile.TemporaryDirectory(prefix="ecokg-hermit-") as tmp:
        tempfile.tempdir = tmp
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                yield
        finally:
            tempfile.tempdir = old


def run_hermit(graph: Graph) -> tuple[bool, list[str]]:
    """(consistent, IRIs of unsatisfiable classes) for a graph with HermiT via owlready2."""
    java = shutil.which("java")
    if java is None:
        raise ReasonerError("no Java runtime found", hint=_JAVA_HINT)
    import owlready2

    owlready2.JAVA_EXE = java
    with _quiet_rdflib():
        nt = graph.serialize(format="nt", encoding="utf-8")
    with _quiet_tempdir():
        world = owlready2.World()
        try:
            onto = world.get_ontology(str(ECO))
            onto.load(fileobj=io.BytesIO(nt), format="ntriples")
            # xsd:date (eco:periodStart/End) is outside the OWL 2 datatype map HermiT implements.
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                           ignore_unsupported_datatypes=True)
        except owlready2.OwlReadyInconsistentOntologyError:
            return False, []
        except owlready2.OwlReadyJavaError as exc:
            lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip() and not ln.strip().startswith("at ")]
            detail = next((ln for ln in lines if "Exception" in ln or "Error" in ln), lines[-1] if lines else "")
            raise ReasonerError(f"HermiT failed: {detail}", hint="run with --no-reasoner to skip it") from None
        except OSError as exc:
            raise ReasonerError(f"could not run Java ({java}): {exc}", hint=_JAVA_HINT) from None
        unsat = sorted({c.iri for c in world.inconsistent_classes()
                        if hasattr(c, "iri") and not c.iri.startswith(str(OWL))})
        world.close()
    return True, unsat


def _union_members(g: Graph, expr: Node) -> list[Node] | None:
    """Named classes of a class IRI or an ``owl:unionOf`` of class IRIs; None for anything else."""
    if isinstance(expr, URIRef):
        return [expr]
    members = g.value(expr, OWL.unionOf)
    if members is None:
        return None
    items = list(Collection(g, members))
    return items if all(isinstance(m, URIRef) for m in items) else None


class _Axioms:
    """The class hierarchy, disjointness, domains and ranges of a graph, for explanations."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self.supers: dict[Node, set[Node]] = {}
        for c, d in g.subject_objects(RDFS.subClassOf):
            self.supers.setdefault(c, set()).add(d)
        for c, d in g.subject_objects(OWL.equivalentClass):
            self.supers.setdefault(c, set()).add(d)
            self.supers.setdefault(d, set()).add(c)
        self.disjoint: set[frozenset[Node]] = {frozenset((a, b)) for a, b in g.subject_objects(OWL.disjointWith)}
        for node in g.subjects(RDF.type, OWL.AllDisjointClasses):
            for lst in g.objects(node, OWL.members):
                items = list(Collection(g, lst))
                self.disjoint.update(frozenset((a, b)) for a in items for b in items if a != b)
        self.different: set[frozenset[Node]] = {frozenset((a, b)) for a, b in g.subject_objects(OWL.differentFrom)}
        for node in g.subjects(RDF.type, OWL.AllDifferent):
            for lst in list(g.objects(node, OWL.distinctMembers)) + list(g.objects(node, OWL.members)):
                items = list(Collection(g, lst))
                self.different.update(frozenset((a, b)) for a in items for b in items if a != b)
        inverse = {**dict(g.subject_objects(OWL.inverseOf)), **{b: a for a, b in g.subject_objects(OWL.inverseOf)}}
        self.domain: dict[Node, list[list[Node]]] = {}
        self.range: dict[Node, list[list[Node]]] = {}
        for prop_axiom, table in ((RDFS.domain, self.domain), (RDFS.range, self.range)):
            for p, expr in g.subject_objects(prop_axiom):
                members = _union_members(g, expr)
                if members:
                    table.setdefault(p, []).append(members)
        for p, q in inverse.items():  # the domain of p is the range of its inverse
            self.domain.setdefault(p, []).extend(self.range.get(q, []))
            self.range.setdefault(p, []).extend(self.domain.get(q, []))
        self.functional = set(g.subjects(RDF.type, OWL.FunctionalProperty))
        self.datatype_props = set(g.subjects(RDF.type, OWL.DatatypeProperty))
        self._anc: dict[Node, set[Node]] = {}

    def ancestors(self, c: Node) -> set[Node]:
        if c not in self._anc:
            seen, todo = {c}, [c]
            while todo:
                for d in self.supers.get(todo.pop(), ()):
                    if d not in seen:
                        seen.add(d)
                        todo.append(d)
            self._anc[c] = seen
        return self._anc[c]

    def are_disjoint(self, a: Node, b: Node) -> bool:
        aa, bb = self.ancestors(a), self.ancestors(b)
        return any(frozenset((x, y)) in self.disjoint for x in aa for y in bb)


def _literal_fits(lit: Literal, dtype: Node) -> bool:
    if getattr(lit, "ill_typed", False):
        return False
    actual = lit.datatype or (RDF.langString if lit.language else XSD.string)
    if actual == dtype:
        return True
    if dtype == XSD.decimal:
        return actual in _INTEGER_TYPES
    if dtype == XSD.integer:
        return actual in _INTEGER_TYPES
    return not str(dtype).startswith(str(XSD))


def find_conflicts(g: Graph, unsatisfiable: Iterable[str] = ()) -> list[Term]:
    """Individuals that break the ontology: typed (asserted or through a property's domain or
    range) with two disjoint classes, or with a class a domain/range union excludes, with an
    unsatisfiable class, with a literal outside a datatype property's range, or with two values
    of a functional property."""
    ax = _Axioms(g)
    unsat = {URIRef(u) for u in unsatisfiable}
    types: dict[Node, dict[Node, str]] = {}
    reasons: dict[Node, list[str]] = {}
    sh = lambda n: _short(n) or str(n)  # noqa: E731

    def add_type(x: Node, c: Node, why: str) -> None:
        types.setdefault(x, {}).setdefault(c, why)

    for x, c in g.subject_objects(RDF.type):
        if isinstance(c, URIRef):
            add_type(x, c, "asserted")
    union_uses: list[tuple[Node, list[Node], str]] = []
    for s, p, o in g:
        if p == RDF.type:
            continue
        for members in ax.domain.get(p, []):
            if len(members) == 1:
                add_type(s, members[0], f"domain of {sh(p)}")
            else:
                union_uses.append((s, members, f"it is the subject of {sh(p)}"))
        if isinstance(o, Literal):
            for members in ax.range.get(p, []):
                if p in ax.datatype_props and len(members) == 1 and not _literal_fits(o, members[0]):
                    reasons.setdefault(s, []).append(f"{sh(p)} value {o.n3()} is not a {sh(members[0])}")
            continue
        for members in ax.range.get(p, []):
            if len(members) == 1:
                add_type(o, members[0], f"range of {sh(p)}")
            else:
                union_uses.append((o, members, f"it is the object of {sh(p)}"))
    for x, ts in types.items():
        classes = sorted(ts, key=str)
        for i, a in enumerate(classes):
            if a in unsat:
                reasons.setdefault(x, []).append(f"typed {sh(a)}, an unsatisfiable class")
            for b in classes[i + 1:]:
                if ax.are_disjoint(a, b):
                    reasons.setdefault(x, []).append(
                        f"typed {sh(a)} ({ts[a]}) and {sh(b)} ({ts[b]}), which are disjoint")
    for x, members, why in union_uses:
        own = types.get(x, {})
        if own and all(any(ax.are_disjoint(t, m) for t in own) for m in members):
            names = " or ".join(sh(m) for m in members)
            reasons.setdefault(x, []).append(f"{why}, which needs {names}, but it is {', '.join(sh(t) for t in own)}")
    for p in ax.functional:
        for s in set(g.subjects(p, None)):
            values = list(g.objects(s, p))
            for i, a in enumerate(values):
                for b in values[i + 1:]:
                    if (isinstance(a, Literal) and isinstance(b, Literal) and not a.eq(b)) or \
                            frozenset((a, b)) in ax.different:
                        reasons.setdefault(s, []).append(f"has two values of the functional {sh(p)}: {sh(a)}, {sh(b)}")
    found = [Term(iri=str(x), label=label_of(g, x), reason="; ".join(dict.fromkeys(why)))
             for x, why in reasons.items()]
    return sorted(found, key=lambda t: (t.label or "", t.iri))


def ill_typed(g: Graph) -> list[tuple[Node, Node, Literal]]:
    """Triples whose literal is not in its datatype's lexical space ("abc"^^xsd:decimal)."""
    return [(s, p, o) for s, p, o in g if isinstance(o, Literal) and getattr(o, "ill_typed", False)]


def run_reasoner(data: Graph, ontology: Graph) -> tuple[bool, list[Term], list[Term]]:
    """(consistent, unsatisfiable classes, individuals to blame) for data + ontology."""
    union = data + ontology if len(data) else ontology
    # An ill-typed literal alone makes an OWL ontology inconsistent, and owlready2 cannot read it:
    # blame it directly and reason over the rest.
    bad = ill_typed(union)
    reasoned = union
    if bad:
        reasoned = Graph()
        for t in union:
            reasoned.add(t)
        for t in bad:
            reasoned.remove(t)
    consistent, unsat = run_hermit(reasoned)
    blamed = [Term(iri=str(s), label=label_of(union, s),
                   reason=f"{_short(p)} value {o.n3()} is not a valid {_short(o.datatype)}")
              for s, p, o in bad]
    if not consistent:
        # The classification is lost with an inconsistent ABox: ask again about the ontology alone.
        tbox_ok, unsat = run_hermit(ontology) if len(data) else (False, [])
        known = {t.iri for t in blamed}
        blamed += [t for t in find_conflicts(reasoned, unsat) if t.iri not in known]
        if not blamed:
            blamed = [Term(iri="", label=None, reason=(
                "HermiT found the data inconsistent with the ontology but no single individual could be "
                "blamed; open the files in Protégé and ask the reasoner for an explanation"))]
        if not tbox_ok:
            blamed.insert(0, Term(iri="", label=None, reason="the ontology itself is inconsistent"))
    blamed.sort(key=lambda t: (t.label or "", t.iri))
    return consistent and not bad, [Term(iri=u, label=label_of(union, URIRef(u))) for u in unsat], blamed


# -- everything ----------------------------------------------------------------------------------
def check(files: Sequence[str | Path], *, ontology_files: Sequence[str | Path] = (),
          shacl: bool = True, reasoner: bool = True) -> CheckReport:
    """Load the files and run the requested checks; raise only when a check cannot run."""
    if not files:
        raise InputError("no RDF file given", hint="ecokg check FILE...")
    if reasoner and shutil.which("java") is None:
        raise ReasonerError("no Java runtime found", hint=_JAVA_HINT)
    data = load_files(files)
    ontology = load_ontology(ontology_files)
    report = CheckReport(files=[str(f) for f in files], triples=len(data))
    with _quiet_rdflib():
        _run_checks(report, data, ontology, shacl=shacl, reasoner=reasoner)
    return report


def _run_checks(report: CheckReport, data: Graph, ontology: Graph, *, shacl: bool, reasoner: bool) -> None:
    if shacl:
        combined = data + ontology
        bind_prefixes(combined.namespace_manager)
        report.shacl = run_shacl(combined)
        report.checks = run_data_checks(combined)
        report.shacl_ran = True
    if reasoner:
        report.consistent, report.unsatisfiable, report.inconsistent = run_reasoner(data, ontology)
        report.reasoner_ran = True


__all__ = [
    "FORMATS", "CheckReport", "Term", "Violation", "check", "find_conflicts", "label_of", "load_files",
    "load_ontology", "run_data_checks", "run_hermit", "run_reasoner", "run_shacl",
]
