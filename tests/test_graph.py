"""The RDF graph: conforms to the shapes, records inheritance and provenance, is deterministic."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from kg import build, load_dataset, load_index, sparql
from kg.graph import report_graph
from kg.iris import KGO, OA
from kg.validate import validate

PREFIXES = "PREFIX kgo: <https://w3id.org/kg-cn/ontology#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


def test_bundled_graph_conforms_to_the_shapes(report) -> None:
    """The graph of the bundled report passes ontology/shapes.ttl."""
    conforms, text = validate(report_graph(report))
    assert conforms, text


def test_shapes_reject_a_task_without_requirement(report) -> None:
    """The shapes are not vacuous: removing a requirement breaks conformance."""
    graph = report_graph(report)
    task = next(graph.subjects(KGO.taskNumber, Literal(1)))
    graph.remove((task, KGO.requirement, None))
    conforms, text = validate(graph)
    assert not conforms
    assert "requirement" in text


def test_shapes_reject_an_inherited_flag_that_contradicts_inherited_from(report) -> None:
    """A responsibility with kgo:inheritedFrom must say kgo:inherited true."""
    graph = report_graph(report)
    node = next(graph.subjects(KGO.inheritedFrom, None))
    graph.set((node, KGO.inherited, Literal(False)))
    assert not validate(graph)[0]


def test_rebuild_is_byte_identical(tmp_path, report_path) -> None:
    """Two builds of the same report write byte-identical files."""
    first, second = tmp_path / "a", tmp_path / "b"
    build([report_path], first)
    build([report_path], second)
    for name in ("graph.ttl", "index.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_turtle_and_nquads_hold_the_same_graph(built) -> None:
    """graph.ttl is the union of the reports' named graphs."""
    turtle = Graph().parse(built / "graph.ttl", format="turtle")
    union = Graph()
    for s, p, o, _ in load_dataset(built).quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(turtle, union)


def test_iris_are_readable_and_stable(built) -> None:
    """Task and body IRIs derive from the index number, the task number and the name."""
    task = load_index(built)["tasks"][63]
    assert task["iri"] == "https://w3id.org/kg-cn/report/007482532-03-2017-1815155/task/64"
    assert [u["iri"] for u in task["units"]][1] == "https://w3id.org/kg-cn/org/武昌区/区政法委"


def test_inherited_units_are_recorded_in_the_graph(built) -> None:
    """Task 13's empty unit cell inherits 区金融工作局 from task 12, and the graph says so."""
    rows = list(sparql(built, PREFIXES + """
        SELECT ?from ?name WHERE {
          ?task kgo:taskNumber ?n ; kgo:responsibility ?r .
          ?r kgo:inherited true ; kgo:inheritedFrom/kgo:taskNumber ?from ; kgo:unit/skos:prefLabel ?name .
          FILTER(lang(?name) = "zh")
        }""", n=13))
    assert [(int(r[0]), str(r[1])) for r in rows] == [(12, "区金融工作局")]


def test_alias_and_full_name_become_alt_labels(built) -> None:
    """区政法委(区维稳办) is one body with the alias 区维稳办 and its full name as skos:altLabel."""
    rows = sparql(built, PREFIXES + "SELECT ?alt WHERE { ?b skos:prefLabel ?name ; skos:altLabel ?alt }",
                  name=Literal("区政法委", lang="zh"))
    assert sorted(str(r[0]) for r in rows) == ["区维稳办", "武昌区政法委员会"]


def test_bureaus_get_full_and_english_names_from_the_lexicon(built) -> None:
    """区发改委 → 武昌区发展和改革委员会 (schema:legalName) and an English prefLabel."""
    rows = list(sparql(built, PREFIXES + """
        PREFIX schema: <https://schema.org/>
        SELECT ?full ?en WHERE { ?b skos:prefLabel ?name , ?en ; schema:legalName ?full . FILTER(lang(?en) = "en") }""",
        name=Literal("区发改委", lang="zh")))
    assert [(str(f), str(e)) for f, e in rows] == [("武昌区发展和改革委员会", "District Development and Reform Commission")]


def test_spans_point_at_the_text_as_published(report) -> None:
    """Every task's requirement span, read from the original text, is the requirement as written."""
    graph = report_graph(report)
    for task in report.tasks:
        node = URIRef(f"https://w3id.org/kg-cn/report/{report.id}/task/{task.number}/span/requirement")
        start, end = int(graph.value(node, OA.start)), int(graph.value(node, OA.end))
        assert " ".join(report.text[start:end].split()).replace("?", "·") == task.requirement


