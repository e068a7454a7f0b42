"""kg push and kg tasks --endpoint against kg serve itself (the Virtuoso tests do the same on a real store)."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from kg.cli import cli
from kg.engine import run_local
from kg.graph_records import NOT_REBUILT, index_from_sparql
from kg.store import load_dataset, load_index, nquads_lines
from tests.servers import running

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_records_from_sparql_are_the_index_records(built) -> None:
    """Every key of every task record comes back from the graph as index.json has it (aliases sorted)."""
    dataset = load_dataset(built)
    rebuilt = index_from_sparql(lambda text: run_local(dataset, text))["tasks"]
    assert rebuilt == comparable(load_index(built)["tasks"])


def comparable(records: list[dict]) -> list[dict]:
    """Index records as SPARQL rebuilds them: aliases sorted, mentions in text order, the keys it does not
    rebuild left out, and no entities where the build has none (before the entities feature)."""
    out = []
    for task in records:
        task = {"entities": []} | {k: v for k, v in task.items() if k not in NOT_REBUILT}
        task["units"] = [{**u, "aliases": sorted(u["aliases"])} for u in task["units"]]
        task["entities"] = [{**e, "mentions": sorted(e["mentions"], key=lambda m: (m["start"], m["end"]))}
                            for e in task["entities"]]
        out.append(task)
    return out


def test_tasks_of_a_bureau_from_an_endpoint(built, truth) -> None:
    """kg tasks --endpoint --bureau finds the bureau's tasks by SPARQL, as the local lookup does."""
    with running(built) as url:
        result = run("tasks", "--endpoint", url + "/sparql", "--bureau", "建委", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [t["number"] for t in json.loads(result.output)] == sorted(
        t["number"] for t in truth["tasks"] if "区建委" in t["units"])


def test_a_cut_answer_is_an_error_not_a_partial_list(server) -> None:
    """kg serve cuts answers at --max-results and says so; kg tasks --endpoint refuses the partial answer."""
    result = run("tasks", "--endpoint", server + "/sparql", "--format", "json")
    assert result.exit_code == 1
    assert "cut its answer at 100 rows" in result.output


def test_push_twice_replaces_the_graph(built, tmp_path) -> None:
    """Pushing into an endpoint that already holds the graph leaves it holding the graph once."""
    # A one-task report pushed into kg serve over the bundled build (rdflib parses updates slowly: keep it small).
    from kg import build
    from tests.samples import HEADER, write_report

    small = tmp_path / "small"
    build([write_report(tmp_path, HEADER + "一、推进发展\n1 推进建设。 区建委 已完成。\n")], small)
    pushed, served = set(nquads_lines(small)), set(nquads_lines(built))
    with running(built, allow_update=True) as url:
        for _ in range(2):
            result = run("push", "--graph", str(small), "--endpoint", url + "/sparql")
            assert result.exit_code == 0, result.output
            said = [int(n) for n in re.findall(r"Pushed (\d+) triples into <", result.output)]
            assert len(said) == 2 and sum(said) == len(pushed)  # the report's graph and the shared graph
        count = run("query", "-", "--endpoint", url + "/sparql", "--format", "csv", input=COUNT)
    # The shared graph is added to: what both builds say of the verdict concepts and kg is there once.
    assert len(pushed | served) < len(pushed) + len(served)
    assert count.output.splitlines() == ["n", str(len(pushed | served))]


def test_push_to_a_read_only_endpoint_is_refused(built, server) -> None:
    """kg serve without --allow-update refuses a push with 403, said plainly."""
    result = run("push", "--graph", str(built), "--endpoint", server + "/sparql")
    assert result.exit_code == 1
    assert "answered 403" in result.output and "read-only" in result.output


MENTIONED = """
@prefix kgo: <https://w3id.org/kg-cn/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix : <https://example.org/> .

:lake a kgo:Entity , kgo:Place , kgo:Jurisdiction ; skos:prefLabel "甲湖"@zh .
:firm a kgo:Entity , kgo:Company ; skos:prefLabel "乙科技有限公司"@zh .
:m1 a kgo:Mention ; kgo:mentionOf :lake ; kgo:inTask :t1 ; kgo:writtenAs "甲湖"@zh ; kgo:source :s1 .
:m2 a kgo:Mention ; kgo:mentionOf :firm ; kgo:inTask :t1 ; kgo:writtenAs "乙科技"@zh ; kgo:source :s2 .
:m3 a kgo:Mention ; kgo:mentionOf :lake ; kgo:inTask :t1 ; kgo:writtenAs "甲湖"@zh ; kgo:source :s3 .
:s1 oa:start 30 ; oa:end 32 .
:s2 oa:start 10 ; oa:end 13 .
:s3 oa:start 5 ; oa:end 7 .
"""


def test_entities_of_a_task_from_its_mention_nodes() -> None:
    """A task's entities come back by type and name, each with its mentions in text order."""
    from rdflib import Dataset

    from kg.graph_records import entities_by_task

    dataset = Dataset(default_union=True)
    dataset.parse(data=MENTIONED, format="turtle")
    assert entities_by_task(lambda text: run_local(dataset, text)) == {"https://example.org/t1": [
        {"name": "乙科技有限公司", "type": "company", "iri": "https://example.org/firm",
         "mentions": [{"text": "乙科技", "start": 10, "end": 13}]},
        {"name": "甲湖", "type": "place", "iri": "https://example.org/lake",
         "mentions": [{"text": "甲湖", "start": 5, "end": 7}, {"text": "甲湖", "start": 30, "end": 32}]},
    ]}
