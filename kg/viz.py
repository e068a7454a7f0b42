"""Interactive network views of a build as one self-contained HTML page.

The page draws with vis-network, the library pyvis wraps, taken from the files
the pyvis package ships and written in-line: the page makes no request at all.
pyvis's own template is not used because it links Bootstrap from a CDN even
with ``cdn_resources="in_line"`` (pyvis issues #228/#229) and pastes node data
into ``<script>`` without escaping; its ``add_node``/``from_nx`` path is also
quadratic. Instead the node and edge lists are built in bulk from networkx,
positions are computed in Python (:mod:`kg.layout`, physics off, so the page is
stable at once and the file byte-identical on every run), the data goes into a
``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028 and
U+2029 escaped, and the page's script puts every text into the DOM with
``textContent`` (tooltips are DOM elements, never HTML strings).

>>> from kg.viz import write_view                     # doctest: +SKIP
>>> write_view("build", "overview.html", "overview")
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import networkx as nx

from .choices import STATUS_LABELS
from .errors import ReportError
from .layout import spring_positions, tree_positions
from .network import (
    bureau_network,
    communities,
    ego,
    find_nodes,
    load_network,
    overview,
    sections,
)
from .store import atomic_write

__all__ = ["VIEWS", "ViewError", "ViewResult", "view_graph", "render_page", "write_view", "script_json"]

VIEWS = ("overview", "bureaus", "ego", "sections")
_VIS = "lib/vis-9.1.2"
_OPENING = 120  # characters of the completion text in a task's tooltip

# kind → (vis shape, colour, legend label); shapes that scale with ``value`` so size shows degree.
KINDS = {
    "agency": ("dot", "#1f77b4", "政府部门 government body"),
    "company": ("diamond", "#ff7f0e", "企业 company"),
    "organization": ("square", "#17becf", "机构 organisation"),
    "project": ("star", "#2ca02c", "项目 project"),
    "place": ("triangle", "#8c564b", "地点 place"),
    "person": ("triangleDown", "#e377c2", "人物 person"),
    "document": ("hexagon", "#7f7f7f", "文件 document"),
    "entity": ("dot", "#e7ba52", "其他实体 other entity"),
    "report": ("box", "#dddddd", "报告 report"),
    "section": ("box", "#c5b0d5", "部分 section"),
    "subsection": ("box", "#e7dff0", "小节 subsection"),
}
# notation of kgo:status → (colour, 中文, English); the labels are the graph's (kg.choices).
_VERDICT_COLOURS = {"met": "#2ca02c", "partly_met": "#dbdb8d", "not_met": "#d62728", "cancelled": "#7f7f7f",
                    "deferred": "#9467bd", "qualitative": "#9edae5"}
VERDICTS = {status: (colour, *STATUS_LABELS[status]) for status, colour in _VERDICT_COLOURS.items()}
_NO_VERDICT = "#bbbbbb"
_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf",
            "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94")
OPTIONS = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
    "nodes": {"scaling": {"min": 8, "max": 32}, "font": {"size": 12}, "borderWidth": 1},
    "edges": {"smooth": False, "color": {"color": "#999999", "highlight": "#333333", "inherit": False}},
}


class ViewError(ReportError):
    """A view asked for with options that do not go together."""


@dataclass(frozen=True)
class ViewResult:
    path: Path
    view: str
    nodes: int
    edges: int


def script_json(value) -> str:
    """JSON that is safe inside ``<script>``: ``</script>``, ``<!--`` and line separators cannot end it early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)  # these characters only occur inside JSON strings
    return text


# ---------------------------------------------------------------- which nodes


def view_graph(network: nx.Graph, view: str, centres: list[str] = (), depth: int = 2) -> nx.Graph:
    """The subgraph (or, for ``bureaus``, the projection) a view draws."""
    if view == "overview":
        return overview(network)
    if view == "bureaus":
        return bureau_network(network)
    if view == "ego":
        if not centres:
            raise ViewError("the ego view needs a centre: give --bureau, --project, --place, --company or --entity NAME")
        return ego(network, list(centres), depth)
    if view == "sections":
        return sections(network)
    raise ViewError(f"unknown view {view!r}: choose one of {', '.join(VIEWS)}")


# ---------------------------------------------------------------- tooltips


def _units_line(units) -> str:
    cells = "、".join(name + ("↑" if inherited else "") for name, inherited in units)
    note = " (↑ 继承自合并单元格 inherited from the merged cell above)" if any(i for _, i in units) else ""
    return f"责任单位 units: {cells or '—'}{note}"


