"""A real triple server: the build pushed into Virtuoso answers every library query as the local store does.

Virtuoso (Debian package virtuoso-opensource, installed by .ci/run) is started
for this module in a temporary directory on free loopback ports. Without it
the tests are skipped.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.engine import run_query
from kg.library import library
from kg.store import load_index, nquads_lines
from tests.servers import running_virtuoso
from tests.test_push import comparable

pytestmark = pytest.mark.skipif(shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None,
                                reason="Virtuoso is not installed (apt-get install virtuoso-opensource; .ci/run does)")

# Parameters for the library queries that need one; a new query with a parameter must be added here.
PARAMS = {
    "tasks-of-bureau": {"bureau": "建委"},
    "tasks-involving-entity": {"name": "华中金融城"},
    "entity": {"name": "华中金融城"},
}

@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory) -> str:
    """A Virtuoso of our own, its SPARQL user allowed to update; yields the base URL."""
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as base:
        yield base


@pytest.fixture(scope="module")
def pushed(virtuoso, built) -> str:
    """The bundled build pushed (twice: the second push must replace, not add); the SPARQL endpoint."""
    endpoint = virtuoso + "/sparql"
    for _ in range(2):
        result = CliRunner().invoke(cli, ["push", "--graph", str(built), "--endpoint", endpoint])
        assert result.exit_code == 0, result.output
    return endpoint


def plain_rows(result) -> Counter:
    """Rows as tuples of plain values (a store may give datatypes and language tags its own way)."""
    return Counter(tuple("" if term is None else str(term) for term in row) for row in result)


def test_push_replaces_the_named_graph(pushed, built) -> None:
    """After two pushes the report's named graph and the shared graph hold the build's triples once."""
    from kg.iris import shared_graph

    index = load_index(built)
    local = Counter(line.rpartition(" ")[0].rpartition(" ")[2] for line in nquads_lines(built))
    for graph in (index["reports"][0]["iri"].replace("/report/", "/graph/"), str(shared_graph(index["base"]))):
        count = run_query_text(pushed, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        assert int(count) == local[f"<{graph}>"] > 0


def run_query_text(endpoint: str, text: str) -> str:
    from kg.engine import run_remote

    return str(next(iter(run_remote(endpoint, text)))[0])


@pytest.mark.parametrize("name", [q.name for q in library()])
def test_library_query_answers_the_same_in_virtuoso(pushed, built, name) -> None:
    """Every library query gives the same rows in Virtuoso as on the embedded store."""
    params = PARAMS.get(name, {})
    local = plain_rows(run_query(name, params, graph=built))
    remote = plain_rows(run_query(name, params, endpoint=pushed))
    assert remote == local


def test_tasks_from_virtuoso_match_the_index(pushed, built) -> None:
    """kg tasks --endpoint rebuilds the same task records from Virtuoso as index.json holds."""
    import json

    runner = CliRunner()
    remote = json.loads(runner.invoke(cli, ["tasks", "--endpoint", pushed, "--format", "json"]).output)
    local = json.loads(runner.invoke(cli, ["tasks", "--graph", str(built), "--format", "json"]).output)
    assert remote == comparable(local)
    bureau = runner.invoke(cli, ["tasks", "--endpoint", pushed, "--bureau", "建委", "--format", "json"])
    assert [t["number"] for t in json.loads(bureau.output)] == [16, 35, 36, 37, 38, 40, 41]


def test_graph_store_push_with_digest_auth(virtuoso, built) -> None:
    """The authenticated Graph Store endpoint takes a PUT of the build into the graph named on the command line."""
    result = CliRunner().invoke(cli, ["push", "--graph", str(built), "--endpoint", virtuoso + "/sparql-graph-crud-auth",
                                      "--protocol", "graph-store", "--user", "dba", "--password", "dba",
                                      "--graph-iri", "urn:kg:test:gsp"])
    assert result.exit_code == 0, result.output
    count = run_query_text(virtuoso + "/sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:kg:test:gsp> { ?s ?p ?o } }")
    assert int(count) == len(list(nquads_lines(built)))


def test_wrong_password_is_a_clear_error(virtuoso, built) -> None:
    """A refused login is an Error naming the endpoint and the status."""
    result = CliRunner().invoke(cli, ["push", "--graph", str(built), "--endpoint", virtuoso + "/sparql-graph-crud-auth",
                                      "--protocol", "graph-store", "--user", "dba", "--password", "wrong"])
    assert result.exit_code == 1
    # Virtuoso answers 401, or drops the connection while the body is still being sent.
    assert "answered 401" in result.output or "check --user and --password" in result.output
