"""Small reports in the layout of the genre, written for one test each."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path


def write_report(tmp_path: Path, body: str, *, name: str = "report.txt", encoding: str = "utf-8") -> Path:
    """Write a small report for a test: ``body`` is the text, in the layout of the genre."""
    path = tmp_path / name
    path.write_bytes(body.encode(encoding))
    return path


HEADER = (
    "名  称: 2018年区《政府工作报告》确定的主要任务完成情况 发布机构: 区政府办公室\n"
    "索 引 号: 000000000-01-2019-0000001\n"
    "公开日期: 2019年01月15日\n"
    "2018年区《政府工作报告》确定的主要任务完成情况\n"
    "重点工作项目 项目要求 责任单位 工作完成情况\n"
)


def without_entities_and_verdicts(graph):
    """``graph`` with no mentions, verdicts or entities other than responsible units: a build before issues 3 and 4."""
    from rdflib.namespace import RDF

    from kg.iris import KGO

    units = set(graph.objects(None, KGO.responsibleUnit))
    for entity in set(graph.subjects(RDF.type, KGO.Entity)) - units:
        graph.remove((entity, None, None))
    graph.remove((None, KGO.mentions, None))
    graph.remove((None, KGO.status, None))
    return graph


def overview_iris(directory) -> set[str]:
    """Nodes the overview of a build must show, from index.json and the RDF's kgo:Entity types alone.

    Tasks, their units, the entities their records name, and any other kgo:Entity.
    """
    import json

    from rdflib.namespace import RDF

    from kg.iris import KGO
    from kg.store import load_dataset

    index = json.loads((Path(directory) / "index.json").read_text(encoding="utf-8"))
    iris = {t["iri"] for t in index["tasks"]}
    iris |= {u["iri"] for t in index["tasks"] for u in t["units"]}
    iris |= {e["iri"] for t in index["tasks"] for e in t.get("entities", [])}
    return iris | {str(e) for e in load_dataset(directory).subjects(RDF.type, KGO.Entity)}


def add_entities_and_verdicts(graph):
    """Hand-written entity and verdict triples (the shapes of issues 3 and 4) on tasks 16-18 of ``graph``.

    Whatever entities and verdicts ``graph`` had are removed first, so the
    tests see exactly these. Adds a project and a place (kgo:Entity with type class, labels, an alias),
    the place inside a wider place, mentions from tasks 16 and 17, and verdicts
    kgo:Met (with its notation) on 16 and kgo:PartlyMet (without) on 17.
    Returns ``(project, place, tasks by number)``.
    """
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, RDFS, SDO, SKOS

    from kg.iris import KGO

    project = URIRef("https://example.org/entity/工程设计联盟大厦")
    place = URIRef("https://example.org/entity/武昌滨江")
    wider = URIRef("https://example.org/entity/武昌")
    without_entities_and_verdicts(graph)
    tasks = {int(graph.value(t, KGO.taskNumber)): t for t in graph.subjects(RDF.type, KGO.Task)}
    for node, cls, label, aliases in (
        (project, KGO.Project, "武汉工程设计联盟大厦", ["工程设计联盟大厦"]),
        (place, KGO.Place, "武昌滨江商务区", ["滨江商务区"]),
        (wider, KGO.Place, "武昌", []),
    ):
        graph.add((node, RDF.type, KGO.Entity))
        graph.add((node, RDF.type, cls))
        graph.add((node, SKOS.prefLabel, Literal(label, lang="zh")))
        graph.add((node, RDFS.label, Literal(label, lang="zh")))
        for alias in aliases:
            graph.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
    graph.add((place, SDO.containedInPlace, wider))
    graph.add((tasks[16], KGO.mentions, project))
    graph.add((tasks[16], KGO.mentions, place))
    graph.add((tasks[17], KGO.mentions, place))
    graph.add((tasks[16], KGO.status, KGO.Met))
    graph.add((tasks[17], KGO.status, KGO.PartlyMet))
    graph.add((KGO.Met, SKOS.notation, Literal("met")))  # PartlyMet has no notation: read from its name
    return project, place, tasks


@cache
def load_corpus():
    """bench/corpus.py, the synthetic corpus generator, as a module (bench/ is not a package)."""
    path = Path(__file__).resolve().parent.parent / "bench" / "corpus.py"
    spec = importlib.util.spec_from_file_location("kg_bench_corpus", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def write_corpus_reports(directory: Path, numbers, seed: int = 0) -> list[Path]:
    """Synthetic reports ``numbers`` of the corpus of ``seed``, written into ``directory``."""
    corpus = load_corpus()
    paths = []
    for i in numbers:
        text, truth = corpus.generate_report(i, seed)
        path = directory / f"report-{i:05d}.txt"
        path.write_bytes(text.encode(truth["encoding"]))
        paths.append(path)
    return paths