def _task_tip(data: dict) -> list[str]:
    verdict = data.get("verdict")
    outcome = data["outcome"]
    opening = outcome if len(outcome) <= _OPENING else outcome[:_OPENING] + "…"
    return [
        f"任务 task {data['number']}" + (f" · {data['report_title']}" if data.get("report_title") else ""),
        f"项目要求 requirement: {data['requirement']}",
        _units_line(data["units"]),
        "完成情况 verdict: " + (" ".join(VERDICTS[verdict][1:]) if verdict in VERDICTS else verdict or "—"),
        f"工作完成情况 outcome: {opening or '—'}",
    ]


def _entity_tip(network: nx.Graph, node: str, data: dict) -> list[str]:
    tasks = [t for t in network[node] if network.nodes[t]["kind"] == "task"]
    numbers = [str(network.nodes[t]["number"]) + ("↑" if network.edges[node, t].get("inherited") else "") for t in tasks]
    lines = [data["label"] + (f" ({data['label_en']})" if data.get("label_en") else ""), KINDS[data["kind"]][2]]
    if data.get("aliases"):
        lines.append("别名 aliases: " + "、".join(data["aliases"]))
    lines.append(f"任务 tasks ({len(tasks)}): " + (", ".join(numbers) or "—"))
    return lines


def _tip(network: nx.Graph, node: str) -> list[str]:
    data = network.nodes[node]
    if data["kind"] == "task":
        return _task_tip(data)
    if data["kind"] in ("report", "section", "subsection"):
        return [data["label"], KINDS[data["kind"]][2] + (f" {data['notation']}" if data.get("notation") else "")]
    return _entity_tip(network, node, data)


# ---------------------------------------------------------------- nodes, edges, legend


def _label(data: dict) -> str:
    if data["kind"] == "task":
        return data["label"]
    return data["label"] + (f"\n{data['label_en']}" if data.get("label_en") else "")


def _style(data: dict, community: dict[str, int]) -> tuple[str, str, str, str]:
    """(filter key, shape, colour, legend label) of a node."""
    if data["kind"] == "task":
        verdict = data.get("verdict")
        if verdict in VERDICTS:
            colour, zh, en = VERDICTS[verdict]
            return f"task:{verdict}", "dot", colour, f"任务·{zh} task {en}"
        return f"task:{verdict or '-'}", "dot", _NO_VERDICT, f"任务 task {verdict or ''}".strip()
    shape, colour, legend = KINDS[data["kind"]]
    if data.get("iri") in community:
        group = community[data["iri"]]
        if group is None:
            return "community:-", shape, "#cccccc", "无共同任务 shares no task"
        return f"community:{group + 1}", shape, _PALETTE[group % len(_PALETTE)], f"群组 community {group + 1}"
    return data["kind"], shape, colour, legend


def _names(data: dict) -> list[str]:
    names = [data["label"]] + ([data["label_en"]] if data.get("label_en") else []) + list(data.get("aliases", ()))
    return list(dict.fromkeys(n.casefold() for n in names))


def _positions(graph: nx.Graph, view: str) -> dict[str, tuple[float, float]]:
    if view == "sections":
        return tree_positions(graph, [n for n, kind in graph.nodes(data="kind") if kind == "task"])
    return spring_positions(graph)


def _partners_line(graph: nx.Graph, node: str) -> str:
    partners = sorted(graph[node], key=lambda n: (-graph.edges[node, n]["weight"], n))
    names = "、".join(f"{graph.nodes[p]['label']} ({graph.edges[node, p]['weight']})" for p in partners)
    return "共同负责 shares tasks with: " + (names or "—")


def _nodes(network: nx.Graph, graph: nx.Graph, view: str, index: dict[str, int]) -> tuple[list[dict], list[dict]]:
    """The vis node records and the legend entries (one per filter key, with counts)."""
    community = {}
    if view == "bureaus":
        community = {n: i if len(group) > 1 else None for i, group in enumerate(communities(graph)) for n in group}
    positions = _positions(graph, view)
    nodes, legend = [], {}
    for node, data in graph.nodes(data=True):
        key, shape, colour, legend_label = _style({**data, "iri": node}, community)
        legend.setdefault(key, {"filter": key, "label": legend_label, "color": colour, "count": 0})["count"] += 1
        tip = _tip(network, node) + ([_partners_line(graph, node)] if view == "bureaus" else [])
        x, y = positions[node]
        nodes.append({
            "id": index[node], "label": _label(data), "shape": shape, "color": colour, "x": x, "y": y,
            "value": data["tasks"] if view == "bureaus" else graph.degree(node),
            "filter": key, "names": _names(data), "tip": tip, "iri": node,
        })
    return nodes, sorted(legend.values(), key=_legend_order)


