"""Stage 5: asking a built graph questions.

Lookups such as "which tasks is this bureau responsible for?" read the build's
index (no RDF parsing, so a cold lookup is fast); arbitrary questions go to
SPARQL over the graph itself, with values bound as RDF terms, never pasted into
the query text.

>>> from kg import find_tasks
>>> [t["number"] for t in find_tasks("build", bureau="建委")][:3]     # doctest: +SKIP
[16, 35, 36]
"""

from __future__ import annotations

from pathlib import Path

from .lookup import Body, bodies_of, match_bodies
from .store import load_dataset, load_index

__all__ = ["find_tasks", "responsible_bodies", "sparql"]


def responsible_bodies(graph: str | Path = "build") -> list[Body]:
    """Every responsible body in the build at ``graph``."""
    return bodies_of(load_index(graph))


def find_tasks(graph: str | Path = "build", *, bureau: str | None = None) -> list[dict]:
    """Task records of the build at ``graph``; with ``bureau``, those it is responsible for (inherited included).

    Raises :class:`~kg.errors.LookupFailed` when ``bureau`` names no body.
    """
    records, _ = find_tasks_matching(graph, bureau=bureau)
    return records


def find_tasks_matching(graph: str | Path = "build", *, bureau: str | None = None, endpoint: str | None = None,
                        auth: tuple[str, str] | None = None) -> tuple[list[dict], list[Body]]:
    """Like :func:`find_tasks`, also returning the bodies ``bureau`` matched.

    With ``endpoint``, the records are read by SPARQL from that endpoint (see :mod:`kg.graph_records`).
    """
    index = _remote_index(endpoint, auth) if endpoint else load_index(graph)
    tasks = index["tasks"]
    if bureau is None:
        return tasks, []
    matched = match_bodies(bureau, bodies_of(index))
    iris = {b.iri for b in matched}
    return [t for t in tasks if any(u["iri"] in iris for u in t["units"])], matched


def _remote_index(endpoint: str, auth: tuple[str, str] | None) -> dict:
    from .engine import run_remote
    from .graph_records import index_from_sparql

    return index_from_sparql(lambda text: run_remote(endpoint, text, auth=auth))


def sparql(graph: str | Path, query: str, **bindings):
    """Run a SPARQL query on the build at ``graph``; keyword arguments are bound as variables.

    Values are passed through rdflib's ``initBindings`` (give rdflib terms, or
    plain Python values, which become typed literals).
    """
    from rdflib import Literal
    from rdflib.term import Identifier

    terms = {k: v if isinstance(v, Identifier) else Literal(v) for k, v in bindings.items()}
    return load_dataset(graph).query(query, initBindings=terms)
