"""Curation that survives rebuilds: an analyst's decisions, kept in the store, applied at every commit.

The file ``STORE/ecokg-meta/curation.yaml`` lists decisions, one a list item with one action::

    decisions:
    - same: [澄湾云启智能科技有限公司, 云启智能]      # merge two entities
      by: analyst                                   # the curator (prov:wasAttributedTo)
      note: the brand name of the company           # optional
    - distinct: [人工智能产业园, 江澜人工智能产业园]   # never merge these two
    - label: [云启智能科技, 澄湾云启智能科技有限公司]   # the canonical name of an entity
    - type: [云启大模型, AIModel]                    # fix its class (an ontology class)
    - reject: [示范区]                               # drop a false entity and what is said of it
    - reject: [云启智能, locatedIn, 澄湾高新区]        # drop one fact (subject, property, object)

An entity is named by its name (canonical or other), or its IRI; ``NAME@WHERE`` narrows a name to
the occurrences in a place (the document's region or where the entity is located) or in one
document (its IRI or id), so ``distinct: [华信科技@青岛市, 华信科技@武汉市]`` keeps two companies with
one name apart (one IRI each, qualified by their region: ``graph/merge_sets.py``).
The merge applies ``same`` and ``distinct`` (``CurationRules``, passed to ``merge.resolve``), then
``label`` and ``type``; the commit drops rejected entities and facts and writes every decision,
reified and attributed, into ``CURATION_GRAPH`` so it is visible in SPARQL and exported with the
store. A bad file (YAML syntax, an unknown action or class, a wrong number of names, ``same`` and
``distinct`` that contradict each other through a chain of merges) is one ``CurationError``
naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ecokg.errors import InputError
from ecokg.graph import iris
from ecokg.graph.curation_names import matches, split_name
from ecokg.graph.merge import Occurrence, Resolution
from ecokg.graph.namespaces import CURATION_BASE, CURATION_GRAPH, ECO, OWL, PROV, RDF, RDFS
from ecokg.graph.storefs import atomic_write
from ecokg.names import name_key, region_key

if TYPE_CHECKING:
    from collections.abc import Iterable

FILE = "curation.yaml"
ACTIONS = {"same": (2, 2), "distinct": (2, 2), "label": (2, 2), "type": (2, 2), "reject": (1, 3)}
_OPTIONAL = {"by", "note"}
DEFAULT_CURATOR = "analyst"
_PREDICATE = {"same": OWL.sameAs, "distinct": OWL.differentFrom, "label": RDFS.label, "type": RDF.type,
              "reject": ECO.rejected}


class CurationError(InputError):
    """The curation file or a curation command cannot be used."""


@dataclass(frozen=True)
class Decision:
    action: str
    args: tuple[str, ...]
    by: str = DEFAULT_CURATOR
    note: str = ""
    line: int = 0

    def where(self, file: str) -> str:
        return f"{file}:{self.line}" if self.line else file

    def to_yaml(self) -> dict[str, Any]:
        out: dict[str, Any] = {self.action: list(self.args), "by": self.by}
        if self.note:
            out["note"] = self.note
        return out

    def describe(self) -> str:
        return f"{self.action} {' '.join(self.args)}"


@dataclass
class Curation:
    decisions: list[Decision] = field(default_factory=list)
    file: str = FILE

    # -- reading and writing -----------------------------------------------------------------
    @classmethod
    def parse(cls, text: str, file: str = FILE) -> Curation:
        try:
            root = yaml.compose(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 1}" if mark is not None else ""
            raise CurationError(f"{file}{line}: not valid YAML ({getattr(exc, 'problem', exc)})",
                                hint="fix the YAML syntax; 'ecokg curate list' shows the decisions") from exc
        if root is None:
            return cls([], file)
        items = _items(root, file)
        out = cls([_decision(node, file) for node in items], file)
        out.validate()
        return out

    @classmethod
    def read(cls, store_path: Path) -> Curation:
        path = store_path / "ecokg-meta" / FILE
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls([], str(path))
        except (OSError, UnicodeDecodeError) as exc:
            raise CurationError(f"cannot read the curation file {path}: {exc}",
                                hint="it must be UTF-8 YAML") from exc
        return cls.parse(text, str(path))

    def dump(self) -> str:
        head = "# ecokg curation: decisions applied at every build ('ecokg curate --help').\n"
        if not self.decisions:
            return head + "decisions: []\n"
        body = yaml.safe_dump({"decisions": [d.to_yaml() for d in self.decisions]}, allow_unicode=True,
                              sort_keys=False, default_flow_style=None)
        return head + body

    def write(self, store_path: Path) -> None:
        atomic_write(store_path / "ecokg-meta" / FILE, self.dump())

    # -- checks ------------------------------------------------------------------------------
    def validate(self) -> None:
        """Contradictions within the file: ``same`` and ``distinct`` joined by a chain of merges,
        two canonical names for one entity."""
        parent: dict[str, str] = {}

        def find(k: str) -> str:
            while parent.get(k, k) != k:
                k = parent[k]
            return k

        same_line: dict[str, int] = {}
        for d in self.decisions:
            if d.action == "distinct" and _key(d.args[0]) == _key(d.args[1]):
                raise CurationError(
                    f"{d.where(self.file)}: 'distinct' names one entity twice ({d.args[0]})",
                    hint="two actors with one name: say where each is, "
                         "e.g. distinct: [华信科技@青岛市, 华信科技@武汉市] (a place, or a document's id)")
            if d.action == "same":
                a, b = (_key(x) for x in d.args)
                if a == b:
                    raise CurationError(f"{d.where(self.file)}: 'same' names one entity twice ({d.args[0]})",
                                        hint="give two different entities")
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[ra] = rb
                same_line[rb] = d.line
        labels: dict[str, Decision] = {}
        for d in self.decisions:
            if d.action == "distinct":
                a, b = (_key(x) for x in d.args)
                if find(a) == find(b):
                    raise CurationError(
                        f"{d.where(self.file)}: 'distinct {d.args[0]} {d.args[1]}' contradicts the 'same' "
                        f"decisions that join them (a cycle of same and distinct)",
                        hint="remove one of the decisions")
            elif d.action == "label":
                key = find(_key(d.args[0]))
                if key in labels and labels[key].args[1] != d.args[1]:
                    raise CurationError(f"{d.where(self.file)}: a second canonical name for {d.args[0]} "
                                        f"(line {labels[key].line} gives {labels[key].args[1]})",
                                        hint="keep one 'label' decision per entity")
                labels[key] = d

    def check_against(self, occurrences: Iterable[Occurrence],
                      only: Iterable[Decision] | None = None) -> None:
        """Every name must name an entity of the store; ``same`` joins one family (org, place …)."""
        occ = list(occurrences)
        wanted = None if only is None else {(d.action, d.args) for d in only}
        for d in self.decisions:
            if wanted is not None and (d.action, d.args) not in wanted:
                continue
            names = d.args if d.action in ("same", "distinct") else d.args[:1]
            if d.action == "reject" and len(d.args) == 3:
                names = (d.args[0], d.args[2])
            families = []
            for name in names:
                hits = [o for o in occ if matches(name, o)]
                if not hits:
                    raise CurationError(f"{d.where(self.file)}: no entity named {name!r} in the store",
                                        hint="use a name 'ecokg show' finds, or the entity's IRI")
                families.append({o.family for o in hits})
            if d.action == "same" and not families[0] & families[1]:
                raise CurationError(
                    f"{d.where(self.file)}: {d.args[0]} ({'/'.join(sorted(families[0]))}) and {d.args[1]} "
                    f"({'/'.join(sorted(families[1]))}) cannot be one entity",
                    hint="'same' merges entities of one kind (two organizations, two places …)")


def _key(name: str) -> str:
    """A curation name's identity within the file: its name key and where (NAME@WHERE)."""
    base, where = split_name(name)
    key = name_key(base) or base
    return f"{key}@{region_key(where) or where}" if where else key


