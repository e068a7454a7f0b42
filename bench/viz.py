"""Time `kg viz`: writing each view, and the page's load-to-stable time in Chromium.

Run:  .venv/bin/python bench/viz.py [--runs 3] [--reports 100]

Two graphs: the bundled report, and REPORTS copies of it made different
deterministically — copy i gets index number 007482532-03-2017-<1815155+i>
(so its report and task IRIs differ) and its place name 武昌 replaced by
样本<i in Chinese digits> with that as its jurisdiction (so its bodies are other
bodies). The big graph is written without SHACL validation (the bench is
about views, not builds).

For each graph and view: the time to load the network from the build's RDF
(once per graph), the time to build and write the page (median of RUNS), the
page's size and node count, and in headless Chromium (Debian's /usr/bin/chromium,
software rendering) the time from navigation start to the first drawn frame of
the network (physics is off, so that frame is the stable picture). Targets
(issue 6): the bundled overview written in under 1 s, stable in under 3 s.
Also timed: `kg viz` as a whole cold process for the bundled overview.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from kg import build, bundled_report_path, load_report
from kg.network import load_network
from kg.store import write_build
from kg.viz import write_view

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
VIEWS = {"overview": None, "bureaus": None, "sections": None, "ego": ("bureau", "建委")}
DIGITS = "〇一二三四五六七八九"
TARGETS = {"write": 1.0, "stable": 3.0}


def copies(count: int, folder: Path) -> list:
    """``count`` parsed variants of the bundled report, each with its own index number and place."""
    text = bundled_report_path().read_text(encoding="utf-8")
    reports = []
    for i in range(count):
        place = "样本" + "".join(DIGITS[int(d)] for d in str(i))
        variant = text.replace("007482532-03-2017-1815155", f"007482532-03-2017-{1815155 + i}").replace("武昌", place)
        path = folder / f"report-{i:03d}.txt"
        path.write_text(variant, encoding="utf-8")
        reports.append(load_report(path, jurisdiction=place + "区"))
    return reports


def timed(function, runs: int):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def stable_time(browser, page_path: Path) -> tuple[float, int]:
    """Seconds from navigation start to the network's first drawn frame, and the node count."""
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    page.goto(page_path.as_uri())
    page.wait_for_function("window.kgStable !== undefined", timeout=120000)
    stable, nodes = page.evaluate("[window.kgStable, window.kgNodes.length]")
    page.close()
    return stable / 1000, nodes


def bench_graph(name: str, directory: Path, out: Path, runs: int, browser) -> None:
    load, network = timed(lambda: load_network(directory), 1)
    rows = [f"| {name} | load network from RDF | {network.number_of_nodes()} | | {load:.2f} s | |"]
    print(rows[0], flush=True)
    for view, lookup in VIEWS.items():
        page = out / f"{name}-{view}.html"
        seconds, result = timed(partial(write_view, directory, page, view, lookup=lookup, network=network), runs)
        stable = [stable_time(browser, page)[0] for _ in range(runs)] if browser else []
        stable_text = f"{statistics.median(stable):.2f} s" if stable else "no chromium"
        rows.append(f"| {name} | {view} | {result.nodes} | {page.stat().st_size / 1e6:.2f} MB | {seconds:.2f} s | {stable_text} |")
        print(rows[-1], flush=True)


def cold_overview(directory: Path, out: Path, runs: int) -> float:
    kg = Path(sys.executable).with_name("kg")
    argv = [str(kg), "viz", "--graph", str(directory), "-o", str(out / "cold.html")]
    return timed(lambda: subprocess.run(argv, check=True, capture_output=True), runs)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reports", type=int, default=100)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-viz-"))
    build(None, folder / "one")
    start = time.perf_counter()
    write_build(copies(args.reports, folder), folder / "many", validate=False)
    print(f"built {args.reports} reports in {time.perf_counter() - start:.1f} s (no SHACL)", flush=True)
    header = ["| graph | view | nodes | page | write | load → stable in Chromium |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    print("\n".join(header))
    browser = None
    playwright = None
    if Path(CHROMIUM).exists():
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
    try:
        bench_graph("bundled", folder / "one", folder, args.runs, browser)
        bench_graph(f"{args.reports} reports", folder / "many", folder, 1, browser)
    finally:
        if browser:
            browser.close()
            playwright.stop()
    cold = cold_overview(folder / "one", folder, args.runs)
    print(f"`kg viz` (bundled overview) as a cold process: {cold:.2f} s median of {args.runs}")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
