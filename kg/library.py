"""The query library: the ``queries/`` folder (installed as ``kg._queries``), and query parameters.

One ``.rq`` file per question, whose leading comment says the question and
names its parameters::

    # zh: 某个部门负责哪些任务?
    # en: Which tasks is a bureau responsible for?
    # param: bureau — any part of one of the bureau's names
    # param: type = entity — an optional parameter with its default
    # param: bureau? — an optional parameter left unbound when not given

Parameter values given as text become RDF terms (:func:`to_term`), to be
bound by the engine (:mod:`kg.engine`), never pasted into the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from .errors import QueryError
from .lexicon import resource_path

__all__ = ["LibraryQuery", "Parameter", "bindings_for", "engine_form", "find_query", "library", "query_from_text",
           "to_term"]

_HEADER = re.compile(r"#\s*(zh|en|param)\s*:\s*(.*)")
_PARAM = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<optional>\?)?\s*(?:=\s*(?P<default>\S+))?\s*"
                    r"(?:[—–-]+\s*(?P<text>.*))?")
_IRIREF = re.compile(r'<([^<>"{}|^`\\\x00-\x20]*)>')
_HTTP_IRI = re.compile(r'https?://[^<>"{}|^`\\\x00-\x20]+')
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?\d*\.\d+")


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    default: str | None = None
    optional: bool = False  # unbound when not given (the query works on everything then)


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
    return Parameter(match["name"], (match["text"] or "").strip(), match["default"], bool(match["optional"]))


def library() -> list[LibraryQuery]:
    """Every query of the library, by name."""
    folder = resource_path("queries")
    return [query_from_text(p.read_text(encoding="utf-8"), p.stem, p) for p in sorted(folder.glob("*.rq"))]


def engine_form(text: str, engine: str) -> str:
    """The form of the library query ``text`` written for ``engine`` (``queries/<engine>/<name>.rq``), or ``text``.

    Engines join differently (queries/README.md): Oxigraph reads a subquery once into a hash table
    and joins a plain pattern by one index lookup per row, while rdflib evaluates a joined subquery
    again for every row. A query written for both runs well on both but best on neither, so a library
    query may have a form for one engine, which gives the same rows (tests/test_store.py compares
    them). Any other text, a user's own query included, runs as written.
    """
    return _engine_forms(engine).get(_text_key(text), text)


@cache
def _engine_forms(engine: str) -> dict[str, str]:
    folder = resource_path("queries")
    forms = {}
    for path in sorted((folder / engine).glob("*.rq")):
        portable = folder / path.name
        if portable.is_file():
            forms[_text_key(portable.read_text(encoding="utf-8"))] = path.read_text(encoding="utf-8")
    return forms


def _text_key(text: str) -> str:
    """The text with its line ends and trailing spaces made plain: a query sent from a web form is still itself."""
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


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
    missing = [name for name, p in declared.items() if name not in values and not p.optional]
    if missing:
        raise QueryError(f"{query.name} needs the parameter {', '.join(missing)}: "
                         + "; ".join(f"--param {n}=… ({declared[n].description})" for n in missing))
    return {name: to_term(value) for name, value in values.items()}