def test_sparql_and_index_agree_on_every_bureau(built) -> None:
    """For each body, the tasks SPARQL finds equal the tasks the index lookup finds."""
    index = load_index(built)
    by_index: dict[str, set[int]] = {}
    for task in index["tasks"]:
        for unit in task["units"]:
            by_index.setdefault(unit["iri"], set()).add(task["number"])
    rows = sparql(built, PREFIXES + "SELECT ?b ?n WHERE { ?t kgo:responsibleUnit ?b ; kgo:taskNumber ?n }")
    by_sparql: dict[str, set[int]] = {}
    for body, number in rows:
        by_sparql.setdefault(str(body), set()).add(int(number))
    assert by_sparql == by_index
    assert len(by_index) == 40


def test_several_reports_get_their_own_named_graphs(tmp_path, report_path) -> None:
    """Two reports built together land in two named graphs of one build."""
    from tests.samples import HEADER, write_report

    other = write_report(tmp_path, HEADER + "1 新建公园2个。 区园林局 新建公园2个。\n", name="other.txt")
    out = tmp_path / "build"
    result = build([report_path, other], out)
    assert result.tasks == 87
    graphs = {str(g.identifier) for g in load_dataset(out).graphs() if len(g)}
    assert {"https://w3id.org/kg-cn/graph/007482532-03-2017-1815155",
            "https://w3id.org/kg-cn/graph/000000000-01-2019-0000001"} <= graphs


def test_report_metadata_in_the_graph(built) -> None:
    """Title, publisher, issue date, index number and covered year are in the graph."""
    rows = list(sparql(built, PREFIXES + """
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?title ?issued ?year ?index ?publisher WHERE {
          ?r a kgo:Report ; dcterms:title ?title ; dcterms:issued ?issued ; kgo:coversYear ?year ;
             kgo:indexNumber ?index ; dcterms:publisher/skos:prefLabel ?publisher . FILTER(lang(?publisher) = "zh") }"""))
    assert [tuple(str(v) for v in r) for r in rows] == [(
        "2016年区《政府工作报告》确定的主要任务全年完成情况", "2017-01-20", "2016", "007482532-03-2017-1815155", "区政府督查室",
    )]


def test_every_task_and_body_is_typed(report) -> None:
    """86 tasks and their bodies carry kgo types, bodies also org:Organization."""
    graph = report_graph(report)
    assert len(set(graph.subjects(RDF.type, KGO.Task))) == 86
    bodies = set(graph.objects(None, KGO.responsibleUnit))
    assert all((b, RDF.type, URIRef("http://www.w3.org/ns/org#Organization")) in graph for b in bodies)
    assert (URIRef("https://w3id.org/kg-cn/org/武昌区/区文旅公司"), RDF.type, KGO.Company) in graph


def test_build_refuses_a_non_conforming_graph_and_writes_nothing(tmp_path, report_path, monkeypatch) -> None:
    """If the graph broke the shapes, kg build raises GraphError and leaves no files."""
    import kg.graph
    from kg import GraphError

    real = kg.graph.report_ntriples

    def broken(report, base, entities=None):
        lines = real(report, base, entities).splitlines(keepends=True)
        return b"".join(line for line in lines if str(KGO.requirement).encode() not in line)

    monkeypatch.setattr(kg.graph, "report_ntriples", broken)
    out = tmp_path / "out"
    with pytest.raises(GraphError, match="does not conform"):
        build([report_path], out)
    assert not out.exists()


def test_report_ntriples_are_what_rdflib_writes_for_the_report_graph(report) -> None:
    """The build writes N-Triples itself; they are rdflib's nt11 lines of report_graph, sorted."""
    from kg.graph import report_ntriples

    expected = sorted(set(report_graph(report).serialize(format="nt11").splitlines()) - {""})
    assert report_ntriples(report).decode("utf-8").splitlines() == expected


def test_builds_in_processes_with_other_hash_seeds_are_byte_identical(tmp_path, report_path) -> None:
    """Python orders sets by a per-process hash seed: no output may depend on it (it once picked 项目 or 建设项目)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    data = Path(__file__).parent / "data"
    reports = [str(report_path), *(str(p) for p in sorted(data.glob("heldout*/*.txt")) if "broken" not in p.name)]
    for seed in ("1", "2"):
        code = "import sys; from kg import build; build(sys.argv[2:], sys.argv[1])"
        done = subprocess.run([sys.executable, "-c", code, str(tmp_path / seed), *reports], capture_output=True,
                              text=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr[-2000:]
    for name in ("graph.ttl", "index.json"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name
