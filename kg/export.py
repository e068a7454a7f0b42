"""The built graph in the formats other tools read.

``graphml``, ``gexf``
    the network of :mod:`kg.network` (Gephi, Cytoscape, yEd); list attributes
    are joined with `` | ``, inherited units marked ``↑``;
``csv``
    the same network as a zip archive holding ``nodes.csv`` and ``edges.csv``
    (spreadsheets; UTF-8 with a byte-order mark so Excel reads the Chinese);
``jsonld``, ``nt``
    the RDF itself, every report's triples in one graph (JSON-LD with the
    ontology's prefixes as context; N-Triples 1.1, Chinese kept as UTF-8).

Every format is deterministic: sorted, no timestamps.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import re
import zipfile
from pathlib import Path

import networkx as nx

from .errors import ReportError
from .network import load_network
from .store import atomic_write, load_dataset

__all__ = ["EXPORT_FORMATS", "export_bytes", "write_export"]

EXPORT_FORMATS = ("graphml", "gexf", "jsonld", "nt", "nq", "csv")
NODE_FIELDS = ("id", "kind", "label", "label_en", "aliases", "jurisdiction", "unit", "report", "report_title", "number",
               "requirement", "outcome", "units", "verdict", "notation")
EDGE_FIELDS = ("source", "target", "relation", "inherited")
_EPOCH = (1980, 1, 1, 0, 0, 0)


def _flat(value):
    """A value graph formats can hold: lists joined, unit pairs marked ↑, None dropped by the caller."""
    if isinstance(value, (list, tuple)):
        return " | ".join(f"{v[0]}↑" if isinstance(v, tuple) and v[1] else v[0] if isinstance(v, tuple) else str(v) for v in value)
    return value


def _flat_network(network: nx.Graph) -> nx.Graph:
    flat = nx.Graph()
    for node, data in network.nodes(data=True):
        flat.add_node(node, **{k: _flat(v) for k, v in data.items() if v is not None})
    for a, b, data in network.edges(data=True):
        flat.add_edge(a, b, **{k: v for k, v in data.items() if v is not None})
    return flat


def _graphml(network: nx.Graph) -> bytes:
    return ("\n".join(nx.generate_graphml(_flat_network(network))) + "\n").encode("utf-8")


def _gexf(network: nx.Graph) -> bytes:
    text = "\n".join(nx.generate_gexf(_flat_network(network))) + "\n"
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1).encode("utf-8")  # today's date: not reproducible


def _csv_text(fields, rows) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_zip(network: nx.Graph) -> bytes:
    nodes = [{"id": n, **{k: _flat(v) for k, v in d.items()}} for n, d in network.nodes(data=True)]
    edges = [{"source": a, "target": b, **d} for a, b, d in network.edges(data=True)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("nodes.csv", _csv_text(NODE_FIELDS, nodes)), ("edges.csv", _csv_text(EDGE_FIELDS, edges))):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)  # fixed date: same build, same bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _sorted_json(value):
    """JSON-LD with every object's keys and every array in a fixed order."""
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def _triples(directory):
    from rdflib import Graph

    from .graph import bind_prefixes

    graph = bind_prefixes(Graph(bind_namespaces="none"))
    for triple in load_dataset(directory).triples((None, None, None)):
        graph.add(triple)
    return graph


def _jsonld(directory) -> bytes:
    graph = _triples(directory)
    context = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
    document = json.loads(graph.serialize(format="json-ld", context=context))
    return (json.dumps(_sorted_json(document), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _nt(directory) -> bytes:
    lines = sorted(set(_triples(directory).serialize(format="nt11").splitlines()) - {""})
    return ("\n".join(lines) + "\n").encode("utf-8")


def _nq(directory) -> bytes:
    """The build's named graphs as one N-Quads file: report by report (each sorted), then the shared graph."""
    from .store import nquads_files, shared_nquads

    return b"".join(path.read_bytes() for path in nquads_files(directory)) + shared_nquads(directory)


def export_bytes(directory: str | Path, fmt: str) -> bytes:
    """The build in ``directory`` in format ``fmt`` (one of :data:`EXPORT_FORMATS`)."""
    if fmt == "nq":
        return _nq(directory)
    if fmt == "jsonld":
        return _jsonld(directory)
    if fmt == "nt":
        return _nt(directory)
    writers = {"graphml": _graphml, "gexf": _gexf, "csv": _csv_zip}
    if fmt not in writers:
        raise ReportError(f"unknown export format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    return writers[fmt](load_network(directory))


def stream_export(directory: str | Path, fmt: str, out) -> None:
    """Write the ``nq`` export to ``out`` (a path, written atomically, or a binary stream) without holding it."""
    from .store import append_files, atomic_stream, nquads_files, shared_nquads

    if fmt != "nq":
        raise ReportError(f"only nq is streamed, not {fmt!r}")
    files, shared = nquads_files(directory), shared_nquads(directory)
    if isinstance(out, (str, Path)):
        with atomic_stream(Path(out)) as stream:
            append_files(stream, files, b"")
            stream.write(shared)
        return
    for path in files:
        with path.open("rb") as data:
            shutil.copyfileobj(data, out, 1 << 20)
    out.write(shared)
    out.flush()


def write_export(directory: str | Path, fmt: str, out: str | Path | None) -> bytes | None:
    """Write the export to ``out`` atomically; without ``out`` return it (text formats only)."""
    if out is None and fmt == "csv":
        raise ReportError("--format csv writes a zip of nodes.csv and edges.csv: give -o FILE.zip")
    data = export_bytes(directory, fmt)
    if out is None:
        return data
    atomic_write(Path(out), data)
    return None
