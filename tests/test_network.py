"""The build as a networkx network: tasks, units, headings, and entities and verdicts where the build has them."""

from __future__ import annotations

import json

import pytest

from kg.errors import LookupFailed
from kg.graph import report_graph
from kg.network import (
    ENTITY_TYPES,
    bureau_network,
    ego,
    find_nodes,
    load_network,
    network_from_rdf,
    overview,
    sections,
)
from kg.store import load_index
from tests.samples import add_entities_and_verdicts, without_entities_and_verdicts

PROJECT = "https://example.org/entity/工程设计联盟大厦"
PLACE = "https://example.org/entity/武昌滨江"
WIDER = "https://example.org/entity/武昌"


def _kinds(network, kind: str) -> set[str]:
    return {n for n, k in network.nodes(data="kind") if k == kind}


def test_tasks_and_units_match_the_index(built) -> None:
    """Every task and every responsible unit of index.json is a node; each responsibility an edge."""
    index = load_index(built)
    network = load_network(built)
    assert _kinds(network, "task") == {t["iri"] for t in index["tasks"]}
    units = {u["iri"] for t in index["tasks"] for u in t["units"]}
    assert {n for n, unit in network.nodes(data="unit") if unit} == units
    responsible = {(t["iri"], u["iri"]) for t in index["tasks"] for u in t["units"]}
    edges = {(a, b) if network.nodes[a]["kind"] == "task" else (b, a)
             for a, b, rel in network.edges(data="relation") if rel == "responsible"}
    assert edges == responsible


def test_inherited_units_are_marked_on_the_edge(built) -> None:
    """Task 13 inherits 区金融工作局 from the merged cell of task 12: its edge says inherited."""
    index = load_index(built)
    task = next(t for t in index["tasks"] if t["number"] == 13)
    unit = task["units"][0]
    assert unit["inherited"] is True
    assert load_network(built).edges[task["iri"], unit["iri"]]["inherited"] is True


def test_bureau_network_weights_count_shared_tasks(built) -> None:
    """Two units are linked once per task they share, the weight counting them."""
    index = load_index(built)
    shared: dict[frozenset, int] = {}
    for task in index["tasks"]:
        iris = sorted({u["iri"] for u in task["units"]})
        for i, a in enumerate(iris):
            for b in iris[i + 1:]:
                shared[frozenset((a, b))] = shared.get(frozenset((a, b)), 0) + 1
    bureaus = bureau_network(load_network(built))
    assert {frozenset((a, b)): w for a, b, w in bureaus.edges(data="weight")} == shared


def test_sections_view_is_a_tree_of_headings_over_tasks(built) -> None:
    """Each task hangs under one heading; each subsection under its section; sections under the report."""
    tree = sections(load_network(built))
    for task in _kinds(tree, "task"):
        assert len([n for n in tree[task] if tree.nodes[n]["kind"] in ("section", "subsection")]) == 1
    for sub in _kinds(tree, "subsection"):
        assert [tree.nodes[n]["kind"] for n in tree[sub] if tree.nodes[n]["kind"] != "task"] == ["section"]
    assert len(_kinds(tree, "report")) == 1


def test_a_graph_without_entities_or_verdicts_degrades_gracefully(report) -> None:
    """Without kgo:Entity, kgo:mentions and kgo:status: no verdicts, no mention edges, the only bodies are the units."""
    network = network_from_rdf(without_entities_and_verdicts(report_graph(report)))
    assert {network.nodes[t]["verdict"] for t in _kinds(network, "task")} == {None}
    assert "mentions" not in {rel for _, _, rel in network.edges(data="relation")}
    bodies = {n for n, kind in network.nodes(data="kind") if kind in ENTITY_TYPES}
    assert bodies == {n for n, unit in network.nodes(data="unit") if unit}


@pytest.fixture(scope="module")
def enriched(report):
    """The bundled report's graph plus hand-written entity and verdict triples (issues 3 and 4)."""
    graph = report_graph(report)
    _, _, tasks = add_entities_and_verdicts(graph)
    return network_from_rdf(graph), tasks


