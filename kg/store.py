"""Stage 4: write a build directory, and read it back.

A build directory holds:

``graph.ttl``
    every report's triples in one Turtle graph (sorted, so byte-identical on rebuild);
``index.json``
    the task records and report metadata, so that lookups (``kg tasks``) start
    in milliseconds without parsing RDF. Written last: it is the manifest;
``oxigraph/``
    the default store (Oxigraph, on disk), which queries run on;
``reports/<id>/``
    each report's part (:mod:`kg.parts`), reused while the report is unchanged;
    its ``graph.nq`` is the report's named graph as N-Quads (:func:`nquads_files`),
    its ``shared.nq`` its lines of the shared graph (:func:`kg.iris.shared_graph`:
    bodies, entities and places, which many reports describe alike).
    ``kg export --format nq`` joins them into one file, each line once. The build keeps no joined
    copy: at a thousand reports it is a gigabyte to rewrite each time a report is added.

Each file is written to a temporary file beside it and moved into place, and
only after the graph has been built and validated, so a failed build leaves the
previous build untouched.
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError

__all__ = ["BuildResult", "write_build", "load_index", "load_dataset", "atomic_write", "INDEX", "GRAPH_TTL", "GRAPH_NQ", "load_index_head",
           "nquads_files", "nquads_lines", "shared_nquads", "join_files",
           "atomic_stream", "append_files"]

INDEX = "index.json"
GRAPH_TTL = "graph.ttl"
GRAPH_NQ = "graph.nq"
FORMAT = 4  # 4: the shared graph; the store's default graph is empty


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
    with atomic_stream(path) as out:
        out.write(data)


def write_build(parts, directory: str | Path, *, base: str, store: str = "oxigraph",
                previous: dict[str, str] | None = None, loading=None) -> BuildResult:
    """Write the build of ``parts`` (:class:`kg.parts.Part`, one per report) into ``directory``.

    ``previous``: the named graphs (by report id) the build's store held before;
    given, only the graphs of parts made anew are replaced in the store.
    ``loading``: a :class:`kg.oxstore.FreshStore` that already holds every part's graph
    (loaded while the parts were made); it is finished and becomes the build's store.
    graph.ttl is the parts' Turtle joined in report-id order, streamed, so the
    same reports give byte-identical files however they were added;
    ``index.json``, the manifest, is written last.
    """
    from .parts import drop_stale, save_part

    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise StoreError(f"{directory} exists and is not a directory")
    parts = sorted(parts, key=lambda p: p.id)
    for part in parts:
        if part.directory is None:
            save_part(directory, part)
    made = [p for p in parts if p.id not in (previous or {}) or p.fresh]
    if loading is not None:
        loading.finish()
    else:
        _write_store(directory, parts, made, store, previous)
    (directory / GRAPH_NQ).unlink(missing_ok=True)  # written by kg before 0.2; now the parts hold it
    join_files(directory / GRAPH_TTL, [p.file("ttl") for p in parts], b"\n")
    summary = _write_index(directory / INDEX, parts, base, store)
    drop_stale(directory, {p.id for p in parts})
    return BuildResult(directory=directory, warnings=[w for p in parts for w in p.warnings],
                       triples=sum(p.triples for p in parts), **summary)


@contextmanager
def atomic_stream(path: Path):
    """A binary file to write in pieces, in place of ``path`` only when the writing finished."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # here, not at the top: lookups (kg tasks) import this module and never write

    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def join_files(path: Path, sources: list[Path], separator: bytes) -> None:
    """``path`` made of ``sources`` joined by ``separator``."""
    with atomic_stream(path) as out:
        append_files(out, sources, separator)


def append_files(out, sources: list[Path], separator: bytes) -> None:
    """Append ``sources`` to the open file ``out``, joined by ``separator``, empty ones skipped.

    The bytes are copied by the kernel (copy_file_range) where it can: a thousand
    reports' union is a gigabyte, and Python need not see it.
    """
    first = True
    for source in sources:
        size = source.stat().st_size
        if not size:
            continue
        if not first:
            out.write(separator)
        first = False
        out.flush()
        with source.open("rb") as data:
            _copy(data, out, size)


def _copy(source, target, size: int) -> None:
    """Append ``size`` bytes of ``source`` to ``target`` (both files, ``target`` flushed)."""
    start = target.tell()
    try:
        done = 0
        while done < size:
            sent = os.copy_file_range(source.fileno(), target.fileno(), size - done)
            if not sent:
                break
            done += sent
        if done == size:
            target.seek(0, os.SEEK_END)
            return
    except (AttributeError, OSError):  # no copy_file_range here (or across these file systems)
        pass
    target.seek(start)  # copy it all again, in Python, over whatever part the kernel copied
    target.truncate()
    source.seek(0)
    import shutil

    shutil.copyfileobj(source, target, 1 << 20)
    target.flush()


