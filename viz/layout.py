"""Node positions computed in Python, so that the browser never has to simulate a large graph.

igraph's Fruchterman-Reingold (seconds at 5,000-20,000 nodes, where networkx takes minutes),
seeded so that the same graph always gets the same picture; the result is scaled so that a
typical edge is about ``EDGE_PX`` pixels long.
"""

from __future__ import annotations

import math
import random
import statistics

from ecokg.viz.model import ViewModel

EDGE_PX = 140.0
SEED = 20251211


def place(view: ViewModel, *, seed: int = SEED) -> None:
    """Set ``x``/``y`` of every node of ``view`` (in place)."""
    n = len(view.nodes)
    index = {node.key: i for i, node in enumerate(view.nodes)}
    pairs = sorted({(min(index[e.source], index[e.target]), max(index[e.source], index[e.target]))
                    for e in view.edges if e.source in index and e.target in index
                    and e.source != e.target})
    has_edge = {i for pair in pairs for i in pair}
    linked = sorted(has_edge)
    alone = [i for i in range(n) if i not in has_edge]
    positions: dict[int, tuple[float, float]] = {}
    if linked:
        positions.update(_force_layout(linked, pairs, seed))
    _grid(alone, positions)
    for i, node in enumerate(view.nodes):
        x, y = positions[i]
        node.x, node.y = round(x, 1), round(y, 1)


def _force_layout(linked: list[int], pairs: list[tuple[int, int]], seed: int) -> dict[int,
                                                                                      tuple[float, float]]:
    """Fruchterman-Reingold over the nodes that have edges, scaled to pixels."""
    import igraph

    local = {i: k for k, i in enumerate(linked)}
    m = len(linked)
    g = igraph.Graph(n=m, edges=[(local[a], local[b]) for a, b in pairs])
    rng = random.Random(seed)
    start = [[rng.uniform(-1.0, 1.0) * math.sqrt(m), rng.uniform(-1.0, 1.0) * math.sqrt(m)] for _ in range(m)]
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = g.layout_fruchterman_reingold(seed=start, niter=500 if m <= 5000 else 300).coords
    finally:
        igraph.set_random_number_generator(random)  # igraph's default
    scale = _scale(coords, [(local[a], local[b]) for a, b in pairs], m)
    return {i: (coords[k][0] * scale, coords[k][1] * scale) for i, k in local.items()}


def _grid(alone: list[int], positions: dict[int, tuple[float, float]]) -> None:
    """Nodes without edges in rows under the rest, instead of flung to the edges by repulsion."""
    if not alone:
        return
    step = EDGE_PX * 0.8
    if positions:
        xs = [p[0] for p in positions.values()]
        ys = [p[1] for p in positions.values()]
        left, top, width = min(xs), max(ys) + step * 1.5, max(max(xs) - min(xs), step)
    else:
        left, top, width = 0.0, 0.0, step * math.sqrt(len(alone))
    columns = max(1, int(width // step) + 1)
    for k, i in enumerate(alone):
        positions[i] = (left + (k % columns) * step, top + (k // columns) * step)


def _scale(coords: list[list[float]], pairs: list[tuple[int, int]], n: int) -> float:
    lengths = [math.dist(coords[a], coords[b]) for a, b in pairs]
    lengths = [v for v in lengths if v > 0]
    if lengths:
        return EDGE_PX / statistics.median(lengths)
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    extent = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    return EDGE_PX * math.sqrt(n) / extent


__all__ = ["place"]
