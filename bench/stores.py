"""The stores side by side at 1, 10, 100, 1,000 reports of the synthetic corpus (issue 7).

Usage: python bench/stores.py [--sizes 1,10,100,1000] [--jobs 2] [--runs 5] [--memory-up-to 100] [--memory-runs 1]
                              [--memory-bounded-up-to 1000] [--memory-limit 10]
                              [--cold-runs 15] [--virtuoso] [--no-validate] [--write]

For each size: the end-to-end build in a fresh process (time, tasks/s, peak RSS
of the process and its workers, size on disk), adding one more report to that
build, the time to open each store, and the median latency (and spread) of every
library query on Oxigraph (the default), on rdflib's memory store (up to
``--memory-up-to`` reports: its memory grows by ~3.7 KB a triple; above that and up
to ``--memory-bounded-up-to``, in a child process, each query once after a warm-up,
stopped at ``--memory-limit`` times Oxigraph's median: a query stopped there is at
least that many times slower, which is what the ratio target asks) and, with
``--virtuoso``, on Virtuoso (Debian's package, started on 127.0.0.1, loaded with
``kg push``). Then cold processes on the bundled report: ``kg build``,
``kg tasks --bureau``, ``kg query``. ``--write`` puts the tables into
bench/RESULTS.md under "## Stores at scale".
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.engine import run_local, run_remote  # noqa: E402
from kg.errors import QueryError, ReportError  # noqa: E402
from kg.library import bindings_for, library  # noqa: E402
from kg.store import load_dataset, nquads_lines  # noqa: E402
from tests.samples import write_corpus_reports  # noqa: E402

PARAMS = {"tasks-of-bureau": {"bureau": "建委"}, "tasks-involving-entity": {"name": "产业园"},
          "entity": {"name": "产业园"}}
ADDS = 3  # reports added one at a time to each built size; the median is quoted
KG = str(ROOT / ".venv" / "bin" / "kg") if (ROOT / ".venv" / "bin" / "kg").exists() else "kg"


def timed_process(args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of the process and its children) of a command."""
    script = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
              "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
              "e = time.perf_counter() - t; "
              "print(e, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024); sys.exit(r.returncode)")
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(args)} failed: {done.stderr[-2000:]}")
    seconds, rss = done.stdout.split()
    return float(seconds), float(rss)


def disk_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def median_spread(times: list[float]) -> str:
    return f"{statistics.median(times) * 1000:.1f} ({min(times) * 1000:.1f}–{max(times) * 1000:.1f})"


def query_times(run, runs: int) -> dict[str, list[float]]:
    """Latency of each library query through ``run(text, bindings, name)``, after one warm-up run."""
    out = {}
    for query in library():
        bindings = bindings_for(query, PARAMS.get(query.name, {}))
        try:
            run(query.text, bindings, query.name)
        except ReportError as error:  # a store's own time limit (Virtuoso: MaxQueryExecutionTime)
            print(f"{query.name}: {error}"[:300], file=sys.stderr)
            out[query.name] = [float("nan")]
            continue
        times = []
        for _ in range(runs):
            began = time.perf_counter()
            result = run(query.text, bindings, query.name)
            list(result) if result.type == "SELECT" else None
            times.append(time.perf_counter() - began)
        out[query.name] = times
    return out


def bench_size(n: int, work: Path, args) -> dict:
    corpus = work / f"corpus-{n}"
    corpus.mkdir(exist_ok=True)
    paths = write_corpus_reports(corpus, range(n + ADDS))  # the last ADDS are added one by one afterwards
    out = work / f"build-{n}"
    shutil.rmtree(out, ignore_errors=True)
    flags = ["--jobs", str(args.jobs)] + (["--no-validate"] if args.no_validate else [])
    build_s, build_rss = timed_process([KG, "build", *map(str, paths[:n]), "-o", str(out), "--fresh", *flags])
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    tasks, triples = len(index["tasks"]), sum(1 for _ in nquads_lines(out))
    adds = [timed_process([KG, "build", str(path), "-o", str(out), *flags])[0] for path in paths[n:]]
    add_s = statistics.median(adds)
    row = {"n": n, "tasks": tasks, "triples": triples, "adds": adds,
           "build_s": build_s, "tasks_per_s": tasks / build_s, "rss_mb": build_rss,
           "disk_mb": disk_mb(out), "add_s": add_s, "stores": {}}
    began = time.perf_counter()
    oxigraph = load_dataset(out)
    row["stores"]["oxigraph"] = {"load_s": time.perf_counter() - began,
                                 "queries": query_times(lambda t, b, q: run_local(oxigraph, t, b, q), args.runs)}
    if n <= args.memory_up_to:
        began = time.perf_counter()
        memory = load_dataset(out, store="memory")
        row["stores"]["memory"] = {"load_s": time.perf_counter() - began, "queries": query_times(
            lambda t, b, q: run_local(memory, t, b, q), args.memory_runs)}
        del memory
    elif n <= args.memory_bounded_up_to:
        limits = {name: args.memory_limit * statistics.median(times)
                  for name, times in row["stores"]["oxigraph"]["queries"].items()}
        row["stores"]["memory"] = bounded_memory(out, limits)
    if args.virtuoso and n <= args.virtuoso_up_to:
        from tests.servers import running_virtuoso

        with running_virtuoso(Path(tempfile.mkdtemp(prefix="kg-virtuoso-", dir=work))) as base:
            endpoint = base + "/sparql"
            # As a user pushes: each report's graph and the shared graph. They overlap in no triple, so
            # Virtuoso's default graph, the union of its graphs, has each once, as Oxigraph's does. (When a
            # bureau's label was in every report's graph, Virtuoso's union repeated it once per report and
            # its joins blew up: verdicts-by-bureau passed 120 s at 100 reports.)
            load_s, _ = timed_process([KG, "push", "--graph", str(out), "--endpoint", endpoint])
            row["stores"]["virtuoso"] = {"load_s": load_s, "queries": query_times(
                lambda t, b, q: run_remote(endpoint, t, b, q, timeout=600), args.runs)}
    return row


