"""The build directory as a store: incremental builds, parallel builds, Oxigraph and rdflib memory alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kg.parts
from kg import build
from kg.engine import run_local
from kg.library import bindings_for, library
from kg.store import load_dataset, load_index, load_index_head, nquads_lines

from .samples import HEADER, write_corpus_reports, write_report

UNION = ("graph.ttl", "index.json")


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> list[Path]:
    return write_corpus_reports(tmp_path_factory.mktemp("corpus"), range(4))


def union_files(directory: Path) -> dict[str, bytes]:
    return {name: (directory / name).read_bytes() for name in UNION}


def record_made(monkeypatch) -> list[str]:
    """The paths of the reports whose parts are made from now on (made in this process: builds of one job)."""
    made: list[str] = []
    real = kg.parts.make_part
    monkeypatch.setattr(kg.parts, "make_part", lambda report, *a, **k: made.append(report.path) or real(report, *a, **k))
    return made


def test_adding_a_report_makes_only_that_report(reports, tmp_path, monkeypatch) -> None:
    """A build holding three reports takes a fourth by parsing the fourth alone; all four are in the index."""
    out = tmp_path / "out"
    build(reports[:3], out)
    made = record_made(monkeypatch)
    build(reports[3:], out)
    assert made == [str(reports[3])]
    assert len(load_index(out)["reports"]) == 4


def test_a_part_made_by_another_recogniser_is_made_again(reports, tmp_path, monkeypatch) -> None:
    """kg's code, lexicons or model changed (a model trained again): the unchanged report is parsed anew."""
    out = tmp_path / "out"
    build(reports[:1], out)
    made = record_made(monkeypatch)
    build(reports[:1], out)
    assert made == []
    monkeypatch.setattr(kg.parts, "recipe", lambda: "another kg")
    build(reports[:1], out)
    assert made == [str(reports[0])]
    assert json.loads((out / "reports" / load_index(out)["reports"][0]["id"] / "part.json").read_bytes())["recipe"] == "another kg"


def test_the_index_head_is_the_index_without_its_record_lists(reports, tmp_path) -> None:
    """An incremental build reads only the head of index.json; it says what the whole file says."""
    build(reports[:2], tmp_path / "out")
    whole = load_index(tmp_path / "out")
    head = load_index_head(tmp_path / "out")
    assert head == {key: whole[key] for key in ("format", "base", "store", "reports")}
    assert len(head["reports"]) == 2


def test_the_same_reports_give_the_same_files_however_they_were_added(reports, tmp_path) -> None:
    """One build of four, four builds of one, and --jobs 2 write byte-identical union files."""
    build(reports, tmp_path / "all")
    for path in reversed(reports):
        build([path], tmp_path / "one-by-one")
    build(reports, tmp_path / "parallel", jobs=2)
    assert union_files(tmp_path / "all") == union_files(tmp_path / "one-by-one") == union_files(tmp_path / "parallel")


def test_a_changed_report_replaces_its_named_graph(reports, tmp_path) -> None:
    """A report edited and built again replaces its graph in the store; the others are untouched."""
    out, edited = tmp_path / "out", tmp_path / "edited.txt"
    build(reports[:2], out)
    text = reports[0].read_bytes()
    edited.write_bytes(text.replace("全年".encode(), "年内".encode(), 1) if "全年".encode() in text else text + b"\n")
    build([edited], out)
    index = load_index(out)
    assert len(index["reports"]) == 2
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    oxigraph = int(next(iter(run_local(load_dataset(out), count)))[0])
    memory = int(next(iter(run_local(load_dataset(out, store="memory"), count)))[0])
    assert oxigraph == memory == len(list(nquads_lines(out)))


def test_fresh_starts_anew(reports, tmp_path) -> None:
    """--fresh drops the reports the build held."""
    build(reports[:2], tmp_path / "out")
    build(reports[2:3], tmp_path / "out", fresh=True)
    assert [r["file"] for r in load_index(tmp_path / "out")["reports"]] == [reports[2].name]
    assert sorted(p.name for p in (tmp_path / "out" / "reports").iterdir()) == [
        load_index(tmp_path / "out")["reports"][0]["id"]]


