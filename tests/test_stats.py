"""kg stats: centralities of bureaus, components, communities and co-responsible tasks, checked against the index."""

from __future__ import annotations

import json
from collections import Counter

from click.testing import CliRunner

from kg import build
from kg.cli import cli
from kg.network import load_network
from kg.stats import network_stats
from kg.store import load_dataset
from tests.samples import HEADER, overview_iris, write_report


def _components(built) -> int:
    """Connected components of the overview, by union-find over index.json and the RDF's places within places."""
    from rdflib.namespace import (
        SDO,  # not at module level: pytest's collection probes module names on it
    )

    index = json.loads((built / "index.json").read_text(encoding="utf-8"))
    nodes = overview_iris(built)
    parent = {n: n for n in nodes}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    links = [(t["iri"], u["iri"]) for t in index["tasks"] for u in t["units"]]
    links += [(t["iri"], e["iri"]) for t in index["tasks"] for e in t.get("entities", [])]
    links += [(str(a), str(b)) for a, b in load_dataset(built).subject_objects(SDO.containedInPlace)]
    for a, b in links:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    return len({root(n) for n in nodes})


def test_stats_agree_with_the_index(built) -> None:
    """Tasks per bureau, the component count and the most co-responsible task match index.json."""
    index = json.loads((built / "index.json").read_text(encoding="utf-8"))
    per_unit = Counter(iri for t in index["tasks"] for iri in {u["iri"] for u in t["units"]})
    stats = network_stats(load_network(built), top=100)
    assert {b["iri"]: b["tasks"] for b in stats["bureaus"]} == dict(per_unit)
    assert stats["bureaus"][0]["tasks"] == max(per_unit.values())
    assert stats["components"]["count"] == _components(built)
    most = max(len(t["units"]) for t in index["tasks"])
    assert len(stats["co_responsible_tasks"][0]["units"]) == most
    assert stats["co_responsible_tasks"][0]["report"] == index["reports"][0]["id"]


def test_a_bridging_bureau_has_the_highest_betweenness(tmp_path) -> None:
    """B shares a task with A and one with C: B is on the one A–C path; with a fourth, lone unit that is 1 of 3 pairs."""
    body = HEADER + "一、经济发展\n1 甲。 区发改委、区财政局 做了甲。\n2 乙。 区财政局、区审计局 做了乙。\n3 丙。 区水务局 做了丙。\n"
    build([write_report(tmp_path, body)], tmp_path / "build")
    stats = network_stats(load_network(tmp_path / "build"))
    by_name = {b["name"]: b for b in stats["bureaus"]}
    # normalised by the (4-1)(4-2)/2 = 3 pairs of the other units; B lies on the A–C path only
    assert by_name["区财政局"]["betweenness_centrality"] == round(1 / 3, 4)
    assert by_name["区财政局"]["degree_centrality"] == round(2 / 3, 4)
    assert by_name["区发改委"]["betweenness_centrality"] == 0.0
    assert by_name["区水务局"]["partners"] == 0
    assert stats["communities"] == [{"size": 3, "members": ["区发改委", "区审计局", "区财政局"]}]
    assert stats["components"]["count"] == 2


def test_cli_prints_tables_and_json(built) -> None:
    """kg stats prints the sections as tables; --format json the same numbers as JSON."""
    runner = CliRunner()
    table = runner.invoke(cli, ["stats", "--graph", str(built)])
    assert table.exit_code == 0
    assert "betweenness" in table.output and "连通分量 connected components" in table.output
    data = json.loads(runner.invoke(cli, ["stats", "--graph", str(built), "--format", "json", "--top", "3"]).output)
    assert set(data) == {"bureaus", "entities", "components", "communities", "co_responsible_tasks"}
    assert len(data["bureaus"]) == 3
