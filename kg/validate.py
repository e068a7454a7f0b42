"""Stage 3b: check a graph against the SHACL shapes in ``ontology/shapes.ttl``.

kg build refuses to write a graph that does not conform, so every published
graph passes the shapes. Two engines give the same verdicts: kg's own
(:mod:`kg.shacl`, the shapes compiled to Python checks over the report's triples,
some twenty times faster) whenever it can compile the shapes, and pyshacl, the
reference implementation, otherwise or when asked (``engine="pyshacl"``).
``engine="compiled"`` asks for kg's own; ``"oxigraph"`` is its former name, from when
the compiled checks were SPARQL queries run in Oxigraph, and still accepted.
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph

from .errors import GraphError
from .lexicon import resource_path

__all__ = ["shapes", "validate", "check", "check_ntriples", "ENGINES"]

ENGINES = ("auto", "compiled", "pyshacl", "oxigraph")


@cache
def shapes() -> Graph:
    return Graph().parse(resource_path("ontology", "shapes.ttl"), format="turtle")


@cache
def _compiled():
    """The shapes' checks, or None when they use SHACL that kg.shacl does not compile."""
    from .shacl import Unsupported, compile_shapes

    try:
        return compile_shapes(shapes())
    except Unsupported:
        return None


def validate(graph: Graph, engine: str = "auto") -> tuple[bool, str]:
    """(conforms, report text) for ``graph``."""
    if engine not in ENGINES:
        raise ValueError(f"engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if engine != "pyshacl" and (engine in ("compiled", "oxigraph") or _compiled() is not None):
        return _report(_ntriples(graph))
    from pyshacl import validate as shacl  # imported here: pyshacl is only needed to build

    conforms, _, text = shacl(graph, shacl_graph=shapes(), inference="none", advanced=False)
    return bool(conforms), text


def check(graph: Graph) -> None:
    """Raise :class:`GraphError` with the validation report when ``graph`` does not conform."""
    _refuse_unless(*validate(graph))


def check_ntriples(ntriples: bytes) -> None:
    """:func:`check` for a graph already written as N-Triples, as a build has it."""
    if _compiled() is None:
        check(Graph().parse(data=ntriples, format="nt"))
        return
    _refuse_unless(*_report(ntriples))


def _refuse_unless(conforms: bool, text: str) -> None:
    if not conforms:
        raise GraphError("the graph does not conform to ontology/shapes.ttl:\n" + text)


def _report(ntriples: bytes) -> tuple[bool, str]:
    from .shacl import violations

    if _compiled() is None:
        raise GraphError("ontology/shapes.ttl uses SHACL that kg's own engine does not compile; use pyshacl")
    found = violations(_compiled(), ntriples)
    if not found:
        return True, "Validation Report\nConforms: True\n"
    lines = [f"Validation Report\nConforms: False\nResults ({len(found)}):"] + [f"- {v}" for v in found]
    return False, "\n".join(lines) + "\n"


def _ntriples(graph: Graph) -> bytes:
    return graph.serialize(format="nt11", encoding="utf-8")
