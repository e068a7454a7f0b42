"""Time quantity parsing and target verdicts on the bundled report (in-process, warm).

Run:  .venv/bin/python bench/targets.py [--repeats 30]

Prints the median and spread (min–max) over the repeats of: parsing every
quantity of the 86 requirements and completion texts; judging every task
(quantities, pairing, verdicts, findings); and, for scale, the graph of the
report without and with its verdict triples.
"""

from __future__ import annotations

import argparse
import statistics
import time

from kg import bundled_report_path, load_report
from kg.graph import report_graph
from kg.quantities import parse_quantities
from kg.targets import report_verdicts, task_verdict


def timed(function, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    report = load_report(bundled_report_path())
    texts = [t.requirement for t in report.tasks] + [t.outcome for t in report.tasks]
    report_verdicts(report)  # warm the lexicon caches and the compiled pattern
    quantities = sum(len(parse_quantities(t)) for t in texts)
    cases = {
        f"parse quantities ({quantities} in {len(texts)} texts)": lambda: [parse_quantities(t) for t in texts],
        f"verdicts of {len(report.tasks)} tasks": lambda: [task_verdict(report, t) for t in report.tasks],
        "report graph incl. verdicts (judged once)": lambda: report_graph(report),
    }
    print(f"{'case':<44} {'median ms':>10} {'min':>8} {'max':>8}  repeats={args.repeats}")
    for name, function in cases.items():
        times = [t * 1000 for t in timed(function, args.repeats)]
        print(f"{name:<44} {statistics.median(times):10.2f} {min(times):8.2f} {max(times):8.2f}")


if __name__ == "__main__":
    main()
