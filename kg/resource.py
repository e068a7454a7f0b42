"""What the graph says about one resource: the page behind each IRI the server dereferences.

A :class:`Description` holds the resource's own statements, the statements
pointing at it, the tasks linked to it (directly, as a task's unit, section or
mention, or through one node in between, such as a responsibility) and a label
for every IRI in it, so that a page can show names rather than IRIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Description", "describe", "as_graph"]

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


def _label(dataset, iri):
    from rdflib.namespace import RDFS, SKOS

    names = [o for p in (SKOS.prefLabel, RDFS.label) for o in dataset.objects(iri, p)]
    names.sort(key=lambda o: (getattr(o, "language", None) != "zh", str(o)))
    return names[0] if names else None


def describe(dataset, iri) -> Description | None:
    """The description of ``iri`` (an rdflib URIRef) in ``dataset``; None when the graph never names it."""
    from rdflib import URIRef

    from .sparql import run_local

    outgoing = sorted(set(dataset.predicate_objects(iri)))
    incoming = sorted(set(dataset.subject_predicates(iri)))
    if not outgoing and not incoming:
        return None
    tasks = [(r["task"], int(r["number"]), str(r["label"])) for r in run_local(dataset, _TASKS, {"iri": iri})]
    terms = {iri} | {t for pair in outgoing + incoming for t in pair}
    labels = {}
    for term in terms:
        if isinstance(term, URIRef):
            name = _label(dataset, term)
            if name is not None:
                labels[term] = name
    return Description(iri, outgoing, incoming, tasks, labels)


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
