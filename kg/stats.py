"""Network analytics of a build: which bureaus carry most, which connect the others, what hangs together.

Centralities are computed on the co-responsibility network (units linked by the
tasks they share, :func:`kg.network.bureau_network`); components on the
overview network (tasks, units and entities); communities by Louvain with a
fixed seed, so the numbers are the same on every run.
"""

from __future__ import annotations

import json

import networkx as nx

from .network import ENTITY_TYPES, bureau_network, communities, overview
from .output import display_width, fit

__all__ = ["network_stats", "render_stats"]

_DIGITS = 4


def _bureaus(bureaus: nx.Graph, top: int) -> list[dict]:
    degree = nx.degree_centrality(bureaus) if len(bureaus) > 1 else dict.fromkeys(bureaus, 0.0)
    between = nx.betweenness_centrality(bureaus)
    rows = [
        {
            "name": data["label"], "name_en": data.get("label_en"), "iri": node, "tasks": data["tasks"],
            "partners": bureaus.degree(node),
            "shared_tasks": sum(w for _, _, w in bureaus.edges(node, data="weight")),
            "degree_centrality": round(degree[node], _DIGITS),
            "betweenness_centrality": round(between[node], _DIGITS),
        }
        for node, data in bureaus.nodes(data=True)
    ]
    return sorted(rows, key=lambda r: (-r["tasks"], -r["betweenness_centrality"], r["name"], r["iri"]))[:top]


def _entities(network: nx.Graph, top: int) -> list[dict]:
    rows = [
        {"name": data["label"], "type": data["kind"], "iri": node,
         "tasks": sum(1 for n in network[node] if network.nodes[n]["kind"] == "task")}
        for node, data in network.nodes(data=True)
        if data["kind"] in ENTITY_TYPES and not data.get("unit")
    ]
    return sorted(rows, key=lambda r: (-r["tasks"], r["name"], r["iri"]))[:top]


def _co_responsible(network: nx.Graph, top: int) -> list[dict]:
    rows = [
        {"report": data["report"], "number": data["number"], "iri": node,
         "units": [name for name, _ in data["units"]], "requirement": data["requirement"]}
        for node, data in network.nodes(data=True) if data["kind"] == "task"
    ]
    return sorted(rows, key=lambda r: (-len(r["units"]), r["report"] or "", r["number"]))[:top]


def network_stats(network: nx.Graph, top: int = 10) -> dict:
    """The analytics of ``network`` (see the module docstring); lists cut to the ``top`` rows."""
    bureaus = bureau_network(network)
    view = overview(network)
    sizes = sorted((len(c) for c in nx.connected_components(view)), reverse=True)
    return {
        "bureaus": _bureaus(bureaus, top),
        "entities": _entities(network, top),
        "components": {"count": len(sizes), "sizes": sizes[:top], "nodes": len(view), "edges": view.number_of_edges()},
        "communities": [
            {"size": len(members), "members": sorted(bureaus.nodes[n]["label"] for n in members)}
            for members in communities(bureaus) if len(members) > 1
        ][:top],
        "co_responsible_tasks": _co_responsible(network, top),
    }


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [min(40, max(display_width(r[i]) for r in [header] + rows)) for i in range(len(header))]
    lines = ["  ".join(fit(c, w) for c, w in zip(row, widths)).rstrip() for row in [header] + rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def render_stats(stats: dict, fmt: str = "table") -> str:
    """The analytics as JSON or as plain-text tables."""
    if fmt == "json":
        return json.dumps(stats, ensure_ascii=False, indent=1)
    out = ["部门 bureaus (co-responsibility network)"]
    out += _table(["单位 unit", "tasks", "partners", "shared", "degree", "betweenness"], [
        [b["name"], str(b["tasks"]), str(b["partners"]), str(b["shared_tasks"]),
         f"{b['degree_centrality']:.3f}", f"{b['betweenness_centrality']:.3f}"] for b in stats["bureaus"]])
    out += ["", "实体 most connected entities"]
    out += _table(["实体 entity", "type", "tasks"], [[e["name"], e["type"], str(e["tasks"])] for e in stats["entities"]]) \
        if stats["entities"] else ["(none: this build has no named entities)"]
    comp = stats["components"]
    out += ["", f"连通分量 connected components: {comp['count']} (largest: {', '.join(map(str, comp['sizes']))} nodes)"]
    out += ["", "群组 communities of units that share tasks"]
    out += [f"{i}. ({c['size']}) " + "、".join(c["members"]) for i, c in enumerate(stats["communities"], 1)] or ["(none)"]
    out += ["", "共同负责 tasks with the most responsible units"]
    out += _table(["编号", "units", "单位 units", "项目要求 requirement"], [
        [str(t["number"]), str(len(t["units"])), "、".join(t["units"]), t["requirement"]]
        for t in stats["co_responsible_tasks"]])
    return "\n".join(out)
