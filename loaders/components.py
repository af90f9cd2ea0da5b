"""The default extraction components, in pipeline order.

    sentences      doc.text → sentences
    region         the article's region, the gazetteer index for it, the government names
    titles         designation titles (入选/获批/认定 …) per sentence
    names          entity recognition → entities, spans, inner spans, the region's Place entity
    identifiers    GB/T 2260 codes of places, validated 统一社会信用代码 of organizations (identifiers.py)
    actor          who speaks in a release (implicit subject of 印发/成立 …)
    discourse      salience and anaphora over the mentions (one tracker for every component)
    relations      relation rules over clauses (relations.py, relation_frames.py, by_phrases.py)
    frames         relation frames kept as data (data/frames.yaml, frame_rules.py)
    designations   titles attached to their holders and grantors
    figures        figures with subject, qualifier, period, indicator; amounts of funds
    targets        figures stated as goals marked as targets (targets.py, data/target-cues.yaml)
    tables         table rows: row relations and designations listed in a table
    fields         items given as labelled lines (发布部门：X, 运营单位：Y) under their heading
                   (field_blocks.py, data/fields.yaml)
    suppliers      the maker of a part a product carries supplies the product's maker (supplier_links.py)
    name-relations relations that follow from names (located-name, part-of, targets)
    agents         relations whose object must be an organization when a sentence names a place (agents.py)
    validity       validity periods of policies and programs from their names (validity.py), last: every
                   policy entity is known by then

Each is a function of the ``DocState`` that adds its layer; ``default_pipeline`` puts them in
order. ``NewsArticleLoader.pipeline`` is the pipeline a loader runs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path

from ecokg.loaders.agents import agents
from ecokg.loaders.class_groups import group
from ecokg.loaders.classes import ORG
from ecokg.loaders.designation_lists import (
    anaphor_holder,
    category_lists,
    heading_words,
    listed_after,
    numbered_items,
    one_of_joined,
    ranked_lists,
)
from ecokg.loaders.designations import TITLE_HEADS, TitleSpan, attach, find_titles, level_of
from ecokg.loaders.discourse import Discourse
from ecokg.loaders.entities import EntityRecognizer
from ecokg.loaders.field_blocks import block_holders, block_relations
from ecokg.loaders.frame_rules import Frame, apply_frames, frames
from ecokg.loaders.gazetteer import Gazetteer
from ecokg.loaders.identifiers import mark_identifiers
from ecokg.loaders.lexicon import lexicon
from ecokg.loaders.pipeline import DocState, Pipeline
from ecokg.loaders.records import Designation, Entity, EntitySpan, Relation, Sentence
from ecokg.loaders.regions import detect_region
from ecokg.loaders.relations import RelationExtractor, entity_relations
from ecokg.loaders.supplier_links import part_suppliers
from ecokg.loaders.tables import Row, find_rows, row_holders, row_relations
from ecokg.loaders.targets import mark_targets
from ecokg.loaders.validity import mark_validity


def sentences(state: DocState) -> None:
    from ecokg.loaders.sentences import split_sentences

    state.sentences = split_sentences(state.doc.text)


def make_region(gazetteer: Gazetteer):
    def region(state: DocState) -> None:
        state.region = detect_region(state.doc, lexicon())
        state.index = gazetteer.for_region(state.region)
        state.authorities = state.index.authorities  # the same list for every article of the region
    return region


def titles(state: DocState) -> None:
    state.titles = {s.index: find_titles(s, state.authorities) for s in state.sentences}


def make_names(recognizer: EntityRecognizer):
    def names(state: DocState) -> None:
        rec = recognizer.recognize(state.doc, state.sentences, state.titles, state.region, state.index)
        state.entities, state.spans, state.inner = rec.entities, rec.spans, rec.inner
        state.region_key = _region_entity(state)
        state.doc.region = state.region_key
        state.by_sentence = spans_by_sentence(state.spans, state.sentences)
    return names


def actor(state: DocState) -> None:
    """Who speaks in a release: the body its title names before a colon, else the city government."""
    title = state.doc.title or ""
    for sep in ("：", ":"):
        if sep in title:
            head = title.split(sep, 1)[0].strip()
            for key, ent in state.entities.items():
                if ent.cls in ("GovernmentBody", "Organization", "Company") \
                        and (head == key or head in ent.alt_labels):
                    state.actor = key
                    return
    if state.region is not None:
        for key in (f"{state.region.city}人民政府", f"{state.region.city}委"):
            if key in state.entities:
                state.actor = key
                return


def discourse(state: DocState) -> None:
    state.discourse = Discourse(state.doc.text, state.spans, state.entities)


def relations(state: DocState) -> None:
    relx = RelationExtractor(state.entities, state.actor, state.region_key, state.discourse,
                             [s.start for s in state.sentences])
    for s in state.sentences:
        state.relations += relx.extract(s, state.by_sentence.get(s.index, []))


def make_frames(chosen: Sequence[Frame]):

    def frames_(state: DocState) -> None:
        for s in state.sentences:
            spans = state.by_sentence.get(s.index, [])
            if spans:
                state.relations += apply_frames(chosen, s, spans, state.entities, state.discourse)
    return frames_


def designations(state: DocState) -> None:
    authority_keys = {n: state.index.by_name[n].name for n in state.authorities
                      if state.index.by_name[n].name in state.entities}
    anaphor = anaphor_holder(state.discourse, state.doc.text)
    for s in state.sentences:
        spans = state.by_sentence.get(s.index, [])
        state.designations += attach(state.titles[s.index], s, spans, state.entities, state.region_key,
                                     authority_keys, anaphor)
        before = state.sentences[s.index - 1].text if s.index > 0 else ""
        state.designations += category_lists(s, spans, state.entities, before + s.text)
    held = {(d.sentence, d.title) for d in state.designations if d.rule == "designation-list"}
    state.designations += listed_after(state.titles, held, state.sentences, state.by_sentence, state.entities,
                                       authority_keys)
    named = {d.title: TitleSpan(0, 0, d.title, d.level, d.batch, None, 0, "named")  # 认定A等N家企业为X
             for d in state.designations if d.rule == "designation-category"}
    state.designations += numbered_items(state.titles, state.sentences, state.by_sentence, state.entities,
                                         list(named.values()))
    state.designations += ranked_lists(state.sentences, state.by_sentence, state.entities)


def figures(state: DocState) -> None:
    from ecokg.loaders.figure_referents import name_endings
    from ecokg.loaders.figures import extract_figures, fund_amounts, fund_index
    from ecokg.loaders.periods import reported_year

    base = state.doc.issued_date
    report = reported_year(state.doc.text, base)  # an annual report published early the next year
    funds = fund_index(state.entities)  # the entities' names and sentences are fixed from here on
    endings = name_endings(state.entities)
    for s in state.sentences:
        spans = state.by_sentence.get(s.index, [])
        state.observations += extract_figures(s, spans, state.entities, base=base, region=state.region_key,
                                              report=report, funds=funds,
                                              endings=endings)
        for key, amount, unit, per_year in fund_amounts(s, spans, state.entities, funds):
            ent = state.entities[key]  # the amount is the figures layer of a fund's record
            if ent.amount is None:
                ent.amount, ent.unit, ent.per_year, ent.amount_sentence = amount, unit, per_year, s.index


def tables(state: DocState) -> None:
    rows = find_rows(state.sentences)
    if not rows:
        return
    state.relations += row_relations(rows, state.by_sentence, lambda k: state.entities[k].cls)
    state.relations += _tenant_rows(state, rows)
    held = {d.sentence for d in state.designations if d.rule == "designation-list"}
    lists = [(idx, t) for idx, spans in sorted(state.titles.items()) for t in spans
             # 公布…名单 with no holder in the sentence, then a table
             if t.kind == "list" and idx not in held]
    for table in _tables(rows):
        before = [(idx, t) for idx, t in lists if idx < table[0].sentence]
        if any("title" in r.cells for r in table):  # each row names the title it holds (入选类别)
            batch = before[-1][1].batch if before else None
            state.designations += _titled_rows(state, table, batch)
            continue
        if not before:
            continue
        idx = before[-1][0]  # the list named last before the table (a heading over it, else the lead)
        first = table[0].sentence
        above = next((heading_words(state.sentences[k].text) for k in (first - 2, first - 1)
                      if k > idx and heading_words(state.sentences[k].text)), None)
        prior = state.doc.text[:state.sentences[first].start]
        for _, t in (x for x in before if x[0] == idx):
            t = one_of_joined(t, above, prior) if above else t
            for holder, row_idx in row_holders(table, state.by_sentence, idx):
                state.designations.append(Designation(holder=holder, title=t.title, sentence=row_idx,
                                                      level=t.level, batch=t.batch, rule="designation-table"))


def _titled_rows(state: DocState, table: Sequence[Row], batch: str | None) -> list[Designation]:
    """A list of honours with a title column: each row's company holds the title of its row."""
    out = []
    for row in table:
        if "title" not in row.cells or "company" not in row.cells:
            continue
        sent = state.sentences[row.sentence]
        a, b = row.cells["title"]
        title = sent.text[a - sent.start:b - sent.start].strip()
        if not (title.endswith(TITLE_HEADS) or level_of(title, None)):
            continue
        ca, cb = row.cells["company"]
        holders = [sp for sp in state.by_sentence.get(row.sentence, []) if ca <= sp.start and sp.end <= cb]
        if holders:
            out.append(Designation(holder=holders[0].key, title=title, sentence=row.sentence,
                                   level=level_of(title, None), batch=batch, rule="designation-table"))
    return out


