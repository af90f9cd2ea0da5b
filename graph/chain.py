"""The industry chain scheme (产业链): segments, their order, and the cue words that place actors.

The scheme is data: ``ontology/chain.ttl`` (a SKOS concept scheme, ``eco:ChainSegment`` concepts
with ``skos:broader`` and ``eco:upstreamOf``) and ``ontology/chain-cues.yaml`` (cue words with an
example each, class defaults, and a gazetteer of well-known actors' segments). A user extends both
with ``--chain FILE`` (``.ttl`` adds segments, ``.yaml`` adds cues, classes and actors). Loading
checks the files: a cue for an unknown segment, a cue missing from its example, an unknown key or
a duplicate is an ``InputError`` naming the file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef

from ecokg.errors import InputError
from ecokg.graph.namespaces import CHAIN_SCHEME, ECO, RDF, RDFS, SKOS, bind_prefixes

#: Keys of a cue file, and of each segment entry in it.
_FILE_KEYS = {"segments", "types", "actors"}
_CUE_KINDS = ("name", "context")


@dataclass(frozen=True)
class Segment:
    """One layer or segment of the chain."""

    iri: URIRef
    zh: str
    en: str
    notation: str
    broader: URIRef | None
    upstream_of: tuple[URIRef, ...] = ()

    @property
    def depth(self) -> int:
        return self.notation.count(".") + 1 if self.notation else 1


@dataclass(frozen=True)
class Cue:
    """A word that places an actor in a segment, and where it was seen."""

    word: str
    segment: URIRef
    kind: str  # "name" or "context"
    example: str


@dataclass
class ChainScheme:
    """Segments by IRI, cues, class defaults and the actors' gazetteer."""

    graph: Graph
    segments: dict[URIRef, Segment] = field(default_factory=dict)
    cues: list[Cue] = field(default_factory=list)
    types: dict[str, URIRef] = field(default_factory=dict)
    actors: dict[str, tuple[URIRef, ...]] = field(default_factory=dict)

    def by_label(self, label: str) -> URIRef | None:
        for seg in self.segments.values():
            if label in (seg.zh, seg.en):
                return seg.iri
        return None

    def layers(self) -> list[Segment]:
        return sorted((s for s in self.segments.values() if s.broader is None), key=_order)

    def children(self, parent: URIRef) -> list[Segment]:
        return sorted((s for s in self.segments.values() if s.broader == parent), key=_order)

    def ordered(self) -> list[Segment]:
        """Every segment, depth first in notation order (layer, its segments, their parts)."""
        out: list[Segment] = []

        def walk(seg: Segment) -> None:
            out.append(seg)
            for child in self.children(seg.iri):
                walk(child)

        for layer in self.layers():
            walk(layer)
        return out

    def layer_of(self, iri: URIRef) -> Segment:
        seg = self.segments[iri]
        while seg.broader is not None and seg.broader in self.segments:
            seg = self.segments[seg.broader]
        return seg

    def name_cues(self) -> list[Cue]:
        return [c for c in self.cues if c.kind == "name"]

    def context_cues(self) -> list[Cue]:
        return [c for c in self.cues if c.kind == "context"]


def _order(seg: Segment) -> tuple[tuple[int, ...], str]:
    parts = tuple(int(p) for p in seg.notation.split(".") if p.isdigit()) if seg.notation else (99,)
    return parts, seg.zh


def _text(g: Graph, node: URIRef, prop: URIRef, lang: str | None) -> str:
    for o in sorted(g.objects(node, prop), key=str):
        if isinstance(o, Literal) and (lang is None or o.language == lang):
            return str(o)
    return ""


