"""Names of ontology terms for a view: class and property labels in zh/en, class depth.

Labels come from the packaged ontology (``ecokg.resources.ontology_file()``) and from the
viewed graph itself (a store or file that carries the ontology); a term that neither labels is
shown by its local name ("locatedIn" → "located in").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.term import Node

from ecokg.graph.namespaces import ECO, RDFS, SKOS


def local_name(term: Node) -> str:
    """The part of an IRI after the last ``#`` or ``/``."""
    text = str(term)
    return re.split(r"[#/]", text)[-1] or text


def humanize(name: str) -> str:
    """``locatedIn`` → ``located in``; ``AIModel`` → ``AI model``."""
    words = re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+", name)
    if not words:
        return name
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words)


@dataclass
class Vocabulary:
    """Labels (per language) and superclasses of ontology terms."""

    labels: dict[URIRef, dict[str, str]] = field(default_factory=dict)
    parents: dict[URIRef, set[URIRef]] = field(default_factory=dict)

    def add_graph(self, g: Graph) -> None:
        """Take the labels and ``rdfs:subClassOf`` links of eco: terms found in ``g``."""
        for prop in (SKOS.prefLabel, RDFS.label):
            for term, label in g.subject_objects(prop):
                if isinstance(term, URIRef) and str(term).startswith(str(ECO)):
                    lang = getattr(label, "language", None) or ""
                    self.labels.setdefault(term, {}).setdefault(lang, str(label))
        for sub, sup in g.subject_objects(RDFS.subClassOf):
            if isinstance(sub, URIRef) and isinstance(sup, URIRef):
                self.parents.setdefault(sub, set()).add(sup)

    def label(self, term: URIRef, lang: str = "zh") -> str:
        """The label of ``term`` in ``lang``, else in English, else its humanized local name."""
        known = self.labels.get(term, {})
        for key in (lang, "en" if lang != "en" else "zh", ""):
            if known.get(key):
                return known[key]
        return humanize(local_name(term))

    def depth(self, cls: URIRef) -> int:
        """How many superclasses ``cls`` has (transitively): more means more specific."""
        seen: set[URIRef] = set()
        todo = [cls]
        while todo:
            for sup in self.parents.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        return len(seen)


@lru_cache(maxsize=1)
def _packaged() -> Vocabulary:
    from ecokg.resources import ontology_file

    vocab = Vocabulary()
    try:
        source = ontology_file()
        if source.is_file():
            g = Graph()
            with source.open("rb") as fh:
                g.parse(fh, format="turtle")
            vocab.add_graph(g)
    except (OSError, ValueError, SyntaxError):
        # An unreadable packaged ontology must not stop a view: local names stand in.
        pass
    return vocab


def vocabulary(graph: Graph | None = None) -> Vocabulary:
    """The packaged ontology's vocabulary, completed by the terms that ``graph`` labels."""
    base = _packaged()
    vocab = Vocabulary({k: dict(v) for k, v in base.labels.items()},
                       {k: set(v) for k, v in base.parents.items()})
    if graph is not None:
        vocab.add_graph(graph)
    return vocab


__all__ = ["Vocabulary", "humanize", "local_name", "vocabulary"]
