"""OWL 2 consistency with HermiT (owlready2, needs Java), and the individuals to blame.

``run_hermit`` asks HermiT whether a graph is consistent and which classes are unsatisfiable.
HermiT says nothing about *why* data is inconsistent, so ``find_conflicts`` looks for the usual
causes in the axioms themselves (disjoint types, domain/range unions, datatype ranges,
functional properties) and names the individuals. ``run_reasoner`` puts the two together.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from collections.abc import Iterable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from ecokg.errors import ReasonerError
from ecokg.graph.check_report import Term, label_of, short
from ecokg.graph.namespaces import ECO, OWL, RDF, RDFS, XSD
from ecokg.graph.rdf_files import quiet_rdflib

_INTEGER_TYPES = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
                  XSD.positiveInteger, XSD.nonPositiveInteger, XSD.negativeInteger, XSD.unsignedLong,
                  XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte}
JAVA_HINT = "install default-jre-headless (apt-get) or run with --no-reasoner"


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
        raise ReasonerError("no Java runtime found", hint=JAVA_HINT)
    import owlready2

    owlready2.JAVA_EXE = java
    with quiet_rdflib():
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
            lines = [ln.strip() for ln in str(exc).splitlines()
                     if ln.strip() and not ln.strip().startswith("at ")]
            detail = next((ln for ln in lines if "Exception" in ln or "Error" in ln),
                          lines[-1] if lines else "")
            raise ReasonerError(f"HermiT failed: {detail}",
                                hint="run with --no-reasoner to skip it") from None
        except OSError as exc:
            raise ReasonerError(f"could not run Java ({java}): {exc}", hint=JAVA_HINT) from None
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
        self.disjoint: set[frozenset[Node]] = {frozenset((a, b))
                                               for a, b in g.subject_objects(OWL.disjointWith)}
        for node in g.subjects(RDF.type, OWL.AllDisjointClasses):
            for lst in g.objects(node, OWL.members):
                items = list(Collection(g, lst))
                self.disjoint.update(frozenset((a, b)) for a in items for b in items if a != b)
        self.different: set[frozenset[Node]] = {frozenset((a, b))
                                                for a, b in g.subject_objects(OWL.differentFrom)}
        for node in g.subjects(RDF.type, OWL.AllDifferent):
            for lst in list(g.objects(node, OWL.distinctMembers)) + list(g.objects(node, OWL.members)):
                items = list(Collection(g, lst))
                self.different.update(frozenset((a, b)) for a in items for b in items if a != b)
        inverse = {**dict(g.subject_objects(OWL.inverseOf)),
                   **{b: a for a, b in g.subject_objects(OWL.inverseOf)}}
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
    sh = lambda n: short(n) or str(n)  # noqa: E731

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
            types_of = ", ".join(sh(t) for t in own)
            reasons.setdefault(x, []).append(f"{why}, which needs {names}, but it is {types_of}")
    for p in ax.functional:
        for s in set(g.subjects(p, None)):
            values = list(g.objects(s, p))
            for i, a in enumerate(values):
                for b in values[i + 1:]:
                    if (isinstance(a, Literal) and isinstance(b, Literal) and not a.eq(b)) or \
                            frozenset((a, b)) in ax.different:
                        reasons.setdefault(s, []).append(
                            f"has two values of the functional {sh(p)}: {sh(a)}, {sh(b)}")
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
                   reason=f"{short(p)} value {o.n3()} is not a valid {short(o.datatype)}")
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


__all__ = ["JAVA_HINT", "find_conflicts", "ill_typed", "run_hermit", "run_reasoner"]
