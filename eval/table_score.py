"""Score the table rebuild against hand-annotated reports.

Run:  .venv/bin/python eval/table_score.py [FOLDER ...]
      (default: every tests/data/heldout* folder)

Each FOLDER holds NAME.txt and NAME.truth.json (format in kg/evaluate.py).
Prints, per report, tasks, tasks found, tasks right in every field, fields
right and whether title/year/jurisdiction/encoding are right; then totals.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.evaluate import score_report

ROOT = Path(__file__).resolve().parent.parent


def main(folders: list[str]) -> None:
    totals = [0, 0, 0, 0, 0]
    print(f"{'report':<45} {'tasks':>5} {'found':>5} {'right':>5} {'fields':>9}")
    for folder in folders:
        for truth_path in sorted((ROOT / folder).glob("*.truth.json")):
            s = score_report(truth_path)
            numbers = [s.tasks, s.found, s.right, s.fields_right, s.fields]
            totals = [a + b for a, b in zip(totals, numbers, strict=True)]
            name = f"{Path(folder).name}/{truth_path.name.removesuffix('.truth.json')}"
            remark = s.remark or ("metadata right" if s.metadata_right else "metadata WRONG")
            print(f"{name:<45} {s.tasks:>5} {s.found:>5} {s.right:>5} {s.fields_right:>4}/{s.fields:<4}  {remark}")
    n, found, right, fields_right, fields = totals
    print(f"{'total':<45} {n:>5} {found:>5} {right:>5} {fields_right:>4}/{fields:<4}")


if __name__ == "__main__":
    main(sys.argv[1:] or sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "data").glob("heldout*")))
