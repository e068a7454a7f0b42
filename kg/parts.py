"""One report's share of a build: its named graph, its Turtle, its index records, cached on disk.

A build is the union of its reports' parts. Each part is made from one report
alone (entities, verdicts, graph, SHACL validation), so parts can be made in
parallel (``kg build --jobs N``) and kept between builds: a part is reused while
the report file's SHA-256, the base IRI and what made it (:func:`recipe`: kg's code,
lexicons, model and shapes) are unchanged, so
adding a report to a build of a thousand parses and loads only that report.

On disk, under ``BUILD/reports/<report id>/``: ``graph.nq`` (its named graph,
lines sorted), ``shared.nq`` (what it says of things outside the report — bodies,
entities, places — in the build's shared graph, :func:`kg.iris.shared_graph`; the
same lines may be in many parts), ``graph.ttl`` (both), ``report.jsonl``, ``tasks.jsonl`` and
``entities.jsonl`` (its index records, one JSON value a line, joined by ",") and
``part.json`` (what the part was made from). ``part.json`` is written last: a
part without it is incomplete and is made again. Once saved, a part keeps only
its metadata in memory, so a build of a thousand reports streams the files, and
the build's own files are the parts' bytes joined, never parsed again.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import __version__
from .errors import ParseError
from .model import Report

__all__ = ["FILES", "PARTS", "SECTIONS", "Part", "load_parts", "make_part", "part_from_path", "save_part"]

PARTS = "reports"
_META = "part.json"
SECTIONS = ("reports", "tasks", "entities")  # index.json's record lists, in the order written
_RECORDS = {"reports": "report.jsonl", "tasks": "tasks.jsonl", "entities": "entities.jsonl"}
FILES = {"nq": "graph.nq", "shared": "shared.nq", "ttl": "graph.ttl", **_RECORDS}  # a part's files by kind


@dataclass
class Part:
    """What one report contributes to a build."""

    id: str
    sha256: str  # of the report file's bytes
    path: str | None
    base: str
    graph: str  # IRI of its named graph
    index: dict | None  # {"report": …, "tasks": […], "entities": […]}; None once saved (see records())
    triples: int
    tasks: int
    bodies: list[str]  # IRIs of its responsible units
    warnings: list[str]
    validated: bool = True  # its graph was checked against ontology/shapes.ttl
    fresh: bool = True  # made in this build (False: read from the cache)
    quads: bytes = b""  # N-Quads of its named graph, lines sorted (read from disk when needed)
    shared: bytes = b""  # N-Quads of its lines in the shared graph, sorted
    turtle: bytes = b""
    directory: Path | None = field(default=None, compare=False)

    def file(self, which: str) -> Path:
        """The saved part's ``graph.nq``, ``shared.nq``, ``graph.ttl`` or the records of one of :data:`SECTIONS`."""
        return self.directory / FILES[which]

    def quad_files(self) -> list[Path]:
        """Its N-Quads files: its named graph's, and its lines of the shared graph."""
        return [self.file("nq"), self.file("shared")]

    def records(self) -> dict:
        """Its index records, read from disk when the part was saved."""
        if self.index is None:
            read = {key: json.loads(b"[" + self.file(key).read_bytes() + b"]") for key in SECTIONS}
            return {"report": read["reports"][0], "tasks": read["tasks"], "entities": read["entities"]}
        return self.index


def make_part(report: Report, base: str, validate: bool = True) -> Part:
    """Recognise, judge, build and validate one report; everything a build needs from it."""
    from .entities import report_entities
    from .graph import report_ntriples
    from .iris import Minter
    from .records import entity_records, report_record, task_record

    entities = report_entities(report)
    lines = report_ntriples(report, base, entities)
    if validate:
        from .validate import check_ntriples

        check_ntriples(lines)
    minter = Minter(report.id, report.jurisdiction or report.id, base)
    own, shared = _split(lines, str(minter.report))
    tasks = [task_record(report, t, base, entities) for t in report.tasks]
    return Part(
        id=report.id,
        sha256=report.sha256,
        path=report.path,
        base=base,
        graph=str(minter.graph),
        index={
            "report": report_record(report, base),
            "tasks": tasks,
            "entities": entity_records(report, entities, base),
        },
        triples=lines.count(b"\n"),
        tasks=len(tasks),
        bodies=sorted({u["iri"] for t in tasks for u in t["units"]}),
        warnings=[f"{report.path or report.id}: {w}" for w in report.warnings],
        validated=validate,
        quads=_nquads(own, str(minter.graph)),
        shared=_nquads(shared, str(minter.shared_graph)),
        turtle=_turtle(lines),
    )


