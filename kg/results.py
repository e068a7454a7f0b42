"""Writing SPARQL results: a terminal table, the SPARQL 1.1 JSON, XML, CSV and TSV results formats, Turtle.

SELECT and ASK results come out in any results format; CONSTRUCT and DESCRIBE
results are graphs, written as Turtle (or JSON-LD for ``json``).
"""

from __future__ import annotations

from .errors import QueryError
from .output import display_width, fit

__all__ = ["FORMATS", "plain", "render_result", "write_tsv"]

from .choices import RESULT_FORMATS as FORMATS
_CELL = 48


def plain(term) -> str:
    """A term's value as a person reads it: the IRI, or the literal's text."""
    return "" if term is None else str(term)


def render_result(result, fmt: str = "table", width: int | None = None) -> str:
    """``result`` (an rdflib Result) written in ``fmt``."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return _graph(result.graph, fmt)
    if fmt == "turtle":
        raise QueryError(f"--format turtle is for CONSTRUCT and DESCRIBE queries; this is {result.type}: "
                         "use table, json, csv or tsv")
    if fmt == "tsv":
        return write_tsv(result)
    if fmt == "table":
        return _table(result, width)
    return result.serialize(format=fmt, encoding="utf-8").decode("utf-8").rstrip("\r\n")


def _graph(graph, fmt: str) -> str:
    from .graph import bind_prefixes

    if fmt in ("csv", "tsv"):
        raise QueryError(f"a CONSTRUCT or DESCRIBE result is a graph: use --format turtle or json, not {fmt}")
    return bind_prefixes(graph).serialize(format="json-ld" if fmt in ("json", "jsonld") else "turtle")


def write_tsv(result) -> str:
    """SPARQL 1.1 TSV: variables as ``?name``, terms in Turtle syntax (rdflib has no TSV writer)."""
    if result.type == "ASK":
        return "?_askResult\n" + ("true" if result.askAnswer else "false")
    lines = ["\t".join("?" + v for v in result.vars)]
    for row in result:
        lines.append("\t".join("" if row[v] is None else row[v].n3() for v in result.vars))
    return "\n".join(lines)


def _table(result, width: int | None) -> str:
    if result.type == "ASK":
        return "yes" if result.askAnswer else "no"
    header = [str(v) for v in result.vars]
    rows = [[plain(row[v]) for v in result.vars] for row in result]
    if not rows:
        return "  ".join(header) + "\n(no results)"
    widths = [min(_CELL, max(display_width(r[i]) for r in rows + [header])) for i in range(len(header))]
    lines = ["  ".join(fit(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [header] + rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
