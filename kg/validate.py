"""Stage 3b: check a graph against the SHACL shapes in ``ontology/shapes.ttl``.

kg build refuses to write a graph that does not conform, so every published
graph passes the shapes.
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph

from .errors import GraphError
from .lexicon import resource_path

__all__ = ["shapes", "validate", "check"]


@cache
def shapes() -> Graph:
    return Graph().parse(resource_path("ontology", "shapes.ttl"), format="turtle")


def validate(graph: Graph) -> tuple[bool, str]:
    """(conforms, report text) for ``graph``."""
    from pyshacl import validate as shacl  # imported here: pyshacl is only needed to build

    conforms, _, text = shacl(graph, shacl_graph=shapes(), inference="none", advanced=False)
    return bool(conforms), text


def check(graph: Graph) -> None:
    """Raise :class:`GraphError` with pyshacl's report when ``graph`` does not conform."""
    conforms, text = validate(graph)
    if not conforms:
        raise GraphError("the graph does not conform to ontology/shapes.ttl:\n" + text)
