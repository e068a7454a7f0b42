"""Score the table rebuild against hand-annotated reports.

Run:  .venv/bin/python eval/table_score.py [FOLDER ...]
      (default: every tests/data/heldout* folder)

Each FOLDER holds NAME.txt and NAME.truth.json (see tests/test_heldout.py for
the fields). Prints, per report, tasks found, tasks right in every field, and
fields right; then the totals. A report the truth expects to fail counts as
right when it fails at the annotated line and task.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kg import ParseError, ReportError, load_report

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "data").glob("heldout*"))
FIELDS = ("line", "section", "subsection", "requirement", "units", "inherited", "outcome_start", "outcome_end")


def fields_of(task) -> dict:
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


def score(truth_path: Path) -> tuple[int, int, int, int, int, str]:
    """(tasks, found, fully right, fields right, fields, remark) for one annotated report."""
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    path = truth_path.with_name(truth_path.name.removesuffix(".truth.json") + ".txt")
    n = len(truth["tasks"])
    expected = truth.get("expect_error")
    try:
        report = load_report(path)
    except ParseError as error:
        right = bool(expected) and (error.line, error.task) == (expected["line"], expected["task"])
        return n, 0, n if right else 0, 0, 0, f"error {'as annotated' if right else 'NOT annotated'}: {error.reason}"
    except ReportError as error:
        return n, 0, 0, 0, 0, f"error: {error}"
    if expected:
        return n, 0, 0, 0, 0, "no error, but the annotation expects one"
    got = {t.number: fields_of(t) for t in report.tasks}
    found = right = fields_right = fields = 0
    for want in truth["tasks"]:
        have = got.get(want["number"])
        fields += len(FIELDS)
        if have is None:
            continue
        found += 1
        hits = sum(have[k] == want[k] for k in FIELDS)
        fields_right += hits
        right += hits == len(FIELDS)
    meta = (report.metadata.title, report.metadata.year, report.jurisdiction) == (
        truth["title"], truth["year"], truth["jurisdiction"])
    return n, found, right, fields_right, fields, "metadata right" if meta else "metadata WRONG"


def main(folders: list[str]) -> None:
    totals = [0, 0, 0, 0, 0]
    print(f"{'report':<45} {'tasks':>5} {'found':>5} {'right':>5} {'fields':>9}")
    for folder in folders:
        for truth_path in sorted((ROOT / folder).glob("*.truth.json")):
            *numbers, remark = score(truth_path)
            totals = [a + b for a, b in zip(totals, numbers, strict=True)]
            n, found, right, fr, f = numbers
            name = f"{folder.split('/')[-1]}/{truth_path.name.removesuffix('.truth.json')}"
            print(f"{name:<45} {n:>5} {found:>5} {right:>5} {fr:>4}/{f:<4}  {remark}")
    n, found, right, fr, f = totals
    print(f"{'total':<45} {n:>5} {found:>5} {right:>5} {fr:>4}/{f:<4}")


if __name__ == "__main__":
    main(sys.argv[1:] or DEFAULT)
