"""Large views, grouped: above a few thousand nodes a browser freezes, so entities are drawn
per park (the entities located in one industrial park, with the park) and otherwise per class;
edges between groups are counted per property. Every member's names stay searchable.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ecokg.graph.namespaces import ECO
from ecokg.viz.model import ViewEdge, ViewModel, ViewNode

PARK_CLASS = "IndustrialPark"
#: How many member labels a group lists in its details (all names stay searchable).
MEMBERS_SHOWN = 200


def aggregate(view: ViewModel, *, limit: int) -> ViewModel:
    """A view with one node per group; per park first, per class when that is still too many."""
    by_key = {n.key: n for n in view.nodes}
    parks = {n.key for n in view.nodes if n.cls == PARK_CLASS}
    located: dict[str, set[str]] = defaultdict(set)
    located_in = str(ECO.locatedIn)
    for e in view.edges:
        if e.prop == located_in and e.target in parks:
            located[e.source].add(e.target)
    group_of: dict[str, str] = {}
    for node in view.nodes:
        if node.key in parks:
            group_of[node.key] = f"park:{node.key}"
        elif len(located.get(node.key, ())) == 1:
            group_of[node.key] = f"park:{next(iter(located[node.key]))}"
        else:
            group_of[node.key] = f"class:{node.cls}"
    if len(set(group_of.values())) > limit:
        group_of = {n.key: f"class:{n.cls}" for n in view.nodes}

    members: dict[str, list[ViewNode]] = defaultdict(list)
    for node in view.nodes:
        members[group_of[node.key]].append(node)
    nodes = []
    for key in sorted(members):
        group = sorted(members[key], key=lambda n: (-n.degree, n.label))
        kind, _sep, ident = key.partition(":")
        if kind == "park":
            head = by_key[ident]
            label, cls = head.label, PARK_CLASS
        else:
            label, cls = view.class_labels.get(ident, ident), ident
        names = [name for n in group for name in n.names]
        nodes.append(ViewNode(
            key=f"group:{key}", label=f"{label} ({len(group)})", cls=cls,
            names=list(dict.fromkeys([label, *names])),
            members=[n.label for n in group[:MEMBERS_SHOWN]], count=len(group),
        ))
    counts: Counter[tuple[str, str, str]] = Counter()
    labels: dict[str, str] = {}
    for e in view.edges:
        a, b = group_of[e.source], group_of[e.target]
        if a != b:
            counts[(f"group:{a}", e.prop, f"group:{b}")] += 1
            labels[e.prop] = e.label
    edges = [ViewEdge(a, b, p, f"{labels[p]} ×{c}", count=c) for (a, p, b), c in sorted(counts.items())]
    degree: Counter[str] = Counter()
    for e in edges:
        degree[e.source] += e.count
        degree[e.target] += e.count
    for node in nodes:
        node.degree = degree[node.key]
    return ViewModel(
        title=view.title, lang=view.lang, nodes=nodes, edges=edges, class_labels=view.class_labels,
        documents=view.documents, aggregated=True,
        note=(f"{len(view.nodes)} entities grouped into {len(nodes)} nodes (per park, else per class)"
              if view.lang == "en" else f"{len(view.nodes)} 个实体按园区或类别合并为 {len(nodes)} 个节点"),
    )


__all__ = ["aggregate"]