def _items(root: yaml.Node, file: str) -> list[yaml.Node]:
    if isinstance(root, yaml.MappingNode):
        keys = {k.value: v for k, v in root.value}
        unknown = sorted(set(keys) - {"decisions"})
        if unknown:
            raise CurationError(f"{file}:{root.start_mark.line + 1}: unknown key {unknown[0]!r}",
                                hint="the file holds one list, 'decisions:'")
        node = keys.get("decisions")
        if node is None or (isinstance(node, yaml.ScalarNode) and node.value in ("", "null", "~")):
            return []
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.SequenceNode | yaml.MappingNode | yaml.ScalarNode) and node.value == []:
            return []
    raise CurationError(f"{file}:{root.start_mark.line + 1}: expected 'decisions:' and a list",
                        hint="see 'ecokg curate --help'")


def _decision(node: yaml.Node, file: str) -> Decision:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise CurationError(f"{file}:{line}: a decision is a mapping like '- same: [A, B]'",
                            hint="see the file's head")
    fields = {k.value: v for k, v in node.value}
    actions = [k for k in fields if k in ACTIONS]
    unknown = sorted(set(fields) - set(ACTIONS) - _OPTIONAL)
    if unknown:
        raise CurationError(f"{file}:{line}: unknown key {unknown[0]!r}",
                            hint=f"a decision has one of {', '.join(ACTIONS)} and optionally by, note")
    if len(actions) != 1:
        raise CurationError(f"{file}:{line}: a decision needs exactly one of {', '.join(ACTIONS)}, found "
                            f"{len(actions)}", hint="one decision per list item")
    action = actions[0]
    value = fields[action]
    args = [v.value for v in value.value] if isinstance(value, yaml.SequenceNode) else [value.value]
    if not all(isinstance(a, str) and a.strip() for a in args):
        raise CurationError(f"{file}:{line}: {action} takes names, found {args!r}",
                            hint="write names as text")
    args = [a.strip() for a in args]
    low, high = ACTIONS[action]
    if not low <= len(args) <= high or (action == "reject" and len(args) == 2):
        want = "1 name (an entity) or 3 (subject, property, object)" if action == "reject" else f"{low} names"
        raise CurationError(f"{file}:{line}: {action} takes {want}, found {len(args)}", hint=_USAGE[action])
    if action == "type" and args[1] not in iris.KIND_BY_CLASS:
        raise CurationError(f"{file}:{line}: unknown class {args[1]!r}",
                            hint=f"one of {', '.join(sorted(iris.KIND_BY_CLASS))}")
    if action == "reject" and len(args) == 3 and not re.fullmatch(r"[A-Za-z]\w*", args[1]):
        raise CurationError(f"{file}:{line}: {args[1]!r} is not a property name", hint="e.g. locatedIn")
    by = fields["by"].value if "by" in fields else DEFAULT_CURATOR
    note = fields["note"].value if "note" in fields else ""
    return Decision(action, tuple(args), str(by or DEFAULT_CURATOR), str(note or ""), line)


