"""Verdicts in the build: task records, kg tasks --status, kg scorecard, the graph, the shapes and the queries."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from kg import find_tasks, scorecard, sparql
from kg.cli import cli
from kg.errors import LookupFailed
from kg.graph import report_graph
from kg.iris import KGO
from kg.lexicon import resource_path
from kg.validate import validate

TARGET_KEYS = {"indicator", "comparator", "target", "actual", "ratio", "met", "evidence"}
JIANWEI = URIRef("https://w3id.org/kg-cn/org/武昌区/区建委")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_records_have_status_and_targets_with_the_contract_keys(built) -> None:
    """Every task record has a status and targets with exactly the documented keys (and value/unit pairs)."""
    tasks = json.loads(run("tasks", "--graph", str(built), "--format", "json").output)
    assert {t["status"] for t in tasks} <= {"met", "partly_met", "not_met", "cancelled", "deferred", "qualitative"}
    targets = [x for t in tasks for x in t["targets"]]
    assert targets and all(TARGET_KEYS <= set(x) for x in targets)
    for x in targets:
        assert {"value", "unit"} <= set(x["target"])
        assert x["actual"] is None or {"value", "unit"} <= set(x["actual"])
        assert (x["actual"] is None) == (x["met"] is None) == (x["evidence"] is None)
    task3 = next(t for t in tasks if t["number"] == 3)
    assert task3["status"] == "not_met"
    assert (task3["targets"][0]["target"]["value"], task3["targets"][0]["target"]["unit"]) == (300, "亿元")


def test_evidence_offsets_cite_the_published_text(built, report) -> None:
    """Each evidence passage, each figure and each cancelling or deferring sentence is report.text[start:end]."""
    tasks = find_tasks(built)
    reasons = {t["number"]: t["status_evidence"] for t in tasks if t["status_evidence"]}
    assert sorted(reasons) == [53, 57] and "暂缓实施" in reasons[53]["text"]
    for part in reasons.values():
        assert report.text[part["start"]:part["end"]] == part["text"]
    for task in tasks:
        for target in task["targets"]:
            for part in (target["evidence"], target["target"], target["actual"]):
                if part is not None:
                    assert report.text[part["start"]:part["end"]] == part["text"]


def test_tasks_by_status(built) -> None:
    """kg tasks --status lists the tasks with that verdict; --bureau narrows them."""
    not_met = json.loads(run("tasks", "--graph", str(built), "--status", "not_met", "--format", "json").output)
    assert [t["number"] for t in not_met] == [3, 7]
    both = json.loads(run("tasks", "--graph", str(built), "--status", "partly_met", "--bureau", "建委",
                          "--format", "json").output)
    assert [t["number"] for t in both] == [41]
    assert [t["number"] for t in find_tasks(built, status="cancelled")] == [57]


def test_unknown_status_is_refused(built) -> None:
    """The CLI offers the six verdicts; the API names them in its error."""
    result = run("tasks", "--graph", str(built), "--status", "done")
    assert result.exit_code == 2 and "'not_met'" in result.output
    with pytest.raises(LookupFailed, match="verdicts are met, partly_met"):
        find_tasks(built, status="done")


def test_scorecard_agrees_with_the_sparql_query(built) -> None:
    """kg scorecard's counts are what queries/verdicts-by-bureau.rq counts in the graph."""
    query = resource_path("queries", "verdicts-by-bureau.rq").read_text(encoding="utf-8")
    counted = {(str(row.bureau), str(row.verdict)): int(row.tasks) for row in sparql(built, query)}
    card = scorecard(built)
    expected = {(s.iri, k): n for s in card for k, n in s.counts.items() if n}
    assert counted == expected
    assert sum(s.tasks for s in card) >= 86


def test_scorecard_lists_worst_misses_first(built) -> None:
    """区建委's worst miss is the land sold (214.98亩 of 426亩), then the parcels (9宗 of 14宗)."""
    jianwei = next(s for s in scorecard(built) if s.name == "区建委")
    assert [(m.task, m.actual, m.target) for m in jianwei.worst] == [(41, "214.98亩", "426亩"), (41, "9宗", "14宗")]
    assert jianwei.counts["partly_met"] == 1 and jianwei.tasks == 7


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_scorecard_command_formats(built, fmt) -> None:
    """kg scorecard prints a table, JSON or CSV with one row per bureau."""
    result = run("scorecard", "--graph", str(built), "--format", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        assert {"name", "iri", "tasks", "counts", "worst"} <= set(json.loads(result.output)[0])
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.output)))
        assert rows[0]["bureau"] and set(rows[0]) >= {"met", "not_met", "worst_misses"}
    else:
        assert "区科产局" in result.output and "未达目标" in result.output


