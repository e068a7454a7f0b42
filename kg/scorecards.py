"""Per bureau: how many of its tasks were met, partly met, not met, cancelled, deferred or had no figures.

Read from the build's index (no RDF parsing). A bureau counts every task it is
responsible for, tasks it inherits from a merged cell included; its worst
misses are its targets not met, lowest ratio (actual / target) first.

>>> from kg import scorecard
>>> card = scorecard("build")                    # doctest: +SKIP
>>> card[0].name, card[0].counts["not_met"]      # doctest: +SKIP
('区科产局', 1)
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote

from .output import display_width, fit
from .store import load_index
from .targets import STATUSES

__all__ = ["Miss", "BureauScore", "scorecard", "render_scorecard", "WORST"]

WORST = 3  # misses listed per bureau


@dataclass(frozen=True)
class Miss:
    """A target not met: task, indicator, target and actual as written, ratio actual/target."""

    report: str
    task: int
    indicator: str
    target: str
    actual: str
    ratio: float | None


@dataclass
class BureauScore:
    name: str
    iri: str
    tasks: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    worst: list[Miss] = field(default_factory=list)


def _misses(record: dict) -> list[Miss]:
    return [
        Miss(record["report"], record["number"], t["indicator"], t["target"]["text"], t["actual"]["text"], t["ratio"])
        for t in record["targets"] if t["met"] is False and t["actual"] is not None
    ]


def scorecard(graph: str | Path = "build") -> list[BureauScore]:
    """Every responsible bureau of the build at ``graph``, those with most tasks not met first."""
    records = load_index(graph)["tasks"]
    bureaus: dict[str, BureauScore] = {}
    for record in records:
        for iri in dict.fromkeys(u["iri"] for u in record["units"]):
            name = next(u["name"] for u in record["units"] if u["iri"] == iri)
            score = bureaus.setdefault(iri, BureauScore(name, iri))
            score.tasks += 1
            score.counts[record["status"]] += 1
            score.worst.extend(_misses(record))
    for score in bureaus.values():
        score.worst = sorted(score.worst, key=lambda m: (m.ratio if m.ratio is not None else 1.0, m.task))[:WORST]
    return sorted(bureaus.values(), key=lambda s: (-s.counts["not_met"], -s.counts["partly_met"], s.name, s.iri))


def _miss_text(miss: Miss) -> str:
    ratio = f" ({miss.ratio:.0%})" if miss.ratio is not None else ""
    return f"#{miss.task} {miss.indicator} {miss.actual}/{miss.target}{ratio}"


_HEADER = ["责任单位 bureau", "任务", "met", "partly", "not met", "cancelled", "deferred", "qualitative",
           "未达目标 worst misses"]


def _label(score: BureauScore, names: Counter) -> str:
    """The bureau's name, with its jurisdiction when bodies of several places share it (区发改委 (武昌区))."""
    if names[score.name] < 2:
        return score.name
    return f"{score.name} ({unquote(score.iri.rstrip('/').split('/')[-2])})"


def _table(scores: list[BureauScore]) -> str:
    names = Counter(s.name for s in scores)
    rows = [[_label(s, names), str(s.tasks)] + [str(s.counts[k]) for k in STATUSES]
            + ["; ".join(map(_miss_text, s.worst))] for s in scores]
    widths = [max(display_width(r[i]) for r in rows + [_HEADER]) for i in range(len(_HEADER) - 1)]
    lines = ["  ".join(fit(c, w) for c, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1] for r in [_HEADER] + rows]
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * 20)
    return "\n".join(line.rstrip() for line in lines)


def _csv(scores: list[BureauScore]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["bureau", "iri", "tasks", *STATUSES, "worst_misses"])
    for s in scores:
        writer.writerow([s.name, s.iri, s.tasks, *(s.counts[k] for k in STATUSES), "; ".join(map(_miss_text, s.worst))])
    return out.getvalue().rstrip("\n")


def render_scorecard(scores: list[BureauScore], fmt: str = "table") -> str:
    """The scorecard as a terminal table, JSON or CSV."""
    if fmt == "json":
        return json.dumps([asdict(s) for s in scores], ensure_ascii=False, indent=2)
    if fmt == "csv":
        return _csv(scores)
    return _table(scores) if scores else "(no tasks)"
