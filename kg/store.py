"""Stage 4: write a build directory, and read it back.

A build directory holds:

``graph.ttl``
    every report's triples in one Turtle graph (sorted, so byte-identical on rebuild);
``graph.nq``
    the same as N-Quads, each report in its own named graph (sorted lines);
``index.json``
    the task records and report metadata, so that lookups (``kg tasks``) start
    in milliseconds without parsing RDF. Written last: it is the manifest.

Each file is written to a temporary file beside it and moved into place, and
only after the graph has been built and validated, so a failed build leaves the
previous build untouched.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import ReportError, StoreError

__all__ = ["BuildResult", "write_build", "load_index", "load_dataset", "atomic_write", "INDEX", "GRAPH_TTL", "GRAPH_NQ"]

INDEX = "index.json"
GRAPH_TTL = "graph.ttl"
GRAPH_NQ = "graph.nq"
FORMAT = 3


@dataclass(frozen=True)
class BuildResult:
    directory: Path
    reports: list[dict]
    tasks: int
    bodies: int
    triples: int
    warnings: list[str]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once: readers see the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _check_unique(reports) -> None:
    seen: dict[str, str | None] = {}
    for report in reports:
        if report.id in seen:
            raise ReportError(
                f"{report.path or 'a report'} and {seen[report.id] or 'another report'} have the same id "
                f"{report.id} (索引号): build them separately or remove one"
            )
        seen[report.id] = report.path


def write_build(reports, directory: str | Path, *, base: str | None = None, validate: bool = True) -> BuildResult:
    """Build, validate and write the graph of ``reports`` into ``directory``."""
    from .entities import report_entities
    from .graph import named_graphs, union
    from .iris import DEFAULT_BASE
    from .records import entity_records, report_record, task_record

    base = base or DEFAULT_BASE
    reports = sorted(reports, key=lambda r: r.id)
    _check_unique(reports)
    entities = {r.id: report_entities(r) for r in reports}
    graphs = named_graphs(reports, base, entities)
    everything = union(graphs.values())
    if validate:
        from .validate import check

        check(everything)
    turtle = everything.serialize(format="longturtle", encoding="utf-8")
    quads = _sorted_nquads(graphs)
    records = [task_record(r, t, base, entities[r.id]) for r in reports for t in r.tasks]
    index = {
        "format": FORMAT,
        "base": base,
        "reports": [report_record(r, base) for r in reports],
        "tasks": records,
        "entities": [e for r in reports for e in entity_records(r, entities[r.id], base)],
    }
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise StoreError(f"{directory} exists and is not a directory")
    atomic_write(directory / GRAPH_TTL, turtle)
    atomic_write(directory / GRAPH_NQ, quads)
    atomic_write(directory / INDEX, (json.dumps(index, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    bodies = {u["iri"] for rec in records for u in rec["units"]}
    return BuildResult(
        directory=directory,
        reports=index["reports"],
        tasks=len(records),
        bodies=len(bodies),
        triples=len(everything),
        warnings=[f"{r.path or r.id}: {w}" for r in reports for w in r.warnings],
    )


def _sorted_nquads(graphs: dict) -> bytes:
    """N-Quads, one named graph per report, lines sorted so that rebuilds are byte-identical."""
    lines = set()
    for name, graph in graphs.items():
        for line in graph.serialize(format="nt11").splitlines():
            if line.endswith(" ."):  # N-Triples line → N-Quads line in the report's graph
                lines.add(f"{line[:-2]} <{name}> .")
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8")


def load_index(directory: str | Path) -> dict:
    """The index of a build directory; StoreError when there is none or it is unreadable."""
    path = Path(directory) / INDEX
    if not path.is_file():
        raise StoreError(f"no graph in {directory}: run `kg build -o {directory}` first")
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise StoreError(f"{path} is unreadable ({error}); rebuild with `kg build -o {directory}`") from None
    if index.get("format") != FORMAT:
        raise StoreError(f"{path} was written by another version of kg; rebuild with `kg build -o {directory}`")
    return index


def load_dataset(directory: str | Path):
    """The built graph as an rdflib Dataset, each report in its named graph."""
    from rdflib import Dataset

    path = Path(directory) / GRAPH_NQ
    load_index(directory)
    dataset = Dataset(default_union=True)
    dataset.parse(path, format="nquads")
    return dataset