def bounded_memory(out: Path, limits: dict[str, float]) -> dict:
    """rdflib's memory store over the build ``out``, in a child process (:func:`memory_child`), so that
    running out of memory ends the child and not the benchmark."""
    done = subprocess.run([sys.executable, __file__, "--memory-child", str(out), "--limits", json.dumps(limits)],
                          capture_output=True, text=True)
    if done.returncode:
        print(f"memory store at {out}: the child ended with {done.returncode}: {done.stderr[-1000:]}", file=sys.stderr)
        return {"load_s": float("nan"), "queries": {name: [float("nan")] for name in limits}, "failed": True}
    return json.loads(done.stdout.splitlines()[-1])


class _Stopped(Exception):
    pass


def memory_child(out: Path, limits: dict[str, float]) -> None:
    """Print (JSON) the load time, peak RSS and each query's time on the memory store: a warm-up run
    (stopped at three times the query's limit), then a timed one stopped at the limit; a query stopped
    is listed under "stopped"."""
    import resource
    import signal

    rang = []

    def stop(*_):
        rang.append(True)
        raise _Stopped  # kg.engine.run_local may turn it into a QueryError: ``rang`` tells

    signal.signal(signal.SIGALRM, stop)
    began = time.perf_counter()
    memory = load_dataset(out, store="memory")
    row = {"load_s": time.perf_counter() - began, "queries": {}, "stopped": {}}
    run_local(memory, "ASK { ?s ?p ?o }")  # rdflib builds its SPARQL parser at the first query
    for query in library():
        bindings = bindings_for(query, PARAMS.get(query.name, {}))
        limit, rang[:] = limits[query.name], []
        try:
            for timed in (False, True):
                began = time.perf_counter()
                # rdflib runs in Python: the alarm stops it. The warm-up's limit is looser, so that no
                # first-run cost of its own stops a query the timed run would see through.
                signal.setitimer(signal.ITIMER_REAL, limit if timed else 3 * limit)
                result = run_local(memory, query.text, bindings, query.name)
                list(result) if result.type == "SELECT" else None
                signal.setitimer(signal.ITIMER_REAL, 0)
                if timed:
                    row["queries"][query.name] = [time.perf_counter() - began]
        except (_Stopped, QueryError):
            if not rang:
                raise
            row["queries"][query.name] = [limit]
            row["stopped"][query.name] = limit
        print(query.name, row["queries"][query.name], file=sys.stderr, flush=True)
    row["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(row))


def byte_compile() -> None:
    """Compile kg's modules to bytecode once, as ``pip install`` does for an installed package.

    An editable install leaves that to the first run, and where PYTHONDONTWRITEBYTECODE is set (this
    machine sets it) every cold process compiles kg's modules from source again: about 20 ms of a
    0.1 s lookup that a user's installed kg never pays.
    """
    import compileall

    compileall.compile_dir(str(ROOT / "kg"), quiet=1)


def cold(args) -> list[tuple[str, list[float]]]:
    """Fresh processes on the bundled report (kg byte-compiled first: :func:`byte_compile`)."""
    byte_compile()
    work = Path(tempfile.mkdtemp(prefix="kg-cold-"))
    commands = [
        ("kg build (bundled, fresh)", [KG, "build", "-o", str(work / "b"), "--fresh"]),
        ("kg tasks --bureau 建委", [KG, "tasks", "--graph", str(work / "b"), "--bureau", "建委"]),
        ("kg query tasks-of-bureau", [KG, "query", "tasks-of-bureau", "--graph", str(work / "b"),
                                      "--param", "bureau=建委"]),
    ]
    rows = []
    for name, command in commands:
        rows.append((name, [timed_process(command)[0] for _ in range(args.cold_runs)]))
    shutil.rmtree(work, ignore_errors=True)
    return rows


def markdown(rows: list[dict], cold_rows, args) -> str:
    lines = [f"Measured by `python bench/stores.py --sizes {args.sizes} --jobs {args.jobs} --runs {args.runs} "
             f"--memory-up-to {args.memory_up_to} --memory-runs {args.memory_runs} --cold-runs {args.cold_runs}"
             + (f" --memory-bounded-up-to {args.memory_bounded_up_to} --memory-limit {args.memory_limit:g}"
                if args.memory_bounded_up_to else "")
             + (f" --virtuoso --virtuoso-up-to {args.virtuoso_up_to}" if args.virtuoso else "") + (" --no-validate" if args.no_validate else "")
             + f"` on {time.strftime('%Y-%m-%d')}, on the shared 2-core machine. Times are medians (min–max).",
             "", "### Build", "",
             "| reports | tasks | quads | build (s) | tasks/s | peak RSS (MB) | on disk (MB) | add one report (s) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['n']} | {r['tasks']} | {r['triples']} | {r['build_s']:.1f} | {r['tasks_per_s']:.0f} | "
                     f"{r['rss_mb']:.0f} | {r['disk_mb']:.0f} | {r['add_s']:.2f} ({min(r['adds']):.2f}–{max(r['adds']):.2f}) |")
    for r in rows:
        stores = list(r["stores"])
        lines += ["", f"### Queries at {r['n']} report(s) (ms)", "",
                  "| query | " + " | ".join(stores) + " | memory ÷ oxigraph | oxigraph ÷ virtuoso |",
                  "|---|" + "---:|" * (len(stores) + 2)]
        lines.append("| *open the store (s)* | " + " | ".join(f"{r['stores'][s]['load_s']:.2f}" for s in stores)
                     + " | | |")
        for name in r["stores"]["oxigraph"]["queries"]:
            stopped = r["stores"].get("memory", {}).get("stopped", {})
            cells = [f"> {stopped[name] * 1000:.0f} (stopped)" if s == "memory" and name in stopped
                     else median_spread(r["stores"][s]["queries"][name]) for s in stores]
            ox = statistics.median(r["stores"]["oxigraph"]["queries"][name])
            ratio_mem = (("> " if name in stopped else "")
                         + f"{statistics.median(r['stores']['memory']['queries'][name]) / ox:.1f}×"
                         if "memory" in r["stores"] else "")
            ratio_virt = (f"{ox / statistics.median(r['stores']['virtuoso']['queries'][name]):.2f}"
                          if "virtuoso" in r["stores"] else "")
            lines.append(f"| {name} | " + " | ".join(cells) + f" | {ratio_mem} | {ratio_virt} |")
        if "rss_mb" in r["stores"].get("memory", {}):
            lines += ["", f"rdflib's memory store at {r['n']} reports: one warm-up and one timed run of each query, "
                      f"the timed run stopped at {args.memory_limit:g}× Oxigraph's median; peak RSS of its process "
                      f"{r['stores']['memory']['rss_mb']:.0f} MB."]
    lines += ["", "### Cold processes, bundled report (s)", "", "| command | median (min–max) |", "|---|---:|"]
    for name, times in cold_rows:
        lines.append(f"| {name} | {statistics.median(times):.3f} ({min(times):.3f}–{max(times):.3f}) |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--memory-up-to", type=int, default=100)
    parser.add_argument("--memory-runs", type=int, default=1, help="runs of each query on rdflib memory (slow)")
    parser.add_argument("--memory-bounded-up-to", type=int, default=0,
                        help="above --memory-up-to, run rdflib memory with a time limit per query up to this size")
    parser.add_argument("--memory-limit", type=float, default=10,
                        help="the time limit of a bounded memory query, in multiples of Oxigraph's median")
    parser.add_argument("--memory-child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--limits", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--cold-runs", type=int, default=15, help="runs of each cold command (they are short and noisy)")
    parser.add_argument("--virtuoso", action="store_true")
    parser.add_argument("--virtuoso-up-to", type=int, default=1000)
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("--work", default=None, help="directory for corpora and builds (default: a temp dir)")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    if args.memory_child:
        memory_child(Path(args.memory_child), json.loads(args.limits))
        return
    work = Path(args.work or tempfile.mkdtemp(prefix="kg-stores-"))
    work.mkdir(parents=True, exist_ok=True)
    cold_rows = cold(args)
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        rows.append(bench_size(n, work, args))
        print(json.dumps({k: v for k, v in rows[-1].items() if k != "stores"}), flush=True)
        text = markdown(rows, cold_rows, args)  # after each size, so that a long run keeps what it measured
        if args.write:
            write_results(text)
    print(text)


def write_results(text: str) -> None:
    sys.path.insert(0, str(ROOT / "eval"))
    from results_file import write_section

    write_section("## Stores at scale", "## Stores at scale\n\n" + text, ROOT / "bench" / "RESULTS.md")


if __name__ == "__main__":
    main()
