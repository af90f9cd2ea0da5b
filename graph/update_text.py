"""One SPARQL update that drops graphs, deletes and inserts quads (``DELETE DATA`` / ``INSERT DATA``),
for the commits that change what the store holds (``graph/commit.py``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any


def update_text(drops: list[str], deletes: list[Any], inserts: Iterable[Any]) -> str:
    ops = [f"DROP SILENT GRAPH <{d}>" for d in sorted(set(drops))]
    if deletes:
        ops.append("DELETE DATA {\n" + grouped(deletes) + "\n}")
    body = grouped(inserts)
    if body:
        ops.append("INSERT DATA {\n" + body + "\n}")
    return " ;\n".join(ops)


def grouped(quads: Iterable[Any]) -> str:
    by_graph: dict[str, list[str]] = defaultdict(list)
    for q in quads:
        by_graph[str(q.graph_name)].append(f"{q.subject} {q.predicate} {q.object} .")
    return "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())


__all__ = ["grouped", "update_text"]