_USAGE = {"same": "same: [A, B]", "distinct": "distinct: [A, B]", "label": "label: [ENTITY, NAME]",
          "type": "type: [ENTITY, CLASS]",
          "reject": "reject: [ENTITY] or reject: [SUBJECT, property, OBJECT]"}


# -- applying ------------------------------------------------------------------------------------
class CurationRules:
    """``merge.MergeRules`` from a curation, and the filter of rejected entities and facts."""

    def __init__(self, curation: Curation) -> None:
        self.curation = curation
        self.rejected: set[str] = set()  # merged entity IRIs
        self.named: dict[str, set[str]] = {}  # curation name -> merged IRIs (after the last resolve)

    def _hits(self, occ: list[Occurrence], name: str) -> list[int]:
        return [i for i, o in enumerate(occ) if matches(name, o)]

    def apart(self, occ: list[Occurrence]) -> list[tuple[set[int], set[int]]]:
        self.rejected, self.named = set(), {}
        return [(set(self._hits(occ, d.args[0])), set(self._hits(occ, d.args[1])))
                for d in self.curation.decisions if d.action == "distinct"]

    def together(self, occ: list[Occurrence]) -> list[tuple[int, int]]:
        pairs = []
        for d in self.curation.decisions:
            if d.action == "same":
                hits = self._hits(occ, d.args[0]) + self._hits(occ, d.args[1])
                if {occ[i].family for i in hits} and len({occ[i].family for i in hits}) == 1:
                    pairs += [(hits[0], j) for j in hits[1:]]
        return pairs

    def adjust(self, res: Resolution, members: list[Occurrence]) -> Resolution:
        out = res
        for d in self.curation.decisions:
            if not any(matches(d.args[0], o) for o in members):
                continue
            if d.action == "label":
                out = replace(out, label=d.args[1])
            elif d.action == "type":
                out = replace(out, cls=d.args[1])
        if out != res:
            base = res.iri.rsplit("/", 2)[0] + "/"
            out = replace(out, iri=str(iris.entity_iri(out.cls, out.label, base)))
        return out

    def record(self, out: Resolution, members: list[Occurrence]) -> None:
        """Which merged entity each decision's names ended up in (its final IRI)."""
        for d in self.curation.decisions:
            names = d.args if d.action != "reject" or len(d.args) == 1 else (d.args[0], d.args[2])
            for name in names:
                if any(matches(name, o) for o in members):
                    self.named.setdefault(name, set()).add(out.iri)
            if d.action == "reject" and len(d.args) == 1 and any(matches(d.args[0], o) for o in members):
                self.rejected.add(out.iri)

    def rejected_facts(self) -> set[tuple[str, str, str]]:
        out = set()
        for d in self.curation.decisions:
            if d.action == "reject" and len(d.args) == 3:
                for s in self.named.get(d.args[0], ()):
                    for o in self.named.get(d.args[2], ()):
                        out.add((s, str(ECO[d.args[1]]), o))
        return out

    def filter(self, triples: list[Any]) -> list[Any]:
        """A rewritten document graph without rejected entities, facts and what states them."""
        facts = self.rejected_facts()
        if not self.rejected and not facts:
            return triples
        subj, pred, obj = str(RDF.subject), str(RDF.predicate), str(RDF.object)
        observed = str(ECO.observedEntity)
        reif: dict[str, dict[str, str]] = {}
        for t in triples:
            if t.predicate.value in (subj, pred, obj):
                reif.setdefault(t.subject.value, {})[t.predicate.value] = t.object.value
        drop = {n for n, r in reif.items() if r.get(subj) in self.rejected or r.get(obj) in self.rejected
                or (r.get(subj), r.get(pred), r.get(obj)) in facts}
        drop |= {t.subject.value for t in triples
                 if t.predicate.value == observed and t.object.value in self.rejected}
        drop |= self.rejected
        return [t for t in triples
                if t.subject.value not in drop and getattr(t.object, "value", None) not in drop
                and (t.subject.value, t.predicate.value, getattr(t.object, "value", None)) not in facts]

    def quads(self) -> set[Any]:
        """The decisions in ``CURATION_GRAPH`` (pyoxigraph quads), each attributed to its curator."""
        import pyoxigraph as ox

        g = ox.NamedNode(str(CURATION_GRAPH))
        n = ox.NamedNode
        out = {ox.Quad(g, n(str(RDF.type)), n(str(PROV.Bundle)), g)}
        for d in self.curation.decisions:
            node = n(f"{CURATION_BASE}{iris.short_hash(d.action, *d.args, d.by)}")
            curator = n(f"{CURATION_BASE}curator/{iris.slug(d.by)}")
            out |= {ox.Quad(node, n(str(RDF.type)), n(str(ECO.CurationDecision)), g),
                    ox.Quad(node, n(str(ECO.curationAction)), ox.Literal(d.action), g),
                    ox.Quad(node, n(str(RDFS.label)), ox.Literal(d.describe()), g),
                    ox.Quad(node, n(str(PROV.wasAttributedTo)), curator, g),
                    ox.Quad(curator, n(str(RDF.type)), n(str(PROV.Agent)), g),
                    ox.Quad(curator, n(str(RDFS.label)), ox.Literal(d.by), g)}
            if d.note:
                out.add(ox.Quad(node, n(str(RDFS.comment)), ox.Literal(d.note), g))
            subjects = sorted(self.named.get(d.args[0], ()))
            out |= {ox.Quad(node, n(str(RDF.subject)), n(s), g) for s in subjects if s}
            fact = d.action == "reject" and len(d.args) == 3
            predicate = str(ECO[d.args[1]]) if fact else str(_PREDICATE[d.action])
            out.add(ox.Quad(node, n(str(RDF.predicate)), n(predicate), g))
            if d.action in ("same", "distinct") or (d.action == "reject" and len(d.args) == 3):
                objects = sorted(self.named.get(d.args[-1], ()))
                out |= {ox.Quad(node, n(str(RDF.object)), n(o), g) for o in objects}
            elif d.action == "label":
                out.add(ox.Quad(node, n(str(RDF.object)), ox.Literal(d.args[1], language="zh"), g))
            elif d.action == "type":
                out.add(ox.Quad(node, n(str(RDF.object)), n(str(ECO[d.args[1]])), g))
            else:
                out.add(ox.Quad(node, n(str(RDF.object)), ox.Literal(True), g))
        return out


def rules_for(store_path: Path) -> CurationRules | None:
    """The store's curation as merge rules, or None when it has no decisions."""
    curation = Curation.read(store_path)
    return CurationRules(curation) if curation.decisions else None


__all__ = ["ACTIONS", "Curation", "CurationError", "CurationRules", "Decision", "matches", "rules_for",
           "split_name"]
