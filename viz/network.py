"""An rdflib graph to a view model: which nodes and edges to draw, with their details.

Entities (typed with an eco: class) are nodes; triples between two drawn nodes are edges,
labelled by their property. Observations, designations and mentions are folded into the
details of the node or edge they are about, unless ``include`` asks to draw them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.term import Node

from ecokg.errors import InputError
from ecokg.graph.namespaces import ECO
from ecokg.names import match_key
from ecokg.viz.details import DRAWABLE_EXTRAS, PLUMBING, GraphIndex
from ecokg.viz.model import ViewEdge, ViewModel, ViewNode
from ecokg.viz.vocab import Vocabulary, local_name, vocabulary

#: Up to this many nodes the page starts with physics on (from precomputed positions).
PHYSICS_LIMIT = 300
#: Above this many nodes the view groups entities (per park, per class) instead of drawing each.
AGGREGATE_ABOVE = 5000
LANGS = ("zh", "en")

Triple = tuple[Node, Node, Node]


def build_view(graph: Graph, *, lang: str = "zh", classes: Iterable[str] | None = None,
               focus: str | None = None, depth: int = 1, nodes: Iterable[Node] | None = None,
               edges: Iterable[Triple] | None = None, include: Iterable[str] = (),
               title: str | None = None, layout: bool = True, physics_limit: int = PHYSICS_LIMIT,
               aggregate_above: int = AGGREGATE_ABOVE) -> ViewModel:
    """The view of ``graph``.

    ``classes``: keep only entities of these classes (local names or labels). ``focus``: a name
    (label or altLabel) whose neighbourhood up to ``depth`` edges is drawn. ``nodes``: draw only
    the entities these terms stand for (query results: a figure stands for whose it is).
    ``edges``: draw these triples instead of the graph's (a CONSTRUCT result). ``include``:
    also draw ``"designations"`` and/or ``"observations"`` as nodes.
    """
    if lang not in LANGS:
        raise InputError(f"unknown view language {lang!r}", hint="use --lang zh or --lang en")
    if depth < 0:
        raise InputError(f"--depth must be 0 or more, got {depth}")
    wanted_extras = frozenset(include)
    unknown = wanted_extras - set(DRAWABLE_EXTRAS)
    if unknown:
        raise InputError(f"cannot draw {', '.join(sorted(unknown))} as nodes",
                         hint=f"choose among {', '.join(sorted(DRAWABLE_EXTRAS))}")
    vocab = vocabulary(graph)
    index = GraphIndex(graph, vocab, lang)
    entities = index.entities(wanted_extras)
    if nodes is not None:
        chosen: set[URIRef] = set()
        for term in nodes:
            chosen |= index.resolve(term, entities)
        entities = {n: c for n, c in entities.items() if n in chosen}

    triples = _edges(graph, entities, edges)
    roots: set[URIRef] = set()
    if focus is not None:
        roots = _match_focus(index, entities, focus)
    if classes is not None:
        keep = _resolve_classes(classes, entities, vocab)
        entities = {n: c for n, c in entities.items() if c in keep or n in roots}
        triples = [t for t in triples if t[0] in entities and t[2] in entities]
    if focus is not None:
        reach = _neighbourhood(roots, triples, depth)
        entities = {n: c for n, c in entities.items() if n in reach}
        triples = [t for t in triples if t[0] in reach and t[2] in reach]

    drawn = set(entities)
    degree: dict[Node, int] = dict.fromkeys(drawn, 0)
    view_edges = []
    for s, p, o in triples:
        degree[s] += 1
        degree[o] += 1
        sources, inferred = index.edge_sources(s, p, o)
        prop_label = vocab.label(p, lang) if isinstance(p, URIRef) else str(p)
        view_edges.append(ViewEdge(str(s), str(o), str(p), prop_label, sources, inferred))
    view_nodes = []
    for node in sorted(drawn, key=str):
        view_nodes.append(ViewNode(
            key=str(node), label=index.label(node), cls=entities[node], names=index.names(node),
            attributes=index.attributes(node, drawn), figures=index.figures(node),
            designations=index.designations(node), sources=index.node_sources(node),
            degree=degree[node],
        ))
    class_labels = {c: _capitalized(vocab.label(_class_iri(c), lang)) for c in sorted(set(entities.values()))}
    view = ViewModel(title=title or "ecokg", lang=lang, nodes=view_nodes, edges=view_edges,
                     class_labels=class_labels, documents=index.documents)
    if len(view.nodes) > aggregate_above:
        from ecokg.viz.aggregate import aggregate

        view = aggregate(view, limit=aggregate_above)
    view.physics = len(view.nodes) <= physics_limit
    if layout:
        from ecokg.viz.layout import place

        place(view)
    return view


def _capitalized(label: str) -> str:
    """English class labels are lower case in the ontology ("company"); a legend shows "Company"."""
    return label[:1].upper() + label[1:]


def _class_iri(name: str) -> URIRef:
    return ECO[name]


def _edges(graph: Graph, entities: dict[URIRef, str], given: Iterable[Triple] | None) -> list[Triple]:
    """Triples between two drawable nodes, without provenance and naming plumbing, deduplicated."""
    if given is not None:
        candidates: Iterable[Triple] = given
    else:
        candidates = ((s, p, o) for s in entities for p, o in graph.predicate_objects(s))
    out = {(s, p, o) for s, p, o in candidates
           if s in entities and o in entities and s != o and p not in PLUMBING}
    return sorted(out, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))


def _match_focus(index: GraphIndex, entities: dict[URIRef, str], name: str) -> set[URIRef]:
    """Entities one of whose names is ``name``; else the one whose name contains it."""
    wanted = match_key(name)
    if not wanted:
        raise InputError("--focus needs a name", hint="e.g. --focus 青岛市")
    exact: set[URIRef] = set()
    partial: dict[URIRef, str] = {}
    for node in entities:
        names = index.names(node)
        normalized = [match_key(n) for n in names]
        if wanted in normalized:
            exact.add(node)
        elif any(wanted in n for n in normalized):
            partial[node] = names[0]
    if exact:
        return exact
    if len(partial) == 1:
        return set(partial)
    if partial:
        shown = "、".join(sorted(partial.values())[:10])
        raise InputError(f"{len(partial)} entities have a name containing {name!r}: {shown}",
                         hint="give one of these names in full")
    raise InputError(f"no entity is named {name!r} (labels and alternative names were searched)",
                     hint="check the spelling, or list names with 'ecokg query' / view --all")


def _resolve_classes(classes: Iterable[str], entities: dict[URIRef, str], vocab: Vocabulary) -> set[str]:
    """Class arguments (local names, any case, or zh/en labels) to local names."""
    present = set(entities.values())
    known = present | {local_name(t) for t in vocab.labels if str(t).startswith(str(ECO))}
    by_key: dict[str, str] = {}
    for cls in known:
        by_key.setdefault(cls.casefold(), cls)
        for label in vocab.labels.get(ECO[cls], {}).values():
            by_key.setdefault(match_key(label), cls)
    out = set()
    for arg in classes:
        cls = by_key.get(arg.casefold()) or by_key.get(match_key(arg))
        if cls is None:
            raise InputError(f"unknown class {arg!r}",
                             hint="classes in this graph: " + ", ".join(sorted(present)))
        out.add(cls)
    return out


def _neighbourhood(roots: set[URIRef], triples: list[Triple], depth: int) -> set[Node]:
    """Nodes within ``depth`` edges of a root, edges followed in both directions."""
    links: dict[Node, set[Node]] = {}
    for s, _p, o in triples:
        links.setdefault(s, set()).add(o)
        links.setdefault(o, set()).add(s)
    seen: set[Node] = set(roots)
    todo: deque[tuple[Node, int]] = deque((r, 0) for r in roots)
    while todo:
        node, dist = todo.popleft()
        if dist >= depth:
            continue
        for nxt in links.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append((nxt, dist + 1))
    return seen


__all__ = ["AGGREGATE_ABOVE", "LANGS", "PHYSICS_LIMIT", "build_view"]
