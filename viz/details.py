"""Reading the data model (docs/data-model.md) for a view: entities, names, folded details.

``GraphIndex`` indexes an rdflib graph once: which nodes are entities and of which class,
their names, the sentences (mentions) about them, the statements behind each relation, their
observations and designations. The ``*_details`` methods fold those into view-model records.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ecokg.graph.namespaces import DCTERMS, ECO, PROV, RDF, RDFS, SKOS, XSD
from ecokg.viz.model import DesignationInfo, DocumentInfo, Figure, SourceRef
from ecokg.viz.vocab import Vocabulary, local_name

#: eco: classes that are never drawn as entities (folded into details, or plumbing).
NOT_ENTITIES = frozenset({"Observation", "Designation", "Mention", "SourceDocument"})
#: Kinds of folded nodes a view can be asked to draw, with their class.
DRAWABLE_EXTRAS = {"designations": "Designation", "observations": "Observation"}
#: Properties that are provenance or naming, never edges or attributes.
PLUMBING = frozenset({RDF.type, ECO.mentionedIn, ECO.about, ECO.inDocument, PROV.wasDerivedFrom,
                      RDF.subject, RDF.predicate, RDF.object, RDFS.label, SKOS.altLabel,
                      SKOS.prefLabel, ECO.content, ECO.extractionRule, ECO.inferred})
#: Shown inside the details, not as attributes.
FOLDED_PROPS = frozenset({ECO.hasDesignation})




class GraphIndex:
    """One pass over a graph to answer what a view needs."""

    def __init__(self, graph: Graph, vocab: Vocabulary, lang: str = "zh") -> None:
        self.g = graph
        self.vocab = vocab
        self.lang = lang
        self.classes: dict[URIRef, str] = {}
        types: dict[URIRef, list[URIRef]] = defaultdict(list)
        eco = str(ECO)
        for s, o in graph.subject_objects(RDF.type):
            if isinstance(s, URIRef) and isinstance(o, URIRef) and str(o).startswith(eco) \
                    and not str(s).startswith(eco):
                types[s].append(o)
        for s, ts in types.items():
            best = max(sorted(ts), key=vocab.depth)
            self.classes[s] = local_name(best)
        self.about: dict[Node, list[URIRef]] = defaultdict(list)
        for m, x in graph.subject_objects(ECO.about):
            if isinstance(m, URIRef):
                self.about[x].append(m)
        self.statements: dict[tuple[Node, Node, Node], list[tuple[URIRef, bool]]] = defaultdict(list)
        for st in graph.subjects(RDF.type, RDF.Statement):
            s, p, o = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate),
                       graph.value(st, RDF.object))
            if s is None or p is None or o is None:
                continue
            inferred = _truthy(graph.value(st, ECO.inferred))
            for m in graph.objects(st, PROV.wasDerivedFrom):
                if isinstance(m, URIRef):
                    self.statements[(s, p, o)].append((m, inferred))
        self.observations: dict[Node, list[Node]] = defaultdict(list)
        for ob, ent in graph.subject_objects(ECO.observedEntity):
            self.observations[ent].append(ob)
        self.holders: dict[Node, list[Node]] = defaultdict(list)
        for holder, des in graph.subject_objects(ECO.hasDesignation):
            self.holders[des].append(holder)
        self.documents: list[DocumentInfo] = []
        self._doc_index: dict[Node, int] = {}
        self._sentences: dict[URIRef, tuple[str, int | None, int]] = {}

    # -- entities and names --------------------------------------------------------------
    def entities(self, include: frozenset[str] = frozenset()) -> dict[URIRef, str]:
        """Drawable nodes and their class: entities, plus the folded kinds asked for."""
        extra = {DRAWABLE_EXTRAS[k] for k in include}
        return {s: c for s, c in self.classes.items() if c not in NOT_ENTITIES or c in extra}

    def label(self, node: Node) -> str:
        """The node's label in the view's language (``@zh`` else any), else its local name."""
        labels = list(self.g.objects(node, RDFS.label)) or list(self.g.objects(node, SKOS.prefLabel))
        by_lang = {getattr(lb, "language", None): str(lb) for lb in sorted(labels, key=_lang_key)}
        for key in (self.lang, "zh", None, "en"):
            if by_lang.get(key):
                return by_lang[key]
        if by_lang:
            return next(iter(by_lang.values()))
        if isinstance(node, URIRef) and str(node).startswith(str(ECO)):
            return self.vocab.label(node, self.lang)
        from urllib.parse import unquote

        return unquote(local_name(node))

    def names(self, node: Node) -> list[str]:
        """Every name of a node: its labels (view language first), then its other names."""
        out = [self.label(node)]
        for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
            out.extend(str(x) for x in sorted(self.g.objects(node, prop), key=_lang_key) if isinstance(x,
                                                                                                       Literal))
        return list(dict.fromkeys(n for n in out if n.strip()))

    def resolve(self, node: Node, entities: dict[URIRef, str]) -> set[URIRef]:
        """The drawable entities a query result term stands for (a figure → whose it is …)."""
        if node in entities:
            return {node}  # type: ignore[arg-type]
        found: set[Node] = set()
        found.update(self.g.objects(node, ECO.observedEntity))
        found.update(self.holders.get(node, ()))
        found.update(self.g.objects(node, ECO.about))
        for prop in (RDF.subject, RDF.object):
            found.update(self.g.objects(node, prop))
        return {n for n in found if n in entities}  # type: ignore[misc]

    # -- provenance ----------------------------------------------------------------------
    def _doc(self, doc: Node | None) -> int | None:
        if doc is None:
            return None
        if doc not in self._doc_index:
            title = self.g.value(doc, DCTERMS.title)
            issued = self.g.value(doc, DCTERMS.issued)
            self._doc_index[doc] = len(self.documents)
            self.documents.append(DocumentInfo(str(doc), str(title) if title is not None else local_name(doc),
                                               str(issued)[:10] if issued is not None else None))
        return self._doc_index[doc]

    def source(self, mention: URIRef, inferred: bool = False) -> SourceRef | None:
        if mention not in self._sentences:
            text = self.g.value(mention, ECO.text)
            if text is None:
                self._sentences[mention] = ("", None, 0)
            else:
                start = self.g.value(mention, ECO.start)
                pos = int(start) if isinstance(start, Literal) and str(start).lstrip("-").isdigit() else 0
                self._sentences[mention] = (str(text), self._doc(self.g.value(mention, ECO.inDocument)), pos)
        text, doc, _pos = self._sentences[mention]
        return SourceRef(text, doc, inferred) if text else None

    def _sources(self, mentions: list[tuple[URIRef, bool]]) -> list[SourceRef]:
        """Sentences of the mentions, one per (sentence, document), in document order."""
        refs: dict[tuple[str, int | None], tuple[tuple[int, int], SourceRef]] = {}
        for m, inferred in sorted(set(mentions), key=lambda mi: (str(mi[0]), mi[1])):
            ref = self.source(m, inferred)
            if ref is None or (ref.text, ref.doc) in refs:
                continue
            _text, doc, pos = self._sentences[m]
            refs[(ref.text, ref.doc)] = ((doc if doc is not None else -1, pos), ref)
        return [ref for _key, ref in sorted(refs.values(), key=lambda kr: kr[0])]

    def node_sources(self, node: Node) -> list[SourceRef]:
        return self._sources([(m, False) for m in self.about.get(node, ())])

    def edge_sources(self, s: Node, p: Node, o: Node) -> tuple[list[SourceRef], bool]:
        found = self.statements.get((s, p, o), [])
        inferred = bool(found) and all(i for _m, i in found)
        return self._sources(found), inferred

    def _derived_sources(self, node: Node) -> list[SourceRef]:
        inferred = _truthy(self.g.value(node, ECO.inferred))
        return self._sources([(m, inferred) for m in self.g.objects(node, PROV.wasDerivedFrom)
                              if isinstance(m, URIRef)])

    # -- folded details ------------------------------------------------------------------
    def figures(self, node: Node) -> list[Figure]:
        out = []
        for ob in sorted(self.observations.get(node, ()), key=str):
            g = self.g
            indicator = g.value(ob, ECO.indicator)
            qualifier = g.value(ob, ECO.qualifier)
            out.append(Figure(
                label=self.label(ob),
                value=number(g.value(ob, ECO.value)),
                unit=_text(g.value(ob, ECO.unit)),
                qualifier=self.vocab.label(qualifier, self.lang) if isinstance(qualifier, URIRef) else None,
                period=self.period(ob),
                indicator=self.label(indicator) if indicator is not None else None,
                inferred=_truthy(g.value(ob, ECO.inferred)),
                sources=self._derived_sources(ob),
            ))
        return out

    def designations(self, node: Node) -> list[DesignationInfo]:
        out = []
        for des in sorted(self.g.objects(node, ECO.hasDesignation), key=str):
            g = self.g
            level = g.value(des, ECO.level)
            title = g.value(des, ECO.title)
            out.append(DesignationInfo(
                title=str(title) if title is not None else self.label(des),
                level=self.vocab.label(level, self.lang) if isinstance(level, URIRef) else _text(level),
                batch=_text(g.value(des, ECO.batch)),
                granted_by=sorted(self.label(x) for x in g.objects(des, ECO.grantedBy)),
                sources=self._derived_sources(des),
            ))
        return out

    def period(self, node: Node) -> str | None:
        label = self.g.value(node, ECO.periodLabel)
        start, end = self.g.value(node, ECO.periodStart), self.g.value(node, ECO.periodEnd)
        span = f"{start or ''}–{end or ''}" if (start or end) else ""
        if label is not None and span:
            return f"{label} ({span})"
        return str(label) if label is not None else (span or None)

    def attributes(self, node: Node, drawn: set[URIRef]) -> list[tuple[str, str]]:
        """Other facts about a node that are not drawn: amounts, periods, levels, links."""
        out: list[tuple[str, str]] = []
        for p, o in sorted(self.g.predicate_objects(node)):
            if p in PLUMBING or p in FOLDED_PROPS or o in drawn:
                continue
            if p in (ECO.periodStart, ECO.periodEnd, ECO.periodLabel):
                continue
            name = self.vocab.label(p, self.lang) if str(p).startswith(str(ECO)) else local_name(p)
            if isinstance(o, Literal):
                numeric = o.datatype in (XSD.decimal, XSD.integer, XSD.double, XSD.float)
                out.append((name, (number(o) or str(o)) if numeric else str(o)))
            elif isinstance(o, URIRef):
                is_term = str(o).startswith(str(ECO))
                out.append((name, self.vocab.label(o, self.lang) if is_term else self.label(o)
                            if o in self.classes else str(o)))
        period = self.period(node)
        if period:
            out.append((self.vocab.label(ECO.periodLabel, self.lang), period))
        return out


def number(term: Node | None) -> str | None:
    """A numeric literal for reading: 12000000000.0 → 12,000,000,000; 18.50 → 18.5."""
    if term is None:
        return None
    try:
        value = Decimal(str(term))
    except InvalidOperation:
        return str(term)
    if not value.is_finite():
        return str(term)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def _lang_key(term: Node) -> tuple[str, str]:
    return (getattr(term, "language", None) or "", str(term))


def _truthy(term: Node | None) -> bool:
    return term is not None and str(term).strip().lower() in ("true", "1")


def _text(term: Node | None) -> str | None:
    return None if term is None else str(term)


__all__ = ["DRAWABLE_EXTRAS", "NOT_ENTITIES", "GraphIndex"]
