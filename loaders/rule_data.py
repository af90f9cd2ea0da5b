"""Extraction knowledge kept as data: ``loaders/data/*.yaml`` read with line numbers and validated.

Every entry of a rules file is a mapping; ``read_entries`` returns them with the line each starts
on, and ``Validator`` reports the first problem as one ``RuleDataError`` that names the file and
line: an unknown or missing key, an unknown ontology class or property, a duplicate name, a
pattern that does not compile. Users' own rule files go through the same checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ecokg.errors import InputError
from ecokg.loaders import class_groups
from ecokg.resources import loader_data


class RuleDataError(InputError):
    """A rules file has an entry that cannot be used."""


@dataclass(frozen=True)
class Located:
    """One entry of a rules file and where it is."""

    value: dict[str, Any]
    file: str
    line: int

    def where(self) -> str:
        return f"{self.file}:{self.line}"


class _LineLoader(yaml.SafeLoader):
    pass


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    value = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    value["__line__"] = node.start_mark.line + 1
    return value


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def read_entries(name: str, section: str, path: str | Path | None = None) -> list[Located]:
    """The entries of ``section`` in the packaged ``loaders/data/NAME`` (or in ``path``)."""
    if path is None:
        text = loader_data(name).read_text(encoding="utf-8")
        label = f"loaders/data/{name}"
    else:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleDataError(f"cannot read rules file {path}: {exc}",
                                hint="give a UTF-8 YAML file") from exc
        label = str(path)
    try:
        doc = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise RuleDataError(f"{label}{line}: not valid YAML ({getattr(exc, 'problem', exc)})",
                            hint="fix the YAML syntax") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get(section), list):
        raise RuleDataError(f"{label}: found no list under '{section}:'",
                            hint=f"start the file with '{section}:'")
    out = []
    for item in doc[section]:
        if not isinstance(item, dict):
            raise RuleDataError(f"{label}: an entry of '{section}' is {type(item).__name__},"
                                " expected a mapping")
        line = item.pop("__line__", 0)
        out.append(Located(_strip_lines(item), label, line))
    return out


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


class Validator:
    """Checks entries of one rules file against a schema of keys and the ontology."""

    def __init__(self, required: Sequence[str], optional: Sequence[str] = ()) -> None:
        self.required = tuple(required)
        self.allowed = set(required) | set(optional)
        self._names: dict[str, str] = {}

    def keys(self, entry: Located) -> None:
        unknown = sorted(set(entry.value) - self.allowed)
        if unknown:
            raise RuleDataError(f"{entry.where()}: unknown key {unknown[0]!r}",
                                hint=f"expected keys: {', '.join(sorted(self.allowed))}")
        missing = [k for k in self.required if k not in entry.value]
        if missing:
            raise RuleDataError(f"{entry.where()}: the entry has no {missing[0]!r}",
                                hint=f"every entry needs {', '.join(self.required)}")

    def unique(self, entry: Located, name: str) -> None:
        if name in self._names:
            raise RuleDataError(f"{entry.where()}: duplicate entry {name!r} (first at {self._names[name]})",
                                hint="give each entry its own name, or merge the two")
        self._names[name] = entry.where()

    @staticmethod
    def ontology_classes(entry: Located, names: Iterable[str]) -> None:
        known = class_groups.classes()
        for n in names:
            if n != "*" and n not in known:
                raise RuleDataError(f"{entry.where()}: unknown ontology class {n!r}",
                                    hint="use a class of ontology/ecokg.ttl, e.g. Company, IndustrialPark")

    @staticmethod
    def ontology_property(entry: Located, name: str) -> None:
        if name not in class_groups.properties():
            raise RuleDataError(f"{entry.where()}: unknown ontology property {name!r}",
                                hint="use an object property of ontology/ecokg.ttl, e.g. locatedIn")