def test_a_parallel_fresh_build_loads_every_report_while_making_them(reports, tmp_path, monkeypatch) -> None:
    """With --jobs 2 the store is filled while the parts are made, in small batches; it holds every quad once."""
    import kg.oxstore

    monkeypatch.setattr(kg.oxstore, "_BATCH", 1)  # a bulk load per report: the batches interleave with the parts
    out = tmp_path / "out"
    build(reports, out, jobs=2)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert int(next(iter(run_local(load_dataset(out), count)))[0]) == len(list(nquads_lines(out)))
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


def test_the_last_loads_of_a_fresh_store_are_small_so_that_little_is_left_for_the_end(tmp_path, monkeypatch) -> None:
    """Told how many files are coming, the store loads big batches first and halves them towards the end;
    it holds every quad of every file."""
    import kg.oxstore

    monkeypatch.setattr(kg.oxstore, "_BATCH", 16_000)
    monkeypatch.setattr(kg.oxstore, "_LAST_BATCH", 1_000)
    files = []
    for n in range(60):
        lines = [f"<https://example.org/s{n}> <https://example.org/p> \"{'x' * 60}{i}\" <https://example.org/g{n}> .\n"
                 for i in range(10)]
        files.append(tmp_path / f"{n}.nq")
        files[-1].write_text("".join(lines), encoding="utf-8")
    store = kg.oxstore.FreshStore(tmp_path / "out")
    batches = []
    real = kg.oxstore.FreshStore._send
    monkeypatch.setattr(kg.oxstore.FreshStore, "_send", lambda self: batches.append(self._size) or real(self))
    store.expect(len(files))
    for path in files:
        store.add(path)
    store.finish()
    sent = [b for b in batches if b]
    assert max(sent) >= 16_000 and sent[-1] <= 2_000 and len(sent) <= 10  # 60 files, 42 KB: few loads, a small last one
    tail = sent[sent.index(max(sent)):]
    assert all(later <= earlier for earlier, later in zip(tail, tail[1:]))
    import pyoxigraph as ox

    assert len(ox.Store.read_only(str(tmp_path / "out" / "oxigraph"))) == 600


def test_a_failed_fresh_build_keeps_the_old_store_and_leaves_no_half_loaded_one(reports, tmp_path) -> None:
    """A bad report after good ones stops a --fresh build: the store loaded so far is thrown away."""
    from kg.errors import ReportError

    out, bad = tmp_path / "out", tmp_path / "bad.txt"
    build(reports[:1], out)
    before = union_files(out)
    bad.write_bytes("不是报告".encode("utf-16"))
    with pytest.raises(ReportError):
        build([*reports[1:3], bad], out, fresh=True, jobs=2)
    assert union_files(out) == before
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".oxigraph")) == []
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert int(next(iter(run_local(load_dataset(out), count)))[0]) == len(list(nquads_lines(out)))


def test_two_reports_with_one_id_in_a_parallel_build_are_refused_and_the_cache_stays_whole(reports, tmp_path) -> None:
    """Workers save their parts aside; a second report with an id already made stops the build, leaves the
    previous build and its cached parts as they were, and nothing saved aside."""
    from kg.errors import ReportError

    out, twin = tmp_path / "out", tmp_path / "twin.txt"
    build(reports[:1], out)
    before = union_files(out)
    cached = {p.relative_to(out): p.read_bytes() for p in (out / "reports").rglob("*") if p.is_file()}
    twin.write_bytes(reports[1].read_bytes().replace("全年完成情况".encode(), "全年完成情况(转载)".encode(), 1))
    with pytest.raises(ReportError, match="have the same id"):
        build([reports[1], reports[2], twin], out, jobs=2)
    assert union_files(out) == before
    after = {p.relative_to(out): p.read_bytes() for p in (out / "reports").rglob("*") if p.is_file()}
    assert {path: after.get(path) for path in cached} == cached
    assert [p.name for p in (out / "reports").iterdir() if p.name.startswith(".")] == []
    build(reports[1:3], out)  # reuses what the failed build settled: it must be the reports' own parts
    build(reports[:3], tmp_path / "clean", fresh=True)
    assert union_files(out) == union_files(tmp_path / "clean")


def test_memory_store_build_has_no_oxigraph(reports, tmp_path) -> None:
    """--store memory writes no Oxigraph store and answers queries from the reports' N-Quads."""
    build(reports[:1], tmp_path / "out", store="memory")
    assert not (tmp_path / "out" / "oxigraph").exists()
    assert type(load_dataset(tmp_path / "out").store).__name__ == "Memory"


