"""Questions in Chinese → a named query and its parameters (``ecokg ask``), offline, no language model.

How a question is read (the words are data: ``queries/ask.yaml``):

1. **Entity linking**: the store's labels and aliases (and variants of them: without 市/区/省,
   without a leading city name, AI ↔ 人工智能, 经信局 ↔ 经济和信息化局) are matched in the
   question, leftmost-longest; a name shared by several entities is ambiguous.
2. **Decline first**: a how-to/opinion word, a region the graph does not know (上海, 深圳 …) or a
   Latin name it does not know (ChatGPT) means no answer, never a guess.
3. **Scoring**: each named query scores its cue words found outside the linked names, plus a
   bonus when a linked entity has one of its classes; the best query wins if it reaches
   ``min_score`` and no other query ties with it.
4. **Slots**: a query's parameter takes the first linked entity of an accepted class; a query
   that needs one and finds none is declined with "did you mean" examples.

Values are bound as IRIs by the runner, never pasted into SPARQL text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ecokg.errors import QueryError
from ecokg.graph.namespaces import ECO, RDFS, SKOS
from ecokg.names import match_key

PUNCT = re.compile(r"[\s，。？！、；：,.?!;:…~～()（）\[\]【】“”\"'‘’《》<>]+")
LATIN = re.compile(r"[a-z][a-z0-9]{2,}")
GENERIC_STARTS = ("人工智能", "ai", "智能", "产业", "数字", "科技")
NAMES_QUERY = (
    f"SELECT DISTINCT ?s ?label ?cls ?p WHERE {{ VALUES ?p {{ <{RDFS.label}> <{SKOS.altLabel}> }} "
    f"?s ?p ?label ; <{ECO.mentionedIn}> ?doc ; a ?t . ?t <{RDFS.subClassOf}>* ?cls . FILTER(isIRI(?s)) "
    f"FILTER(STRSTARTS(STR(?cls), \"{ECO}\")) FILTER NOT EXISTS {{ ?s a <{ECO.Observation}> }} }}"
)
SKIP_CLASSES = frozenset({"Industry", "Observation", "Designation", "Mention", "SourceDocument"})
QUERY_KEYS = frozenset({"cues", "types", "slot", "slot_types", "exclude_slot_types", "required",
                        "needs_slot_for_score", "examples"})
TOP_KEYS = frozenset(
    {"min_score", "queries", "decline", "decline_except", "places", "suffixes", "abbreviations"}
)


# -- the data --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pattern:
    name: str
    cues: dict[str, float]
    types: frozenset[str] = frozenset()
    slot: str | None = None
    slot_types: frozenset[str] = frozenset()
    exclude_slot_types: frozenset[str] = frozenset()
    required: bool = False
    needs_slot_for_score: bool = False
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Patterns:
    queries: dict[str, Pattern]
    min_score: float
    decline: tuple[str, ...]
    decline_except: tuple[str, ...]
    places: tuple[str, ...]
    suffixes: tuple[str, ...]
    abbreviations: dict[str, str]


def norm(text: str) -> str:
    """The form questions and names are compared in: NFKC, no punctuation or spaces, case-folded."""
    return match_key(PUNCT.sub("", unicodedata.normalize("NFKC", text)))


def parse_patterns(
    data: Any, source: str = "queries/ask.yaml", known: Iterable[str] | None = None
) -> Patterns:
    """Validate the question patterns: unknown keys or query names are errors naming the file."""
    if not isinstance(data, dict) or not isinstance(data.get("queries"), dict):
        raise QueryError(f"{source}: expected a mapping with 'queries'")
    if extra := set(data) - TOP_KEYS:
        raise QueryError(
            f"{source}: unknown key(s) {', '.join(sorted(extra))}", hint=f"use {', '.join(sorted(TOP_KEYS))}"
        )
    names = set(known) if known is not None else None
    queries = {}
    for name, spec in data["queries"].items():
        if names is not None and name not in names:
            raise QueryError(
                f"{source}: no named query {name!r}", hint="a key of 'queries' is a queries/*.rq name"
            )
        if not isinstance(spec, dict) or (extra := set(spec) - QUERY_KEYS):
            raise QueryError(
                f"{source}: query {name}: unknown or missing keys",
                hint=f"use {', '.join(sorted(QUERY_KEYS))}",
            )
        cues = {norm(str(k)): float(v) for k, v in (spec.get("cues") or {}).items()}
        queries[name] = Pattern(name, cues, frozenset(spec.get("types") or ()), spec.get("slot"),
                                frozenset(spec.get("slot_types") or ()),
                                frozenset(spec.get("exclude_slot_types") or ()),
                                bool(spec.get("required")), bool(spec.get("needs_slot_for_score")),
                                tuple(spec.get("examples") or ()))
    return Patterns(queries, float(data.get("min_score", 1.0)),
                    tuple(norm(w) for w in data.get("decline") or ()),
                    tuple(norm(w) for w in data.get("decline_except") or ()),
                    tuple(norm(w) for w in data.get("places") or ()), tuple(data.get("suffixes") or ()),
                    {norm(k): norm(v) for k, v in (data.get("abbreviations") or {}).items()})


@functools.lru_cache(maxsize=1)
def load_patterns() -> Patterns:
    import yaml

    from ecokg.queries.runner import list_queries
    from ecokg.resources import QUERIES_PACKAGE, read_text

    return parse_patterns(yaml.safe_load(read_text(QUERIES_PACKAGE, "ask.yaml")),
                          known=[q.name for q in list_queries()])


# -- entity linking --------------------------------------------------------------------------------
@dataclass
class Entity:
    iri: str
    label: str
    classes: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    surface: str
    iris: tuple[str, ...]


class Linker:
    """Names of the store's entities (labels, aliases and their variants) → entities."""

    def __init__(self, rows: Iterable[tuple[Any, ...]], patterns: Patterns) -> None:
        self.entities: dict[str, Entity] = {}
        names: dict[str, set[str]] = {}
        main: set[str] = set()
        for s, label, cls, *pred in rows:
            if s is None or label is None:
                continue
            iri = str(s)
            ent = self.entities.setdefault(iri, Entity(iri, str(label)))
            if cls is not None:
                ent.classes.add(str(cls).rsplit("#", 1)[-1])
            if pred and str(pred[0]) == str(RDFS.label) and getattr(label, "language", None) == "zh" \
                    and iri not in main:
                ent.label = str(label)
                main.add(iri)
            names.setdefault(iri, set()).add(str(label))
        self.exact: dict[str, set[str]] = {}
        self.derived: dict[str, set[str]] = {}
        places = sorted(
            {
                norm(n)
                for iri, e in self.entities.items()
                if "Place" in e.classes and not e.classes & {"IndustrialPark", "Venue"}
                for n in names[iri]
            },
            key=len,
            reverse=True,
        )
        for iri, labels in names.items():
            for label in labels:
                key = norm(label)
                if len(key) >= 2:
                    self.exact.setdefault(key, set()).add(iri)
                for v in self._variants(key, places, patterns) - {key}:
                    self.derived.setdefault(v, set()).add(iri)
        self.longest = max((len(k) for k in (*self.exact, *self.derived)), default=0)

    @staticmethod
    def _variants(key: str, places: list[str], patterns: Patterns) -> set[str]:
        out = {key}
        for suffix in patterns.suffixes:
            s = norm(suffix)
            if key.endswith(s) and len(key) - len(s) >= 2:
                out.add(key[: -len(s)])
        for place in places:
            rest = key[len(place):]
            if key.startswith(place) and len(rest) >= 4 and not rest.startswith(GENERIC_STARTS):
                out.add(rest)
        for a, b in patterns.abbreviations.items():
            out |= {v.replace(a, b) for v in list(out) if a in v}
        for sector in ("人工智能", "ai"):  # 蓉芯人工智能产业园 is also 蓉芯产业园
            out |= {v.replace(sector, "") for v in list(out) if sector in v and len(v) - len(sector) >= 4}
        return {v for v in out if len(v) >= 3 or v == key}

    def link(self, text: str) -> list[Link]:
        """Leftmost-longest names in ``text`` (already ``norm``-ed)."""
        links, i = [], 0
        while i < len(text):
            for j in range(min(len(text), i + self.longest), i + 1, -1):
                piece = text[i:j]
                iris = self.exact.get(piece) or self.derived.get(piece)
                if iris:
                    links.append(Link(i, j, piece, tuple(sorted(iris))))
                    i = j
                    break
            else:
                i += 1
        return links

    def label(self, iri: str) -> str:
        ent = self.entities.get(iri)
        return ent.label if ent else iri

    def classes(self, iri: str) -> set[str]:
        ent = self.entities.get(iri)
        return ent.classes if ent else set()