def test_scorecard_without_a_build(tmp_path) -> None:
    """A missing build directory is an Error, not a traceback."""
    result = run("scorecard", "--graph", str(tmp_path / "none"))
    assert result.exit_code == 1 and "Error: no graph in" in result.output


def test_targets_not_met_query_worst_first(built) -> None:
    """queries/targets-not-met.rq returns targets met false, ratio ascending; ?bureau narrows it."""
    query = resource_path("queries", "targets-not-met.rq").read_text(encoding="utf-8")
    rows = list(sparql(built, query))
    ratios = [float(r.ratio) for r in rows]
    assert ratios == sorted(ratios) and all(r < 1 for r in ratios)
    assert len(rows) == sum(1 for t in find_tasks(built) for x in t["targets"] if x["met"] is False)
    mine = list(sparql(built, query, bureau=JIANWEI))
    assert [(int(r.taskNumber), str(r.actual)) for r in mine] == [(41, "214.98亩"), (41, "9宗")]


def test_graph_has_status_targets_and_quantities(report) -> None:
    """Task 37 is met; its target is 2300 (count, 个) and its actual 2823."""
    graph = report_graph(report)
    task = next(graph.subjects(KGO.taskNumber, Literal(37)))
    assert graph.value(task, KGO.status) == KGO.Met
    target = graph.value(task, KGO.target)
    assert graph.value(target, KGO.met).toPython() is True
    actual = graph.value(target, KGO.actualValue)
    qudt = URIRef("http://qudt.org/schema/qudt/numericValue")
    assert float(graph.value(actual, qudt)) == 2823
    assert str(graph.value(actual, KGO.countingWord)) == "个"
    assert len(set(graph.objects(None, KGO.status))) <= 6
    assert all(graph.value(t, KGO.status) is not None for t in graph.subjects(KGO.taskNumber, None))


def test_shapes_reject_a_target_without_its_value(report) -> None:
    """A kgo:Target needs its target quantity; a judged target needs its actual."""
    graph = report_graph(report)
    target = next(graph.subjects(KGO.met, None))
    graph.remove((target, KGO.targetValue, None))
    conforms, text = validate(graph)
    assert not conforms and "targetValue" in text
    graph = report_graph(report)
    graph.remove((target, KGO.actualValue, None))
    assert not validate(graph)[0]


def test_a_build_without_verdicts_asks_for_a_rebuild(tmp_path) -> None:
    """An index written before verdicts existed gives a clear error, not a KeyError."""
    (tmp_path / "index.json").write_text(json.dumps({"format": 1, "tasks": [{"number": 1, "units": []}]}))
    for args in (["tasks", "--status", "met"], ["scorecard"]):
        result = run(*args, "--graph", str(tmp_path))
        assert result.exit_code == 1 and "written by another version of kg; rebuild" in result.output


def test_findings_of_the_verdict_check_are_in_the_graph(report) -> None:
    """Task 6 claims 13 new high-tech companies but names one of them twice: a kgo:Finding about task 6."""
    graph = report_graph(report)
    task6 = next(graph.subjects(KGO.taskNumber, Literal(6)))
    messages = [str(graph.value(f, KGO.message)) for f in graph.subjects(KGO.aboutTask, task6)]
    assert any("武汉爱信热能系统有限公司" in m and "12 distinct" in m for m in messages)


def test_scorecard_tells_bureaus_of_two_places_apart(tmp_path, report_path) -> None:
    """Two reports of different districts: 区发改委 of each is its own row, labelled with its place."""
    from kg import build

    other = tmp_path / "other.txt"
    other.write_text(report_path.read_text(encoding="utf-8").replace("武昌区", "洪山区").replace(
        "007482532-03-2017-1815155", "007482532-03-2017-0000001"), encoding="utf-8")
    build([report_path, other], tmp_path / "b")
    output = run("scorecard", "--graph", str(tmp_path / "b")).output
    assert "区发改委 (武昌区)" in output and "区发改委 (洪山区)" in output