def _tables(rows: Sequence[Row]) -> list[list[Row]]:
    """Rows grouped into tables: runs of rows in consecutive sentences."""
    out: list[list[Row]] = []
    for r in rows:
        if out and r.sentence == out[-1][-1].sentence + 1:
            out[-1].append(r)
        else:
            out.append([r])
    return out


_TENANT_HEADING = re.compile(r"入驻企业|入园企业|落户企业|园区企业|入驻的企业|签约企业|重点企业|"
                             r"代表企业|部分企业")


def _tenant_rows(state: DocState, rows: Sequence[Row]) -> list[Relation]:
    """A park's table of tenants (a column 入驻时间, or a heading 部分入驻企业 over the header): each row's
    company locatedIn the park named in the lines over the table, else the park the article names most."""
    out: list[Relation] = []
    row_at = {r.sentence: r for r in rows}
    parks = group("IndustrialPark")
    for r in rows:
        first = r.sentence
        while first - 1 in row_at:
            first -= 1
        heading = " ".join(s.text for s in state.sentences[max(0, first - 3):first])
        if "tenure" not in r.cells and not _TENANT_HEADING.search(heading):
            continue
        a, b = r.cells["company"]
        sent = state.sentences[r.sentence]
        over = state.sentences[max(0, first - 2)]  # the line over the table's header
        park = (state.discourse.first_from(parks, over.start, over.end) if len(over.text) <= 40 else None) \
            or state.discourse.most_named(parks, sent.start)  # a park in the heading, else the one profiled
        for sp in state.by_sentence.get(r.sentence, []):
            if park and a <= sp.start and sp.end <= b and state.entities[sp.key].cls in ORG:
                out.append(Relation(sp.key, "locatedIn", park, r.sentence, True, "table-tenant"))
                break
    return out


