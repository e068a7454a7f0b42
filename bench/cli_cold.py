"""Time `kg build` and `kg tasks --bureau` as cold, whole processes.

Run:  .venv/bin/python bench/cli_cold.py [--runs 15]

Each command runs in a fresh Python process, as a user would type it; the
figures are wall-clock medians with the spread (min–max). Targets (issue 2, on
the 2-core reference machine): build of the bundled report < 1 s, bureau lookup < 0.4 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"kg build": 1.0, "kg tasks --bureau": 0.4}


def kg_command() -> list[str]:
    script = Path(sys.executable).with_name("kg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg.cli"]


def time_runs(argv: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    kg = kg_command()
    from stores import byte_compile  # kg's bytecode, as an installed kg has it

    byte_compile()
    out = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        subprocess.run(kg + ["build", "-o", str(out)], check=True, capture_output=True)  # warm the disk cache
        cases = {
            "kg build": kg + ["build", "-o", str(out), "--fresh"],
            "kg tasks --bureau": kg + ["tasks", "--graph", str(out), "--bureau", "建委"],
        }
        print(f"{'command':<24} {'median':>8} {'min':>8} {'max':>8} {'target':>8}  runs={args.runs}")
        for name, argv in cases.items():
            times = time_runs(argv, args.runs)
            median = statistics.median(times)
            verdict = "ok" if median < TARGETS[name] else "MISSED"
            print(f"{name:<24} {median:8.3f} {min(times):8.3f} {max(times):8.3f} {TARGETS[name]:8.1f}  {verdict}")
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