def test_entities_become_typed_nodes_linked_to_their_tasks(enriched) -> None:
    """kgo:Entity nodes get their type, labels and aliases, and an edge to each task that mentions them."""
    network, task = enriched
    assert network.nodes[PROJECT]["kind"] == "project"
    assert network.nodes[PLACE]["aliases"] == ["滨江商务区"]
    assert sorted(network.nodes[t]["number"] for t in network[PLACE] if t != WIDER) == [16, 17]
    assert network.edges[PLACE, WIDER]["relation"] == "within"  # schema:containedInPlace
    assert network.edges[str(task[16]), PROJECT]["relation"] == "mentions"
    assert PROJECT in overview(network) and PROJECT not in sections(network)


def test_verdicts_come_from_the_status_notation_or_its_name(enriched) -> None:
    """kgo:Met with notation "met" and kgo:PartlyMet without one read as met and partly_met."""
    network, task = enriched
    assert network.nodes[str(task[16])]["verdict"] == "met"
    assert network.nodes[str(task[17])]["verdict"] == "partly_met"
    assert network.nodes[str(task[18])]["verdict"] is None


@pytest.mark.parametrize("query", ["武汉工程设计联盟大厦", "工程设计联盟大厦", "设计联盟", "武汉工程设计联盟大夏"])
def test_a_project_is_found_by_name_alias_part_or_close_spelling(enriched, query) -> None:
    """Exact label, alias, a substring and a near miss all find the project."""
    network, _ = enriched
    assert find_nodes(network, "project", query) == [PROJECT]


def test_an_unknown_entity_name_lists_suggestions(enriched) -> None:
    """A name that matches nothing raises LookupFailed naming the closest entities."""
    network, _ = enriched
    with pytest.raises(LookupFailed, match=r"no place is called '滨江大道'.*Did you mean: .*滨江商务区"):
        find_nodes(network, "place", "滨江大道")


def test_entity_lookup_without_entities_says_why(report) -> None:
    """Asking for a project in a graph without entities says there are none, not 'no match'."""
    network = network_from_rdf(without_entities_and_verdicts(report_graph(report)))
    with pytest.raises(LookupFailed, match="the graph has no project entities"):
        find_nodes(network, "project", "大厦")


def test_ego_reaches_k_hops(enriched) -> None:
    """Depth 1 around a place: it, its tasks and the place it lies in; depth 2 adds those tasks' units and entities."""
    network, task = enriched
    near = ego(network, [PLACE], 1)
    assert set(near) == {PLACE, WIDER, str(task[16]), str(task[17])}
    far = ego(network, [PLACE], 2)
    assert PROJECT in far and set(far) > set(near)


def test_bureau_lookup_is_the_one_kg_tasks_uses(built) -> None:
    """--bureau 建委 finds 区建委 as `kg tasks --bureau 建委` does."""
    network = load_network(built)
    assert [network.nodes[n]["label"] for n in find_nodes(network, "bureau", "武昌建委")] == ["区建委"]


def test_loading_only_the_needed_lines_loses_nothing(report, built, tmp_path) -> None:
    """load_network (which skips mention, selector and provenance lines) equals the network of the whole RDF."""
    from rdflib import Dataset, URIRef

    from kg.store import load_dataset

    graph = report_graph(report)
    add_entities_and_verdicts(graph)
    dataset = Dataset()
    named = dataset.graph(URIRef("https://example.org/graph/enriched"))
    named += graph
    index = (built / "index.json").read_bytes()
    part = tmp_path / "reports" / json.loads(index)["reports"][0]["id"] / "graph.nq"
    part.parent.mkdir(parents=True)
    part.write_bytes(dataset.serialize(format="nquads", encoding="utf-8"))
    part.with_name("shared.nq").write_bytes(b"")  # all of it in the one graph
    (tmp_path / "index.json").write_bytes(index)
    for directory in (built, tmp_path):
        whole, loaded = network_from_rdf(load_dataset(directory)), load_network(directory)
        assert list(loaded.nodes(data=True)) == list(whole.nodes(data=True))
        assert list(loaded.edges(data=True)) == list(whole.edges(data=True))
    assert PROJECT in loaded
    assert {loaded.nodes[t]["number"]: loaded.nodes[t]["verdict"] for t in _kinds(loaded, "task")}[16] == "met"
