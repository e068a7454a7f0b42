"""Stage 5: SPARQL over a built graph or a remote endpoint, and the query library.

The library is the ``queries/`` folder (installed as ``kg._queries``): one
``.rq`` file per question, whose leading comment says the question and names
its parameters::

    # zh: 某个部门负责哪些任务?
    # en: Which tasks is a bureau responsible for?
    # param: bureau — any part of one of the bureau's names
    # param: type = entity — an optional parameter with its default

Parameter values are bound as RDF terms, never pasted into the query text: on
the local store through rdflib's ``initBindings``; on a remote endpoint, whose
protocol has no bindings, through a ``VALUES`` block made of the terms'
N-Triples forms (see :func:`with_values`).

Every local query goes through :func:`run_local`, so that the store behind it
can change in one place.

>>> from kg.sparql import run_query
>>> run_query("tasks-of-bureau", {"bureau": "建委"}, graph="build")    # doctest: +SKIP
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .errors import QueryError
from .lexicon import resource_path

__all__ = [
    "LibraryQuery",
    "Parameter",
    "bindings_for",
    "find_query",
    "library",
    "prepare",
    "query_form",
    "query_from_text",
    "run_local",
    "run_query",
    "run_remote",
    "run_update",
    "to_term",
    "with_values",
]

_HEADER = re.compile(r"#\s*(zh|en|param)\s*:\s*(.*)")
_PARAM = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:=\s*(?P<default>\S+))?\s*(?:[—–-]+\s*(?P<text>.*))?")
_IRIREF = re.compile(r'<([^<>"{}|^`\\\x00-\x20]*)>')
_HTTP_IRI = re.compile(r'https?://[^<>"{}|^`\\\x00-\x20]+')
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?\d*\.\d+")


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    default: str | None = None


@dataclass(frozen=True)
class LibraryQuery:
    """A query and what its header says: the question (zh, en) and the parameters."""

    name: str
    text: str
    question_zh: str = ""
    question_en: str = ""
    parameters: tuple[Parameter, ...] = ()
    path: Path | None = None


def query_from_text(text: str, name: str = "query", path: Path | None = None) -> LibraryQuery:
    """A :class:`LibraryQuery` from query text, reading its leading comment block."""
    fields: dict[str, str] = {}
    parameters = []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "param":
            parameters.append(_parameter(value, name))
        else:
            fields[key] = value.strip()
    return LibraryQuery(name, text, fields.get("zh", ""), fields.get("en", ""), tuple(parameters), path)


def _parameter(declaration: str, query: str) -> Parameter:
    match = _PARAM.fullmatch(declaration.strip())
    if not match:
        raise QueryError(f"{query}: cannot read the parameter declaration {declaration!r} "
                         "(write `# param: name — what it is` or `# param: name = default — what it is`)")
    return Parameter(match["name"], (match["text"] or "").strip(), match["default"])


def library() -> list[LibraryQuery]:
    """Every query of the library, by name."""
    folder = resource_path("queries")
    return [query_from_text(p.read_text(encoding="utf-8"), p.stem, p) for p in sorted(folder.glob("*.rq"))]


def find_query(spec: str) -> LibraryQuery:
    """The query ``spec`` names: a library query by name, or a ``.rq`` file."""
    queries = {q.name: q for q in library()}
    if spec in queries:
        return queries[spec]
    path = Path(spec)
    if spec.endswith(".rq") or path.is_file():
        if not path.is_file():
            raise QueryError(f"no query file {spec}")
        try:
            return query_from_text(path.read_text(encoding="utf-8"), path.stem, path)
        except (OSError, UnicodeDecodeError) as error:
            raise QueryError(f"{spec}: cannot read the query ({error})") from None
    import difflib

    close = difflib.get_close_matches(spec, queries, n=3, cutoff=0.4)
    hint = f" Did you mean: {', '.join(close)}?" if close else " See `kg query --list`."
    raise QueryError(f"no library query is called {spec!r}.{hint}")


# ------------------------------------------------------------------ parameters


def to_term(value: str):
    """A command-line value as an RDF term.

    ``<…>`` and ``http(s)://…`` are IRIs; integers, decimals and ``true``/``false``
    are typed literals; anything else is a plain string literal.
    """
    from rdflib import Literal, URIRef

    iri = _IRIREF.fullmatch(value)
    if iri:
        return URIRef(iri.group(1))
    if value.startswith("<"):
        raise QueryError(f"{value!r} is not an IRI: it may not contain spaces, quotes or <>{{}}|^`\\")
    if _HTTP_IRI.fullmatch(value):
        return URIRef(value)
    if _INTEGER.fullmatch(value):
        return Literal(int(value))
    if _DECIMAL.fullmatch(value):
        try:
            return Literal(Decimal(value))
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            pass
    if value in ("true", "false"):
        return Literal(value == "true")
    return Literal(value)


def bindings_for(query: LibraryQuery, params: dict[str, str]) -> dict:
    """The RDF terms to bind for ``params``, checked against the query's declared parameters."""
    declared = {p.name: p for p in query.parameters}
    unknown = sorted(set(params) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise QueryError(f"{query.name} has no parameter {', '.join(unknown)} (its parameters: {known})")
    values = {p.name: p.default for p in query.parameters if p.default is not None} | dict(params)
    missing = [name for name in declared if name not in values]
    if missing:
        raise QueryError(f"{query.name} needs the parameter {', '.join(missing)}: "
                         + "; ".join(f"--param {n}=… ({declared[n].description})" for n in missing))
    return {name: to_term(value) for name, value in values.items()}


# ------------------------------------------------------------------ parsing


def prepare(text: str, name: str = "query"):
    """The parsed query (rdflib's prepared form); :class:`QueryError` with line, column and context if it is not SPARQL."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        return prepareQuery(text)
    except ParseException as error:
        raise QueryError(f"{name}: syntax error at line {error.lineno}, column {error.col}\n"
                         + _context(text, error.lineno, error.col), line=error.lineno, column=error.col) from None
    except Exception as error:  # noqa: BLE001 - rdflib reports unknown prefixes and the like as plain exceptions
        raise QueryError(f"{name}: {error}") from None


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
    """Run ``text`` on ``dataset`` (a built graph: an rdflib Dataset) with ``bindings`` as initBindings.

    Every local query of kg goes through here.
    """
    prepared = prepare(text, name)
    try:
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
    bound = text[: where + 1] + block + text[where + 1:]
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