def fields(state: DocState) -> None:
    cls = lambda k: state.entities[k].cls  # noqa: E731
    state.relations += block_relations(state.sentences, state.by_sentence, cls)
    lists = [(idx, t) for idx, spans in sorted(state.titles.items()) for t in spans if t.kind == "list"]
    held = {(d.holder, d.title) for d in state.designations}
    for first, key, idx in block_holders(state.sentences, state.by_sentence, cls):
        before = [t for i, t in lists if i < first]  # the list named last before the items
        if before and (key, before[-1].title) not in held:
            t = before[-1]
            held.add((key, t.title))
            state.designations.append(Designation(holder=key, title=t.title, sentence=idx, level=t.level,
                                                  batch=t.batch, rule="designation-field"))


def suppliers(state: DocState) -> None:
    state.relations += part_suppliers(state.sentences, state.by_sentence, state.relations,
                                      lambda k: state.entities[k].cls)


def name_relations(state: DocState) -> None:
    first = {k: min(e.sentences) for k, e in state.entities.items() if e.sentences}
    inner_by_sentence = spans_by_sentence(state.inner, state.sentences)
    inner_pairs = [(outer.key, inn.key) for idx, inners in inner_by_sentence.items() for inn in inners
                   for outer in state.by_sentence.get(idx, [])
                   if outer.start <= inn.start and inn.end <= outer.end and outer.key != inn.key]
    short = state.region.short if state.region else None
    state.relations += entity_relations(state.entities, state.region_key, short, first, inner_pairs)


