"""Records to triples: one ``Extraction`` becomes one named graph (the document's IRI).

The shape of what is written is documented in ``docs/data-model.md``; queries and views rely on
it. Every extracted entity-to-entity triple is reified (``rdf:Statement`` with
``prov:wasDerivedFrom`` its sentence ``Mention``) so that provenance survives formats without
named graphs (Turtle); observations and designations point at their mention directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from ecokg.graph import iris
from ecokg.graph.identity import wikidata_for
from ecokg.graph.namespaces import (
    DCTERMS,
    DEFAULT_BASE,
    ECO,
    IDENTIFIER_PROPERTY,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    WD,
    XSD,
    bind_prefixes,
)
from ecokg.graph.ox_sink import OxSink
from ecokg.loaders.records import Extraction, Sentence

if TYPE_CHECKING:
    from ecokg.graph.ingest import DocGraph


class _Terms:
    """A namespace whose terms are made once: rdflib makes (and checks) a new ``URIRef`` at every
    ``ECO.title``, ``RDF.type`` or ``ECO[name]``, a million times for a long article."""

    def __init__(self, ns: Any) -> None:
        self._ns = ns
        self._items: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        term = getattr(self._ns, name)
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._items.get(name)
        if term is None:
            term = self._items[name] = self._ns[name]
        return term

    def __str__(self) -> str:
        return str(self._ns)


_ECO_IRI = str(ECO)
DCTERMS, ECO, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, WD, XSD = (
    _Terms(ns) for ns in (DCTERMS, ECO, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, WD, XSD))


def _lang_of(text: str) -> str:
    """``zh`` for names with CJK characters, ``en`` for pure Latin names."""
    return "zh" if any("\u3400" <= ch <= "\u9fff" for ch in text) else "en"


@lru_cache(maxsize=1)
def known_indicators() -> dict[str, URIRef]:
    """Labels (zh/en, pref and alt) of the ontology's indicator concepts → concept IRI."""
    from ecokg.resources import ontology_file

    g = Graph()
    with ontology_file().open("rb") as fh:
        g.parse(fh, format="turtle")
    found: dict[str, URIRef] = {}
    for concept in g.subjects(SKOS.inScheme, ECO.Indicator):
        if not isinstance(concept, URIRef):
            continue
        for prop in (SKOS.prefLabel, SKOS.altLabel, RDFS.label):
            for label in g.objects(concept, prop):
                found.setdefault(str(label), concept)
    return found