def linker_for(backend: Any, patterns: Patterns | None = None) -> Linker:
    """A linker over the names in a ``LocalBackend``'s store."""
    return Linker(backend.select_rows(NAMES_QUERY), patterns or load_patterns())


# -- interpretation --------------------------------------------------------------------------------
@dataclass
class Interpretation:
    question: str
    query: str | None = None
    params: dict[str, str] = field(default_factory=dict)  # parameter → entity IRI
    links: list[Link] = field(default_factory=list)
    about: list[str] = field(default_factory=list)  # linked entities the query takes no parameter for
    scores: dict[str, float] = field(default_factory=dict)
    reason: str = ""  # why it was declined
    suggestions: list[str] = field(default_factory=list)

    @property
    def declined(self) -> bool:
        return self.query is None


def _cue_score(pattern: Pattern, residual: str) -> float:
    return sum(w for cue, w in pattern.cues.items() if cue and cue in residual)


def _fits(pattern: Pattern, classes: set[str]) -> bool:
    return bool(classes) and not classes & SKIP_CLASSES and not classes & pattern.exclude_slot_types \
        and (not pattern.slot_types or bool(classes & pattern.slot_types))


def _slot_value(pattern: Pattern, links: list[Link], linker: Linker) -> tuple[str | None, str | None]:
    """(the IRI for the pattern's slot, or None; an ambiguity message, or None)."""
    for link in links:
        fits = [iri for iri in link.iris if _fits(pattern, linker.classes(iri))]
        if len(fits) == 1:
            return fits[0], None
        if len(fits) > 1:
            names = "、".join(linker.label(i) for i in fits[:4])
            return None, f"「{link.surface}」 may name {len(fits)} entities ({names}); write the full name"
    return None, None


