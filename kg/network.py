"""The built graph as a networkx graph: who is responsible for what, and what each task names.

:func:`network_from_rdf` reads the RDF of a build (``kg.store.load_dataset``)
into one undirected :class:`networkx.Graph` whose nodes are IRIs with a ``kind``:

``report``, ``section``, ``subsection``
    the report and its headings (the ``sections`` view's tree);
``task``
    with ``number``, ``requirement``, ``outcome``, ``units`` and ``verdict``
    (the ``skos:notation`` of its ``kgo:status``; ``None`` where the build has no verdicts),
    ``report`` (the report's id, as in task records) and ``report_title``;
``agency``, ``company``, ``organization``, ``project``, ``place``, ``person``, ``document``
    bodies and named entities (``kgo:Entity`` and its type classes; ``entity``
    for one with no type class). Responsible
    units carry ``unit=True``. A build without entity recognition simply has
    no entity nodes beyond its units, and tasks without verdicts have ``verdict=None``.

Edges carry ``relation``: ``responsible`` (task–unit, ``inherited`` when the
unit cell was merged from the row above), ``mentions`` (task–entity), ``part``
(task–heading, heading–heading, heading–report), ``within`` (place–wider place,
``schema:containedInPlace``).

The views are subgraphs of it: :func:`overview`, :func:`bureau_network`,
:func:`ego`, :func:`sections`; :func:`find_nodes` finds the centre of an ego
view by name.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SDO, SKOS

from .errors import LookupFailed, StoreError
from .iris import KGO
from .lookup import Body, match_bodies
from .units import fold_name

__all__ = [
    "ENTITY_KINDS", "ENTITY_TYPES", "network_from_rdf", "load_network", "overview", "bureau_network", "communities",
    "ego", "sections", "find_nodes",
]

# Entity type classes (issue 3) → the type names used in task JSON, in legend order.
ENTITY_KINDS = {
    KGO.GovernmentBody: "agency",
    KGO.Company: "company",
    KGO.Institution: "organization",
    KGO.Project: "project",
    KGO.Place: "place",
    KGO.Jurisdiction: "place",
    KGO.Person: "person",
    KGO.Document: "document",
}
ENTITY_TYPES = (*dict.fromkeys(ENTITY_KINDS.values()), "entity")
HEADINGS = ("report", "section", "subsection")


def _text(rdf, node, predicate, lang: str | None = "zh") -> str | None:
    """One literal of ``node``, in ``lang`` when there is one; the smallest, so the choice is stable."""
    values = [o for o in rdf.objects(node, predicate) if isinstance(o, Literal)]
    preferred = [o for o in values if o.language == lang] or ([] if lang == "en" else values)
    return min(str(o) for o in preferred) if preferred else None


def _label(rdf, node) -> str:
    return _text(rdf, node, SKOS.prefLabel) or _text(rdf, node, RDFS.label) or str(node).rsplit("/", 1)[-1]


def _verdict(rdf, task) -> str | None:
    """The notation of the task's verdict: ``kgo:PartlyMet`` → ``partly_met`` when the graph lacks the notation."""
    status = rdf.value(task, KGO.status)
    if status is None:
        return None
    notation = rdf.value(status, SKOS.notation)
    if notation is not None:
        return str(notation)
    local = re.split(r"[#/]", str(status))[-1]
    return re.sub(r"(?<!^)(?=[A-Z])", "_", local).lower()


def _kind(rdf, node) -> str | None:
    types = set(rdf.objects(node, RDF.type))
    return next((kind for cls, kind in ENTITY_KINDS.items() if cls in types), None)


def _add_entity(network: nx.Graph, rdf, node) -> None:
    iri = str(node)
    if iri in network:
        return
    aliases = {str(o) for o in rdf.objects(node, SKOS.altLabel)}
    label = _label(rdf, node)
    place = rdf.value(node, KGO.jurisdiction)
    network.add_node(
        iri,
        kind=_kind(rdf, node) or "entity",
        label=label,
        label_en=_text(rdf, node, SKOS.prefLabel, "en"),
        aliases=sorted(aliases - {label}),
        jurisdiction=_label(rdf, place) if place is not None else None,
        unit=False,
    )


def _responsibilities(rdf, task) -> list[tuple[int, object, bool]]:
    found = []
    for resp in rdf.objects(task, KGO.responsibility):
        position = rdf.value(resp, KGO.position)
        inherited = rdf.value(resp, KGO.inherited)
        found.append((int(position) if position is not None else 0, rdf.value(resp, KGO.unit), bool(inherited and inherited.toPython())))
    listed = {unit for _, unit, _ in found}
    # A graph with only the kgo:responsibleUnit shortcut still has its units.
    found += [(len(found) + 1, unit, False) for unit in sorted(rdf.objects(task, KGO.responsibleUnit), key=str) if unit not in listed]
    return sorted(found, key=lambda r: (r[0], str(r[1])))


