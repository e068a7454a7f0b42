"""kg's compiled SHACL engine finds what pyshacl, the reference, finds: on real graphs and on broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg import load_report
from kg.entities import report_entities
from kg.graph import report_graph
from kg.iris import DEFAULT_BASE
from kg.shacl import SH, Unsupported, compile_shapes, violations
from kg.validate import shapes, validate

SMALL = Path(__file__).parent / "data" / "heldout" / "01_linjiang_district_2018.txt"


@pytest.fixture(scope="module")
def small_graph() -> Graph:
    report = load_report(SMALL)
    return report_graph(report, DEFAULT_BASE, report_entities(report))


def _pyshacl_focus(graph: Graph) -> set[str]:
    from pyshacl import validate as shacl

    _, results, _ = shacl(graph, shacl_graph=shapes(), inference="none", advanced=False)
    return {node.n3() for node in results.objects(None, URIRef(SH + "focusNode"))}


def _kg_focus(graph: Graph) -> set[str]:
    from kg.validate import _compiled

    found = violations(_compiled(), graph.serialize(format="nt11", encoding="utf-8"), limit=10_000)
    return {v.focus for v in found}  # pyoxigraph writes terms as rdflib's n3() does


def _shape_predicates() -> list[URIRef]:
    """Every predicate a property shape constrains, inverse paths included."""
    found = set()
    for path in shapes().objects(None, URIRef(SH + "path")):
        if isinstance(path, URIRef):
            found.add(path)
        else:
            found.update(o for o in shapes().objects(path, URIRef(SH + "inversePath")))
    return sorted(found)


def _mutations(graph: Graph):
    """(name, broken copy) pairs: for each constrained predicate, its values dropped, doubled and retyped.

    A doubled value appends "1", not "0": Oxigraph reads numbers in canonical form, so to it 0.5 and 0.50
    are one value where pyshacl counts two terms (kg writes canonical numbers, so its graphs never differ so).
    """
    for predicate in _shape_predicates():
        triples = sorted(graph.triples((None, predicate, None)))
        if not triples:
            continue
        subject, _, value = triples[0]
        dropped = Graph() + graph
        dropped.remove((subject, predicate, None))
        yield f"drop {predicate}", dropped
        doubled = Graph() + graph
        if isinstance(value, Literal):
            doubled.add((subject, predicate, Literal(str(value) + "1", lang=value.language, datatype=value.datatype)))
        else:
            doubled.add((subject, predicate, URIRef("https://example.org/stranger")))
        yield f"double {predicate}", doubled
        retyped = Graph() + graph
        retyped.remove((subject, predicate, value))
        retyped.add((subject, predicate, Literal("x") if not isinstance(value, Literal) or value.language
                     else Literal(str(value), lang="en")))
        yield f"retype {predicate}", retyped
    untyped = Graph() + graph
    untyped.remove((sorted(untyped.subjects(RDF.type, None))[0], RDF.type, None))
    yield "untyped", untyped
    bad_number = Graph() + graph
    subject, predicate, _ = next(iter(sorted(graph.triples((None, None, None)),
                                             key=lambda t: (getattr(t[2], "datatype", None) != XSD.integer, t))))
    bad_number.set((subject, predicate, Literal("-3", datatype=XSD.integer)))
    yield "negative integer", bad_number


def test_compiled_engine_accepts_what_pyshacl_accepts(small_graph) -> None:
    assert _pyshacl_focus(small_graph) == set()
    assert _kg_focus(small_graph) == set()
    assert validate(small_graph, "compiled")[0] and validate(small_graph, "pyshacl")[0]


def test_compiled_engine_finds_the_focus_nodes_pyshacl_finds_in_broken_graphs(small_graph) -> None:
    """Every constrained predicate dropped, doubled and retyped: both engines blame the same nodes."""
    broken = 0
    for name, graph in _mutations(small_graph):
        expected = _pyshacl_focus(graph)
        assert _kg_focus(graph) == expected, name
        assert validate(graph, "compiled")[0] == (not expected), name
        broken += bool(expected)
    assert broken >= 40  # the mutations do break the shapes, so the comparison means something


def test_shapes_beyond_the_compiled_subset_are_refused() -> None:
    """sh:or is not compiled; kg.validate then falls back to pyshacl."""
    extra = Graph() + shapes()
    shape = next(iter(extra.subjects(RDF.type, URIRef(SH + "NodeShape"))))
    extra.add((shape, URIRef(SH + "or"), BNode()))
    with pytest.raises(Unsupported):
        compile_shapes(extra)


def test_every_shape_of_the_ontology_compiles() -> None:
    """kg's own shapes stay within the compiled subset, so builds use the fast engine."""
    checks = compile_shapes(shapes())
    assert len({c.shape for c in checks}) == len(set(shapes().subjects(RDF.type, URIRef(SH + "NodeShape"))))


def test_lines_in_another_layout_are_read_as_well(small_graph) -> None:
    """N-Triples with comments, tabs and escaped characters (parsed by pyoxigraph, not split as text) give
    the same verdicts as the lines kg writes."""
    from kg.validate import _compiled

    broken = Graph() + small_graph
    task = sorted(broken.subjects(RDF.type, URIRef("https://w3id.org/kg-cn/ontology#Task")))[0]
    broken.add((task, URIRef("https://w3id.org/kg-cn/ontology#requirement"), Literal('第二个"要求"\t', lang="zh")))
    lines = broken.serialize(format="nt11", encoding="utf-8")
    odd = b"# written by hand\n" + lines.replace(b"> <", b">\t<").replace("要求".encode(), b"\\u8981\\u6C42")
    expected = violations(_compiled(), lines)
    assert [v.component for v in expected] == ["maxCount 1"]
    assert [(v.shape, v.component, v.focus) for v in violations(_compiled(), odd)] == \
        [(v.shape, v.component, v.focus) for v in expected]
