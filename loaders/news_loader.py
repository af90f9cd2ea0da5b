"""``NewsArticleLoader``: one article in, one ``Extraction`` out.

read (decode, clean, metadata) → sentences → designation titles → entities → designations,
relations, figures → records. Knows Chinese, not RDF.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path

from ecokg.loaders.designations import TitleSpan, attach, find_titles
from ecokg.loaders.entities import EntityRecognizer, Recognized, detect_region
from ecokg.loaders.gazetteer import Gazetteer
from ecokg.loaders.lexicon import Region, lexicon
from ecokg.loaders.records import Designation, Document, Entity, EntitySpan, Extraction, Relation, Sentence
from ecokg.loaders.relations import RelationExtractor, entity_relations
from ecokg.loaders.tables import Row, find_rows, row_holders, row_relations


class NewsArticleLoader:
    """Turns articles of the genre into extraction records."""

    def __init__(self, gazetteer_files: Sequence[str | Path] = ()) -> None:
        self.gazetteer = Gazetteer.load(gazetteer_files)
        self.recognizer = EntityRecognizer(self.gazetteer)

    def load(self, raw: object, *, title: str | None = None, publisher: str | None = None,
             date: str | None = None, url: str | None = None) -> Extraction:
        """Read a ``RawArticle`` (see ``loaders/reader.py``) and extract it."""
        from ecokg.loaders.metadata import read_document

        doc = read_document(raw, title=title, publisher=publisher, date=date, url=url)
        return self.extract(doc)

    def extract(self, doc: Document) -> Extraction:
        from ecokg.loaders.figures import extract_figures, fund_amounts
        from ecokg.loaders.periods import reported_year
        from ecokg.loaders.sentences import split_sentences

        sentences = split_sentences(doc.text)
        region = detect_region(doc, lexicon())
        index = self.gazetteer.for_region(region)
        authorities = sorted({name for name, e in index.by_name.items() if e.cls == "GovernmentBody"}, key=len,
                             reverse=True)
        titles = {s.index: find_titles(s, authorities) for s in sentences}
        rec = self.recognizer.recognize(doc, sentences, titles, region, index)
        entities = rec.entities
        region_key = self._region_entity(rec, region, sentences)
        doc.region = region_key
        actor = self._actor(doc, entities, region)
        ex = Extraction(document=doc, sentences=sentences, entities=entities, spans=rec.spans + rec.inner)
        by_sentence = _spans_by_sentence(rec.spans, sentences)
        authority_keys = {name: index.by_name[name].name for name in authorities if index.by_name[name].name in entities}
        relx = RelationExtractor(entities, actor, region_key)
        base = doc.issued_date
        report = reported_year(doc.text, base)  # an annual report published early the next year
        for s in sentences:
            spans = by_sentence.get(s.index, [])
            ex.designations += attach(titles[s.index], s, spans, entities, region_key, authority_keys)
            ex.relations += relx.extract(s, spans)
            ex.observations += extract_figures(s, spans, entities, base=base, region=region_key, report=report)
            for key, amount, unit, per_year in fund_amounts(s, spans, entities):
                ent = entities[key]
                if ent.amount is None:
                    ent.amount, ent.unit, ent.per_year, ent.amount_sentence = amount, unit, per_year, s.index
        rows = find_rows(sentences)
        if rows:
            ex.relations += row_relations(rows, by_sentence, lambda k: entities[k].cls)
            ex.designations += self._listed_in_table(titles, ex, rows, by_sentence)
        first = {k: min(e.sentences) for k, e in entities.items() if e.sentences}
        inner_by_sentence = _spans_by_sentence(rec.inner, sentences)
        inner_pairs = [(outer.key, inn.key) for idx, inners in inner_by_sentence.items() for inn in inners
                       for outer in by_sentence.get(idx, [])
                       if outer.start <= inn.start and inn.end <= outer.end and outer.key != inn.key]
        ex.relations += entity_relations(entities, region_key, region.short if region else None, first, inner_pairs)
        ex.relations = _dedupe(ex.relations)
        for r in ex.relations:
            if r.predicate == "targetsIndustry":
                ex.industries.setdefault(r.object, set()).add(r.sentence)
        return ex

    @staticmethod
    def _listed_in_table(titles: dict[int, list[TitleSpan]], ex: Extraction, rows: list[Row],
                         by_sentence: dict[int, list[EntitySpan]]) -> list[Designation]:
        """公布…名单 with no holder named in the sentence, then a table: each row's company holds it."""
        out: list[Designation] = []
        held = {d.sentence for d in ex.designations if d.rule == "designation-list"}
        for idx, spans in sorted(titles.items()):
            for t in spans:
                if t.kind != "list" or idx in held:
                    continue
                for holder, row_idx in row_holders(rows, by_sentence, idx):
                    out.append(Designation(holder=holder, title=t.title, sentence=row_idx, level=t.level,
                                           batch=t.batch, rule="designation-table"))
        return out

    @staticmethod
    def _region_entity(rec: Recognized, region: Region | None, sentences: Sequence[Sentence]) -> str | None:
        """The region's Place entity, created when the region is only named inside other names."""
        if region is None:
            return None
        key = region.city
        if key not in rec.entities:
            found = {s.index for s in sentences if region.short in s.text}
            if not found:
                return None
            rec.entities[key] = Entity(key=key, cls="Place", alt_labels={region.short}, en_label=region.en,
                                       sentences=found, source="places")
        return key

    @staticmethod
    def _actor(doc: Document, entities: dict[str, Entity], region: Region | None) -> str | None:
        """Who speaks in a release: the body its title names before a colon, else the city government."""
        title = doc.title or ""
        for sep in ("：", ":"):
            if sep in title:
                head = title.split(sep, 1)[0].strip()
                for key, ent in entities.items():
                    if ent.cls in ("GovernmentBody", "Organization", "Company") and (head == key or head in ent.alt_labels):
                        return key
        if region is not None:
            for key in (f"{region.city}人民政府", f"{region.city}委"):
                if key in entities:
                    return key
        return None


def _spans_by_sentence(spans: Sequence[EntitySpan], sentences: Sequence[Sentence]) -> dict[int, list[EntitySpan]]:
    """Spans grouped by the index of the sentence they start in (sentences are in text order)."""
    starts = [s.start for s in sentences]
    out: dict[int, list[EntitySpan]] = {}
    for sp in spans:
        k = bisect_right(starts, sp.start) - 1
        if k >= 0 and sp.start < sentences[k].end:
            out.setdefault(sentences[k].index, []).append(sp)
    return out


def _dedupe(relations: list[Relation]) -> list[Relation]:
    seen: dict[tuple[str, str, str], Relation] = {}
    for r in relations:
        k = (r.subject, r.predicate, r.object)
        if k not in seen or (seen[k].implicit and not r.implicit):
            seen[k] = r
    return list(seen.values())
