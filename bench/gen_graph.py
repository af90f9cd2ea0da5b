"""Synthetic ecokg graphs of a given size, BSBM-like: the scale decides how many articles.

Each planned article of ``bench.gen_articles`` becomes one named graph shaped like
``docs/data-model.md`` (what ``graph/builder.py`` writes): the document node with its cleaned
text, its entities (class, zh label, alternative names, ``eco:mentionedIn``), sentence mentions
with offsets, entity-to-entity triples each reified with ``prov:wasDerivedFrom`` its mention,
designations, observations with indicator concepts, and industries. Entities recur across
articles of the same region, so the union has regions, parks, companies, policies, figures and
designations that many documents mention. As in a store, each entity's description (class,
labels, alternative names) is written once, in the entity graph, the first time an article
names it; document graphs keep ``eco:mentionedIn`` and what the article says. Written as
N-Quads; deterministic by seed (the same seed and size give the same bytes).

    python -m bench.gen_graph OUT.nq --triples 100k [--seed 42]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from bench.gen_articles import parse_size, plan_article
from bench.world import Article, Entity, World
from ecokg.graph import iris
from ecokg.graph.namespaces import DCTERMS, DEFAULT_BASE, ECO, ENTITY_GRAPH, PROV, RDF, RDFS, SKOS, XSD

_T = f"<{RDF.type}>"
_LABEL = f"<{RDFS.label}>"
_ALT = f"<{SKOS.altLabel}>"
_PREF = f"<{SKOS.prefLabel}>"
_MENTIONED = f"<{ECO.mentionedIn}>"
_DERIVED = f"<{PROV.wasDerivedFrom}>"
_DEC = f"<{XSD.decimal}>"
_INT = f"<{XSD.integer}>"
_DATE = f"<{XSD.date}>"
_DATETIME = f"<{XSD.dateTime}>"
_BOOL = f"<{XSD.boolean}>"
_ENTITIES = f" <{ENTITY_GRAPH}> .\n"


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def zh(text: str) -> str:
    return f'"{_esc(text)}"@zh'


def lit(text: str, datatype: str | None = None) -> str:
    return f'"{_esc(text)}"^^{datatype}' if datatype else f'"{_esc(text)}"'


def eco(local: str) -> str:
    return f"<{ECO[local]}>"


@dataclass
class GraphInfo:
    """What a generated graph holds, and names to give the named queries' parameters."""

    path: str
    quads: int
    documents: int
    entities: int
    seed: int
    params: dict[str, dict[str, str]] = field(default_factory=dict)


