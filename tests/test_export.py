"""kg export: graphml, gexf, csv (zip), jsonld and nt that other tools read back whole, byte-identical each time."""

from __future__ import annotations

import csv
import io
import zipfile

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.export import export_bytes
from kg.iris import shared_graph
from kg.network import load_network
from kg.store import load_dataset


@pytest.fixture(scope="module")
def network(built):
    return load_network(built)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_formats_read_back_whole(built, network, tmp_path, fmt) -> None:
    """networkx reads the file back with every node, edge and the node's kind and label."""
    path = tmp_path / f"g.{fmt}"
    path.write_bytes(export_bytes(built, fmt))
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == network.number_of_nodes()
    assert back.number_of_edges() == network.number_of_edges()
    node = next(n for n, d in network.nodes(data=True) if d["label"] == "区建委")
    assert back.nodes[node]["kind"] == "agency"
    assert back.nodes[node]["label"] == "区建委"


def test_csv_is_a_zip_of_nodes_and_edges(built, network) -> None:
    """nodes.csv has a row per node, edges.csv a row per edge; inherited units marked ↑."""
    archive = zipfile.ZipFile(io.BytesIO(export_bytes(built, "csv")))
    assert archive.namelist() == ["nodes.csv", "edges.csv"]
    nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8-sig"))))
    edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode("utf-8-sig"))))
    assert len(nodes) == network.number_of_nodes() and len(edges) == network.number_of_edges()
    task13 = next(r for r in nodes if r["kind"] == "task" and r["number"] == "13")
    assert task13["units"] == "区金融工作局↑"


@pytest.mark.parametrize(("fmt", "rdf_format"), [("jsonld", "json-ld"), ("nt", "nt")])
def test_rdf_formats_hold_every_triple(built, fmt, rdf_format) -> None:
    """JSON-LD and N-Triples parse back to the same triples as the build's graph."""
    back = Graph().parse(data=export_bytes(built, fmt).decode("utf-8"), format=rdf_format)
    built_triples = set(load_dataset(built).triples((None, None, None)))
    assert set(back) == built_triples


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv", "jsonld", "nt"])
def test_same_build_same_bytes(built, fmt) -> None:
    """Exporting twice gives identical bytes (no dates, sorted)."""
    assert export_bytes(built, fmt) == export_bytes(built, fmt)


def test_csv_needs_a_file(built) -> None:
    """csv without -o is an error saying what to give."""
    result = CliRunner().invoke(cli, ["export", "--graph", str(built), "--format", "csv"])
    assert result.exit_code == 1
    assert "Error: --format csv writes a zip of nodes.csv and edges.csv: give -o FILE.zip" in result.output


def test_cli_writes_the_file(built, tmp_path) -> None:
    """kg export -o writes the file and names it."""
    out = tmp_path / "kg.graphml"
    result = CliRunner().invoke(cli, ["export", "--graph", str(built), "--format", "graphml", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_bytes() == export_bytes(built, "graphml")


def test_nquads_hold_each_report_in_its_named_graph(built, tmp_path) -> None:
    """kg export --format nq streams the reports' named graphs and the shared graph: to a file and to
    standard output alike; the report's graph holds its own resources, the shared graph the rest."""
    from rdflib import Dataset, URIRef

    from kg.store import load_index

    out = tmp_path / "all.nq"
    assert CliRunner().invoke(cli, ["export", "--graph", str(built), "--format", "nq", "-o", str(out)]).exit_code == 0
    printed = CliRunner().invoke(cli, ["export", "--graph", str(built), "--format", "nq"])
    assert printed.stdout_bytes == out.read_bytes() == export_bytes(built, "nq")
    dataset = Dataset()
    dataset.parse(out, format="nquads")
    graph = URIRef(load_index(built)["reports"][0]["iri"].replace("/report/", "/graph/"))
    shared = shared_graph(load_index(built)["base"])
    assert {g.identifier for g in dataset.graphs() if len(g)} == {graph, shared}
    held = len(dataset.graph(graph)) + len(dataset.graph(shared))
    assert held == out.read_bytes().count(b"\n")  # each line once
    assert held == len(list(load_dataset(built, store="memory").quads((None, None, None, None))))
    report = URIRef(load_index(built)["reports"][0]["iri"])
    assert all(str(s).startswith(str(report)) for s in dataset.graph(graph).subjects())
    assert not any(str(s).startswith(str(report)) for s in dataset.graph(shared).subjects())