def part_from_path(path: str, base: str, jurisdiction: str | None, strict: bool, validate: bool) -> Part:
    """Parse the report at ``path`` and make its part (the unit of work of ``--jobs``)."""
    from .report import load_report

    report = load_report(path, jurisdiction=jurisdiction)
    if strict and report.warnings:
        first = report.warnings[0]
        raise ParseError(
            f"{first.message} (and {len(report.warnings) - 1} more warnings; --strict treats warnings as errors)",
            path=report.path, line=first.line, task=first.task,
        )
    return make_part(report, base, validate)


def _split(ntriples: bytes, report: str) -> tuple[bytes, bytes]:
    """The lines whose subject is the report or one of its parts (IRIs under ``report``/), and the others.

    kg mints no blank nodes and N-Triples IRIs hold no spaces, so a line's subject is all before its first space.
    """
    own, shared = [], []
    exact, under = f"<{report}> ".encode("utf-8"), f"<{report}/".encode("utf-8")
    for line in ntriples.splitlines(keepends=True):
        (own if line.startswith(exact) or line.startswith(under) else shared).append(line)
    return b"".join(own), b"".join(shared)


def _nquads(ntriples: bytes, name: str) -> bytes:
    """The triples in the named graph ``name``, in the same (sorted) order: byte-identical on rebuild."""
    suffix = f" <{name}> .".encode("utf-8")
    return b"".join(line[:-2] + suffix + b"\n" for line in ntriples.splitlines())


def _turtle(ntriples: bytes) -> bytes:
    """Turtle of the sorted triples, with kg's prefixes (pyoxigraph writes it, fast)."""
    import pyoxigraph as ox

    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_prefixes())


@cache
def _prefixes() -> dict[str, str]:
    """The prefixes of a kg graph (rdflib's defaults and kg's own), sorted."""
    from rdflib import Graph

    from .graph import bind_prefixes

    found = {prefix: str(namespace) for prefix, namespace in bind_prefixes(Graph()).namespaces() if prefix}
    return dict(sorted(found.items()))


# ------------------------------------------------------------------ the cache


def save_part(build: Path, part: Part) -> None:
    """Write ``part`` under ``build/reports/<id>/``, its metadata last."""
    from .store import atomic_write

    directory = build / PARTS / part.id
    atomic_write(directory / FILES["nq"], part.quads)
    atomic_write(directory / FILES["shared"], part.shared)
    atomic_write(directory / FILES["ttl"], part.turtle)
    rows = {"reports": [part.index["report"]], "tasks": part.index["tasks"], "entities": part.index["entities"]}
    for key in SECTIONS:
        atomic_write(directory / FILES[key], b",\n".join(_json(row) for row in rows[key]))
    meta = {"kg": __version__, "recipe": recipe(), "id": part.id, "sha256": part.sha256, "path": part.path, "base": part.base,
            "graph": part.graph, "triples": part.triples, "tasks": part.tasks, "bodies": part.bodies,
            "warnings": part.warnings, "validated": part.validated}
    atomic_write(directory / _META, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
    part.directory, part.quads, part.shared, part.turtle, part.index = directory, b"", b"", b"", None


@cache
def recipe() -> str:
    """A fingerprint of what makes a part: kg's modules, its lexicons and model, the SHACL shapes, and
    the versions of the libraries whose output goes into it (jieba's words, crfsuite's tags,
    pyoxigraph's Turtle).

    kg's version number alone would keep the parts of an older recogniser: a model trained again or
    a rule mended changes what a report's part holds, and a build must not mix the two.
    """
    import hashlib
    from importlib import metadata

    from .lexicon import resource_path

    digest = hashlib.sha256()
    code = sorted(Path(__file__).parent.glob("*.py"))
    data = sorted(p for p in resource_path("data").iterdir() if p.suffix in (".tsv", ".crfsuite"))
    for path in [*code, *data, resource_path("ontology", "shapes.ttl")]:
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    for package in ("jieba", "python-crfsuite", "pyoxigraph"):
        try:
            digest.update(f"{package}={metadata.version(package)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=?\0".encode())
    return digest.hexdigest()


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def load_parts(build: Path, base: str) -> dict[str, Part]:
    """The parts cached in ``build`` that this kg can reuse with ``base``, by report id (graph files not read)."""
    found: dict[str, Part] = {}
    for meta_path in sorted((build / PARTS).glob(f"*/{_META}")):
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # an unreadable part is made again
        if meta.get("recipe") != recipe() or meta.get("base") != base:
            continue
        found[meta["id"]] = Part(meta["id"], meta["sha256"], meta["path"], meta["base"], meta["graph"],
                                 None, meta["triples"], meta["tasks"], meta["bodies"], meta["warnings"],
                                 meta.get("validated", False), fresh=False, directory=meta_path.parent)
    return found


def drop_stale(build: Path, keep: set[str]) -> None:
    """Remove cached parts of reports no longer in the build."""
    for directory in (build / PARTS).glob("*"):
        if directory.is_dir() and directory.name not in keep:
            shutil.rmtree(directory, ignore_errors=True)