def _add_headings(network: nx.Graph, rdf, task: str, section, subsection, report) -> None:
    chain = [(n, kind) for n, kind in ((subsection, "subsection"), (section, "section"), (report, "report")) if n is not None]
    for node, kind in chain:
        if str(node) not in network:
            label = _text(rdf, node, DCTERMS.title) if kind == "report" else None
            network.add_node(str(node), kind=kind, label=label or _label(rdf, node),
                             notation=str(rdf.value(node, SKOS.notation) or ""))
    below = task
    for node, _ in chain:
        network.add_edge(below, str(node), relation="part")
        below = str(node)


def _task_key(rdf, task):
    number = rdf.value(task, KGO.taskNumber)
    return (str(rdf.value(task, DCTERMS.isPartOf)), int(number) if number is not None else 0, str(task))


def network_from_rdf(rdf) -> nx.Graph:
    """The network of an rdflib graph or dataset of a build; nodes and edges in a stable order."""
    network = nx.Graph()
    for task in sorted(set(rdf.subjects(RDF.type, KGO.Task)), key=lambda t: _task_key(rdf, t)):
        report_node = rdf.value(task, DCTERMS.isPartOf)
        units = []
        responsibilities = _responsibilities(rdf, task)
        for _, unit, inherited in responsibilities:
            _add_entity(network, rdf, unit)
            network.nodes[str(unit)]["unit"] = True
            units.append((network.nodes[str(unit)]["label"], inherited))
        network.add_node(
            str(task), kind="task", label=str(rdf.value(task, KGO.taskNumber)),
            number=_task_key(rdf, task)[1],
            report=str(rdf.value(report_node, DCTERMS.identifier) or report_node) if report_node is not None else None,
            report_title=_label(rdf, report_node) if report_node is not None else None,
            requirement=_text(rdf, task, KGO.requirement) or "", outcome=_text(rdf, task, KGO.outcome) or "",
            units=units, verdict=_verdict(rdf, task),
        )
        for _, unit, inherited in responsibilities:
            network.add_edge(str(task), str(unit), relation="responsible", inherited=inherited)
        for entity in sorted(rdf.objects(task, KGO.mentions), key=str):
            _add_entity(network, rdf, entity)
            if not network.has_edge(str(task), str(entity)):
                network.add_edge(str(task), str(entity), relation="mentions", inherited=False)
        _add_headings(network, rdf, str(task), rdf.value(task, KGO.section), rdf.value(task, KGO.subsection), report_node)
    for entity in sorted(rdf.subjects(RDF.type, KGO.Entity), key=str):
        _add_entity(network, rdf, entity)  # named in no task: still an entity of the build
    for place, _, wider in sorted(rdf.triples((None, SDO.containedInPlace, None))):
        if str(place) in network and str(wider) in network:
            network.add_edge(str(place), str(wider), relation="within", inherited=False)
    return network


# What network_from_rdf reads. Mention nodes, text selectors and provenance are
# most of a build's triples; skipping their N-Quads lines before parsing makes
# loading two to three times faster.
_PREDICATES = {
    RDF.type, RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.notation, DCTERMS.isPartOf, DCTERMS.title,
    DCTERMS.identifier, KGO.taskNumber, KGO.requirement, KGO.outcome, KGO.section, KGO.subsection,
    KGO.responsibility, KGO.responsibleUnit, KGO.unit, KGO.position, KGO.inherited, KGO.mentions, KGO.status,
    KGO.jurisdiction, SDO.containedInPlace,
}
_TYPES = {KGO.Task, KGO.Entity, *ENTITY_KINDS}


def _wanted(line: str) -> bool:
    """Whether an N-Quads line states something the network reads (subject and predicate hold no spaces)."""
    parts = line.split(" ", 3)
    if len(parts) < 4 or URIRef(parts[1][1:-1]) not in _PREDICATES:
        return False
    return parts[1] != f"<{RDF.type}>" or URIRef(parts[2][1:-1]) in _TYPES


def load_network(directory) -> nx.Graph:
    """The network of the build in ``directory``, from the N-Quads lines it needs (StoreError when none)."""
    from rdflib import Dataset

    from .store import load_index, nquads_lines

    load_index(directory)
    try:
        lines = [line for line in nquads_lines(directory) if _wanted(line)]
    except OSError as error:
        raise StoreError(f"{directory} is unreadable ({error}); rebuild with `kg build -o {directory}`") from None
    dataset = Dataset(default_union=True)
    dataset.parse(data="\n".join(lines) + "\n", format="nquads")
    return network_from_rdf(dataset)


