"""Scoring the table rebuild against a hand annotation (``NAME.truth.json`` beside ``NAME.txt``).

The annotation format: ``{"encoding", "title", "year", "jurisdiction",
"expect_error": null or {"line", "task"}, "tasks": [{"number", "line",
"section", "subsection", "requirement", "units" (as written), "inherited",
"outcome_start", "outcome_end" (10 characters each)}]}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import ParseError, ReportError
from .model import Task
from .report import load_report

__all__ = ["FIELDS", "Score", "task_fields", "score_report"]

FIELDS = ("line", "section", "subsection", "requirement", "units", "inherited", "outcome_start", "outcome_end")


def task_fields(task: Task) -> dict:
    """A rebuilt task in the annotation's terms."""
    return {
        "line": task.line,
        "section": task.section.text if task.section else None,
        "subsection": task.subsection.text if task.subsection else None,
        "requirement": task.requirement,
        "units": [u.written for u in task.units],
        "inherited": bool(task.units) and all(u.inherited for u in task.units),
        "outcome_start": task.outcome[:10],
        "outcome_end": task.outcome[-10:],
    }


@dataclass(frozen=True)
class Score:
    tasks: int
    found: int
    right: int  # tasks right in every field (or all of them, when an annotated error was raised)
    fields_right: int
    fields: int
    metadata_right: bool
    remark: str = ""


def score_report(truth_path: str | Path) -> Score:
    """Parse the report beside ``truth_path`` and compare it with the annotation."""
    truth_path = Path(truth_path)
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    path = truth_path.with_name(truth_path.name.removesuffix(".truth.json") + ".txt")
    n, expected = len(truth["tasks"]), truth.get("expect_error")
    try:
        report = load_report(path)
    except ParseError as error:
        right = bool(expected) and (error.line, error.task) == (expected["line"], expected["task"])
        remark = f"error {'as annotated' if right else 'NOT annotated'}: {error.reason}"
        return Score(n, 0, n if right else 0, 0, 0, right, remark)
    except ReportError as error:
        return Score(n, 0, 0, 0, 0, False, f"error: {error}")
    if expected:
        return Score(n, 0, 0, 0, 0, False, "no error, but the annotation expects one")
    got = {t.number: task_fields(t) for t in report.tasks}
    found = right = fields_right = 0
    for want in truth["tasks"]:
        have = got.get(want["number"])
        if have is None:
            continue
        hits = sum(have[k] == want[k] for k in FIELDS)
        found, fields_right, right = found + 1, fields_right + hits, right + (hits == len(FIELDS))
    meta = (report.metadata.title, report.metadata.year, report.jurisdiction, report.encoding) == (
        truth["title"], truth["year"], truth["jurisdiction"], truth["encoding"])
    return Score(n, found, right, fields_right, n * len(FIELDS), meta)