def suggestions(
    patterns: Patterns, ranked: list[str], links: list[Link], linker: Linker, n: int = 3
) -> list[str]:
    """Questions it can answer, closest first: examples of the best-scoring queries, with a named entity."""
    out: list[str] = []
    for qname in ranked:
        p = patterns.queries[qname]
        fits = [lk.iris[0] for lk in links if len(lk.iris) == 1 and _fits(p, linker.classes(lk.iris[0]))]
        fits = fits or sorted(
            (e.iri for e in linker.entities.values() if _fits(p, e.classes)), key=linker.label
        )
        for ex in p.examples:
            if "ENTITY" in ex and not fits:
                continue
            text = ex.replace("ENTITY", linker.label(fits[0]) if fits else "")
            if text not in out:
                out.append(text)
            break
        if len(out) >= n:
            break
    return out


def interpret(question: str, linker: Linker, patterns: Patterns | None = None) -> Interpretation:
    """The named query and parameters a question asks for, or a decline with suggestions."""
    pats = patterns or load_patterns()
    text = norm(question)
    links = linker.link(text)
    residual = list(text)
    for lk in links:
        residual[lk.start:lk.end] = ["\x00"] * (lk.end - lk.start)
    rest = "".join(residual)
    out = Interpretation(question, links=links)
    classes = set().union(*(linker.classes(i) for lk in links for i in lk.iris)) if links else set()
    for name, p in pats.queries.items():
        score = _cue_score(p, rest) + (1.5 if classes & p.types else 0.0)
        out.scores[name] = score
    ranked = sorted(out.scores, key=lambda n: (-out.scores[n], n))
    if not text:
        out.reason = "the question is empty"
        return out
    plain = rest
    for ctx in pats.decline_except:
        plain = plain.replace(ctx, "\x00")
    if word := next((w for w in pats.decline if w in plain), None):
        out.reason = f"the graph holds facts from articles; it cannot answer a question with 「{word}」"
        out.suggestions = suggestions(pats, ranked, links, linker)
        return out
    unknown = [p for p in pats.places if p in rest] + LATIN.findall(rest.replace("\x00", " "))
    if unknown:
        out.reason = f"no entity named 「{unknown[0]}」 in the graph"
        out.suggestions = suggestions(pats, ranked, links, linker)
        return out
    viable: list[tuple[float, str, str | None]] = []
    ambiguity = None
    for name in ranked:
        p = pats.queries[name]
        value, ambiguous = _slot_value(p, links, linker) if p.slot else (None, None)
        ambiguity = ambiguity or (ambiguous if out.scores[name] >= pats.min_score else None)
        if (p.required or p.needs_slot_for_score) and value is None:
            continue
        viable.append((out.scores[name], name, value))
    viable = [v for v in viable if v[0] >= pats.min_score]
    if not viable or (len(viable) > 1 and viable[0][0] == viable[1][0]):
        if ambiguity:
            out.reason = ambiguity
        elif viable:
            out.reason = f"the question fits {viable[0][1]} and {viable[1][1]} equally well"
        elif (top := ranked[0]) and out.scores[top] >= pats.min_score and pats.queries[top].slot:
            out.reason = (
                f"{top} needs an entity the graph knows ({pats.queries[top].slot}); the question names none"
            )
        else:
            out.reason = "no named query matches this question"
        out.suggestions = suggestions(pats, [v[1] for v in viable] + ranked, links, linker)
        return out
    _score, name, value = viable[0]
    p = pats.queries[name]
    out.query = name
    if p.slot and value is not None:
        out.params[p.slot] = value
    taken = set(out.params.values())
    out.about = [lk.iris[0] for lk in links if len(lk.iris) == 1 and lk.iris[0] not in taken
                 and not linker.classes(lk.iris[0]) & SKIP_CLASSES]
    return out
