"""The SPARQL 1.1 Protocol's content negotiation, and a query run and written in the format chosen.

SELECT and ASK answers come as SPARQL results in JSON (the default), XML, CSV
or TSV; CONSTRUCT and DESCRIBE answers as Turtle (the default), JSON-LD or
N-Triples. A ``format`` request parameter (json, xml, csv, tsv, turtle,
jsonld, nt, or a media type) overrides the ``Accept`` header, for browsers and quick ``curl``.
"""

from __future__ import annotations

from .errors import QueryError

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "NotAcceptable", "negotiate", "run_and_write"]

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
}
_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
}
_ALIASES = {"ttl": "turtle", "json-ld": "jsonld", "ntriples": "nt"}


class NotAcceptable(QueryError):
    """The client accepts none of the formats this kind of answer comes in (HTTP 406)."""


def _ranked(accept: str) -> list[str]:
    """Media types of an Accept header, most wanted first (q=0 dropped)."""
    ranked = []
    for position, item in enumerate(accept.split(",")):
        kind, *options = (part.strip() for part in item.split(";"))
        quality = 1.0
        for option in options:
            key, _, value = option.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if kind and quality > 0:
            ranked.append((-quality, position, kind.lower()))
    return [kind for _, _, kind in sorted(ranked)]


def negotiate(accept: str | None, offered: dict[str, str]) -> str:
    """The format (a key of :data:`_MEDIA`) to answer in; the first offered one when anything goes."""
    if not accept or not accept.strip():
        return next(iter(offered.values()))
    for kind in _ranked(accept):
        if kind in offered:
            return offered[kind]
        major, _, minor = kind.partition("/")
        if minor == "*":
            for candidate, fmt in offered.items():
                if major == "*" or candidate.startswith(major + "/"):
                    return fmt
    raise NotAcceptable(f"cannot answer in {accept}: this query's answer comes as " + ", ".join(sorted(offered)))


def choose_format(form: str, accept: str | None, fmt: str | None) -> str:
    offered = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES
    if not fmt:
        return negotiate(accept, offered)
    fmt = offered.get(fmt.lower(), _ALIASES.get(fmt, fmt))  # some clients (SPARQLWrapper) send a media type
    if fmt not in offered.values():
        raise NotAcceptable(f"format={fmt} does not fit a {form} query: use one of {', '.join(sorted(set(offered.values())))}")
    return fmt


def run_and_write(dataset, text: str, bindings: dict, accept: str | None, fmt: str | None, max_results: int):
    """Run ``text`` on ``dataset`` and write the answer in the negotiated format, at most ``max_results`` rows."""
    from .results import write_tsv
    from .engine import prepare, query_form, run_local
    from .worker import Answer

    chosen = choose_format(query_form(prepare(text)), accept, fmt)
    result = run_local(dataset, text, bindings)
    truncated = False
    if result.type == "SELECT":
        rows = result.bindings
        truncated = len(rows) > max_results
        result.bindings = rows[:max_results]
    elif result.type in ("CONSTRUCT", "DESCRIBE") and len(result.graph) > max_results:
        from rdflib import Graph

        kept = Graph(namespace_manager=result.graph.namespace_manager)
        for triple in sorted(result.graph)[:max_results]:
            kept.add(triple)
        result.graph, truncated = kept, True
    if chosen == "tsv":
        body = write_tsv(result).encode("utf-8")
    elif chosen in ("turtle", "jsonld", "nt"):
        body = result.graph.serialize(format={"jsonld": "json-ld", "nt": "nt11"}.get(chosen, chosen), encoding="utf-8")
    else:
        body = result.serialize(format=chosen, encoding="utf-8")
    return Answer(body, _MEDIA[chosen], truncated)
