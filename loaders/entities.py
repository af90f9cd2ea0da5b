"""Entity recognition: gazetteer, 《》 titles, quoted names typed by context, names by their heads,
enumerations with a shared head, persons with titles, company names by suffix; then the
article-level pass that resolves overlaps, relative and short names, and builds ``Entity`` records.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from ecokg.loaders.candidates import Candidate
from ecokg.loaders.classes import ORG, PRODUCT
from ecokg.loaders.company_names import (
    brand_companies,
    described_companies,
    enumerations,
    homogeneous_lists,
    investors,
    labelled_companies,
    parallel_subjects,
    place_brand_companies,
    place_companies,
    subject_companies,
)
from ecokg.loaders.defined_items import define_items
from ecokg.loaders.designations import TitleSpan
from ecokg.loaders.district_names import district_names, split_district_prefix
from ecokg.loaders.field_blocks import organization_labels
from ecokg.loaders.gazetteer import Entry, Gazetteer, Match, NameIndex
from ecokg.loaders.head_names import head_names
from ecokg.loaders.latin_names import (
    bracketed_names,
    drop_descriptions,
    glossed_names,
    latin_brand_prefixes,
    latin_names,
    latin_products,
)
from ecokg.loaders.lexicon import Lexicon, Region, lexicon
from ecokg.loaders.name_identity import derived_short_names, merge_same_names
from ecokg.loaders.names import has_place_prefix, left_edge, strip_descriptors
from ecokg.loaders.person_names import person_names
from ecokg.loaders.quoted_names import book_titles, quoted_names
from ecokg.loaders.records import Document, Entity, EntitySpan, Sentence
from ecokg.loaders.row_names import row_candidates
from ecokg.loaders.subsidy_names import granted_subsidies
from ecokg.loaders.tables import Row, find_rows

PRODUCT_CLASSES = PRODUCT
_ALSO_CALLED = re.compile(r"[，,]?(?:又名|又称|也称|亦称|别名)“?([^，。；“”（）]{3,30}?)”?(?=[，。；）])")
_COMPANY_ANAPHOR = re.compile(r"该公司|该企业|该集团|"
                              r"(?:^|(?<=[，。；]))公司(?=推出|发布|研发|已|将|在|正|今年|目前|计划|预计)")
# Generic names of these classes are qualified by the article's region (人工智能产业园 in a Qingdao
# article is 青岛人工智能产业园; Wuhan's is another park).
REGION_QUALIFIED = {"IndustrialPark", "IndustryCluster", "Committee", "Fund", "Subsidy", "Venue",
                    "Infrastructure"}
_ORG_CLASSES = ORG - {"Organization", "Committee"}
def _unglue_verbs(lex: Lexicon, text: str, cands: list[Candidate]) -> None:
    """平城数智联合研发: a company name whose last character begins a verb after it (联合) ends one
    character earlier, when what is left is still a brand and a company suffix (平城数智)."""
    for c in cands:
        if c.source != "pattern" or c.cls != "Company" or c.end - c.start < 4 or c.end >= len(text):
            continue
        if lex.boundary_ending_at(text, c.end + 1) and text[c.end - 1:c.end + 1] in lex.boundaries \
                and any(c.name[:-1].endswith(sfx) for sfx in lex.company_suffixes):
            c.end, c.name = c.end - 1, c.name[:-1]
            c.aliases = {c.name}


def _article_names(rec: Recognized, region: Region | None, lex: Lexicon) -> list[Entry]:
    """Entries for the names the first pass found by pattern (three characters or more), with the
    short names a company's full name implies."""
    out = []
    owner: dict[str, set[str]] = {}  # a name → the entities it names (“知耕” the model is 知耕)
    for key, ent in rec.entities.items():
        for n in ent.alt_labels | {key}:
            owner.setdefault(n.strip("“”《》"), set()).add(key)
    for key, ent in sorted(rec.entities.items()):
        if ent.source != "pattern" or ent.cls in ("Place", "Person"):
            continue
        derived = {n for n in derived_short_names(key, lex, region.short if region else None)
                   if owner.get(n, {key}) <= {key}} if ent.cls == "Company" else set()
        names = tuple(sorted(n for n in ent.alt_labels | {key} | derived
                             if (len(n.strip("“”《》")) >= 3 or n in derived) and n != key))
        out.append(Entry(name=key, cls=ent.cls, aliases=names, source="article"))
    return out


@dataclass
class Recognized:
    """Entities with their top-level spans and the spans of names nested inside other names."""

    entities: dict[str, Entity]
    spans: list[EntitySpan] = field(default_factory=list)
    inner: list[EntitySpan] = field(default_factory=list)


