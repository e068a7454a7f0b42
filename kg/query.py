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

from .errors import LookupFailed
from .lookup import Body, bodies_of, entities_of, match_bodies
from .store import load_dataset, load_index
from .choices import STATUSES

__all__ = ["find_tasks", "find_entities", "responsible_bodies", "sparql", "ENTITY_FILTERS"]

# `kg tasks` options that look a name up among the entities of one type (None: any type).
ENTITY_FILTERS = {"project": "project", "place": "place", "company": "company", "entity": None}


def responsible_bodies(graph: str | Path = "build") -> list[Body]:
    """Every responsible body in the build at ``graph``."""
    return bodies_of(load_index(graph))


def find_entities(graph: str | Path = "build", *, type: str | None = None) -> list[Body]:
    """The entities named in the build's tasks, of one ``type`` (agency, company, …) or all."""
    return entities_of(load_index(graph), type)


def find_tasks(graph: str | Path = "build", *, bureau: str | None = None, status: str | None = None,
               endpoint: str | None = None, auth: tuple[str, str] | None = None, **names: str | None) -> list[dict]:
    """Task records of the build at ``graph``, narrowed by every filter given.

    ``bureau``: tasks it is responsible for (inherited included). ``project``,
    ``place``, ``company``: tasks whose text names it; ``entity``: names it, of
    any type. Each takes any form of the name (alias, shorter, longer).
    ``status``: tasks with that verdict (met, partly_met, not_met, cancelled,
    deferred, qualitative). Raises :class:`~kg.errors.LookupFailed` when a name
    matches nothing or ``status`` is no verdict. ``endpoint``: read the tasks by
    SPARQL from that endpoint instead of the build (``auth``: user, password).
    """
    records, _ = find_tasks_matching(graph, bureau=bureau, status=status, endpoint=endpoint, auth=auth, **names)
    return records


def find_tasks_matching(graph: str | Path = "build", *, bureau: str | None = None, status: str | None = None,
                        endpoint: str | None = None, auth: tuple[str, str] | None = None,
                        **names: str | None) -> tuple[list[dict], list[Body]]:
    """Like :func:`find_tasks`, also returning the bodies and entities the names matched.

    With ``endpoint``, the records are read by SPARQL from that endpoint (see
    :mod:`kg.graph_records`); the entity index is not rebuilt there, so
    ``bureau`` and ``status`` filter, the entity names do not.
    """
    if endpoint and any(v is not None for v in names.values()):
        raise LookupFailed("entity filters need the local build (index.json); on an endpoint use "
                           "`kg query tasks-involving-entity --endpoint …`.")
    index = _remote_index(endpoint, auth) if endpoint else load_index(graph)
    tasks = with_status(index["tasks"], status) if status is not None else index["tasks"]
    matched: list[Body] = []
    if bureau is not None:
        bodies = match_bodies(bureau, bodies_of(index))
        iris = {b.iri for b in bodies}
        tasks = [t for t in tasks if any(u["iri"] in iris for u in t["units"])]
        matched += bodies
    for option, query in names.items():
        if option not in ENTITY_FILTERS:
            raise TypeError(f"find_tasks() got an unexpected keyword argument {option!r}")
        if query is None:
            continue
        kind = ENTITY_FILTERS[option]
        entities = match_bodies(query, entities_of(index, kind), what=kind or "entity")
        iris = {e.iri for e in entities}
        tasks = [t for t in tasks if any(e["iri"] in iris for e in t.get("entities", []))]
        matched += entities
    return tasks, matched


def with_status(tasks: list[dict], status: str) -> list[dict]:
    """The task records whose verdict is ``status``."""
    if status not in STATUSES:
        raise LookupFailed(f"no verdict is called {status!r}; verdicts are {', '.join(STATUSES)}.")
    return [t for t in tasks if t["status"] == status]


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

    from .engine import run_local

    terms = {k: v if isinstance(v, Identifier) else Literal(v) for k, v in bindings.items()}
    return run_local(load_dataset(graph), query, terms)
