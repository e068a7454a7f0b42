"""Time entity recognition and resolution on the bundled report, after start-up.

Usage: python bench/entities.py [--repeat N]

Start-up (importing kg, loading jieba's dictionary) is timed once and reported
apart: the target (issue 3) is the whole report in under 0.3 s after start-up.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    began = time.perf_counter()
    from kg import bundled_report_path, load_report
    from kg.entities import report_entities
    from kg.recognise import recognise

    recognise("启动")  # loads jieba's dictionary
    startup = time.perf_counter() - began
    report = load_report(bundled_report_path())
    times = []
    for _ in range(args.repeat):
        began = time.perf_counter()
        entities = report_entities(report)
        times.append(time.perf_counter() - began)
    mentions = sum(len(e.mentions) for e in entities.entities)
    print(f"start-up (import kg, jieba dictionary): {startup:.3f} s")
    print(f"report_entities on the bundled report ({len(report.tasks)} tasks, {len(entities.entities)} entities, "
          f"{mentions} mentions): median {statistics.median(times):.3f} s, "
          f"min {min(times):.3f} s, max {max(times):.3f} s over {args.repeat} runs")


if __name__ == "__main__":
    main()
