"""What the graph says about one resource: the page behind each IRI the server dereferences.

A :class:`Description` holds the resource's own statements, the statements
pointing at it, the tasks linked to it (directly, as a task's unit, section or
mention, or through one node in between, such as a responsibility) and a label
for every IRI in it, so that a page can show names rather than IRIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Description", "as_graph", "describe"]

_TASKS = """
PREFIX kgo:  <https://w3id.org/kg-cn/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?task ?number ?label WHERE {
  ?task a kgo:Task ; kgo:taskNumber ?number ; rdfs:label ?label .
  { ?task ?p ?iri } UNION { ?task ?p ?node . ?node ?q ?iri } UNION { ?iri ?p ?task }
  FILTER(?task != ?iri)
}
ORDER BY ?number ?task
"""


@dataclass
class Description:
    iri: object
    outgoing: list[tuple] = field(default_factory=list)  # (predicate, object)
    incoming: list[tuple] = field(default_factory=list)  # (subject, predicate)
    tasks: list[tuple] = field(default_factory=list)  # (task, number, label)
    labels: dict = field(default_factory=dict)  # IRI → its label

    def label(self, term) -> str:
        return str(self.labels.get(term, term))


_OUT = "SELECT DISTINCT ?p ?o WHERE { ?iri ?p ?o }"
_IN = "SELECT DISTINCT ?s ?p WHERE { ?s ?p ?iri }"
_LABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?x ?label WHERE {
  { ?iri ?p ?x } UNION { ?x ?p ?iri } UNION { ?iri ?p ?o . BIND(?iri AS ?x) }
  ?x skos:prefLabel|rdfs:label ?label .
}
"""


def _labels(dataset, iri) -> dict:
    """A label for each IRI around ``iri``: its Chinese one first; else its prefixed name (kgo:taskNumber)."""
    from rdflib import Graph, URIRef

    from .graph import bind_prefixes
    from .engine import run_local

    found: dict = {}
    for row in run_local(dataset, _LABELS, {"iri": iri}):
        found.setdefault(row["x"], []).append(row["label"])
    labels = {term: min(names, key=lambda o: (getattr(o, "language", None) != "zh", str(o)))
              for term, names in found.items()}
    prefixes = bind_prefixes(Graph()).namespace_manager
    for row in run_local(dataset, _OUT, {"iri": iri}):
        for term in (row["p"], row["o"]):
            if isinstance(term, URIRef) and term not in labels:
                labels[term] = _prefixed(prefixes, term)
    for row in run_local(dataset, _IN, {"iri": iri}):
        labels.setdefault(row["p"], _prefixed(prefixes, row["p"]))
    return labels


def _prefixed(prefixes, term) -> str:
    try:
        return prefixes.curie(term, generate=False)
    except (KeyError, ValueError):
        return str(term)


def describe(dataset, iri) -> Description | None:
    """The description of ``iri`` (an rdflib URIRef) in ``dataset``; None when the graph never names it."""
    from .engine import run_local

    outgoing = sorted((r["p"], r["o"]) for r in run_local(dataset, _OUT, {"iri": iri}))
    incoming = sorted((r["s"], r["p"]) for r in run_local(dataset, _IN, {"iri": iri}))
    if not outgoing and not incoming:
        return None
    tasks = [(r["task"], int(r["number"]), str(r["label"])) for r in run_local(dataset, _TASKS, {"iri": iri})]
    return Description(iri, outgoing, incoming, tasks, _labels(dataset, iri))


def as_graph(description: Description):
    """The description's statements as an rdflib Graph, for Turtle and JSON-LD."""
    from rdflib import Graph

    from .graph import bind_prefixes

    graph = bind_prefixes(Graph())
    for predicate, value in description.outgoing:
        graph.add((description.iri, predicate, value))
    for subject, predicate in description.incoming:
        graph.add((subject, predicate, description.iri))
    return graph
