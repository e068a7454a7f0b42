"""Scoring targets and verdicts against a hand annotation (``eval/targets-*.json``).

The annotation format (as ``/work/shared/eval/targets-dev.json``; invented rows carry
their own texts instead: ``{"rows": [{"requirement", "outcome", "status", "targets"}]}``)::

    {"tasks": {"37": {"status": "met", "ambiguous": false,
                      "targets": [{"indicator", "comparator", "target": {"value", "unit"},
                                   "actual": {"value", "unit"} or null, "met": true|false|null}]}},
     "qualitative": [4, 5, …]}           # tasks with no quantified target, status qualitative

A system target is matched to the annotated target with the same normalised
value and dimension (1万户 = 10000户). A target is right when it is matched,
its actual is the annotated one (or both are null) and ``met`` agrees. A
*wrong pairing* is a system actual where the annotation has another figure or
none: the pairing answered the target with a figure of another indicator.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .model import Report
from .quantities import Quantity, compatible, parse_quantities
from .targets import TaskVerdict, judge, report_verdicts

__all__ = ["TargetScore", "load_annotation", "score_verdicts", "score_rows", "mismatch_rate"]


@dataclass
class TargetScore:
    tasks: int = 0
    tasks_right: int = 0
    unambiguous_tasks: int = 0
    unambiguous_right: int = 0
    targets: int = 0  # annotated targets
    targets_right: int = 0
    targets_found: int = 0  # annotated targets the system also extracted
    extra_targets: int = 0  # system targets the annotation does not have
    paired: int = 0  # annotated targets with an actual
    paired_right: int = 0
    wrong_pairings: int = 0
    misses: list[str] = field(default_factory=list)


def load_annotation(path: str | Path) -> dict[int, dict]:
    """Annotated tasks by number (qualitative ones with an empty target list)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    tasks = {int(n): t for n, t in data["tasks"].items()}
    for number in data.get("qualitative", []):
        tasks.setdefault(int(number), {"status": "qualitative", "targets": []})
    return tasks


def _quantity(value: dict | None) -> Quantity | None:
    if value is None:
        return None
    number = f"{value['value']:f}".rstrip("0").rstrip(".")
    found = parse_quantities(number + value["unit"])
    if not found:
        raise ValueError(f"annotation unit {value['unit']!r} is not in data/quantity_units.tsv")
    return found[0]


def _same(a: Quantity | None, b: Quantity | None) -> bool:
    if a is None or b is None:
        return a is b
    return compatible(a.dimension, b.dimension) and abs(a.base_value - b.base_value) <= 1e-6 * max(1.0, abs(b.base_value))


def _score_task(number: int, want: dict, have: TaskVerdict, score: TargetScore) -> None:
    score.tasks += 1
    right = have.status == want["status"]
    score.tasks_right += right
    if not want.get("ambiguous"):
        score.unambiguous_tasks += 1
        score.unambiguous_right += right
    if not right:
        score.misses.append(f"task {number}: status {have.status}, annotated {want['status']}")
    free = list(have.targets)
    for target in want["targets"]:
        score.targets += 1
        wanted_actual = _quantity(target["actual"])
        score.paired += wanted_actual is not None
        goal = _quantity(target["target"])
        match = next((v for v in free if _same(v.target, goal)), None)
        if match is None:
            score.misses.append(f"task {number}: target {target['indicator']} {target['target']} not found")
            continue
        free.remove(match)
        score.targets_found += 1
        pairing = _same(match.actual, wanted_actual)
        score.paired_right += pairing and wanted_actual is not None
        if match.actual is not None and not pairing:
            score.wrong_pairings += 1
        if pairing and match.met == target["met"]:
            score.targets_right += 1
        else:
            got = match.actual.text if match.actual else None
            score.misses.append(f"task {number}: {target['indicator']}: actual {got}, met {match.met}; "
                                f"annotated {target['actual']}, met {target['met']}")
    for extra in free:
        score.extra_targets += 1
        score.wrong_pairings += extra.actual is not None
        score.misses.append(f"task {number}: extra target {extra.indicator} {extra.target.text}")


def score_verdicts(report: Report, annotation: dict[int, dict]) -> TargetScore:
    """Compare the verdicts of ``report`` with ``annotation`` (from :func:`load_annotation`)."""
    verdicts = report_verdicts(report)
    score = TargetScore()
    for number in sorted(annotation):
        _score_task(number, annotation[number], verdicts[number], score)
    return score


def score_rows(path: str | Path) -> TargetScore:
    """Judge each invented row of the annotation at ``path`` and compare it with its expected verdict."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))["rows"]
    score = TargetScore()
    for number, row in enumerate(rows, start=1):
        _score_task(number, row, judge(row["requirement"], row["outcome"], number=number), score)
    return score


def mismatch_rate(reports: list[Report], trials: int = 20, seed: int = 7) -> tuple[int, int]:
    """(targets judged, targets paired) when each quantified requirement is judged against the
    completion texts of ``trials`` other tasks chosen at random (fixed seed).

    Any pairing there answers a target with another task's figure: mostly wrong, sometimes the
    same indicator in another report (城镇新增就业), so the rate bounds false pairings from above.
    """
    import random

    rows = [(r.id, t.number, r.text[t.requirement_span.start:t.requirement_span.end],
             r.text[t.outcome_span.start:t.outcome_span.end] if t.outcome_span else "")
            for r in reports for t in r.tasks]
    draw = random.Random(seed)
    judged = paired = 0
    for rid, number, requirement, _ in rows:
        if not judge(requirement, "").targets:
            continue
        for _ in range(trials):
            other = draw.choice(rows)
            if other[:2] == (rid, number):
                continue
            verdict = judge(requirement, other[3])
            judged += len(verdict.targets)
            paired += sum(v.actual is not None for v in verdict.targets)
    return judged, paired