class EntityRecognizer:
    """Finds the entities of one article."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.load()
        self.lex = lexicon()
        self._rows: dict[int, Row] = {}

    # -- the article -----------------------------------------------------------------------
    def recognize(self, doc: Document, sentences: Sequence[Sentence], titles: dict[int, list[TitleSpan]],
                  region: Region | None, index: NameIndex) -> Recognized:
        index = self._with_abbreviations(doc.text, index, region)
        self._rows = {row.sentence: row for row in find_rows(sentences)}
        memo: dict[int, tuple[list[Match], list[Candidate]]] = {}
        first = self._pass(sentences, titles, region, index, memo)
        # Second pass: a name recognized once by its context (研发激光雷达的曜途感知, “衡行H2”人形机器人) is
        # that entity wherever else the article writes it (曜途感知拟投资…, “衡行H2”的单台成本…).
        seen = _article_names(first, region, self.lex)
        if not seen:
            return first
        second = self._pass(sentences, titles, region, index.extended(seen), memo)
        for sp in first.inner:  # a known name inside a name the article made (三一重工 in 三一重工长沙产业园)
            if sp.key in first.entities and sp.key not in second.entities and not any(
                    o.start <= sp.start and sp.end <= o.end and o.key == sp.key for o in second.spans):
                second.entities[sp.key] = first.entities[sp.key]
                second.inner.append(sp)
        return second

    def _pass(self, sentences: Sequence[Sentence], titles: dict[int, list[TitleSpan]], region: Region | None,
              index: NameIndex,
              memo: dict[int, tuple[list[Match], list[Candidate]]] | None = None) -> Recognized:
        chosen: list[tuple[Sentence, Candidate]] = []
        inner: list[tuple[Sentence, Candidate]] = []
        last_company: Candidate | None = None
        for sent in sentences:
            cands = self._candidates(sent, index, titles.get(sent.index, []), memo)
            anaphors = list(_COMPANY_ANAPHOR.finditer(sent.text))
            if anaphors:  # 该公司 / 该企业: the company named last in this sentence, else in the last one
                top, _ = _resolve(list(cands))
                for m in anaphors:
                    here = [c for c in top if c.cls == "Company" and c.end <= sent.start + m.start()]
                    ref = here[-1] if here else last_company
                    if ref is not None:
                        cands.append(Candidate(sent.start + m.start(), sent.start + m.end(), "Company",
                                               ref.name, set(), 3, ref.source, ref.entry))
            top, nested = _resolve(cands)
            top = _without_descriptors(self.lex, sent.text, sent.start, top)
            companies = [c for c in top if c.cls == "Company"]
            if companies:
                last_company = companies[0]  # the company the sentence is about
            chosen.extend((sent, c) for c in top)
            inner.extend((sent, c) for c in nested)
        return self._entities(chosen, inner, region, index)

    def _with_abbreviations(self, text: str, index: NameIndex, region: Region | None) -> NameIndex:
        """X（以下简称“Y”）: Y names X for the rest of the article."""
        extra = []
        # 《 and 》 offsets, found once: no look-back over the text per match
        marks: dict[str, list[int]] = {}
        places: frozenset[str] | None = None
        for m in re.finditer(r"（(?:以下)?简称[“\"《]([^”\"》]{1,15})[”\"》]）", text):
            if text[m.start() - 1:m.start()] == "》":  # 《…办法》（以下简称《办法》）
                if not marks:
                    marks = {ch: [i for i, c in enumerate(text) if c == ch] for ch in "《》"}
                n = bisect_left(marks["《"], m.start())
                k = marks["《"][n - 1] if n else -1
                c = bisect_left(marks["》"], m.start() - 1)
                if k >= 0 and (c == 0 or marks["》"][c - 1] < k):  # the 《 that this 》 closes
                    title = text[k + 1:m.start() - 1].strip()
                    extra.append(Entry(name=title, cls="PolicyDocument",
                                       aliases=(m.group(1), f"《{m.group(1)}》"), source="abbreviation"))
                continue
            found = self.lex.head_at_end(text, m.start())
            if not found:
                continue
            s = left_edge(text, m.start() - len(found[0]), self.lex)
            name = strip_descriptors(text[s:m.start()])
            if len(name) <= len(found[0]):
                continue
            key = name
            if places is None:
                places = index.places
            if region and found[1] in REGION_QUALIFIED and not has_place_prefix(name, places) \
                    and region.short not in name:
                key = region.short + name
            extra.append(Entry(name=key, cls=found[1], aliases=(name, m.group(1)), source="abbreviation"))
        extra += self._full_names(text)
        if not extra:
            return index
        return index.extended(extra)

    def _full_names(self, text: str) -> list[Entry]:
        """X全称Y / X（全称Y）: the long name Y (which ends with a head) and X name one thing."""
        out = []
        for m in re.finditer(r"(?:（)?全称(?:为|是)?“?([^，。；“”（）]{4,40}?)”?(?=）|[，。；])", text):
            found = self.lex.head_at_end(text, m.end(1))
            start = m.start()
            s = left_edge(text, start, self.lex)
            short = text[s:start]
            if found and 2 <= len(short) <= 12 and len(m.group(1)) > len(found[0]):
                out.append(Entry(name=short, cls=found[1], aliases=(m.group(1),), source="abbreviation"))
        for m in _ALSO_CALLED.finditer(text):  # X，又名Y: Y is another name of X
            found = self.lex.head_at_end(text, m.start()) or self.lex.head_at_end(m.group(1), len(m.group(1)))
            s = left_edge(text, m.start(), self.lex)
            name = text[s:m.start()]
            if found and 2 <= len(name) <= 20 and len(m.group(1)) > len(found[0]):
                out.append(Entry(name=name, cls=found[1], aliases=(m.group(1),), source="abbreviation"))
        return out

    # -- one sentence ----------------------------------------------------------------------
    def _candidates(self, sent: Sentence, index: NameIndex, titles: list[TitleSpan],
                    memo: dict[int, tuple[list[Match], list[Candidate]]] | None) -> list[Candidate]:
        """``_sentence_candidates``; the index is all they depend on that changes between the passes,
        so a sentence where the second pass's index finds the same names as the first's has the same
        candidates (``memo``: the first pass's, by sentence; nothing changes a candidate once made)."""
        if memo is None:
            return self._sentence_candidates(sent, index, titles)
        matches = index.scan(sent.text)
        kept = memo.get(sent.index)
        if kept is not None and kept[0] == matches:
            return list(kept[1])
        cands = self._sentence_candidates(sent, index, titles, matches)
        memo[sent.index] = (matches, list(cands))
        return cands

    def _sentence_candidates(self, sent: Sentence, index: NameIndex, titles: list[TitleSpan],
                             matches: list[Match] | None = None) -> list[Candidate]:
        text, base = sent.text, sent.start
        cands: list[Candidate] = []
        for m in index.scan(text) if matches is None else matches:
            cands.append(Candidate(m.start, m.end, m.entry.cls, m.entry.name, {m.surface}, 5,
                                   m.entry.source, m.entry))
        quoted = [(m.start(), m.end()) for m in re.finditer(r"“[^“”]{1,40}”|《[^《》]{1,120}》", text)]
        row = self._rows.get(sent.index)
        if row is not None:
            cands += row_candidates(self.lex, text, base, row)
        cands += book_titles(text)
        cands += quoted_names(self.lex, text, cands)
        cands += head_names(self.lex, text, cands, quoted)
        cands += person_names(self.lex, text)
        cands += enumerations(self.lex, text, cands)
        cands += place_companies(self.lex, text, cands)
        cands += place_brand_companies(self.lex, text, cands)
        cands += parallel_subjects(self.lex, text, cands)
        cands += latin_names(text, cands)
        drop_descriptions(text, cands)
        cands += homogeneous_lists(self.lex, text, cands)
        cands += subject_companies(self.lex, text, cands)
        cands += brand_companies(self.lex, text, cands)
        cands += described_companies(self.lex, text, cands)
        cands += labelled_companies(self.lex, text, cands, organization_labels())
        cands += investors(self.lex, text, cands)
        cands += granted_subsidies(text, cands)
        cands += district_names(self.lex, text, cands)
        split_district_prefix(text, cands)
        cands += latin_products(text, cands)
        latin_brand_prefixes(self.lex, text, cands)
        cands += glossed_names(self.lex, text, cands)
        bracketed_names(text, cands)
        define_items(self.lex, text, cands)
        _unglue_verbs(self.lex, text, cands)
        # words of a designation title are not entities (gazetteer names there are: 工信部, 山东省)
        spans = [(t.start - base, t.end - base, t.trigger_start - base) for t in titles]
        cands = [c for c in cands if c.source in ("gazetteer", "template", "places")
                 or not any((s <= c.start and c.end <= e) or (max(trig, s) < c.end <= e and c.start < s)
                            for s, e, trig in spans)]
        if row is not None and "project" in row.cells:  # a name found in a project cell is the project
            pa, pb = row.cells["project"][0] - base, row.cells["project"][1] - base
            inside = [c for c in cands if c.source not in ("project-cell", "gazetteer", "places")
                      and pa <= c.start and c.end <= pb]
            if inside:
                cands = [c for c in cands if c.source != "project-cell"]
            for c in inside:
                c.region_ok = False  # a table cell names its project as the list writes it
        if row is not None and "title" in row.cells:  # the title a row holds is no entity of its own
            ta, tb = row.cells["title"][0] - base, row.cells["title"][1] - base
            cands = [c for c in cands if c.source in ("gazetteer", "template", "places")
                     or not (ta <= c.start and c.end <= tb)]
        for c in cands:
            c.start += base
            c.end += base
        return cands

    # -- the article-level pass ----------------------------------------------------------------
    def _entities(self, chosen: Iterable[tuple[Sentence, Candidate]],
                  inner: Iterable[tuple[Sentence, Candidate]],
                  region: Region | None, index: NameIndex) -> Recognized:
        place_names = index.places
        entities: dict[str, Entity] = {}
        result = Recognized(entities)
        alias_to_key: dict[str, str] = {}
        n_top = len(list(chosen)) if not isinstance(chosen, list) else len(chosen)
        prefixed: dict[str, bool] = {}  # name -> has_place_prefix (names repeat; the test scans every place)

        def key_for(c: Candidate) -> str:
            if c.entry is not None:
                return c.entry.name
            name = c.name
            if region and c.region_ok and c.cls in REGION_QUALIFIED and name not in prefixed:
                prefixed[name] = has_place_prefix(name, place_names)
            if (region and c.region_ok and c.cls in REGION_QUALIFIED and not prefixed[name]
                    and region.short not in name):
                name = region.short + name
            return alias_to_key.get(name, name)

        for n, (sent, c) in enumerate(list(chosen) + list(inner)):
            key = key_for(c)
            ent = entities.get(key)
            if ent is None:
                ent = entities[key] = Entity(key=key, cls=c.cls, source=c.source)
                if c.entry is not None:
                    ent.en_label, ent.wikidata = c.entry.en, c.entry.wikidata
                    ent.alt_labels |= set(c.entry.aliases)
            ent.alt_labels |= {a for a in c.aliases | {c.name} if a and a != key}
            ent.sentences.add(sent.index)
            if c.batch and not ent.batch:
                ent.batch = c.batch
            if c.period and not ent.period_start:
                ent.period_start, ent.period_end, ent.period_label = c.period
            for a in ent.alt_labels:
                alias_to_key.setdefault(a, key)
            span = EntitySpan(key, ent.cls, c.start, c.end,
                              sent.text[c.start - sent.start:c.end - sent.start])
            (result.spans if n < n_top else result.inner).append(span)
        if region is not None and region.city in entities and region.en:
            entities[region.city].en_label = entities[region.city].en_label or region.en
        merge_same_names(result, region.short if region else None, self.lex)
        return result


def _without_descriptors(lex: Lexicon, text: str, base: int, top: list[Candidate]) -> list[Candidate]:
    """工业大模型CloudMind, 五指灵巧手“云指”: a generic description right before a product's own name
    is no product of its own (its modifier is a common word, its head a class word)."""
    drop: set[int] = set()
    for a, b in pairwise(top):
        if a.cls not in PRODUCT_CLASSES or b.cls not in PRODUCT_CLASSES or a.entry is not None \
                or b.start - a.end > 1 or (b.start > a.end and text[a.end - base] != "“"):
            continue
        found = lex.head_at_end(a.name, len(a.name))
        modifier = a.name[: len(a.name) - len(found[0])] if found else a.name
        if found and (not modifier or lex.is_common_brand(modifier) or modifier in lex.generic_words):
            drop.add(id(a))
    return [c for c in top if id(c) not in drop]


def _resolve(cands: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """Non-overlapping candidates, longest (then highest priority) first; gazetteer names nested
    inside a chosen name are returned as inner mentions."""
    known_ends = {(c.end, c.cls) for c in cands
                  if c.source in ("gazetteer", "template") and c.cls in _ORG_CLASSES}
    cands = [c for c in cands
             if not (c.source == "pattern" and c.cls in _ORG_CLASSES and (c.end, c.cls) in known_ends
                     and not any(k.start == c.start and k.end == c.end for k in cands if k is not c))]
    ordered = sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    top: list[Candidate] = []
    nested: list[Candidate] = []
    for c in ordered:
        clash = [t for t in top if c.start < t.end and t.start < c.end]
        if not clash:
            top.append(c)
        elif c.source in ("gazetteer", "template") and c.cls != "Place" \
                and all(t.start <= c.start and c.end <= t.end for t in clash):
            nested.append(c)
    top.sort(key=lambda c: c.start)
    return top, nested