def _rows(result) -> list:
    if result.type == "ASK":
        return [result.askAnswer]
    if result.type == "SELECT":
        return sorted(json.dumps([None if row[v] is None else row[v].n3() for v in result.vars], ensure_ascii=False)
                      for row in result)
    return sorted(t.n3() if hasattr(t, "n3") else str(t) for triple in result.graph for t in triple)


PARAMS = {"tasks-of-bureau": {"bureau": "建委"}, "tasks-involving-entity": {"name": "华中金融城"},
          "entity": {"name": "华中金融城"}}


@pytest.mark.parametrize("query", [q.name for q in library()])
def test_every_library_query_answers_the_same_on_both_stores(built, query) -> None:
    """Oxigraph (the default) and rdflib's memory store give the same rows, term for term."""
    spec = next(q for q in library() if q.name == query)
    bindings = bindings_for(spec, PARAMS.get(query, {}))
    oxigraph = _rows(run_local(load_dataset(built), spec.text, bindings, query))
    memory = _rows(run_local(load_dataset(built, store="memory"), spec.text, bindings, query))
    assert oxigraph == memory
    assert oxigraph  # every library query has an answer on the bundled report


def _oxigraph_forms() -> list[str]:
    from kg.lexicon import resource_path

    return sorted(p.stem for p in (resource_path("queries") / "oxigraph").glob("*.rq"))


def _oxigraph_form(name: str) -> str:
    from kg.lexicon import resource_path

    return (resource_path("queries") / "oxigraph" / f"{name}.rq").read_text(encoding="utf-8")


def test_each_oxigraph_form_asks_its_library_query_with_the_same_parameters() -> None:
    """queries/oxigraph/NAME.rq stands for the library query NAME: same question, same parameters."""
    from kg.library import query_from_text

    assert _oxigraph_forms()
    queries = {q.name: q for q in library()}
    for name in _oxigraph_forms():
        form = query_from_text(_oxigraph_form(name), name)
        assert (form.question_zh, form.question_en, form.parameters) == (
            queries[name].question_zh, queries[name].question_en, queries[name].parameters), name


def test_a_library_query_runs_in_its_oxigraph_form_on_oxigraph_and_other_text_as_written(built, monkeypatch) -> None:
    """On the Oxigraph store kg sends the Oxigraph form of a library query (written with CRLF line ends too,
    as a web form sends it); a query that is not the library's is sent as it is."""
    import kg.oxstore

    sent = []
    real = kg.oxstore.query
    monkeypatch.setattr(kg.oxstore, "query", lambda dataset, text: sent.append(text) or real(dataset, text))
    dataset = load_dataset(built)
    spec = next(q for q in library() if q.name == "co-responsible-bureaus")
    run_local(dataset, spec.text.replace("\n", "\r\n"), {}, spec.name)
    own = spec.text + "LIMIT 5\n"
    run_local(dataset, own, {}, "mine")
    assert sent == [_oxigraph_form("co-responsible-bureaus"), own]


@pytest.mark.parametrize("query", _oxigraph_forms())
def test_each_oxigraph_form_gives_its_library_query_rows_on_the_memory_store_too(built, query) -> None:
    """The two forms of a query are one question: rdflib, which runs both, gives the same rows for both
    (the comparison across stores above runs the Oxigraph form on Oxigraph, the library's on rdflib)."""
    spec = next(q for q in library() if q.name == query)
    form = _oxigraph_form(query)
    memory = load_dataset(built, store="memory")
    bindings = bindings_for(spec, PARAMS.get(query, {}))
    assert _rows(run_local(memory, form, bindings, query)) == _rows(run_local(memory, spec.text, bindings, query))


@pytest.mark.parametrize("query", _oxigraph_forms())
def test_each_oxigraph_form_gives_its_library_query_rows_in_the_same_order_on_oxigraph(built, query) -> None:
    """The forms sort names by a computed key (CONCAT("~", name)); the rows come in the library text's order."""
    from kg.oxstore import query as oxigraph_query

    spec = next(q for q in library() if q.name == query)
    dataset = load_dataset(built)

    def ordered(result) -> list[list]:
        return [[None if row[v] is None else row[v].n3() for v in result.vars] for row in result]

    library_order = ordered(oxigraph_query(dataset, spec.text))  # sent as written, not in its Oxigraph form
    assert len(library_order) > 5
    assert ordered(run_local(dataset, spec.text, {}, query)) == library_order


