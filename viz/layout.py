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
    import igraph

    n = len(view.nodes)
    if n == 0:
        return
    if n == 1:
        view.nodes[0].x, view.nodes[0].y = 0.0, 0.0
        return
    index = {node.key: i for i, node in enumerate(view.nodes)}
    pairs = sorted({(min(index[e.source], index[e.target]), max(index[e.source], index[e.target]))
                    for e in view.edges if e.source in index and e.target in index
                    and e.source != e.target})
    g = igraph.Graph(n=n, edges=pairs)
    rng = random.Random(seed)
    start = [[rng.uniform(-1.0, 1.0) * math.sqrt(n), rng.uniform(-1.0, 1.0) * math.sqrt(n)] for _ in range(n)]
    previous = igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = g.layout_fruchterman_reingold(seed=start, niter=500 if n <= 5000 else 300).coords
    finally:
        igraph.set_random_number_generator(previous if previous is not None else random)
    scale = _scale(coords, pairs, n)
    for node, (x, y) in zip(view.nodes, coords, strict=True):
        node.x, node.y = round(x * scale, 1), round(y * scale, 1)


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
