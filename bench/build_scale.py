"""Time `kg.build` on synthetic corpora of 1, 10, 100 … reports with the current store (rdflib + files).

Usage: python bench/build_scale.py [--sizes 1,10,100,1000] [--seed 0] [--repeat 3] [--timeout 300] [--write]
       python bench/build_scale.py --profile 10

For each size N, bench/corpus.py writes N reports into a temporary directory and
a fresh Python process runs ``kg.build(paths, out)`` on them, so that each size
starts cold and its peak RSS (``ru_maxrss`` of that process) is its own. Reported:
the time of the ``build`` call (parse, entities, graph, SHACL, serialisation,
writing), the whole process (interpreter, imports, build), tasks per second of
the build call, peak RSS and the size of the build directory: the median of
``--repeat`` cold builds, with the range. A build that takes longer than
``--timeout`` seconds is stopped and reported as such, and larger sizes skipped.

``--write`` puts the table into bench/RESULTS.md under "## Build at scale
(rdflib store, before Oxigraph)". ``--profile N`` runs one build of N reports
under cProfile in this process and prints the 25 largest cumulative costs.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import write_corpus

RESULTS = ROOT / "bench" / "RESULTS.md"
HEADING = "## Build at scale (rdflib store, before Oxigraph)"


def child(reports: Path, out: Path) -> None:
    """In the measured process: build, then print the figures as JSON."""
    began = time.perf_counter()
    from kg import build

    imported = time.perf_counter()
    result = build(sorted(reports.glob("*.txt")), out)
    built = time.perf_counter()
    print(json.dumps({
        "import_s": imported - began, "build_s": built - imported, "reports": len(result.reports),
        "tasks": result.tasks, "triples": result.triples,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # Linux: kilobytes
    }))


def measure(n: int, seed: int, timeout: float, repeat: int) -> dict:
    """Figures of ``repeat`` cold builds of one corpus of ``n`` reports (lists of each run's figures)."""
    runs: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as tmp:
        reports = Path(tmp) / "reports"
        write_corpus(n, reports, seed)
        for run in range(repeat):
            out = Path(tmp) / f"build-{run}"
            began = time.perf_counter()
            try:
                done = subprocess.run(
                    [sys.executable, __file__, "--child", str(reports), str(out)],
                    capture_output=True, text=True, timeout=timeout, check=False,
                )
            except subprocess.TimeoutExpired:
                return {"n": n, "timeout": timeout}
            wall = time.perf_counter() - began
            if done.returncode != 0:
                raise SystemExit(f"build of {n} reports failed:\n{done.stderr}")
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            disk = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
            runs.append({"process_s": wall, "disk_mb": disk / 2**20, **figures})
            shutil.rmtree(out)
    return {"n": n, "runs": runs}


def _spread(values: list[float], digits: int) -> str:
    """Median, and the range when there is more than one run."""
    median = f"{statistics.median(values):.{digits}f}"
    return median if len(values) == 1 else f"{median} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def table(rows: list[dict]) -> str:
    lines = [
        "| reports | tasks | triples | build call (s) | whole process (s) | tasks/s | peak RSS (MB) | build dir (MB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        if "timeout" in r:
            lines.append(f"| {r['n']} | | | not finished in {r['timeout']:.0f} s | | | | |")
            continue
        runs = r["runs"]
        first = runs[0]
        column = {key: [run[key] for run in runs] for key in ("build_s", "process_s", "maxrss_mb")}
        rates = [first["tasks"] / b for b in column["build_s"]]
        lines.append(
            f"| {r['n']} | {first['tasks']} | {first['triples']} | {_spread(column['build_s'], 2)} | "
            f"{_spread(column['process_s'], 2)} | {_spread(rates, 0)} | {_spread(column['maxrss_mb'], 0)} | "
            f"{first['disk_mb']:.1f} |"
        )
    return "\n".join(lines)


def section(rows: list[dict], seed: int, repeat: int) -> str:
    sizes = ",".join(str(r["n"]) for r in rows)
    return (
        f"{HEADING}\n\n"
        f"`python bench/build_scale.py --sizes {sizes} --seed {seed} --repeat {repeat} --write`, "
        f"{time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs shared with other work. Synthetic reports of bench/corpus.py; each build in a "
        f"fresh process; median of {repeat} run(s) with the range in brackets.\n\n"
        f"{table(rows)}\n"
    )


def write_section(text: str) -> None:
    """Replace the section in bench/RESULTS.md (or add it), leaving the other sections as they are."""
    from kg.store import atomic_write

    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if HEADING in old:
        head, rest = old.split(HEADING, 1)
        after = rest.find("\n## ")
        new = head + text + (rest[after:] if after >= 0 else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    atomic_write(RESULTS, new.encode("utf-8"))


def profile(n: int, seed: int) -> None:
    from kg import build

    with tempfile.TemporaryDirectory(prefix="kg-profile-") as tmp:
        paths = write_corpus(n, Path(tmp) / "reports", seed)
        profiler = cProfile.Profile()
        profiler.enable()
        build(paths, Path(tmp) / "build")
        profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10,100", help="comma-separated numbers of reports (default 1,10,100)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a build is given up")
    parser.add_argument("--repeat", type=int, default=3, help="cold builds per size (default 3)")
    parser.add_argument("--write", action="store_true", help="write the table into bench/RESULTS.md")
    parser.add_argument("--profile", type=int, metavar="N", help="profile one build of N reports instead")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if args.profile:
        profile(args.profile, args.seed)
        return
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        rows.append(measure(n, args.seed, args.timeout, args.repeat))
        print(f"{n} reports done", file=sys.stderr)
        if "timeout" in rows[-1]:
            break  # larger sizes would take longer still
    text = section(rows, args.seed, args.repeat)
    print(text)
    if args.write:
        write_section(text)


if __name__ == "__main__":
    main()