@pytest.mark.parametrize("query", ["verdicts-by-bureau", "targets-not-met"])
def test_optional_parameters_narrow_alike_on_both_stores(built, query) -> None:
    """A bureau and a report, bound together, narrow the verdict queries to the same rows on both stores."""
    from rdflib import URIRef

    spec = next(q for q in library() if q.name == query)
    report = next(iter(run_local(load_dataset(built), "SELECT ?r WHERE { ?r a <https://w3id.org/kg-cn/ontology#Report> }")))[0]
    bindings = {"bureau": URIRef("https://w3id.org/kg-cn/org/武昌区/区建委"), "report": report}
    oxigraph = _rows(run_local(load_dataset(built), spec.text, bindings, query))
    memory = _rows(run_local(load_dataset(built, store="memory"), spec.text, bindings, query))
    assert oxigraph == memory
    everything = _rows(run_local(load_dataset(built), spec.text, {}, query))
    assert 0 < len(oxigraph) < len(everything)


@pytest.mark.parametrize("query", ["verdicts-by-bureau", "targets-not-met"])
def test_a_report_without_the_bureau_gives_no_rows_on_both_stores(built, query) -> None:
    """Narrowed to a report the bureau has no task in, the verdict queries give no rows on either store.

    rdflib 7.6 makes a grouped subquery over no rows one row with nothing bound, which then joined
    with every verdict or ratio of the graph, until the queries said HAVING (COUNT(*) > 0).
    """
    from rdflib import URIRef

    spec = next(q for q in library() if q.name == query)
    bindings = {"bureau": URIRef("https://w3id.org/kg-cn/org/武昌区/区建委"),
                "report": URIRef("https://w3id.org/kg-cn/report/elsewhere")}
    assert _rows(run_local(load_dataset(built), spec.text, bindings, query)) == []
    assert _rows(run_local(load_dataset(built, store="memory"), spec.text, bindings, query)) == []


@pytest.mark.parametrize("query", ["co-responsible-bureaus", "top-entities"])
def test_a_graph_with_nothing_to_count_gives_no_rows(query) -> None:
    """Bodies and names but no shared task and no mention: no pairs and no ranking, not every pair of labels."""
    from rdflib import Dataset, Literal, Namespace, URIRef
    from rdflib.namespace import SKOS

    kgo = Namespace("https://w3id.org/kg-cn/ontology#")
    dataset = Dataset(default_union=True)
    graph = dataset.graph(URIRef("https://example.org/g"))
    for n, name in enumerate(["区建委", "区财政局", "中北路"]):
        graph.add((URIRef(f"https://example.org/b{n}"), SKOS.prefLabel, Literal(name, lang="zh")))
    graph.add((URIRef("https://example.org/task"), kgo.responsibleUnit, URIRef("https://example.org/b0")))
    spec = next(q for q in library() if q.name == query)
    assert _rows(run_local(dataset, spec.text, {}, query)) == []


def test_a_triple_two_reports_share_counts_once_on_both_stores(tmp_path) -> None:
    """Two reports of one district name the same bureaus: SPARQL over the build counts their triples once."""
    paths = write_corpus_reports(tmp_path, [0, 50])  # district 0, two years
    build(paths, tmp_path / "out")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    oxigraph = int(next(iter(run_local(load_dataset(tmp_path / "out"), count)))[0])
    memory = int(next(iter(run_local(load_dataset(tmp_path / "out", store="memory"), count)))[0])
    said = sum(path.read_bytes().count(b"\n") for path in (tmp_path / "out" / "reports").glob("*/*.nq"))
    assert oxigraph == memory == len(list(nquads_lines(tmp_path / "out"))) < said


def store_quads(out: Path) -> set[tuple[str, str, str, str]]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "oxigraph"))
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in store}


SHARED_BEFORE = HEADER + (
    "一、推进发展\n"
    "1 推进建设。 区建委 湖北测仁建设有限公司承建的东湖大道改造工程已完成。\n"
    "2 推进招商。 区商务局 已完成。\n"
)