def _write_index(path: Path, parts, base: str, store: str) -> dict:
    """index.json, one record a line: the parts' record files joined; what the build summary says of it."""
    from .parts import SECTIONS

    def line(value) -> bytes:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")

    with atomic_stream(path) as out:
        out.write(b'{"format": ' + line(FORMAT) + b', "base": ' + line(base) + b', "store": ' + line(store))
        for key in SECTIONS:
            out.write(b',\n"' + key.encode() + b'": [\n')
            append_files(out, [p.file(key) for p in parts], b",\n")
            out.write(b"\n]")
        out.write(b"\n}\n")
    reports = [json.loads(p.file("reports").read_bytes()) for p in parts]
    return {"reports": reports, "tasks": sum(p.tasks for p in parts),
            "bodies": len({iri for p in parts for iri in p.bodies})}


def _write_store(directory: Path, parts, made, store: str, previous: dict[str, str] | None) -> None:
    """Bring the Oxigraph store up to date: in place when some reports changed, anew otherwise."""
    from . import oxstore
    from .iris import shared_graph

    if store == "memory":
        import shutil

        shutil.rmtree(directory / oxstore.STORE_DIR, ignore_errors=True)
        return
    if needs_fresh_store(directory, previous):
        oxstore.replace_store(directory, [path for p in parts for path in p.quad_files()])
        return
    current = {p.id for p in parts}
    removed = [graph for report, graph in previous.items() if report not in current]
    replaced = [p.graph for p in made if p.id in previous]
    if removed or made:
        shared = (str(shared_graph(parts[0].base)), [p.file("shared") for p in parts]) if removed or replaced else None
        oxstore.update_graphs(directory, removed + replaced, [path for p in made for path in p.quad_files()], shared)


def needs_fresh_store(directory: Path, previous: dict[str, str] | None) -> bool:
    """Whether the build's Oxigraph store is made anew rather than updated in place."""
    from .oxstore import STORE_DIR

    return previous is None or not (directory / STORE_DIR).is_dir()


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


def load_index_head(directory: str | Path) -> dict:
    """The index's format, base, store and reports, without reading its (long) task and entity lists.

    index.json is written one record a line with the reports first (:func:`_write_index`),
    so the head ends at the first line that closes a list.
    """
    path = Path(directory) / INDEX
    lines = []
    try:
        with path.open("rb") as data:
            for line in data:
                if line.rstrip().rstrip(b",") == b"]":
                    head = json.loads(b"".join(lines) + b"]}")
                    if head.get("format") == FORMAT and isinstance(head.get("reports"), list):
                        return head
                    break
                lines.append(line)
    except (OSError, ValueError):
        pass
    return load_index(directory)  # not in the streamed layout: read it whole (and report what is wrong)


def nquads_files(directory: str | Path, which: str = "nq") -> list[Path]:
    """Each report's named graph as N-Quads (``which="shared"``: its lines of the shared graph), in
    report-id order: the build's dataset, file by file."""
    from .parts import FILES, PARTS

    index = load_index_head(directory)
    files = [Path(directory) / PARTS / report["id"] / FILES[which] for report in index["reports"]]
    missing = [f for f in files if not f.is_file()]
    if missing:
        raise StoreError(f"{missing[0]} is missing; rebuild with `kg build --fresh -o {directory}`")
    return sorted(files, key=lambda f: f.parent.name)


def shared_nquads(directory: str | Path) -> bytes:
    """The shared graph as N-Quads: the parts' lines of it, each once, sorted."""
    lines = set()
    for path in nquads_files(directory, "shared"):
        lines.update(path.read_bytes().splitlines())
    lines.discard(b"")
    return b"".join(line + b"\n" for line in sorted(lines))


def nquads_lines(directory: str | Path):
    """The N-Quads lines of the whole build (str, no newline): report by report, then the shared graph."""
    for path in nquads_files(directory):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield line.rstrip("\n")
    yield from shared_nquads(directory).decode("utf-8").splitlines()


def load_dataset(directory: str | Path, store: str | None = None):
    """The built graph as an rdflib Dataset: each report in its named graph, what reports state alike in
    the shared graph (:func:`kg.iris.shared_graph`), and the default graph their union.

    By default the build's own store: Oxigraph on disk (read-only) when the
    build has one, else rdflib's memory store loaded from the reports' N-Quads.
    ``store="memory"`` asks for the pure-Python memory store in any case.
    """
    from . import oxstore

    index = load_index(directory)
    if (store or index.get("store")) == "oxigraph" and (Path(directory) / oxstore.STORE_DIR).is_dir():
        return oxstore.open_read_only(Path(directory))
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    for path in nquads_files(directory):
        dataset.parse(path, format="nquads")
    dataset.parse(data=shared_nquads(directory), format="nquads")
    return dataset