# ---------------------------------------------------------------- views


def overview(network: nx.Graph) -> nx.Graph:
    """Tasks, bodies and entities: everything but the headings."""
    return network.subgraph([n for n, kind in network.nodes(data="kind") if kind not in HEADINGS]).copy()


def bureau_network(network: nx.Graph) -> nx.Graph:
    """Responsible units linked by the tasks they share; edge ``weight`` = number of shared tasks."""
    units = [n for n, unit in network.nodes(data="unit") if unit]
    bureaus = nx.Graph()
    bureaus.add_nodes_from((n, network.nodes[n]) for n in units)
    for task, kind in network.nodes(data="kind"):
        if kind != "task":
            continue
        members = [n for n in network[task] if network.edges[task, n]["relation"] == "responsible"]
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if bureaus.has_edge(a, b):
                    bureaus.edges[a, b]["tasks"].append(task)
                else:
                    bureaus.add_edge(a, b, tasks=[task])
    for a, b, data in bureaus.edges(data=True):
        data["weight"] = len(data["tasks"])
    for unit in units:
        bureaus.nodes[unit]["tasks"] = sum(1 for t in network[unit] if network.edges[unit, t]["relation"] == "responsible")
    return bureaus


def communities(bureaus: nx.Graph) -> list[list[str]]:
    """Communities of the co-responsibility network (Louvain, fixed seed), largest first."""
    found = nx.community.louvain_communities(bureaus, weight="weight", seed=1) if bureaus else []
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))


def ego(network: nx.Graph, centres: list[str], depth: int) -> nx.Graph:
    """Everything within ``depth`` hops of any of ``centres`` in the overview network."""
    view = overview(network)
    keep: set[str] = set()
    for centre in centres:
        keep |= set(nx.single_source_shortest_path_length(view, centre, cutoff=depth))
    return view.subgraph([n for n in view if n in keep]).copy()


def sections(network: nx.Graph) -> nx.Graph:
    """Report → section → subsection → task, and each task's responsible units."""
    keep = [n for n, data in network.nodes(data=True) if data["kind"] in HEADINGS + ("task",) or data.get("unit")]
    tree = network.subgraph(keep).copy()
    tree.remove_edges_from([(a, b) for a, b, rel in tree.edges(data="relation") if rel == "mentions"])
    return tree


# ---------------------------------------------------------------- finding a node by name

LOOKUP_KINDS = {
    "project": ("project",),
    "place": ("place",),
    "company": ("company",),
    "entity": ENTITY_TYPES,
}


@dataclass(frozen=True)
class _Named:
    iri: str
    names: frozenset[str]


def _names(data: dict) -> frozenset[str]:
    return frozenset(fold_name(n).casefold() for n in [data["label"], data.get("label_en"), *data.get("aliases", ())] if n)


def _match_names(query: str, candidates: list[_Named], what: str) -> list[str]:
    """Exact name or alias, else names containing the query, else close matches; LookupFailed with suggestions."""
    folded = fold_name(query).casefold()
    if not folded:
        raise LookupFailed("an empty name matches nothing.")
    tiers = (
        lambda c: folded in c.names,
        lambda c: any(folded in n for n in c.names),
        lambda c: bool(difflib.get_close_matches(folded, sorted(c.names), n=1, cutoff=0.75)),
    )
    for tier in tiers:
        matched = [c.iri for c in candidates if tier(c)]
        if matched:
            return matched
    names = sorted({n for c in candidates for n in c.names})
    raise LookupFailed(f"no {what} is called {query!r}.", difflib.get_close_matches(folded, names, n=5, cutoff=0.3))


def find_nodes(network: nx.Graph, option: str, query: str) -> list[str]:
    """The nodes ``--OPTION QUERY`` names: ``bureau`` as ``kg tasks --bureau``, else entity labels and aliases."""
    if option == "bureau":
        bodies = [
            Body(data["label"], n, set(data["aliases"]), data.get("jurisdiction"))
            for n, data in network.nodes(data=True) if data.get("unit")
        ]
        return [b.iri for b in match_bodies(query, bodies)]
    kinds = LOOKUP_KINDS[option]
    candidates = [_Named(n, _names(data)) for n, data in network.nodes(data=True) if data["kind"] in kinds]
    if not candidates:
        raise LookupFailed(
            f"the graph has no {option} entities to search for {query!r}: "
            "build it with a kg that recognises entities, or use --bureau"
        )
    return _match_names(query, candidates, option)
