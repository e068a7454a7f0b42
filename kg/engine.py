"""Running SPARQL: on the built graph (the local store) or on a remote endpoint.

Parameter values are bound as RDF terms, never pasted into the query text: on
the local store through rdflib's ``initBindings``; on a remote endpoint, whose
protocol has no bindings, through a ``VALUES`` block made of the terms'
N-Triples forms (see :func:`with_values`).

Every local query goes through :func:`run_local` (and every update through
:func:`run_update`), so that the store behind them can change in one place.

>>> from kg.engine import run_query
>>> run_query("tasks-of-bureau", {"bureau": "建委"}, graph="build")    # doctest: +SKIP
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .errors import QueryError
from .library import LibraryQuery, bindings_for, find_query

__all__ = ["prepare", "query_form", "run_local", "run_query", "run_remote", "run_update", "with_values"]


# ------------------------------------------------------------------ parsing


def prepare(text: str, name: str = "query"):
    """The parsed query (rdflib's prepared form); :class:`QueryError` with line, column and context if it is not SPARQL."""
    from pyparsing import ParseException

    try:
        return _prepared(text)
    except ParseException as error:
        raise QueryError(f"{name}: syntax error at line {error.lineno}, column {error.col}\n"
                         + _context(text, error.lineno, error.col), line=error.lineno, column=error.col) from None
    except Exception as error:  # noqa: BLE001 - rdflib reports unknown prefixes and the like as plain exceptions
        raise QueryError(f"{name}: {error}") from None


@lru_cache(maxsize=256)
def _prepared(text: str):
    """rdflib's parse of ``text``, kept: it costs 50 ms for a library query, which a server runs again and again."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


def _context(text: str, lineno: int, col: int, around: int = 2) -> str:
    lines = text.splitlines() or [""]
    first = max(1, lineno - around)
    shown = []
    for number in range(first, min(len(lines), lineno + around) + 1):
        shown.append(f"{number:>4} | {lines[number - 1]}")
        if number == lineno:
            shown.append("     | " + " " * (col - 1) + "^")
    return "\n".join(shown)


def query_form(prepared) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``."""
    return prepared.algebra.name.removesuffix("Query").upper()


# ------------------------------------------------------------------ running


def run_local(dataset, text: str, bindings: dict | None = None, name: str = "query"):
    """Run ``text`` on ``dataset`` (a built graph: an rdflib Dataset) with ``bindings`` bound.

    Every local query of kg goes through here. On the Oxigraph store the query
    runs in Oxigraph, in its Oxigraph form if it is a library query that has one
    (:func:`kg.library.engine_form`), its bindings in a ``VALUES`` block
    (:func:`with_values`); on rdflib's memory store, through ``initBindings``.
    """
    from .library import engine_form
    from .oxstore import is_oxigraph, query

    prepared = prepare(text, name)
    try:
        if is_oxigraph(dataset):
            text = engine_form(text, "oxigraph")
            return query(dataset, with_values(text, bindings) if bindings else text)
        return dataset.query(prepared, initBindings=bindings or {})
    except Exception as error:  # noqa: BLE001 - evaluation errors (bad casts, unsupported functions) name the query
        raise QueryError(f"{name}: {error}") from None


def run_update(dataset, text: str) -> None:
    """Apply a SPARQL Update to ``dataset`` (in memory: nothing is written to the build)."""
    try:
        dataset.update(text)
    except Exception as error:  # noqa: BLE001 - rdflib reports bad updates as plain exceptions
        raise QueryError(f"update failed: {error}") from None


def with_values(text: str, bindings: dict) -> str:
    """``text`` with a ``VALUES`` block binding ``bindings``, at the start of its WHERE group.

    The protocol of a remote endpoint carries no bindings, so they travel in the
    query. Each value is written by rdflib's ``Term.n3()``, which escapes quotes,
    backslashes and line ends in literals and refuses IRIs with characters that
    could end one; the block goes just inside the first brace of the WHERE
    clause, found by a tokenizer that skips comments, strings and IRIs, and the
    result is parsed again to be sure it is still one query.
    """
    if not bindings:
        return text
    names = sorted(bindings)
    row = " ".join(_n3(bindings[n]) for n in names)
    block = f"\n  VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}\n"
    where = _where_brace(text)
    if where is None:
        raise QueryError("parameters can only be bound remotely in a query with a WHERE clause")
    bound = text
    for brace in sorted({where, *_subquery_braces(text)}, reverse=True):
        bound = bound[: brace + 1] + block + bound[brace + 1:]
    prepare(bound)
    return bound


def _n3(term) -> str:
    try:
        return term.n3()
    except Exception as error:  # noqa: BLE001 - rdflib refuses to write IRIs that are not IRIs
        raise QueryError(f"cannot send {str(term)!r} as a query value: {error}") from None


_TOKEN = re.compile(
    r'(?P<comment>#[^\n]*)|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r'|(?P<word>[?$]?[A-Za-z_][\w.:-]*)|(?P<space>\s+)|(?P<other>[\s\S])',
)
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def _where_brace(text: str) -> int | None:
    """Offset of the brace opening the WHERE group, CONSTRUCT's template skipped."""
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text) if m.lastgroup not in ("comment", "space")]
    forms = [i for i, (value, _) in enumerate(tokens) if value.upper() in _FORMS]
    if not forms:
        return None
    rest = tokens[forms[0] + 1:]
    if tokens[forms[0]][0].upper() == "CONSTRUCT" and rest and rest[0][0] == "{":
        closing = next((i for i, (value, _) in enumerate(rest) if value == "}"), len(rest))  # a template holds no groups
        rest = rest[closing + 1:]
    return next((start for value, start in rest if value == "{"), None)


def _subquery_braces(text: str) -> list[int]:
    """Offsets of the braces opening the groups of the SELECTs nested in ``text``."""
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text) if m.lastgroup not in ("comment", "space")]
    form = next((i for i, (value, _) in enumerate(tokens) if value.upper() in _FORMS), None)
    found = []
    for index, (value, _) in enumerate(tokens):
        if value.upper() == "SELECT" and index != form:
            brace = next((start for token, start in tokens[index + 1:] if token == "{"), None)
            if brace is not None:
                found.append(brace)
    return found


def run_remote(endpoint: str, text: str, bindings: dict | None = None, name: str = "query",
               auth: tuple[str, str] | None = None, timeout: float = 60):
    """Run ``text`` on the SPARQL endpoint at ``endpoint`` and return an rdflib Result."""
    from .remote import post_query

    form = query_form(prepare(text, name))
    return post_query(endpoint, with_values(text, bindings or {}), form, auth=auth, timeout=timeout)


def run_query(spec: str | LibraryQuery, params: dict[str, str] | None = None, *, graph: str | Path = "build",
              endpoint: str | None = None, auth: tuple[str, str] | None = None):
    """Run a library query by name, a ``.rq`` file or a :class:`LibraryQuery` with ``params`` bound.

    On the build at ``graph``, or on the SPARQL endpoint at ``endpoint`` if given.
    """
    query = spec if isinstance(spec, LibraryQuery) else find_query(spec)
    bindings = bindings_for(query, params or {})
    if endpoint:
        return run_remote(endpoint, query.text, bindings, query.name, auth=auth)
    from .store import load_dataset

    return run_local(load_dataset(graph), query.text, bindings, query.name)
