"""Conflicting figures: the same entity, indicator and overlapping period, different values.

Two observations conflict when they are stated by different documents, observe the same entity
(``eco:observedEntity``, else the document's region ``dcterms:spatial``), have the same indicator,
unit and kind (a target never conflicts with a result), both carry a period and the periods
overlap, and their values differ. Observations whose periods do not overlap are a *series*
(``queries/figure-series.rq``), not a conflict.

Among the observations linked by conflicts (a connected group), a rule picks the **preferred**
value and keeps the others, like Wikidata's statement ranks: the one stated by the later
document (``dcterms:issued``); on the same date, a government source (its URL on ``.gov.cn`` /
``.gov``, or its publisher the name of an ``eco:GovernmentBody``) over a media reprint; then the
observation IRI, so the choice is deterministic. Written into ``CONFLICT_GRAPH`` (a
``prov:Bundle``, so named queries see it, locally and on a server), replaced whole after every
build, ingest, load, removal and curation: the graph is a function of the store's documents
(and absent when nothing conflicts).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ecokg.graph.namespaces import CONFLICT_GRAPH, DCTERMS, ECO, PROV, RDF, RDFS

if TYPE_CHECKING:
    from ecokg.graph.store import EcoStore

_FIGURES = f"""
SELECT ?obs ?value ?unit ?indicator ?entity ?start ?end ?target ?doc ?issued ?source ?publisher WHERE {{
  GRAPH ?doc {{
    ?doc a <{ECO.SourceDocument}> .
    ?obs a <{ECO.Observation}> ; <{ECO.value}> ?value ; <{ECO.unit}> ?unit ; <{ECO.indicator}> ?indicator ;
         <{ECO.periodStart}> ?start ; <{ECO.periodEnd}> ?end .
    OPTIONAL {{ ?obs <{ECO.observedEntity}> ?observed }}
    OPTIONAL {{ ?doc <{DCTERMS.spatial}> ?region }}
    OPTIONAL {{ ?obs <{ECO.isTarget}> ?target }}
    OPTIONAL {{ ?doc <{DCTERMS.issued}> ?issued }}
    OPTIONAL {{ ?doc <{DCTERMS.source}> ?source }}
    OPTIONAL {{ ?doc <{DCTERMS.publisher}> ?publisher }}
  }}
  BIND(COALESCE(?observed, ?region) AS ?entity)
  FILTER(BOUND(?entity))
}}"""
#: Labels of government bodies: a publisher with one of them is a body (looked up once, not per figure).
_BODY_LABELS = f"SELECT DISTINCT ?plabel WHERE {{ ?body a <{ECO.GovernmentBody}> ; <{RDFS.label}> ?plabel }}"


@dataclass(frozen=True)
class Figure:
    obs: str
    value: str
    entity: str
    indicator: str
    unit: str
    start: date
    end: date
    target: bool
    doc: str
    issued: str  # ISO date of the document ('' when unknown)
    government: bool

    @property
    def key(self) -> tuple[str, str, str, bool]:
        return (self.entity, self.indicator, self.unit, self.target)


@dataclass(frozen=True)
class Conflict:
    a: str
    b: str


@dataclass
class ConflictReport:
    conflicts: list[Conflict]
    preferred: dict[str, str]  # observation → reason, for the preferred one of each group
    normal: list[str]

    @property
    def groups(self) -> int:
        return len(self.preferred)


def _government(source: str | None, publisher_is_body: bool) -> bool:
    host = (urlsplit(source).hostname or "") if source else ""
    return publisher_is_body or host.endswith((".gov.cn", ".gov"))


def figures(store: EcoStore) -> list[Figure]:
    """The observations that can conflict: with an entity, an indicator and a period."""
    out = []
    bodies = {r["plabel"].value for r in store.ox.query(_BODY_LABELS)}
    for r in store.ox.query(_FIGURES):
        try:
            start, end = date.fromisoformat(r["start"].value), date.fromisoformat(r["end"].value)
        except ValueError:
            continue
        issued = r["issued"].value[:10] if r["issued"] is not None else ""
        source = r["source"].value if r["source"] is not None else None
        out.append(Figure(
            obs=r["obs"].value, value=r["value"].value, entity=r["entity"].value,
            indicator=r["indicator"].value,
            unit=r["unit"].value, start=start, end=end,
            target=r["target"] is not None and r["target"].value == "true", doc=r["doc"].value, issued=issued,
            government=_government(source, r["publisher"] is not None and r["publisher"].value in bodies)))
    return sorted(set(out), key=lambda f: f.obs)


def _differ(a: Figure, b: Figure) -> bool:
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(a.value) != Decimal(b.value)
    except InvalidOperation:
        return a.value != b.value


def find_conflicts(figs: list[Figure]) -> ConflictReport:
    """Conflicting pairs and the preferred figure of each connected group."""
    by_key: dict[tuple[str, str, str, bool], list[Figure]] = defaultdict(list)
    for f in figs:
        by_key[f.key].append(f)
    pairs: list[Conflict] = []
    linked: dict[str, set[str]] = defaultdict(set)
    for group in by_key.values():
        if len({f.doc for f in group}) < 2:
            continue  # figures of one document never conflict (one long article has many)
        for a, b in combinations(group, 2):
            if a.doc != b.doc and a.start <= b.end and b.start <= a.end and _differ(a, b):
                x, y = sorted((a.obs, b.obs))
                pairs.append(Conflict(x, y))
                linked[x].add(y)
                linked[y].add(x)
    by_obs = {f.obs: f for f in figs}
    seen: set[str] = set()
    preferred: dict[str, str] = {}
    normal: list[str] = []
    for start in sorted(linked):
        if start in seen:
            continue
        component, todo = [], [start]
        seen.add(start)
        while todo:
            node = todo.pop()
            component.append(by_obs[node])
            for nxt in sorted(linked[node] - seen):
                seen.add(nxt)
                todo.append(nxt)
        ranked = sorted(component, key=lambda f: (f.issued, f.government, f.obs), reverse=True)
        best, runner_up = ranked[0], ranked[1]
        reason = "later document" if best.issued != runner_up.issued else (
            "government source" if best.government and not runner_up.government else "tie broken by IRI")
        preferred[best.obs] = reason
        normal.extend(f.obs for f in ranked[1:])
    return ConflictReport(sorted(pairs, key=lambda c: (c.a, c.b)), preferred, sorted(normal))


def conflict_quads(report: ConflictReport) -> list[Any]:
    """The quads of ``CONFLICT_GRAPH`` (pyoxigraph)."""
    import pyoxigraph as ox

    g = ox.NamedNode(str(CONFLICT_GRAPH))
    n = ox.NamedNode
    quads = [ox.Quad(g, n(str(RDF.type)), n(str(PROV.Bundle)), g)]
    conflicts = n(str(ECO.conflictsWith))
    for c in report.conflicts:
        quads.append(ox.Quad(n(c.a), conflicts, n(c.b), g))
        quads.append(ox.Quad(n(c.b), conflicts, n(c.a), g))
    rank, reason = n(str(ECO.rank)), n(str(ECO.rankReason))
    for obs, why in sorted(report.preferred.items()):
        quads.append(ox.Quad(n(obs), rank, n(str(ECO.PreferredRank)), g))
        quads.append(ox.Quad(n(obs), reason, ox.Literal(why), g))
    for obs in report.normal:
        quads.append(ox.Quad(n(obs), rank, n(str(ECO.NormalRank)), g))
    return quads


def refresh_conflicts(store: EcoStore) -> ConflictReport:
    """Recompute the conflicts of the store and replace ``CONFLICT_GRAPH`` in one update."""
    report = find_conflicts(figures(store))
    if not report.conflicts:  # no graph at all: a store without conflicts looks as it did before
        if store.ox.contains_named_graph(_named(str(CONFLICT_GRAPH))):
            store.ox.update(f"DROP SILENT GRAPH <{CONFLICT_GRAPH}>")
        return report
    body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in conflict_quads(report))
    store.ox.update(f"DROP SILENT GRAPH <{CONFLICT_GRAPH}> ;\n"
                    f"INSERT DATA {{ GRAPH <{CONFLICT_GRAPH}> {{\n{body}\n}} }}")
    return report


def _named(iri: str) -> Any:
    import pyoxigraph as ox

    return ox.NamedNode(iri)


__all__ = ["Conflict", "ConflictReport", "Figure", "conflict_quads", "figures", "find_conflicts",
           "refresh_conflicts"]