class GraphBuilder:
    """Turns extractions into triples in an rdflib ``Dataset``, one named graph per document."""

    def __init__(self, base: str = DEFAULT_BASE, generated_at: str | None = None) -> None:
        self.base = base
        #: ``prov:generatedAtTime`` of the document graphs made (``graph/generated.py``); None: not written
        self.generated_at = generated_at

    # -- IRIs ------------------------------------------------------------------------------
    def doc_iri(self, ex: Extraction) -> URIRef:
        return iris.document_iri(ex.document.sha256, self.base)

    def entity_iri(self, ex: Extraction, key: str) -> URIRef:
        return iris.entity_iri(ex.entities[key].cls, key, self.base)

    def indicator_iri(self, label: str) -> URIRef:
        return known_indicators().get(label) or iris.indicator_iri(label, self.base)

    def industry_iri(self, label: str) -> URIRef:
        return iris.entity_iri("Industry", label, self.base)

    # -- building --------------------------------------------------------------------------
    def new_dataset(self) -> Dataset:
        ds = Dataset()
        bind_prefixes(ds.namespace_manager, self.base)
        return ds

    def build(self, extractions: Iterable[Extraction]) -> Dataset:
        ds = self.new_dataset()
        for ex in extractions:
            self.add(ds, ex)
        return ds

    def add(self, ds: Dataset, ex: Extraction) -> URIRef:
        """Add one extraction as the named graph of its document; return the document IRI."""
        doc = self.doc_iri(ex)
        self._fill(ds.graph(doc), ex, doc)
        return doc

    def ox_triples(self, ex: Extraction) -> list[Any]:
        """One extraction's document graph as pyoxigraph ``Triple``s (no rdflib graph in between)."""
        sink = OxSink()
        self._fill(sink, ex, self.doc_iri(ex))
        return list(sink.triples)

    def doc_graph(self, ex: Extraction, source: str = "") -> DocGraph:
        """What ``EcoStore.ingest`` takes: the document graph as N-Triples and its merge evidence."""
        import pyoxigraph as ox

        from ecokg.gc_pause import gc_paused
        from ecokg.graph.commit import record_of
        from ecokg.graph.ingest import DocGraph

        with gc_paused():  # a long article's triples: a million objects, no cycles (ecokg/gc_pause.py)
            doc = str(self.doc_iri(ex))
            triples = self.ox_triples(ex)
            gaz = [str(self.entity_iri(ex, k)) for k, e in ex.entities.items() if e.source == "gazetteer"]
            counts = (len(ex.entities), len(ex.relations), len(ex.designations), len(ex.observations))
            ntriples = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            return DocGraph(doc, ntriples, record_of(doc, triples, gaz), len(triples),
                            source or ex.document.source_path or "", len(ex.document.text), counts,
                            tuple(getattr(ex, "notes", ()) or ()))

    def doc_graphs(self, extractions: Iterable[Extraction]) -> Iterator[DocGraph]:
        """``doc_graph`` of each extraction, one at a time."""
        for ex in extractions:
            yield self.doc_graph(ex)

    def _fill(self, g: Graph, ex: Extraction, doc: URIRef) -> None:
        lit = getattr(g, "make_literal", Literal)  # the sink may make its literals directly
        self._document(g, ex, doc)
        mentions = {s.index: iris.mention_iri(doc, s.start, s.end) for s in ex.sentences}
        used: dict[int, set[Node]] = {}

        iri_of: dict[str, URIRef] = {}

        def ent_iri(key: str) -> URIRef:  # each entity's IRI made once (relations name them again and again)
            e = iri_of.get(key)
            if e is None:
                e = iri_of[key] = self.entity_iri(ex, key)
            return e

        def mention(idx: int, *about: Node) -> URIRef:
            used.setdefault(idx, set()).update(about)
            return mentions[idx]

        for key, ent in sorted(ex.entities.items()):
            e = ent_iri(key)
            self._entity(g, ex, key, e, doc)
            for idx in sorted(ent.sentences):
                mention(idx, e)
            if ent.amount is not None and ent.amount_sentence is not None:
                amount = Literal(ent.amount, datatype=XSD.decimal)  # rdflib: its text names the statement
                g.add((e, ECO.amount, amount))
                self._reify(g, e, ECO.amount, amount, mention(ent.amount_sentence, e), doc, False, "amount")
        for name, sentences in sorted(ex.industries.items()):
            ind = self.industry_iri(name)
            g.add((ind, RDF.type, ECO.Industry))
            g.add((ind, RDFS.label, lit(name, lang="zh")))
            g.add((ind, SKOS.prefLabel, lit(name, lang="zh")))
            g.add((ind, ECO.mentionedIn, doc))
            for idx in sorted(sentences):
                mention(idx, ind)
        for rel in ex.relations:
            s = ent_iri(rel.subject)
            industry = rel.predicate == "targetsIndustry" and rel.object not in ex.entities
            o = self.industry_iri(rel.object) if industry else ent_iri(rel.object)
            g.add((s, ECO[rel.predicate], o))
            self._reify(g, s, ECO[rel.predicate], o, mention(rel.sentence, s, o), doc, rel.implicit, rel.rule)
        for des in ex.designations:
            holder = ent_iri(des.holder)
            d = iris.node_iri("designation", holder, des.title, base=self.base)
            g.add((d, RDF.type, ECO.Designation))
            g.add((d, ECO.title, lit(des.title, lang="zh")))
            g.add((d, RDFS.label, lit(des.title, lang="zh")))
            if des.level:
                g.add((d, ECO.level, ECO[des.level]))
            if des.batch:
                g.add((d, ECO.batch, lit(des.batch, lang="zh")))
            m = mention(des.sentence, holder, d)
            if des.granted_by:
                grantor = ent_iri(des.granted_by)
                g.add((d, ECO.grantedBy, grantor))
                self._reify(g, d, ECO.grantedBy, grantor, m, doc, False, des.rule)
            g.add((d, PROV.wasDerivedFrom, m))
            g.add((holder, ECO.hasDesignation, d))
            self._reify(g, holder, ECO.hasDesignation, d, m, doc, des.implicit, des.rule)
        for ob in ex.observations:
            o = iris.node_iri("obs", ex.document.sha256, ob.start, ob.end, ob.value, ob.unit, base=self.base)
            g.add((o, RDF.type, ECO.Observation))
            g.add((o, ECO.value, lit(Decimal(ob.value), datatype=XSD.decimal)))
            g.add((o, ECO.unit, lit(ob.unit)))
            g.add((o, ECO.qualifier, ECO[ob.qualifier]))
            label = f"{ob.indicator} {ob.text}" if ob.indicator else ob.text
            g.add((o, RDFS.label, lit(label, lang="zh")))
            if ob.period_start:
                g.add((o, ECO.periodStart, lit(ob.period_start, datatype=XSD.date)))
            if ob.period_end:
                g.add((o, ECO.periodEnd, lit(ob.period_end, datatype=XSD.date)))
            if ob.period_label:
                g.add((o, ECO.periodLabel, lit(ob.period_label, lang="zh")))
            if ob.indicator:
                ind = self.indicator_iri(ob.indicator)
                g.add((o, ECO.indicator, ind))
                if not str(ind).startswith(_ECO_IRI):
                    g.add((ind, RDF.type, SKOS.Concept))
                    g.add((ind, SKOS.inScheme, ECO.Indicator))
                    g.add((ind, SKOS.prefLabel, lit(ob.indicator, lang="zh")))
            about: list[Node] = [o]
            if ob.subject:
                subj = ent_iri(ob.subject)
                g.add((o, ECO.observedEntity, subj))
                about.append(subj)
            if ob.implicit:
                g.add((o, ECO.inferred, lit(True)))
            if ob.rule:
                g.add((o, ECO.extractionRule, lit(ob.rule)))
            if ob.target:
                g.add((o, ECO.isTarget, lit(True)))
            g.add((o, PROV.wasDerivedFrom, mention(ob.sentence, *about)))
            g.add((o, ECO.mentionedIn, doc))
        by_index = {s.index: s for s in ex.sentences}
        for idx in sorted(used):
            self._mention(g, by_index[idx], mentions[idx], doc, used[idx])

    # -- pieces ----------------------------------------------------------------------------
    def _document(self, g: Graph, ex: Extraction, doc: URIRef) -> None:
        lit = getattr(g, "make_literal", Literal)  # the sink may make its literals directly
        d = ex.document
        g.add((doc, RDF.type, ECO.SourceDocument))
        g.add((doc, DCTERMS.title, lit(d.title or (d.source_path or "untitled"), lang="zh")))
        if d.publisher:
            g.add((doc, DCTERMS.publisher, lit(d.publisher, lang="zh")))
        if d.issued:
            dtype = XSD.dateTime if "T" in d.issued else XSD.date
            g.add((doc, DCTERMS.issued, lit(d.issued, datatype=dtype)))
        for author in d.authors:
            g.add((doc, DCTERMS.creator, lit(author, lang="zh")))
        if d.url:
            g.add((doc, DCTERMS.source, URIRef(d.url)))
        if d.source_path and d.source_path != "-":
            g.add((doc, ECO.fileName, lit(d.source_path.replace("\\", "/").rsplit("/", 1)[-1])))
        g.add((doc, DCTERMS.format, lit(d.media_type)))
        g.add((doc, DCTERMS.language, lit("zh")))
        g.add((doc, ECO.sha256, lit(d.sha256)))
        g.add((doc, ECO.content, lit(d.text, lang="zh")))
        if d.region and d.region in ex.entities:
            g.add((doc, DCTERMS.spatial, self.entity_iri(ex, d.region)))
        if self.generated_at:  # when this graph was extracted (the as-of axis is dcterms:issued)
            run = iris.extraction_iri(doc)
            g.add((run, RDF.type, PROV.Entity))
            g.add((run, PROV.wasDerivedFrom, doc))
            g.add((run, PROV.generatedAtTime, lit(self.generated_at, datatype=XSD.dateTime)))

    def _entity(self, g: Graph, ex: Extraction, key: str, e: URIRef, doc: URIRef) -> None:
        lit = getattr(g, "make_literal", Literal)  # the sink may make its literals directly
        ent = ex.entities[key]
        g.add((e, RDF.type, ECO[ent.cls]))
        g.add((e, RDFS.label, lit(key, lang="zh")))
        if ent.en_label:
            g.add((e, RDFS.label, lit(ent.en_label, lang="en")))
        for alt in sorted(ent.alt_labels - {key, ent.en_label or ""}):
            g.add((e, SKOS.altLabel, lit(alt, lang=_lang_of(alt))))
        qid = ent.wikidata or wikidata_for(ent.cls, key, ent.codes)  # verified ids only (graph/identity.py)
        if qid:
            g.add((e, SKOS.exactMatch, WD[qid]))
            g.add((e, OWL.sameAs, WD[qid]))
            g.add((e, SCHEMA.sameAs, WD[qid]))
        for scheme, code in sorted(ent.codes.items()):  # verified identifiers (loaders/identifiers.py)
            g.add((e, IDENTIFIER_PROPERTY[scheme], lit(code)))
        g.add((e, ECO.mentionedIn, doc))
        if ent.unit:
            g.add((e, ECO.unit, lit(ent.unit)))
        if ent.amount is not None and ent.amount_sentence is None:
            g.add((e, ECO.amount, lit(ent.amount, datatype=XSD.decimal)))
        if ent.per_year is not None:
            g.add((e, ECO.perYear, lit(ent.per_year)))
        if ent.period_start:
            g.add((e, ECO.periodStart, lit(ent.period_start, datatype=XSD.date)))
        if ent.period_end:
            g.add((e, ECO.periodEnd, lit(ent.period_end, datatype=XSD.date)))
        if ent.period_label:
            g.add((e, ECO.periodLabel, lit(ent.period_label, lang="zh")))
        if ent.level:
            g.add((e, ECO.level, ECO[ent.level]))
        if ent.batch:
            g.add((e, ECO.batch, lit(ent.batch, lang="zh")))

    def _mention(self, g: Graph, sent: Sentence, m: URIRef, doc: URIRef, about: set[Node]) -> None:
        lit = getattr(g, "make_literal", Literal)  # the sink may make its literals directly
        g.add((m, RDF.type, ECO.Mention))
        g.add((m, ECO.text, lit(sent.text, lang="zh")))
        g.add((m, ECO.start, lit(sent.start)))
        g.add((m, ECO.end, lit(sent.end)))
        g.add((m, ECO.inDocument, doc))
        for node in sorted(about, key=str):
            g.add((m, ECO.about, node))

    def _reify(self, g: Graph, s: Node, p: URIRef, o: Node, m: URIRef, doc: URIRef,
               implicit: bool, rule: str) -> None:
        lit = getattr(g, "make_literal", Literal)  # the sink may make its literals directly
        st = iris.node_iri("stmt", s, p, o, m, base=self.base)
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        g.add((st, PROV.wasDerivedFrom, m))
        if implicit:
            g.add((st, ECO.inferred, lit(True)))
        if rule:
            g.add((st, ECO.extractionRule, lit(rule)))


def doc_graphs(extractions: Iterable[Extraction], base: str = DEFAULT_BASE,
               generated_at: str | None = None) -> Iterator[DocGraph]:
    """What ``EcoStore.ingest`` takes, from extractions, stamped as ``KG.build`` stamps them
    (``generated_at``, else ``$SOURCE_DATE_EPOCH``, else now: ``graph/generated.py``)."""
    from ecokg.graph.generated import generation_time

    return GraphBuilder(base, generation_time(generated_at)).doc_graphs(extractions)


def union_graph(ds: Dataset) -> Graph:
    """All triples of a dataset in one graph (for formats without named graphs)."""
    g = Graph()
    bind_prefixes(g.namespace_manager)
    for s, p, o, _c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


__all__ = ["GraphBuilder", "doc_graphs", "known_indicators", "union_graph"]