def default_pipeline(gazetteer_files: Sequence[str | Path] = (),
                     frame_files: Sequence[str | Path] = ()) -> Pipeline:
    """The components in order, with the gazetteer (and the user's extra frames) loaded."""
    gazetteer = Gazetteer.load(gazetteer_files)
    pipe = Pipeline()
    pipe.add("sentences", sentences, assigns=("sentences",), requires=("doc",))
    pipe.add("region", make_region(gazetteer), assigns=("region", "index", "authorities"), requires=("doc",))
    pipe.add("titles", titles, assigns=("titles",), requires=("sentences", "authorities"))
    pipe.add("names", make_names(EntityRecognizer(gazetteer)), assigns=("entities", "spans", "region_key"),
             requires=("sentences", "titles", "index"))
    pipe.add("identifiers", mark_identifiers, assigns=("codes", "notes"), requires=("entities", "spans"))
    pipe.add("actor", actor, assigns=("actor",), requires=("entities",))
    pipe.add("discourse", discourse, assigns=("discourse",), requires=("spans",))
    pipe.add("relations", relations, assigns=("relations",), requires=("spans", "actor", "discourse"))
    pipe.add("frames", make_frames(frames(frame_files)), assigns=("relations",),
             requires=("spans", "discourse"))
    pipe.add("designations", designations, assigns=("designations",),
             requires=("spans", "titles", "discourse"))
    pipe.add("figures", figures, assigns=("observations", "amounts"), requires=("spans",))
    pipe.add("targets", mark_targets, assigns=("targets",), requires=("observations",))
    pipe.add("tables", tables, assigns=("relations", "designations"),
             requires=("spans", "designations", "discourse"))
    pipe.add("fields", fields, assigns=("relations",), requires=("spans",))
    pipe.add("suppliers", suppliers, assigns=("relations",), requires=("spans", "relations"))
    pipe.add("name-relations", name_relations, assigns=("relations",), requires=("entities",))
    pipe.add("agents", agents, assigns=("relations", "entities"), requires=("relations",))
    pipe.add("validity", mark_validity, assigns=("periods",), requires=("entities",))
    return pipe


def _region_entity(state: DocState) -> str | None:
    """The region's Place entity, created when the region is only named inside other names."""
    region = state.region
    if region is None:
        return None
    key = region.city
    if key not in state.entities:
        found = {s.index for s in state.sentences if region.short in s.text}
        if not found:
            return None
        state.entities[key] = Entity(key=key, cls="Place", alt_labels={region.short}, en_label=region.en,
                                     sentences=found, source="places")
    return key


def spans_by_sentence(spans: Sequence[EntitySpan],
                      sentences: Sequence[Sentence]) -> dict[int, list[EntitySpan]]:
    """Spans grouped by the index of the sentence they start in (sentences are in text order)."""
    starts = [s.start for s in sentences]
    out: dict[int, list[EntitySpan]] = {}
    for sp in spans:
        k = bisect_right(starts, sp.start) - 1
        if k >= 0 and sp.start < sentences[k].end:
            out.setdefault(sentences[k].index, []).append(sp)
    return out
