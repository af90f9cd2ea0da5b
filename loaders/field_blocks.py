"""Items given as labelled fields: a heading, then lines ``LABEL：value`` (a policy digest's 发布部门 /
政策文件 / 支持内容, a list of platforms with 运营单位 and 所在园区). The field kinds, their labels and
the relations they give are data (``loaders/data/fields.yaml``); this module finds the blocks of field
lines, the item each block is about, and the entities named in each field's value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ecokg.loaders.class_groups import group
from ecokg.loaders.records import EntitySpan, Relation, Sentence
from ecokg.loaders.rule_data import RuleDataError, Validator, read_entries

_FIELD_LINE = re.compile(r"^(?:[（(]?\d{1,2}[)）.、]\s*)?([^\s，。；：:、“”《》]{2,8})[：:](.+)$")
_ITEM = "item"


@dataclass(frozen=True)
class FieldKind:
    role: str
    labels: tuple[str, ...]
    classes: frozenset[str] | None  # None: any class
    item: frozenset[str] | None  # the classes the item must have for this kind's relations
    relations: tuple[tuple[str, str, str], ...]
    example: str
    expect: tuple[tuple[str, str, str], ...]
    holds: bool = False  # the field's entities hold the title of the list the items belong to


@cache
def field_kinds() -> tuple[FieldKind, ...]:
    v = Validator(required=("role", "labels", "classes", "relations", "example", "expect"),
                  optional=("item", "holds"))
    out: list[FieldKind] = []
    seen: set[str] = set()
    entries = read_entries("fields.yaml", "fields")
    roles = {str(e.value.get("role")) for e in entries} | {_ITEM}
    for entry in entries:
        v.keys(entry)
        raw = entry.value
        v.unique(entry, str(raw["role"]))
        for label in raw["labels"]:
            if label in seen:
                raise RuleDataError(f"{entry.where()}: the label {label!r} is given to two kinds of field",
                                    hint="keep each label in one entry")
            seen.add(label)
        names = [str(c) for c in raw["classes"]]
        v.ontology_classes(entry, names)
        classes = None if "*" in names else frozenset().union(*(group(c) for c in names))
        item = None
        if raw.get("item"):
            v.ontology_classes(entry, raw["item"])
            item = frozenset().union(*(group(str(c)) for c in raw["item"]))
        rels = []
        for triple in raw["relations"]:
            if not (isinstance(triple, list) and len(triple) == 3) or triple[0] not in roles \
                    or triple[2] not in roles:
                raise RuleDataError(f"{entry.where()}: the relation {triple!r} is not [role, property, role]",
                                    hint=f"roles are: {', '.join(sorted(roles))}")
            v.ontology_property(entry, str(triple[1]))
            rels.append((str(triple[0]), str(triple[1]), str(triple[2])))
        out.append(FieldKind(str(raw["role"]), tuple(str(x) for x in raw["labels"]), classes, item,
                             tuple(rels), str(raw["example"]), tuple(tuple(x) for x in raw["expect"]),
                             bool(raw.get("holds", False))))
    return tuple(out)


@cache
def organization_labels() -> tuple[str, ...]:
    """The labels of fields whose value names organizations (运营单位, 依托单位, 建设单位 …)."""
    return tuple(label for k in field_kinds() if k.classes is not None and "Company" in k.classes
                 for label in k.labels)


def _by_label() -> dict[str, FieldKind]:
    return {label: k for k in field_kinds() for label in k.labels}


def _blocks(sentences: Sequence[Sentence]) -> list[list[int]]:
    """Runs of two or more consecutive field lines (one sentence each), at least one of a known kind."""
    known = _by_label()
    out: list[list[int]] = []
    run: list[int] = []
    for s in [*sentences, None]:
        m = _FIELD_LINE.match(s.text) if s is not None and "\n" not in s.text else None
        if m and run and s is not None and s.index == run[-1] + 1:
            run.append(s.index)
            continue
        if len(run) >= 2 and any(_label(sentences[i].text) in known for i in run):
            out.append(run)
        run = [s.index] if m and s is not None else []
    return out


def _label(text: str) -> str:
    m = _FIELD_LINE.match(text)
    return m.group(1) if m else ""


def block_relations(sentences: Sequence[Sentence], by_sentence: Mapping[int, Sequence[EntitySpan]],
                    cls: Callable[[str], str]) -> list[Relation]:
    """The relations the labelled fields of each item give (see ``fields.yaml``)."""
    known = _by_label()
    out: list[Relation] = []
    for block in _blocks(sentences):
        filled: dict[str, list[str]] = {}
        where: dict[str, int] = {}
        for idx in block:
            s = sentences[idx]
            m = _FIELD_LINE.match(s.text)
            kind = known.get(m.group(1)) if m else None
            if m is None or kind is None:
                continue
            value_at = s.start + m.start(2)
            keys = [sp.key for sp in by_sentence.get(idx, []) if sp.start >= value_at
                    and (kind.classes is None or cls(sp.key) in kind.classes)]
            if kind.role == "name":
                keys = keys[:1]
            if keys:
                filled.setdefault(kind.role, []).extend(k for k in keys if k not in filled.get(kind.role, []))
                where.setdefault(kind.role, idx)
        item = filled.get("name") or _heading_item(sentences, block[0], by_sentence)
        if item:
            filled[_ITEM] = item
            where[_ITEM] = where.get("name", block[0])
        for kind in field_kinds():
            for s_role, prop, o_role in kind.relations:
                if s_role not in filled or o_role not in filled:
                    continue
                if _ITEM in (s_role, o_role) and kind.item is not None \
                        and not all(cls(k) in kind.item for k in filled[_ITEM]):
                    continue
                at = where.get(o_role if s_role == _ITEM else s_role, block[0])
                out += [Relation(a, prop, b, at, False, f"field-{kind.role}")
                        for a in filled[s_role] for b in filled[o_role] if a != b]
    return out


def block_holders(sentences: Sequence[Sentence], by_sentence: Mapping[int, Sequence[EntitySpan]],
                  cls: Callable[[str], str]) -> list[tuple[int, str, int]]:
    """(first line of the block, entity, its line) for the entities of fields that hold the title of
    the list the items belong to (``holds: true``: 应用单位, 解决方案提供商 of a list of cases)."""
    known = _by_label()
    out: list[tuple[int, str, int]] = []
    for block in _blocks(sentences):
        for idx in block:
            s = sentences[idx]
            m = _FIELD_LINE.match(s.text)
            kind = known.get(m.group(1)) if m else None
            if m is None or kind is None or not kind.holds:
                continue
            value_at = s.start + m.start(2)
            first = next((sp.key for sp in by_sentence.get(idx, []) if sp.start >= value_at
                          and (kind.classes is None or cls(sp.key) in kind.classes)), None)
            if first is not None:
                out.append((block[0], first, idx))
    return out


def _heading_item(sentences: Sequence[Sentence], first: int,
                  by_sentence: Mapping[int, Sequence[EntitySpan]]) -> list[str]:
    """The entity the heading just over a block names (一、X), when the heading is a short line."""
    if first == 0:
        return []
    head = sentences[first - 1]
    if len(head.text) > 40 or head.text.endswith(("。", "；", "：", "，")) or _FIELD_LINE.match(head.text):
        return []
    spans = by_sentence.get(head.index, [])
    return [spans[0].key] if spans else []


__all__ = ["FieldKind", "block_holders", "block_relations", "field_kinds"]
