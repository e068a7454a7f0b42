"""kg query: the library by name, files and stdin, bound parameters, formats, errors, remote endpoints."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from kg.cli import cli
from kg.engine import prepare, with_values
from kg.errors import QueryError
from kg.library import library, to_term


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def numbers(output: str) -> list[int]:
    return sorted(int(b["number"]["value"]) for b in json.loads(output)["results"]["bindings"])


def test_list_shows_every_query_with_its_questions() -> None:
    """--list names each library query with its Chinese and English question and its parameters."""
    result = run("query", "--list")
    assert result.exit_code == 0
    for query in library():
        assert query.name in result.output
        assert query.question_zh in result.output and query.question_en in result.output
    assert "--param bureau=…" in result.output


def test_named_query_with_a_parameter(built, truth) -> None:
    """tasks-of-bureau --param bureau=区建委 gives the bureau's tasks as SPARQL JSON."""
    result = run("query", "tasks-of-bureau", "--graph", str(built), "--param", "bureau=区建委", "--format", "json")
    assert result.exit_code == 0
    assert numbers(result.output) == sorted(t["number"] for t in truth["tasks"] if "区建委" in t["units"])


def test_csv_and_tsv_follow_the_sparql_results_formats(built, truth) -> None:
    """CSV has plain values under the variable names; TSV has ?variables and terms in Turtle syntax."""
    out = run("query", "bureaus-by-task-count", "--graph", str(built), "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len({u for t in truth["tasks"] for u in t["units"]})
    assert rows[0]["unitName"] == "区科产局" and rows[0]["tasks"] == "9"
    tsv = run("query", "bureaus-by-task-count", "--graph", str(built), "--format", "tsv").output.splitlines()
    assert tsv[0] == "?unit\t?unitName\t?tasks"
    assert '\t"区科产局"@zh\t' in tsv[1]


def test_table_is_the_default(built) -> None:
    """Without --format the answer is a table with a row count."""
    result = run("query", "inherited-units", "--graph", str(built))
    assert result.output.splitlines()[0].split() == ["report", "number", "task", "unitName", "fromNumber", "from"]
    assert "(13 rows)" in result.output


def test_query_from_a_file_and_from_stdin(built, tmp_path) -> None:
    """A .rq file and - (standard input) run like library queries."""
    text = "SELECT (COUNT(?t) AS ?n) WHERE { ?t a <https://w3id.org/kg-cn/ontology#Task> }"
    path = tmp_path / "count.rq"
    path.write_text(text, encoding="utf-8")
    for args, stdin in ((["query", str(path)], None), (["query", "-"], text)):
        result = run(*args, "--graph", str(built), "--format", "csv", input=stdin)
        assert result.output.splitlines() == ["n", "86"]


def test_construct_as_turtle(built) -> None:
    """A CONSTRUCT query prints Turtle."""
    text = "CONSTRUCT { ?t a ?c } WHERE { ?t a ?c ; <https://w3id.org/kg-cn/ontology#taskNumber> 16 }"
    result = run("query", "-", "--graph", str(built), "--format", "turtle", input=text)
    graph = Graph().parse(data=result.output, format="turtle")
    assert (None, None, URIRef("https://w3id.org/kg-cn/ontology#Task")) in graph


def test_turtle_is_refused_for_select(built) -> None:
    """--format turtle on a SELECT query is an error that says what to use."""
    result = run("query", "section-tree", "--graph", str(built), "--format", "turtle")
    assert result.exit_code == 1
    assert "use table, json, csv or tsv" in result.output


def test_syntax_error_shows_line_column_and_text(built) -> None:
    """A malformed query names the line and column and shows the text around it."""
    text = "PREFIX kgo: <https://w3id.org/kg-cn/ontology#>\nSELECT ?t WHERE {\n  ?t a kgo:Task ]\n}\n"
    result = run("query", "-", "--graph", str(built), input=text)
    assert result.exit_code == 1
    assert result.output.startswith("Error: -: syntax error at line ")
    assert "   3 |   ?t a kgo:Task ]" in result.output
    assert "     |                 ^" in result.output
    assert "^" in result.output


def test_missing_parameter_is_named(built) -> None:
    """A declared parameter left out is named with what it is."""
    result = run("query", "tasks-of-bureau", "--graph", str(built))
    assert result.exit_code == 1
    assert "tasks-of-bureau needs the parameter bureau" in result.output


def test_unknown_parameter_is_named(built) -> None:
    """A parameter the query does not declare is an error naming it and the declared ones."""
    result = run("query", "section-tree", "--graph", str(built), "--param", "bureau=建委")
    assert result.exit_code == 1
    assert "section-tree has no parameter bureau (its parameters: none)" in result.output


def test_default_of_an_optional_parameter(built) -> None:
    """A parameter declared with a default may be left out."""
    from kg.library import bindings_for, find_query

    assert bindings_for(find_query("tasks-involving-entity"), {"name": "x"})["type"] == Literal("entity")


def test_unknown_query_name_suggests_close_ones() -> None:
    """A misspelt library name is an error with suggestions."""
    result = run("query", "section-tre")
    assert result.exit_code == 1
    assert "section-tree" in result.output


@pytest.mark.parametrize("value, term", [
    ("<https://w3id.org/kg-cn/x>", URIRef("https://w3id.org/kg-cn/x")),
    ("https://w3id.org/kg-cn/x", URIRef("https://w3id.org/kg-cn/x")),
    ("16", Literal(16)),
    ("-2.5", Literal("-2.5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))),
    ("true", Literal(True)),
    ("区建委", Literal("区建委")),
    ("http is not an IRI", Literal("http is not an IRI")),
])
def test_values_become_typed_terms(value, term) -> None:
    """IRIs, integers, decimals and booleans are typed; other values are plain strings."""
    assert to_term(value) == term
    assert type(to_term(value)) is type(term)


def test_an_iri_that_is_not_one_is_refused() -> None:
    """<…> with a space or brace inside is an error, not an IRI."""
    with pytest.raises(QueryError, match="is not an IRI"):
        to_term("<http://x> } DROP ALL {")


def test_values_go_into_the_where_group_not_the_construct_template() -> None:
    """with_values skips comments, strings and the CONSTRUCT template when it looks for WHERE's brace."""
    text = '# a { in a comment\nCONSTRUCT { ?s ?p "{" } WHERE { ?s ?p ?name }'
    bound = with_values(text, {"name": Literal('x" } ; DROP ALL ; {')})
    assert bound.index("VALUES") > bound.index("WHERE")
    prepare(bound)
    assert 'VALUES (?name) { ("x\\" } ; DROP ALL ; {") }' in bound


def test_remote_endpoint_gives_the_local_answer(built, server) -> None:
    """kg query --endpoint on kg serve answers as the local graph does, parameters included."""
    args = ["query", "tasks-of-bureau", "--param", "bureau=建委", "--format", "json"]
    local = run(*args, "--graph", str(built)).output
    remote = run(*args, "--endpoint", server + "/sparql").output
    assert numbers(remote) == numbers(local) != []


@pytest.mark.parametrize("value", ['") } } ; DROP ALL ; SELECT * { #', 'a"""b\nc\\', "'} UNION { ?s ?p ?o } #"])
def test_malicious_values_stay_values_remotely(server, value) -> None:
    """A value crafted to break out of its literal matches nothing and changes nothing."""
    result = run("query", "tasks-of-bureau", "--param", f"bureau={value}", "--endpoint", server + "/sparql",
                 "--format", "json")
    assert result.exit_code == 0
    assert numbers(result.output) == []
    count = run("query", "-", "--endpoint", server + "/sparql", "--format", "csv",
                input="SELECT (COUNT(*) AS ?n) WHERE { ?t a <https://w3id.org/kg-cn/ontology#Task> }")
    assert count.output.splitlines() == ["n", "86"]


def test_unreachable_endpoint_is_a_clear_error() -> None:
    """An endpoint nobody listens at is an Error naming it."""
    result = run("query", "section-tree", "--endpoint", "http://127.0.0.1:9/sparql")
    assert result.exit_code == 1
    assert "cannot reach the SPARQL endpoint http://127.0.0.1:9/sparql" in result.output


def test_remote_construct_comes_back_as_a_graph(server) -> None:
    """A CONSTRUCT sent to an endpoint prints the Turtle of the graph it answers."""
    text = "CONSTRUCT { ?t a ?c } WHERE { ?t a ?c ; <https://w3id.org/kg-cn/ontology#taskNumber> 16 }"
    result = run("query", "-", "--endpoint", server + "/sparql", "--format", "turtle", input=text)
    graph = Graph().parse(data=result.output, format="turtle")
    assert (None, None, URIRef("https://w3id.org/kg-cn/ontology#Task")) in graph


def test_the_sparql_function_stays_importable_from_kg() -> None:
    """Loading the query modules does not hide kg.sparql, the Python API's query function."""
    import importlib

    for module in ("kg.engine", "kg.library", "kg.server", "kg.remote"):
        importlib.import_module(module)
    from kg import sparql

    assert callable(sparql)
