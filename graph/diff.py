"""What changed between two graphs (two stores, two exports, a store before and after a build).

A ``Snapshot`` reads from a graph what an analyst compares: entities (IRI → label, class),
relations (subject, property, object), designations (holder, title) and figures (entity,
indicator, unit, period, target or result → value), each with a sentence that states it. A
``Diff`` of two snapshots lists what was added, removed and changed (an entity renamed or
retyped; a figure whose value was revised). Rendered as a table (``table``), JSON (``to_json``) or
an HTML page with every text escaped (``viz/diff_page.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecokg.errors import InputError
from ecokg.graph.iris import KIND_BY_CLASS
from ecokg.graph.namespaces import DCTERMS, ECO, PROV, RDF, RDFS

if TYPE_CHECKING:
    from ecokg.graph.store import EcoStore

_CLASSES = " ".join(f"<{ECO[c]}>" for c in KIND_BY_CLASS)
_ENTITIES = f"""SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?c) AS ?cls) WHERE {{
  VALUES ?c {{ {_CLASSES} }} ?e a ?c . OPTIONAL {{ ?e <{RDFS.label}> ?l FILTER(LANGMATCHES(LANG(?l), "zh")) }}
}} GROUP BY ?e"""
_RELATIONS = f"""SELECT ?s ?p ?o (SAMPLE(?t) AS ?text) WHERE {{
  ?st a <{RDF.Statement}> ; <{RDF.subject}> ?s ; <{RDF.predicate}> ?p ; <{RDF.object}> ?o .
  FILTER(?p != <{ECO.amount}> && ?p != <{ECO.hasDesignation}> && ?p != <{ECO.grantedBy}>)
  FILTER NOT EXISTS {{ ?st a <{ECO.CurationDecision}> }}
  OPTIONAL {{ ?st <{PROV.wasDerivedFrom}>/<{ECO.text}> ?t }}
}} GROUP BY ?s ?p ?o"""
_DESIGNATIONS = f"""SELECT ?h ?title (SAMPLE(?t) AS ?text) WHERE {{
  ?h <{ECO.hasDesignation}> ?d . ?d <{ECO.title}> ?title .
  OPTIONAL {{ ?d <{PROV.wasDerivedFrom}>/<{ECO.text}> ?t }}
}} GROUP BY ?h ?title"""
_FIGURES = f"""SELECT ?e ?ind ?unit ?period ?target ?value ?t ?rank ?issued WHERE {{
  ?o a <{ECO.Observation}> ; <{ECO.value}> ?value ; <{ECO.unit}> ?unit ; <{ECO.observedEntity}> ?e .
  FILTER NOT EXISTS {{ ?o <{ECO.extractionRule}> "analysis:networkx" }}
  OPTIONAL {{ ?o <{ECO.indicator}> ?ind }} OPTIONAL {{ ?o <{ECO.periodStart}> ?period }}
  OPTIONAL {{ ?o <{ECO.isTarget}> ?target }} OPTIONAL {{ ?o <{PROV.wasDerivedFrom}>/<{ECO.text}> ?t }}
  OPTIONAL {{ ?o <{ECO.rank}> ?rank }} OPTIONAL {{ ?o <{ECO.mentionedIn}>/<{DCTERMS.issued}> ?issued }}
}}"""


def _v(term: Any) -> str:
    return "" if term is None else str(term.value)


@dataclass
class Snapshot:
    entities: dict[str, tuple[str, str]] = field(default_factory=dict)  # iri -> (label, class)
    relations: dict[tuple[str, str, str], str] = field(default_factory=dict)  # -> sentence
    designations: dict[tuple[str, str], str] = field(default_factory=dict)
    # -> (value, text)
    figures: dict[tuple[str, str, str, str, str], tuple[str, str]] = field(default_factory=dict)

    def name(self, iri: str) -> str:
        return self.entities.get(iri, (iri.rsplit("/", 1)[-1], ""))[0]

    @classmethod
    def of_ox(cls, ox_store: Any, union: bool = True) -> Snapshot:
        kw = {"use_default_graph_as_union": union}
        snap = cls()
        for r in ox_store.query(_ENTITIES, **kw):
            snap.entities[_v(r["e"])] = (_v(r["label"]), _v(r["cls"]).rsplit("#", 1)[-1])
        for r in ox_store.query(_RELATIONS, **kw):
            snap.relations[(_v(r["s"]), _v(r["p"]).rsplit("#", 1)[-1], _v(r["o"]))] = _v(r["text"])
        for r in ox_store.query(_DESIGNATIONS, **kw):
            snap.designations[(_v(r["h"]), _v(r["title"]))] = _v(r["text"])
        found: dict[tuple[str, str, str, str, str], set[tuple[bool, str, str, str]]] = {}
        for r in ox_store.query(_FIGURES, **kw):
            kind = "target" if _v(r["target"]) == "true" else "result"
            indicator = _v(r["ind"]).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            key = (_v(r["e"]), indicator, _v(r["unit"]), _v(r["period"]), kind)
            preferred = _v(r["rank"]) == str(ECO.PreferredRank)
            found.setdefault(key, set()).add((preferred, _v(r["issued"])[:10], _v(r["value"]), _v(r["t"])))
        # one value per key: the preferred of conflicting figures, else the latest (conflicts.rq shows all)
        snap.figures = {k: max(v)[2:] for k, v in found.items()}
        return snap


def snapshot_store(store: EcoStore) -> Snapshot:
    return Snapshot.of_ox(store.ox)


def snapshot_file(path: str | Path) -> Snapshot:
    """A snapshot of an export (.nq .trig .ttl .nt), read into an in-memory store."""
    import pyoxigraph as ox

    p = Path(path)
    mem = ox.Store()
    fmt = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "ttl": ox.RdfFormat.TURTLE,
           "nt": ox.RdfFormat.N_TRIPLES}.get(p.suffix.lstrip(".").lower())
    if fmt is None:
        raise InputError(f"cannot compare {p}: expected a store directory or a .nq, .trig, .ttl or .nt file",
                         hint="export the store with 'ecokg export -o FILE.nq'")
    try:
        mem.load(path=str(p), format=fmt)
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(f"cannot read {p}: {exc}", hint="give a file 'ecokg export' wrote") from exc
    return Snapshot.of_ox(mem)


@dataclass
class Change:
    kind: str  # entity, relation, designation, figure
    change: str  # added, removed, changed
    what: str
    before: str = ""
    after: str = ""
    sentence: str = ""

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "change": self.change, "what": self.what, "before": self.before,
                "after": self.after, "sentence": self.sentence}


@dataclass
class Diff:
    changes: list[Change] = field(default_factory=list)

    def count(self, kind: str, change: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind and c.change == change)

    def summary(self) -> str:
        """``2 new entities, 5 new facts, 1 revised figure`` (facts: relations, designations, figures)."""
        ents = self.count("entity", "added")
        facts = sum(self.count(k, "added") for k in ("relation", "designation", "figure"))
        revised = self.count("figure", "changed")
        removed = sum(1 for c in self.changes if c.change == "removed")
        parts = [f"{ents} new entit{'y' if ents == 1 else 'ies'}",
                 f"{facts} new fact{'s' if facts != 1 else ''}",
                 f"{revised} revised figure{'s' if revised != 1 else ''}"]
        if removed:
            parts.append(f"{removed} removed")
        return ", ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {"summary": self.summary(), "changes": [c.to_json() for c in self.changes]}

    def table(self) -> str:
        rows = [("kind", "change", "what", "before", "after", "sentence")]
        rows += [(c.kind, c.change, c.what, c.before, c.after, c.sentence[:60]) for c in self.changes]
        return "\n".join("\t".join(r) for r in rows)


def diff(old: Snapshot, new: Snapshot) -> Diff:
    out: list[Change] = []
    for iri in sorted(old.entities.keys() | new.entities.keys()):
        a, b = old.entities.get(iri), new.entities.get(iri)
        if a is None and b is not None:
            out.append(Change("entity", "added", f"{b[0]} ({b[1]})", after=iri))
        elif b is None and a is not None:
            out.append(Change("entity", "removed", f"{a[0]} ({a[1]})", before=iri))
        elif a != b and a is not None and b is not None:
            out.append(Change("entity", "changed", iri, f"{a[0]} ({a[1]})", f"{b[0]} ({b[1]})"))
    for rel in sorted(old.relations.keys() ^ new.relations.keys()):
        s, p, o = rel
        added = rel in new.relations
        snap = new if added else old
        out.append(Change("relation", "added" if added else "removed", f"{snap.name(s)} {p} {snap.name(o)}",
                          sentence=snap.relations[rel]))
    for des in sorted(old.designations.keys() ^ new.designations.keys()):
        added = des in new.designations
        snap = new if added else old
        out.append(Change("designation", "added" if added else "removed", f"{snap.name(des[0])}: {des[1]}",
                          sentence=snap.designations[des]))
    for key in sorted(old.figures.keys() | new.figures.keys()):
        a_fig, b_fig = old.figures.get(key), new.figures.get(key)
        snap = new if b_fig else old
        what = f"{snap.name(key[0])} {key[1]} {key[3][:4] or '—'} ({key[4]})"
        if a_fig is None and b_fig is not None:
            out.append(Change("figure", "added", what, after=f"{b_fig[0]} {key[2]}", sentence=b_fig[1]))
        elif b_fig is None and a_fig is not None:
            out.append(Change("figure", "removed", what, before=f"{a_fig[0]} {key[2]}", sentence=a_fig[1]))
        elif a_fig is not None and b_fig is not None and a_fig[0] != b_fig[0]:
            out.append(Change("figure", "changed", what, f"{a_fig[0]} {key[2]}", f"{b_fig[0]} {key[2]}",
                              sentence=b_fig[1]))
    return Diff(out)


__all__ = ["Change", "Diff", "Snapshot", "diff", "snapshot_file", "snapshot_store"]