def test_the_graphs_of_a_build_overlap_in_no_triple_and_the_default_graph_is_empty(tmp_path) -> None:
    """Each report's graph holds its own resources, the shared graph what it says of bodies and entities,
    each triple in one graph: Oxigraph's union of the graphs then counts every triple once."""
    from kg.iris import shared_graph

    paths = write_corpus_reports(tmp_path, [0, 50])
    build(paths, tmp_path / "out")
    quads = store_quads(tmp_path / "out")
    graphs: dict[tuple, set] = {}
    for s, p, o, g in quads:
        graphs.setdefault((s, p, o), set()).add(g)
    assert all(len(held) == 1 for held in graphs.values())
    assert "DEFAULT" not in {g for *_, g in quads}
    reports = {r["iri"]: r["iri"].replace("/report/", "/graph/") for r in load_index(tmp_path / "out")["reports"]}
    for s, p, o, g in quads:
        owner = next((r for r in reports if s.strip("<>") == r or s.startswith(f"<{r}/")), None)
        assert g == f"<{reports[owner]}>" if owner else g == f"<{shared_graph()}>", (s, p, o, g)


def test_a_changed_report_takes_back_what_it_alone_said_of_an_entity(tmp_path) -> None:
    """A report that no longer names a company is built again in place: the company's description leaves
    the shared graph, the bureau another report still names stays, and the store equals a fresh build's."""
    other = write_report(tmp_path, HEADER.replace("0000001", "0000002") + "一、推进发展\n1 推进建设。 区建委 已完成。\n",
                         name="other.txt")
    changed = write_report(tmp_path, SHARED_BEFORE, name="changed.txt")
    out = tmp_path / "out"
    build([changed, other], out)
    assert any("湖北测仁建设有限公司" in o for _, _, o, _ in store_quads(out))
    write_report(tmp_path, SHARED_BEFORE.replace("湖北测仁建设有限公司承建的东湖大道改造工程", ""), name="changed.txt")
    build([changed], out)
    assert not any("湖北测仁建设有限公司" in o for _, _, o, _ in store_quads(out))
    assert any(o == '"区建委"@zh' for _, _, o, _ in store_quads(out))
    build([changed, other], tmp_path / "fresh")
    assert store_quads(out) == store_quads(tmp_path / "fresh")


def test_a_parameter_used_only_in_a_subquery_is_bound_there(built) -> None:
    """Both stores bind a parameter inside the subquery that filters on it (a VALUES block goes into each)."""
    from rdflib import Literal

    text = """PREFIX kgo: <https://w3id.org/kg-cn/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?task WHERE {
  { SELECT DISTINCT ?unit WHERE { ?unit skos:prefLabel ?label . FILTER(CONTAINS(STR(?label), STR(?bureau))) } }
  ?task kgo:responsibleUnit ?unit .
} ORDER BY ?task"""
    bindings = {"bureau": Literal("建委")}
    oxigraph = [tuple(r) for r in run_local(load_dataset(built), text, bindings)]
    memory = [tuple(r) for r in run_local(load_dataset(built, store="memory"), text, bindings)]
    assert oxigraph == memory
    assert len(oxigraph) >= 5  # 区建委's own tasks; unbound in the subquery, there would be none


def test_files_are_joined_without_copy_file_range_too(tmp_path, monkeypatch) -> None:
    """Where the kernel cannot copy between the files, Python copies them, and the bytes are the same."""
    import os

    from kg.store import join_files

    parts = []
    for number in range(3):
        parts.append(tmp_path / f"{number}.txt")
        parts[-1].write_bytes(f"第{number}份\n".encode() * 1000)
    join_files(tmp_path / "kernel", parts, b"--\n")

    def refuse(*args):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "copy_file_range", refuse)
    join_files(tmp_path / "python", parts, b"--\n")
    expected = b"--\n".join(p.read_bytes() for p in parts)
    assert (tmp_path / "kernel").read_bytes() == (tmp_path / "python").read_bytes() == expected


_LITERALS = [("武昌区发展和改革委员会", "zh", None), ("Wuchang", "en", None), ("x", "zh-Hans-CN", None),
             ("", "en-GB", None), ("plain \"quoted\"\nline", None, None), ("", None, None), ("𠀋 astral", None, None),
             ("12", None, "integer"), ("012", None, "integer"), ("0.50", None, "decimal"), ("true", None, "boolean"),
             ("2016-12-31", None, "date"), ("1e3", None, "double"), ("x", None, "string"),
             ("not a number", None, "integer"), ("v", None, "https://example.org/datatype")]


