"""The whole job: report files → validated graph in a build directory.

>>> from kg import build
>>> result = build(out="build")          # the bundled report     # doctest: +SKIP
>>> result.tasks
86
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from .errors import EncodingError, ReportError, StoreError
from .lexicon import resource_path
from .report import BUNDLED_REPORT
from .store import BuildResult, load_index_head, needs_fresh_store, write_build

__all__ = ["build", "bundled_report_path"]


def bundled_report_path() -> Path:
    """The report shipped with kg (Wuchang District, 2016)."""
    return resource_path("data", BUNDLED_REPORT)


def build(
    reports: list[str | Path] | None = None,
    out: str | Path = "build",
    *,
    base: str | None = None,
    jurisdiction: str | None = None,
    strict: bool = False,
    validate: bool = True,
    jobs: int = 1,
    fresh: bool = False,
    store: str = "oxigraph",
    progress: bool = False,
) -> BuildResult:
    """Parse ``reports`` (default: the bundled one), build and validate their graphs, write the build to ``out``.

    A build is incremental: reports already in ``out`` stay, a report whose
    file is unchanged is not parsed again, a changed one replaces its named
    graph. ``fresh`` starts from nothing. ``jobs`` reports are made at once (in
    processes); ``progress`` shows a bar on standard error. ``store`` is
    ``oxigraph`` (on disk, the default) or ``memory`` (rdflib's, from the parts' N-Quads).
    With ``strict``, any parse warning is an error. Nothing is written unless
    every report parses and its graph conforms to the shapes.
    """
    from .iris import DEFAULT_BASE

    if base is not None and not re.match(r"^https?://[^\s/]+/\S*$", base):
        raise ReportError(f"--base-iri {base!r} is not an absolute http(s) IRI such as https://data.example.gov.cn/kg/")
    if store not in STORES:
        raise ReportError(f"--store {store!r}: choose one of {', '.join(STORES)}")
    base = base or DEFAULT_BASE
    out = Path(out)
    paths = [Path(p) for p in reports] if reports else [bundled_report_path()]
    kept, previous = ({}, None) if fresh else _previous_build(out, base)
    reusable = {} if jurisdiction else {p.sha256: p for p in kept.values() if p.validated or not validate}
    digests = {path: _sha256(path) for path in paths}
    todo = [p for p in paths if digests[p] not in reusable]
    loading = _fresh_store(out, store, previous)
    try:
        made = _make_parts(todo, out, base, jurisdiction, strict, validate, jobs, progress, loading)
        given = made + [reusable[digests[p]] for p in paths if digests[p] in reusable]
        _check_unique(given)
        parts = {**kept, **{p.id: p for p in given}}
        if loading is not None:  # the reports kept or reused: their graphs are not in the store yet
            loaded = {p.id for p in made}
            for part in sorted(parts.values(), key=lambda p: p.id):
                if part.id not in loaded:
                    for path in part.quad_files():
                        loading.add(path)
    except BaseException:
        if loading is not None:
            loading.abort()
        raise
    return write_build(list(parts.values()), out, base=base, store=store, previous=previous, loading=loading)


def _fresh_store(out: Path, store: str, previous: dict[str, str] | None):
    """A store being filled while the parts are made, when the build's store is to be made anew (None otherwise)."""
    if store != "oxigraph" or not needs_fresh_store(out, previous):
        return None
    from .oxstore import FreshStore

    return FreshStore(out)


STORES = ("oxigraph", "memory")


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        raise EncodingError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise EncodingError("is a directory, not a report file", path=str(path)) from None


def _previous_build(out: Path, base: str) -> tuple[dict, dict[str, str] | None]:
    """The parts of the reports already built in ``out`` (by id) and the named graphs its store holds."""
    from .parts import load_parts

    try:
        index = load_index_head(out)
    except StoreError:
        return {}, None
    if index.get("base") != base:
        return {}, None
    listed = {r["id"] for r in index["reports"]}
    parts = {i: p for i, p in load_parts(out, base).items() if i in listed}
    if set(parts) != listed:
        return {}, None  # a part is missing or stale: build everything anew
    previous = {i: p.graph for i, p in parts.items()} if index.get("store") == "oxigraph" else None
    return parts, previous


def _make_parts(paths: list[Path], out: Path, base: str, jurisdiction: str | None, strict: bool, validate: bool,
                jobs: int, progress: bool, loading=None) -> list:
    """The parts of ``paths``, ``jobs`` at a time, in the order given, each saved in ``out`` as it comes
    (and handed to ``loading``, a store being filled, if given).

    Saved parts keep only their metadata in memory. Until the build's index is
    written they are a cache no build lists, so a failure leaves the build as it was.
    """
    from functools import partial

    from .parts import part_from_path

    work = partial(part_from_path, base=base, jurisdiction=jurisdiction, strict=strict, validate=validate)
    if loading is not None:
        loading.expect(2 * len(paths))  # each part's graph and its lines of the shared graph (Part.quad_files)
    bar = _bar(len(paths), progress)
    if jobs <= 1 or len(paths) <= 1:
        made = []
        for path in paths:
            made.append(work(str(path)))
            _keep(out, made[-1], loading)
            bar.update()
        bar.close()
        return made
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    # While a fresh store is filled, its loading thread is what the build waits for at the end: the
    # workers run at a lower priority so that it keeps up with them instead of finishing alone.
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker,
                             initargs=(loading is not None,)) as pool:
        made = []
        for part in pool.map(work, [str(p) for p in paths], chunksize=max(1, len(paths) // (jobs * 8))):
            _keep(out, part, loading)
            made.append(part)
            bar.update()
    bar.close()
    return made


def _start_worker(lower: bool) -> None:
    """Set up a worker process: fewer garbage collections, and a lower priority when ``lower``."""
    import gc
    import os

    # A part makes hundreds of thousands of short-lived objects and few reference cycles, and the
    # collector's default pace (a pass every 700 net allocations) was 5% of a worker's CPU (5.9 of
    # 121 ms a report, timed with gc.callbacks over 60 bench reports). Cycles are still collected,
    # only less often; what the worker inherited from the build (its imports) is set aside for good.
    gc.freeze()
    gc.set_threshold(*_WORKER_GC)
    if lower:
        try:
            os.nice(_WORKER_NICENESS)
        except (AttributeError, OSError):  # not on this platform, or not allowed: run at the same priority
            pass


_WORKER_NICENESS = 5
_WORKER_GC = (50_000, 20, 100)


def _keep(out: Path, part, loading) -> None:
    from .parts import save_part

    save_part(out, part)
    if loading is not None:
        for path in part.quad_files():
            loading.add(path)


class _NoBar:
    def update(self) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(total: int, progress: bool):
    if not progress or total < 2:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="report", desc="kg build", file=sys.stderr)


def _check_unique(parts) -> None:
    seen: dict[str, str | None] = {}
    for part in parts:
        if part.id in seen:
            raise ReportError(
                f"{part.path or 'a report'} and {seen[part.id] or 'another report'} have the same id "
                f"{part.id} (索引号): build them separately or remove one"
            )
        seen[part.id] = part.path
