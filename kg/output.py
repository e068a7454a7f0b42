"""Printing task records as a terminal table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
import shutil
import unicodedata

__all__ = ["display_width", "fit", "render_tasks", "render_entities", "FORMATS"]

from .choices import TASK_FORMATS as FORMATS
_INHERITED_MARK = "↑"


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def fit(text: str, width: int) -> str:
    """``text`` cut (with …) or padded to exactly ``width`` columns."""
    if display_width(text) > width:
        out, used = "", 0
        for ch in text:
            w = display_width(ch)
            if used + w > width - 1:
                break
            out, used = out + ch, used + w
        text = out + "…"
    return text + " " * (width - display_width(text))


def _units_cell(task: dict) -> str:
    return "、".join(u["name"] + (_INHERITED_MARK if u["inherited"] else "") for u in task["units"])


def _grid(header: list[str], rows: list[list[str]], width: int | None) -> list[str]:
    """Aligned columns; the last one takes what the terminal has left."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    widths = [min(36, max(display_width(r[i]) for r in rows + [header])) for i in range(len(header) - 1)]
    last = max(20, width - sum(widths) - 2 * len(widths) - 1)
    lines = []
    for row in [header] + rows:
        cells = [fit(c, w) for c, w in zip(row, widths, strict=False)] + [fit(row[-1], last).rstrip()]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths + [min(last, max(display_width(r[-1]) for r in rows + [header]))]))
    return lines


def _table(tasks: list[dict], width: int | None) -> str:
    several = len({t["report"] for t in tasks}) > 1
    rows = [([t["report"]] if several else []) + [str(t["number"]), _units_cell(t), t["requirement"]] for t in tasks]
    header = (["报告 report"] if several else []) + ["编号", "责任单位 units", "项目要求 requirement"]
    lines = _grid(header, rows, width)
    if any(u["inherited"] for t in tasks for u in t["units"]):
        lines.append(f"{_INHERITED_MARK} inherited from the merged cell above (继承自合并单元格)")
    return "\n".join(lines)


def _csv(tasks: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["report", "number", "section", "subsection", "requirement", "units", "inherited_units", "outcome", "start", "end", "status"])
    for t in tasks:
        writer.writerow([
            t["report"], t["number"], t["section"] or "", t["subsection"] or "", t["requirement"],
            "、".join(u["name"] for u in t["units"]),
            "、".join(u["name"] for u in t["units"] if u["inherited"]),
            t["outcome"], t["source"]["start"], t["source"]["end"], t.get("status", ""),
        ])
    return out.getvalue().rstrip("\n")


def render_tasks(tasks: list[dict], fmt: str = "table", width: int | None = None) -> str:
    """Task records in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return json.dumps(tasks, ensure_ascii=False, indent=2)
    if fmt == "csv":
        return _csv(tasks)
    if not tasks:
        return "(no tasks)"
    return _table(tasks, width)


def _entity_row(entity) -> dict:
    return {
        "name": entity.name,
        "type": entity.type,
        "iri": entity.iri,
        "aliases": sorted(entity.aliases),
        "tasks": sorted(n for _, n in entity.tasks),
        "reports": sorted({r for r, _ in entity.tasks}),
    }


def render_entities(entities, fmt: str = "table", width: int | None = None) -> str:
    """Entities (:class:`kg.lookup.Body`) with their aliases and the numbers of the tasks naming them."""
    rows = [_entity_row(e) for e in entities]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["name", "type", "aliases", "tasks", "iri"])
        for r in rows:
            writer.writerow([r["name"], r["type"], "、".join(r["aliases"]), " ".join(map(str, r["tasks"])), r["iri"]])
        return out.getvalue().rstrip("\n")
    if not rows:
        return "(no entities)"
    table = [[r["type"], r["name"], " ".join(map(str, r["tasks"])), "、".join(r["aliases"])] for r in rows]
    return "\n".join(_grid(["类型 type", "名称 name", "任务 tasks", "别名 aliases"], table, width))
