"""What ``ecokg check`` reports: SHACL and data-check violations, reasoner terms, and their names.

Nodes are named for people: ``label_of`` gives an entity's Chinese label, ``short`` a prefixed
IRI (ecokg's prefixes, plus ``ecosh:`` for shapes), whatever prefixes the input bound.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import lru_cache

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from ecokg.graph.namespaces import RDFS, SHAPES_IRI, SKOS, bind_prefixes

#: Prefix for shape IRIs in reports (the shapes file's own namespace).
SHAPES_NS = Namespace(f"{SHAPES_IRI}#")


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


def label_of(g: Graph, node: Node) -> str | None:
    """The node's Chinese rdfs:label, else any label or skos:prefLabel."""
    labels = [o for p in (RDFS.label, SKOS.prefLabel) for o in g.objects(node, p) if isinstance(o, Literal)]
    for lit in labels:
        if lit.language and lit.language.lower().startswith("zh"):
            return str(lit)
    return str(labels[0]) if labels else None


@lru_cache(maxsize=1)
def report_names() -> NamespaceManager:
    """The prefixes reports use (ecokg's, plus ``ecosh:`` for shapes), whatever the input bound."""
    g = Graph(bind_namespaces="none")
    bind_prefixes(g.namespace_manager)
    g.namespace_manager.bind("ecosh", SHAPES_NS)
    return g.namespace_manager


def short(node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        try:
            return report_names().normalizeUri(node)
        except Exception:
            return f"<{node}>"
    return node.n3() if isinstance(node, Literal) else str(node)


__all__ = ["SHAPES_NS", "CheckReport", "Term", "Violation", "label_of", "report_names", "short"]
