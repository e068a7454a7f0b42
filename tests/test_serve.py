"""kg serve: the SPARQL 1.1 Protocol endpoint as real clients see it, the query page, resource pages."""

from __future__ import annotations

import csv
import io
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.query import Result
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from kg import build
from kg.pages import resource_page
from kg.resource import Description
from kg.server import ServerSettings
from tests.samples import HEADER, write_report
from tests.servers import running

TASKS = "PREFIX kgo: <https://w3id.org/kg-cn/ontology#> SELECT ?task ?n WHERE { ?task a kgo:Task ; kgo:taskNumber ?n }"
TASK_16 = "https://w3id.org/kg-cn/report/007482532-03-2017-1815155/task/16"


def fetch(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """Status, headers and body of a request, errors included."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def form(**fields) -> bytes:
    return urllib.parse.urlencode(fields).encode("utf-8")


def client(server: str, query: str, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server + "/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def test_sparqlwrapper_gets_every_task_as_json(server, truth) -> None:
    """A SPARQL client gets the 86 task numbers of the report in SPARQL JSON."""
    answer = client(server, TASKS, JSON).queryAndConvert()
    numbers = sorted(int(b["n"]["value"]) for b in answer["results"]["bindings"])
    assert numbers == sorted(t["number"] for t in truth["tasks"])


@pytest.mark.parametrize("fmt", [XML, CSV, TSV])
def test_other_results_formats(server, truth, fmt) -> None:
    """XML, CSV and TSV results parse back to the same 86 rows."""
    body = client(server, TASKS, fmt).query().response.read()
    if fmt == CSV:
        rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
        assert len(rows) == len(truth["tasks"])
        assert rows[0].keys() == {"task", "n"}
    else:
        result = Result.parse(io.BytesIO(body), format={XML: "xml", TSV: "tsv"}[fmt])
        assert len(result) == len(truth["tasks"])


def test_construct_comes_as_turtle(server) -> None:
    """A CONSTRUCT answer is Turtle that parses into the graph asked for."""
    query = f"CONSTRUCT {{ <{TASK_16}> ?p ?o }} WHERE {{ <{TASK_16}> ?p ?o }}"
    graph = client(server, query, TURTLE).queryAndConvert()
    graph = graph if isinstance(graph, Graph) else Graph().parse(data=graph, format="turtle")
    assert (URIRef(TASK_16), URIRef("https://w3id.org/kg-cn/ontology#taskNumber"), Literal(16)) in graph


def test_post_with_a_sparql_query_body(server) -> None:
    """POST application/sparql-query works as the protocol says."""
    status, headers, body = fetch(server + "/sparql", b"ASK { ?s ?p ?o }",
                                  {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert (status, json.loads(body)["boolean"]) == (200, True)
    assert headers["Content-Type"].startswith("application/sparql-results+json")


def test_unacceptable_format_is_406(server) -> None:
    """A SELECT asked for as image/png gets 406 Not Acceptable."""
    status, _, _ = fetch(server + "/sparql?" + urllib.parse.urlencode({"query": TASKS}), headers={"Accept": "image/png"})
    assert status == 406


def test_updates_are_refused(server) -> None:
    """The endpoint is read-only: an update is 403 and changes nothing."""
    status, _, body = fetch(server + "/sparql", form(update="DROP ALL"))
    assert status == 403 and b"read-only" in body
    assert client(server, "ASK { ?s ?p ?o }", JSON).queryAndConvert()["boolean"] is True


def test_updates_when_allowed(built) -> None:
    """With --allow-update an update runs (in memory) and later queries see it."""
    with running(built, allow_update=True) as url:
        assert fetch(url + "/sparql", form(update="INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> 'c' } }"))[0] == 200
        assert client(url, "ASK { <urn:x:a> <urn:x:b> 'c' }", JSON).queryAndConvert()["boolean"] is True


def test_a_query_over_the_time_limit_is_stopped(built) -> None:
    """A query running past --timeout gets 503, and the server answers the next query."""
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with running(built, timeout=1, workers=1) as url:
        began = time.monotonic()
        status, _, body = fetch(url + "/sparql", form(query=endless))
        assert status == 503 and b"longer than 1 s" in body
        assert time.monotonic() - began < 10
        assert client(url, "ASK { ?s ?p ?o }", JSON).queryAndConvert()["boolean"] is True


def test_answers_are_cut_at_the_result_limit(server) -> None:
    """More rows than --max-results: 100 rows come back, marked as cut."""
    status, headers, body = fetch(server + "/sparql", form(query="SELECT * WHERE { ?s ?p ?o }"),
                                  {"Accept": "application/sparql-results+json"})
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 100
    assert headers["X-KG-Truncated"] == "true"


def test_declared_parameters_from_form_fields(server, truth) -> None:
    """param.bureau=区建委 binds the library query's parameter; an unknown one is named in a 400."""
    from kg.library import find_query

    text = find_query("tasks-of-bureau").text
    status, _, body = fetch(server + "/sparql", form(query=text, **{"param.bureau": "区建委"}),
                            {"Accept": "application/sparql-results+json"})
    numbers = {int(b["number"]["value"]) for b in json.loads(body)["results"]["bindings"]}
    assert numbers == {t["number"] for t in truth["tasks"] if "区建委" in t["units"]}
    status, _, body = fetch(server + "/sparql", form(query=text, **{"param.bureau": "x", "param.colour": "red"}))
    assert status == 400 and b"colour" in body


def test_syntax_error_is_400_with_its_place(server) -> None:
    """A malformed query is a 400 that gives line and column."""
    status, _, body = fetch(server + "/sparql", form(query="SELECT ?x WHERE {\n  ?x ?y\n}"))
    assert status == 400
    assert re.search(rb"line \d+, column \d+", body)


def test_listens_on_loopback_by_default(server) -> None:
    """Without --host the server binds 127.0.0.1."""
    assert ServerSettings().host == "127.0.0.1"
    assert server.startswith("http://127.0.0.1:")


def test_query_page_uses_only_its_own_assets(server) -> None:
    """The page at / has an editor and loads nothing from another host."""
    status, headers, page = fetch(server + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"<textarea" in page
    assert not re.search(rb"(src|href)=\"(https?:)?//", page)
    for asset in re.findall(rb"(?:src|href)=\"(/static/[^\"]+)\"", page):
        assert fetch(server + asset.decode())[0] == 200


def test_query_page_lists_the_library(server) -> None:
    """/queries.json gives every library query with its questions and parameters."""
    from kg.library import library

    items = json.loads(fetch(server + "/queries.json")[2])
    assert [i["name"] for i in items] == [q.name for q in library()]
    bureau = next(i for i in items if i["name"] == "tasks-of-bureau")
    assert [p["name"] for p in bureau["parameters"]] == ["bureau"]


def test_task_iri_resolves_to_a_page(server) -> None:
    """The task's IRI, mapped under the server, gives an HTML page with its requirement and its unit."""
    status, headers, page = fetch(server + "/" + TASK_16.removeprefix("https://w3id.org/kg-cn/"),
                                  headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    text = page.decode("utf-8")
    assert "积极推进武汉工程设计联盟大厦项目建设" in text
    assert "区建委" in text


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld")])
def test_resource_as_rdf_by_accept(server, accept, fmt) -> None:
    """The same IRI gives Turtle or JSON-LD to a machine that asks for it."""
    url = server + "/resource?" + urllib.parse.urlencode({"iri": TASK_16})
    status, headers, body = fetch(url, headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    graph = Graph().parse(data=body.decode("utf-8"), format=fmt)
    assert (URIRef(TASK_16), URIRef("https://w3id.org/kg-cn/ontology#taskNumber"), Literal(16)) in graph


def test_a_bureau_page_lists_its_tasks(server, built, truth) -> None:
    """The page of 区建委 links every task it is responsible for, and otherwise only tasks whose text names it."""
    from kg.store import load_index

    status, _, page = fetch(server + "/org/" + urllib.parse.quote("武昌区/区建委"))
    assert status == 200
    linked = {int(n) for n in re.findall(r'href="/report/[^"]+/task/(\d+)"', page.decode("utf-8"))}
    responsible = {t["number"] for t in truth["tasks"] if "区建委" in t["units"]}
    assert responsible <= linked
    texts = {t["number"]: t["requirement"] + (t["outcome"] or "") for t in load_index(built)["tasks"]}
    assert all("建委" in texts[n] for n in linked - responsible)


def test_unknown_iri_is_404(server) -> None:
    """An IRI the graph never names is 404."""
    assert fetch(server + "/report/nothing/here")[0] == 404


def test_report_text_is_escaped_on_pages(tmp_path) -> None:
    """Markup written in a report shows as text on its pages, never as markup."""
    path = write_report(tmp_path, HEADER + "一、推进发展\n1 推进<script>alert(1)</script>建设。 区建委 已完成<b>。\n")
    build([path], tmp_path / "out")
    task = "https://w3id.org/kg-cn/report/000000000-01-2019-0000001/task/1"
    with running(tmp_path / "out") as url:
        page = fetch(url + "/resource?" + urllib.parse.urlencode({"iri": task}), headers={"Accept": "text/html"})[2]
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert b"<script>" not in page and b"<b>" not in page


def test_resource_page_escapes_iris_and_labels() -> None:
    """Quotes and brackets in IRIs and labels cannot leave their attribute or element."""
    iri = URIRef('https://example.org/a"onmouseover="x')
    page = resource_page(Description(iri, [(URIRef("https://example.org/p"), Literal("<img src=x>"))], [], [],
                                     {iri: Literal('"><script>')}), lambda i: "/resource?iri=" + i)
    assert "<img" not in page and "<script>" not in page
    assert 'onmouseover="x' not in page


def test_a_non_iri_is_400(server) -> None:
    """/resource with something that cannot be an IRI is refused, not looked up."""
    status, _, body = fetch(server + "/resource?" + urllib.parse.urlencode({"iri": "a b> }"}))
    assert status == 400 and b"not an IRI" in body


def test_predicates_show_as_prefixed_names(server) -> None:
    """A resource page names properties kgo:taskNumber, not by their full IRI."""
    page = fetch(server + "/" + TASK_16.removeprefix("https://w3id.org/kg-cn/"), headers={"Accept": "text/html"})[2]
    assert b">kgo:taskNumber</a>" in page


def test_oversized_request_is_refused(server) -> None:
    """A body announced larger than 10 MB is refused with 413 before it is read."""
    import http.client

    host, port = server.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.putrequest("POST", "/sparql")
    connection.putheader("Content-Type", "application/sparql-query")
    connection.putheader("Content-Length", str(11 * 1024 * 1024))
    connection.endheaders()
    assert connection.getresponse().status == 413
    connection.close()
