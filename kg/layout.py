"""Node positions for the views, computed once in Python so the page needs no physics.

The browser's force simulation on a few hundred nodes takes tens of seconds to
settle in software rendering; positions computed here with a fixed seed make the
page stable at once and the HTML byte-identical from build to build.
"""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["spring_positions", "tree_positions"]

_SPACING = 45.0  # pixels per unit of a component's layout, scaled by √size
_ROW = {"report": 0, "section": 1, "subsection": 2, "task": 3}


def _component_layout(graph: nx.Graph, nodes: list[str]) -> dict[str, tuple[float, float]]:
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    sub = graph.subgraph(nodes)
    # Few iterations on big components: the layout is O(n²) per iteration and only needs to be legible.
    iterations = max(10, min(50, int(4e6 / len(nodes) ** 2)))
    raw = nx.spring_layout(sub, seed=1, iterations=iterations, weight=None)
    scale = _SPACING * math.sqrt(len(nodes))
    return {n: (float(x) * scale, float(y) * scale) for n, (x, y) in raw.items()}


def spring_positions(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Spring layout of each connected component, the components packed in rows, largest first."""
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c))
    laid = [_component_layout(graph, c) for c in components]
    # Rows about 1.6 times as wide as the stack is high: the shape of a browser window.
    width = max(1.0, math.sqrt(1.6 * sum((2 * _SPACING * math.sqrt(len(c)) + _SPACING) ** 2 for c in components)))
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for layout, nodes in zip(laid, components):
        size = 2 * _SPACING * math.sqrt(len(nodes)) + _SPACING
        if x > 0 and x + size > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (nx_, ny_) in layout.items():
            positions[node] = (round(x + size / 2 + nx_, 1), round(y + size / 2 + ny_, 1))
        x += size
        row_height = max(row_height, size)
    return positions


def tree_positions(graph: nx.Graph, order: list[str]) -> dict[str, tuple[float, float]]:
    """Headings above their tasks (in ``order``), units on a row below at the mean place of their tasks."""
    gap, height = 40.0, 160.0
    positions = {task: (i * gap, _ROW["task"] * height) for i, task in enumerate(order)}
    for kind in ("subsection", "section", "report"):
        for node, data in graph.nodes(data=True):
            if data["kind"] == kind:
                below = [positions[n] for n in graph[node] if n in positions and positions[n][1] > _ROW[kind] * height]
                mean = sum(p[0] for p in below) / len(below) if below else 0.0
                positions[node] = (round(mean, 1), _ROW[kind] * height)
    units = [n for n in graph if n not in positions]
    means = {u: sum(positions[t][0] for t in graph[u] if t in positions) / max(1, graph.degree(u)) for u in units}
    for i, unit in enumerate(sorted(units, key=lambda u: (means[u], u))):
        # Staggered over three rows so that neighbouring unit labels do not overlap.
        positions[unit] = (round(means[unit], 1), (_ROW["task"] + 1 + (i % 3) * 0.4) * height)
    return positions