@pytest.mark.parametrize("value, language, datatype", _LITERALS)
def test_an_oxigraph_literal_becomes_the_literal_rdflib_would_make(value, language, datatype) -> None:
    """The converter makes strings without rdflib's checks: they must be rdflib's literals all the same."""
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    from kg.oxstore import _converter

    iri = None if datatype is None else (datatype if ":" in datatype else "http://www.w3.org/2001/XMLSchema#" + datatype)
    source = ox.Literal(value, language=language) if language else ox.Literal(value, datatype=ox.NamedNode(iri) if iri else None)
    made = _converter()(source)
    # From what Oxigraph holds: it writes language tags in lower case (en-GB → en-gb).
    expected = Literal(source.value, lang=source.language,
                       datatype=None if iri in (None, "http://www.w3.org/2001/XMLSchema#string") else URIRef(iri))
    assert type(made) is Literal
    assert (str(made), made.language, made.datatype, made.value, made.ill_typed) == (
        str(expected), expected.language, expected.datatype, expected.value, expected.ill_typed)
    assert made == expected and hash(made) == hash(expected) and made.n3() == expected.n3()
    assert made.eq(expected) and made.toPython() == expected.toPython()


def test_oxigraph_iris_and_blank_nodes_become_rdflib_s_own() -> None:
    import pyoxigraph as ox
    from rdflib import BNode, URIRef

    from kg.oxstore import _converter

    iri = _converter()(ox.NamedNode("https://w3id.org/kg-cn/body/武昌区/区建委"))
    assert type(iri) is URIRef and iri == URIRef("https://w3id.org/kg-cn/body/武昌区/区建委")
    assert hash(iri) == hash(URIRef(str(iri))) and iri.n3() == URIRef(str(iri)).n3()
    blank = _converter()(ox.BlankNode("b0"))
    assert type(blank) is BNode and blank == BNode("b0")


def _little_store():
    """A Dataset over an Oxigraph store in memory and one over rdflib's memory store, with the same quads."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from kg.oxstore import _store_class

    nquads = ('<http://a/1> <http://p/name> "一"@zh <http://g/1> .\n'
              '<http://a/1> <http://p/n> "3"^^<http://www.w3.org/2001/XMLSchema#integer> <http://g/1> .\n'
              '<http://a/2> <http://p/name> "二" <http://g/2> .\n')
    store = ox.Store()
    store.load(nquads.encode(), format=ox.RdfFormat.N_QUADS)
    memory = Dataset(default_union=True)
    memory.parse(data=nquads, format="nquads")
    return Dataset(store=_store_class()(store=store), default_union=True), memory


_LITTLE = "SELECT ?a ?name ?n WHERE { ?a <http://p/name> ?name OPTIONAL { ?a <http://p/n> ?n } } ORDER BY ?a"


def test_oxigraph_rows_read_like_rdflib_rows() -> None:
    """Rows by position, by name and by attribute; bindings as dicts without the unbound; len and equality."""
    oxigraph, memory = (run_local(d, _LITTLE) for d in _little_store())
    assert len(oxigraph) == len(memory) == 2
    for mine, theirs in zip(oxigraph, memory, strict=True):
        assert tuple(mine) == tuple(theirs)
        assert (mine[1], mine["name"], mine.name, mine.labels) == (theirs[1], theirs["name"], theirs.name, theirs.labels)
        assert mine.asdict() == theirs.asdict()
    assert oxigraph.bindings == memory.bindings
    assert oxigraph == memory
    assert [row.n for row in oxigraph] == [row.n for row in memory]  # rows again, now from the dicts


def test_oxigraph_results_serialise_as_rdflib_s_and_can_be_cut() -> None:
    """What the server does: serialise, and cut the rows to its limit by setting ``bindings``."""
    oxigraph, memory = (run_local(d, _LITTLE) for d in _little_store())
    for fmt in ("json", "csv", "xml"):
        assert oxigraph.serialize(format=fmt) == memory.serialize(format=fmt)
    oxigraph.bindings = oxigraph.bindings[:1]
    assert len(oxigraph) == 1 and [tuple(row) for row in oxigraph] == [tuple(next(iter(memory)))]


def test_a_row_with_nothing_bound_is_no_row_on_either_store() -> None:
    """rdflib leaves out a solution that binds nothing when it iterates; so does the Oxigraph result."""
    text = "SELECT ?x WHERE { ?a <http://p/name> ?name OPTIONAL { ?a <http://p/none> ?x } }"
    oxigraph, memory = (run_local(d, text) for d in _little_store())
    assert list(oxigraph) == list(memory) == []
    assert len(oxigraph) == len(memory) == 2