class GraphWriter:
    """Turns article plans into N-Quads lines, one named graph per article."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        from ecokg.graph.builder import known_indicators

        self.base = base
        self.indicators = known_indicators()
        self.entities: set[str] = set()
        self.described: set[str] = set()
        self._iri_cache: dict[tuple[str, str], str] = {}

    def iri(self, e: Entity) -> str:
        key = (e.cls, e.name)
        found = self._iri_cache.get(key)
        if found is None:
            found = f"<{iris.entity_iri(e.cls, e.name, self.base)}>"
            self._iri_cache[key] = found
        return found

    def industry(self, name: str) -> str:
        return f"<{iris.entity_iri('Industry', name, self.base)}>"

    def article(self, a: Article) -> list[str]:
        """The N-Quads lines of one article's graph (a set: no line twice)."""
        content_parts: list[str] = []
        offsets: list[tuple[int, int]] = []
        pos = len(a.title) + 1
        content_parts.append(a.title + "\n")
        for k, s in enumerate(a.sentences):
            if k and k % 3 == 0:
                content_parts.append("\n")
                pos += 1
            offsets.append((pos, pos + len(s.text)))
            content_parts.append(s.text)
            pos += len(s.text)
        content = "".join(content_parts)
        sha = hashlib.sha256(content.encode("utf-8")).hexdigest()
        doc_iri = iris.document_iri(sha, self.base)
        doc, g = f"<{doc_iri}>", f" <{doc_iri}> .\n"
        out: dict[str, None] = {}

        def add(s: str, p: str, o: str) -> None:
            out[s + " " + p + " " + o + g] = None

        def describe(s: str, p: str, o: str) -> None:  # the entity graph: once per entity
            out[s + " " + p + " " + o + _ENTITIES] = None

        add(doc, _T, eco("SourceDocument"))
        add(doc, f"<{DCTERMS.title}>", zh(a.title))
        add(doc, f"<{DCTERMS.publisher}>", zh(a.publisher))
        add(doc, f"<{DCTERMS.issued}>", lit(a.issued, _DATETIME))
        add(doc, f"<{DCTERMS.creator}>", zh(a.editor))
        add(doc, f"<{DCTERMS.source}>", f"<{a.url}>")
        add(doc, eco("fileName"), lit(f"article-{a.index:06d}.txt"))
        add(doc, f"<{DCTERMS.format}>", lit("text/plain"))
        add(doc, f"<{DCTERMS.language}>", lit("zh"))
        add(doc, eco("sha256"), lit(sha))
        add(doc, eco("content"), zh(content))
        add(doc, f"<{DCTERMS.spatial}>", self.iri(a.region))

        seen: dict[str, Entity] = {}
        for k, s in enumerate(a.sentences):
            m = f"<{iris.mention_iri(doc_iri, *offsets[k])}>"
            about: set[str] = set()
            for e in s.entities:
                about.add(self._entity(add, e, doc, seen, describe))
            for subj, pred, obj in s.relations:
                si = self._entity(add, subj, doc, seen, describe)
                if isinstance(obj, str):
                    oi = self.industry(obj)
                    if oi not in self.described:
                        self.described.add(oi)
                        describe(oi, _T, eco("Industry"))
                        describe(oi, _LABEL, zh(obj))
                    add(oi, _PREF, zh(obj))
                    add(oi, _MENTIONED, doc)
                else:
                    oi = self._entity(add, obj, doc, seen, describe)
                about.update((si, oi))
                add(si, eco(pred), oi)
                self._reify(add, si, eco(pred), oi, m, pred)
            for d in s.designations:
                holder = self._entity(add, d.holder, doc, seen, describe)
                di = f"<{iris.node_iri('designation', holder[1:-1], d.title, base=self.base)}>"
                add(di, _T, eco("Designation"))
                add(di, eco("title"), zh(d.title))
                add(di, _LABEL, zh(d.title))
                add(di, eco("level"), eco(d.level))
                if d.batch:
                    add(di, eco("batch"), zh(d.batch))
                if d.granted_by is not None:
                    gi = self._entity(add, d.granted_by, doc, seen, describe)
                    add(di, eco("grantedBy"), gi)
                    self._reify(add, di, eco("grantedBy"), gi, m, "designation")
                add(di, _DERIVED, m)
                add(holder, eco("hasDesignation"), di)
                self._reify(add, holder, eco("hasDesignation"), di, m, "designation")
                about.update((holder, di))
            for j, ob in enumerate(s.observations):
                oi = f"<{iris.node_iri('obs', sha, offsets[k][0], j, ob.value, ob.unit, base=self.base)}>"
                add(oi, _T, eco("Observation"))
                add(oi, eco("value"), lit(_decimal(ob.value), _DEC))
                add(oi, eco("unit"), lit(ob.unit))
                add(oi, eco("qualifier"), eco(ob.qualifier))
                add(oi, _LABEL, zh(f"{ob.indicator} {ob.text}" if ob.indicator else ob.text))
                if ob.period:
                    add(oi, eco("periodStart"), lit(ob.period[0].isoformat(), _DATE))
                    add(oi, eco("periodEnd"), lit(ob.period[1].isoformat(), _DATE))
                    add(oi, eco("periodLabel"), zh(ob.period[2]))
                if ob.indicator:
                    known = self.indicators.get(ob.indicator)
                    ind = f"<{known or iris.indicator_iri(ob.indicator, self.base)}>"
                    add(oi, eco("indicator"), ind)
                    if known is None:
                        add(ind, _T, f"<{SKOS.Concept}>")
                        add(ind, f"<{SKOS.inScheme}>", eco("Indicator"))
                        add(ind, _PREF, zh(ob.indicator))
                if ob.subject is not None:
                    subj = self._entity(add, ob.subject, doc, seen, describe)
                    add(oi, eco("observedEntity"), subj)
                    about.add(subj)
                add(oi, eco("extractionRule"), lit("figure"))
                add(oi, _DERIVED, m)
                add(oi, _MENTIONED, doc)
                about.add(oi)
            add(m, _T, eco("Mention"))
            add(m, eco("text"), zh(s.text))
            add(m, eco("start"), lit(str(offsets[k][0]), _INT))
            add(m, eco("end"), lit(str(offsets[k][1]), _INT))
            add(m, eco("inDocument"), doc)
            for node in sorted(about):
                add(m, eco("about"), node)
        return list(out)

    def _entity(self, add: object, e: Entity, doc: str, seen: dict[str, Entity], describe: object) -> str:
        iri = self.iri(e)
        if iri in seen:
            return iri
        seen[iri] = e
        self.entities.add(iri)
        assert callable(add) and callable(describe)
        if iri not in self.described:
            self.described.add(iri)
            describe(iri, _T, eco(e.cls))
            describe(iri, _LABEL, zh(e.name))
            if e.en:
                describe(iri, _LABEL, f'"{_esc(e.en)}"@en')
            for alt in e.alt:
                describe(iri, _ALT, zh(alt))
        add(iri, _MENTIONED, doc)
        if e.amount is not None:
            add(iri, eco("amount"), lit(_decimal(e.amount), _DEC))
        if e.unit:
            add(iri, eco("unit"), lit(e.unit))
        if e.per_year is not None:
            add(iri, eco("perYear"), lit("true" if e.per_year else "false", _BOOL))
        if e.period:
            add(iri, eco("periodStart"), lit(e.period[0].isoformat(), _DATE))
            add(iri, eco("periodEnd"), lit(e.period[1].isoformat(), _DATE))
            add(iri, eco("periodLabel"), zh(e.period[2]))
        if e.level:
            add(iri, eco("level"), eco(e.level))
        if e.batch:
            add(iri, eco("batch"), zh(e.batch))
        return iri

    def _reify(self, add: object, s: str, p: str, o: str, m: str, rule: str) -> None:
        st = f"<{iris.node_iri('stmt', s[1:-1], p[1:-1], o[1:-1], m[1:-1], base=self.base)}>"
        assert callable(add)
        add(st, _T, f"<{RDF.Statement}>")
        add(st, f"<{RDF.subject}>", s)
        add(st, f"<{RDF.predicate}>", p)
        add(st, f"<{RDF.object}>", o)
        add(st, _DERIVED, m)
        add(st, eco("extractionRule"), lit(rule))