def _edges(network: nx.Graph, graph: nx.Graph, view: str, index: dict[str, int]) -> list[dict]:
    edges = []
    for a, b, data in graph.edges(data=True):
        edge = {"from": index[a], "to": index[b]}
        if view == "bureaus":
            numbers = ", ".join(str(network.nodes[t]["number"]) for t in data["tasks"])
            edge.update(width=data["weight"], value=data["weight"],
                        tip=[f"共同负责 {data['weight']} shared task(s): {numbers}"])
        elif data.get("inherited"):
            edge["dashes"] = True
        elif data.get("relation") == "mentions":
            edge["color"] = {"color": "#cccccc"}
        edges.append(edge)
    return edges


def _page_data(network: nx.Graph, graph: nx.Graph, view: str) -> dict:
    index = {node: i for i, node in enumerate(graph)}
    nodes, legend = _nodes(network, graph, view, index)
    options = OPTIONS if view != "bureaus" else {**OPTIONS, "edges": {**OPTIONS["edges"], "scaling": {"min": 1, "max": 12}}}
    return {"nodes": nodes, "edges": _edges(network, graph, view, index), "legend": legend, "options": options}


def _legend_order(entry: dict):
    kind = entry["filter"].split(":")[0]
    order = list(KINDS) + ["task"]
    if kind == "community":
        number = entry["filter"].split(":")[1]
        return (0, int(number) if number.isdigit() else 1 << 30, "")
    verdict = entry["filter"].split(":", 1)[-1]
    return (1 + order.index(kind) if kind in order else 99, list(VERDICTS).index(verdict) if verdict in VERDICTS else 9, entry["filter"])


# ---------------------------------------------------------------- the page


@cache
def _assets() -> dict[str, str]:
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ReportError("pyvis is not installed: pip install 'pyvis>=0.3.2,<0.4'")
    vis = Path(spec.submodule_search_locations[0]) / _VIS
    page = Path(__file__).parent / "page"
    return {
        "vis_js": (vis / "vis-network.min.js").read_text(encoding="utf-8"),
        "vis_css": (vis / "vis-network.css").read_text(encoding="utf-8"),
        "template": (page / "view.html").read_text(encoding="utf-8"),
        "js": (page / "view.js").read_text(encoding="utf-8"),
        "css": (page / "view.css").read_text(encoding="utf-8"),
    }


def render_page(network: nx.Graph, view: str = "overview", *, centres: list[str] = (), depth: int = 2,
                title: str | None = None) -> tuple[str, nx.Graph]:
    """The HTML of ``view`` of ``network``, and the graph it draws."""
    graph = view_graph(network, view, centres, depth)
    assets = _assets()
    parts = {
        "title": html.escape(title or f"kg · {view}"),
        "data": script_json(_page_data(network, graph, view)),
        "vis_js": assets["vis_js"], "vis_css": assets["vis_css"], "js": assets["js"], "css": assets["css"],
    }
    # Split once and fill the holes, so no inserted text is ever scanned for markers again.
    pieces = re.split(r"<!--kg:(\w+)-->", assets["template"])
    page = "".join(parts[p] if i % 2 else p for i, p in enumerate(pieces))
    return page, graph


def _title(network: nx.Graph, view: str, centres: list[str]) -> str:
    reports = sorted({d["label"] for _, d in network.nodes(data=True) if d["kind"] == "report"})
    what = {"overview": "总览 overview", "bureaus": "部门协作 bureaus", "sections": "任务分组 sections"}.get(view)
    if view == "ego":
        what = "关联 ego: " + "、".join(network.nodes[c]["label"] for c in centres)
    scope = reports[0] if len(reports) == 1 else f"{len(reports)} 份报告 reports"
    return f"{what} · {scope}"


def write_view(graph_dir: str | Path, out: str | Path, view: str = "overview", *,
               lookup: tuple[str, str] | None = None, depth: int = 2, network: nx.Graph | None = None) -> ViewResult:
    """Write ``view`` of the build in ``graph_dir`` to ``out`` (atomically); ``lookup`` = (option, name) for ego."""
    if view not in VIEWS:
        raise ViewError(f"unknown view {view!r}: choose one of {', '.join(VIEWS)}")
    if lookup and view != "ego":
        raise ViewError(f"--{lookup[0]} chooses the centre of the ego view: use it with --view ego")
    if depth < 0:
        raise ViewError(f"--depth must be 0 or more, not {depth}")
    network = network if network is not None else load_network(graph_dir)
    centres = find_nodes(network, *lookup) if lookup else []
    page, graph = render_page(network, view, centres=centres, depth=depth, title=_title(network, view, centres))
    out = Path(out)
    atomic_write(out, page.encode("utf-8"))
    return ViewResult(out, view, graph.number_of_nodes(), graph.number_of_edges())
