"""The extraction pipeline: named components in order over one ``DocState``.

Modelled on spaCy's ``Language.pipeline``: each component is a named callable that reads the
document state and **adds** one layer (sentences, titles, names, discourse, relations, …); it
declares what it ``assigns`` and what it ``requires``, and no component rewrites another's
layer. A user can list the components (``Pipeline.names``), drop one (``remove``) or add their
own (``add``, before or after a named one); ``Pipeline.check`` verifies that every component's
requirements are assigned by a component before it.

    pipe = NewsArticleLoader().pipeline
    pipe.names            # ['sentences', 'region', 'titles', 'names', 'discourse', 'relations', …]
    pipe.remove("figures")
    pipe.add("my-rule", my_component, after="frames", assigns=("relations",), requires=("spans",))

The default components are in ``loaders/components.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ecokg.errors import InputError
from ecokg.loaders.records import (
    Designation,
    Document,
    Entity,
    EntitySpan,
    Extraction,
    Observation,
    Relation,
    Sentence,
)


@dataclass
class DocState:
    """One document and the layers the components add to it."""

    doc: Document
    sentences: list[Sentence] = field(default_factory=list)
    region: Any = None  # lexicon.Region of the article, or None
    region_key: str | None = None  # the region's Place entity
    index: Any = None  # gazetteer.NameIndex for the region
    authorities: list[str] = field(default_factory=list)  # government names, longest first
    titles: dict[int, list[Any]] = field(default_factory=dict)  # sentence -> designation TitleSpans
    entities: dict[str, Entity] = field(default_factory=dict)
    spans: list[EntitySpan] = field(default_factory=list)  # top-level mentions
    inner: list[EntitySpan] = field(default_factory=list)  # names nested in longer names
    by_sentence: dict[int, list[EntitySpan]] = field(default_factory=dict)
    actor: str | None = None  # who speaks in a release (implicit subject)
    discourse: Any = None  # discourse.Discourse: salience and anaphora
    relations: list[Relation] = field(default_factory=list)
    designations: list[Designation] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # for user components

    def to_extraction(self) -> Extraction:
        """The records, relations without duplicates."""
        relations = _dedupe(self.relations)
        ex = Extraction(document=self.doc, sentences=self.sentences, entities=self.entities,
                        spans=self.spans + self.inner, relations=relations,
                        designations=self.designations, observations=self.observations,
                        notes=list(self.extra.get("notes", [])))
        for r in relations:
            if r.predicate == "targetsIndustry":
                ex.industries.setdefault(r.object, set()).add(r.sentence)
        return ex


Component = Callable[[DocState], None]


@dataclass(frozen=True)
class Pipe:
    name: str
    func: Component
    assigns: tuple[str, ...]
    requires: tuple[str, ...]


class Pipeline:
    """An ordered list of named components."""

    def __init__(self, pipes: Sequence[Pipe] = ()) -> None:
        self._pipes: list[Pipe] = list(pipes)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self._pipes]

    @property
    def pipes(self) -> list[Pipe]:
        return list(self._pipes)

    def get(self, name: str) -> Pipe:
        for p in self._pipes:
            if p.name == name:
                return p
        raise InputError(f"no pipeline component named {name!r}", hint=f"components: {', '.join(self.names)}")

    def add(self, name: str, func: Component, *, before: str | None = None, after: str | None = None,
            assigns: Sequence[str] = (), requires: Sequence[str] = ()) -> None:
        if name in self.names:
            raise InputError(f"a pipeline component named {name!r} is already there", hint="remove it first")
        pipe = Pipe(name, func, tuple(assigns), tuple(requires))
        if before is not None and after is not None:
            raise InputError("give either before= or after=, not both")
        if before is None and after is None:
            self._pipes.append(pipe)
            return
        anchor = self._pipes.index(self.get(before or after or ""))
        self._pipes.insert(anchor if before is not None else anchor + 1, pipe)

    def remove(self, name: str) -> Pipe:
        pipe = self.get(name)
        self._pipes.remove(pipe)
        return pipe

    def check(self) -> list[str]:
        """Requirements that no earlier component assigns (empty when the order is sound)."""
        have = {"doc"}
        problems = []
        for p in self._pipes:
            missing = [r for r in p.requires if r not in have]
            if missing:
                problems.append(f"{p.name} requires {', '.join(missing)}, which no component before it"
                                " assigns")
            have.update(p.assigns)
        return problems

    def __call__(self, doc: Document) -> Extraction:
        from ecokg.gc_pause import gc_paused

        with gc_paused():  # many small objects, no cycles: the collector's passes free nothing
            state = DocState(doc=doc)
            for p in self._pipes:
                p.func(state)
            return state.to_extraction()


def _dedupe(relations: list[Relation]) -> list[Relation]:
    seen: dict[tuple[str, str, str], Relation] = {}
    for r in relations:
        k = (r.subject, r.predicate, r.object)
        if k not in seen or (seen[k].implicit and not r.implicit):
            seen[k] = r
    return list(seen.values())