def _decimal(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text if "." in text else text + ".0"


def write_graph(path: str | os.PathLike[str], quads: int | None = None, *, seed: int = 42,
                entities: int | None = None) -> GraphInfo:
    """Write articles' graphs to ``path`` (N-Quads) until it holds ``quads`` quads (or ``entities``)."""
    if quads is None and entities is None:
        raise ValueError("give a number of quads or of entities")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    world, writer = World(seed), GraphWriter()
    n = docs = 0
    first: Article | None = None
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        while (quads is None or n < quads) and (entities is None or len(writer.entities) < entities):
            a = plan_article(world, docs)
            first = first or a
            lines = writer.article(a)
            fh.writelines(lines)
            n += len(lines)
            docs += 1
    os.replace(tmp, target)
    assert first is not None
    park = first.sentences[1].entities[0]
    company = first.sentences[1].entities[1]
    params = {"companies-in-park": {"park": park.name}, "parks-and-venues": {"region": first.region.name},
              "entity-profile": {"entity": company.name}}
    return GraphInfo(str(target), n, docs, len(writer.entities), seed, params)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.gen_graph", description=__doc__.split("\n\n")[0])
    ap.add_argument("output", help="N-Quads file to write")
    ap.add_argument("--triples", default="10k", help="quads to write: 10k, 100k, 1M, 10M")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args(argv)
    try:
        size = parse_size(args.triples)
    except ValueError as exc:
        print(f"gen_graph: error: {exc}", file=sys.stderr)
        return 2
    info = write_graph(args.output, size, seed=args.seed)
    print(f"{info.quads} quads, {info.documents} documents, {info.entities} entities in {info.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