def load_chain(extra: Sequence[str | os.PathLike[str]] = ()) -> ChainScheme:
    """The packaged scheme and cues plus a user's ``.ttl`` and ``.yaml`` files."""
    from ecokg.resources import chain_files

    ttl, cues = chain_files()
    g = Graph()
    bind_prefixes(g.namespace_manager)
    with ttl.open("rb") as fh:
        g.parse(fh, format="turtle")
    yamls: list[tuple[str, str]] = [("ontology/chain-cues.yaml", cues.read_text(encoding="utf-8"))]
    for f in extra:
        p = Path(f)
        if not p.is_file():
            raise InputError(f"chain file {p} does not exist", hint="give a .ttl scheme or a .yaml cue file")
        if p.suffix.lower() in (".yaml", ".yml"):
            yamls.append((str(p), p.read_text(encoding="utf-8")))
        elif p.suffix.lower() in (".ttl", ".turtle"):
            try:
                g.parse(p, format="turtle")
            except Exception as exc:
                raise InputError(f"chain file {p} is not valid Turtle: {' '.join(str(exc).split())[:200]}",
                                 hint="fix the file; ontology/chain.ttl shows the shape") from exc
        else:
            raise InputError(f"chain file {p}: expected a .ttl scheme or a .yaml cue file",
                             hint="name the file *.ttl or *.yaml")
    scheme = ChainScheme(g)
    for s in sorted(set(g.subjects(RDF.type, ECO.ChainSegment)), key=str):
        if not isinstance(s, URIRef):
            continue
        zh = _text(g, s, SKOS.prefLabel, "zh") or _text(g, s, RDFS.label, "zh")
        if not zh:
            raise InputError(f"chain segment {s} has no Chinese skos:prefLabel", hint="add one (@zh)")
        broader = g.value(s, SKOS.broader)
        scheme.segments[s] = Segment(
            s, zh, _text(g, s, SKOS.prefLabel, "en") or zh, _text(g, s, SKOS.notation, None),
            broader if isinstance(broader, URIRef) else None,
            tuple(sorted((o for o in g.objects(s, ECO.upstreamOf) if isinstance(o, URIRef)), key=str)))
        g.add((s, SKOS.inScheme, CHAIN_SCHEME))
    for name, text in yamls:
        _read_cues(scheme, name, text)
    return scheme


def _read_cues(scheme: ChainScheme, name: str, text: str) -> None:
    import yaml

    def fail(msg: str) -> InputError:
        return InputError(f"{name}: {msg}", hint="see ontology/chain-cues.yaml for the format")

    try:
        data: Any = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise fail(f"not valid YAML: {' '.join(str(exc).split())[:200]}") from exc
    if not isinstance(data, dict):
        raise fail("expected a mapping with segments, types, actors")
    unknown = set(data) - _FILE_KEYS
    if unknown:
        names, keys = ", ".join(sorted(map(str, unknown))), ", ".join(sorted(_FILE_KEYS))
        raise fail(f"unknown key(s) {names}; expected {keys}")

    def segment(label: object, where: str) -> URIRef:
        iri = scheme.by_label(str(label))
        if iri is None:
            raise fail(f"{where}: no segment labelled {label!r} in the chain scheme")
        return iri

    seen = {(c.word, c.segment, c.kind) for c in scheme.cues}
    for label, entry in (data.get("segments") or {}).items():
        seg = segment(label, f"segments.{label}")
        if not isinstance(entry, dict) or set(entry) - set(_CUE_KINDS):
            raise fail(f"segments.{label}: expected the keys {' and '.join(_CUE_KINDS)}")
        for kind in _CUE_KINDS:
            for item in entry.get(kind) or []:
                if not isinstance(item, dict) or set(item) != {"cue", "example"}:
                    raise fail(f"segments.{label}.{kind}: each cue is {{cue: WORD, example: SENTENCE}}")
                word, example = str(item["cue"]), str(item["example"])
                if word not in example:
                    raise fail(f"segments.{label}.{kind}: cue {word!r} does not occur in its example "
                               f"{example!r}")
                if (word, seg, kind) in seen:
                    raise fail(f"segments.{label}.{kind}: duplicate cue {word!r}")
                seen.add((word, seg, kind))
                scheme.cues.append(Cue(word, seg, kind, example))
    for cls, label in (data.get("types") or {}).items():
        if not isinstance(ECO[str(cls)], URIRef) or not str(cls).isidentifier():
            raise fail(f"types: {cls!r} is not a class name")
        scheme.types[str(cls)] = segment(label, f"types.{cls}")
    for item in data.get("actors") or []:
        if not isinstance(item, dict) or set(item) != {"name", "segments"}:
            raise fail("actors: each entry is {name: NAME, segments: [SEGMENT, ...]}")
        segs = tuple(segment(s, f"actors.{item['name']}") for s in item["segments"] or [])
        scheme.actors[str(item["name"])] = segs


__all__ = ["ChainScheme", "Cue", "Segment", "load_chain"]
