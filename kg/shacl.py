"""SHACL Core shapes compiled to Python checks over a report's triples: validation in milliseconds.

pyshacl walks the data graph with rdflib, which took about two thirds of the time
of building a report. kg's shapes use a small part of SHACL Core, so each
constraint of each shape is compiled once into a function that finds the focus
nodes (and values) breaking it, over the triples of one report indexed by
predicate. The functions follow the SPARQL definitions of the SHACL spec (class
targets through ``rdf:type/rdfs:subClassOf*``, ``sh:lessThan`` and the range
constraints by SPARQL's comparison of numbers and strings, ``sh:languageIn`` by
``langMatches``). An earlier version ran each check as a SPARQL query in an
in-memory Oxigraph store: a load and 174 queries, 35 ms for a synthetic report of
52 tasks, where these functions take 19 ms; most of that is reading the lines.

The compiler knows a subset of SHACL Core: targets by class, subjects-of,
objects-of and node; paths that are an IRI or the inverse of one; the value-type,
cardinality, range, string, language, value and pair constraints below. A shapes
graph using anything else (sh:or, sh:node, sh:sparql, longer paths …) raises
:class:`Unsupported`, and :mod:`kg.validate` then uses pyshacl, the reference
engine. ``tests/test_shacl.py`` checks that both engines find the same focus nodes
on many broken graphs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Iterator

__all__ = ["Check", "Violation", "Unsupported", "compile_shapes", "violations"]

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

# Predicates of a shape that constrain nothing (descriptions, targets and paths handled apart).
_NOT_CONSTRAINTS = {
    f"{SH}property", f"{SH}path", f"{SH}targetClass", f"{SH}targetSubjectsOf", f"{SH}targetObjectsOf",
    f"{SH}targetNode", f"{SH}name", f"{SH}description", f"{SH}message", f"{SH}order", f"{SH}group",
    f"{SH}severity", f"{SH}deactivated", f"{SH}flags",
}

# Lexical forms of the datatypes kg writes: a literal typed so but ill-formed breaks sh:datatype,
# as the spec asks (rdflib flags them when parsing; Oxigraph keeps them as written).
_LEXICAL = {
    f"{XSD}integer": r"[+-]?[0-9]+",
    f"{XSD}decimal": r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)",
    f"{XSD}boolean": r"(true|false|1|0)",
    f"{XSD}date": r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?",
    f"{XSD}gYear": r"-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?",
    f"{XSD}hexBinary": r"([0-9a-fA-F]{2})*",
    f"{XSD}dateTime": r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?",
}

# SPARQL compares numbers of these datatypes by value (XSD's integer types derive from decimal).
_DECIMALS = {f"{XSD}{name}" for name in (
    "integer", "decimal", "long", "int", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
_FLOATS = {f"{XSD}float", f"{XSD}double"}

_COMPARISONS = {"minInclusive": (1, 0), "maxInclusive": (-1, 0), "minExclusive": (1,), "maxExclusive": (-1,)}

class Unsupported(Exception):
    """The shapes use SHACL this compiler does not know; use pyshacl."""


@dataclass(frozen=True)
class Check:
    """One constraint of one shape, as a function finding the (focus, value) pairs that break it
    (value None where the constraint is on the focus node's values together, as sh:minCount)."""

    shape: str
    path: str  # as written in Turtle, for messages; "" for a node shape's own constraint
    component: str  # e.g. "minCount 1"
    find: Callable[[_Data], Iterator[tuple]] = field(compare=False, repr=False)


@dataclass(frozen=True)
class Violation:
    shape: str
    path: str
    component: str
    focus: str  # N-Triples form
    value: str | None

    def __str__(self) -> str:
        on = f" {self.path}" if self.path else ""
        value = f" value {self.value}" if self.value else ""
        return f"{self.shape}{on}: {self.component} broken at {self.focus}{value}"


# ------------------------------------------------------------------ the data
#
# Terms are kept as the N-Triples text they are written in (<iri>, _:blank, "literal"@zh …):
# making a pyoxigraph object of each of a report's 15,000 terms took longer than all the checks.


class _Data:
    """One graph's triples, indexed by predicate when a check first asks."""

    def __init__(self, triples) -> None:
        self._triples: dict = defaultdict(list)
        for subject, predicate, obj in triples:
            self._triples[predicate].append((subject, obj))
        self._indexes: dict = {}
        self._instances: dict = {}
        self._focus: dict = {}

    def forward(self, predicate: str) -> dict:
        """subject → set of objects, for ``predicate``."""
        return self._index(predicate, backward=False)

    def backward(self, predicate: str) -> dict:
        """object → set of subjects, for ``predicate``."""
        return self._index(predicate, backward=True)

    def _index(self, predicate: str, backward: bool) -> dict:
        if (predicate, backward) not in self._indexes:
            index = defaultdict(set)
            for subject, obj in self._triples.get(predicate, ()):
                if backward:
                    index[obj].add(subject)
                else:
                    index[subject].add(obj)
            self._indexes[predicate, backward] = index
        return self._indexes[predicate, backward]

    def instances(self, cls: str) -> set:
        """The nodes that are ``cls`` by ``rdf:type/rdfs:subClassOf*`` in this graph."""
        if cls not in self._instances:
            subclasses, todo = {cls}, [cls]
            below = self.backward(_SUBCLASS)
            while todo:
                for sub in below.get(todo.pop(), ()):
                    if sub not in subclasses:
                        subclasses.add(sub)
                        todo.append(sub)
            typed = self.backward(_TYPE)
            self._instances[cls] = set().union(*(typed.get(c, ()) for c in subclasses))
        return self._instances[cls]

    def focus(self, targets: tuple) -> set:
        """The focus nodes of a shape's ``targets`` (see :func:`_targets`)."""
        if targets not in self._focus:
            found = set()
            for kind, term in targets:
                if kind == "class":
                    found |= self.instances(term)
                elif kind == "subjects":
                    found |= {subject for subject, _ in self._triples.get(term, ())}
                elif kind == "objects":
                    found |= {obj for _, obj in self._triples.get(term, ())}
                else:
                    found |= set(term)
            self._focus[targets] = found
        return self._focus[targets]

    def all_values(self, path: tuple) -> set:
        """Every value of ``path`` in the graph, whatever its focus."""
        key = ("all", path)
        if key not in self._indexes:
            index = self.backward(path[0]) if path[1] else self.forward(path[0])
            self._indexes[key] = set().union(*index.values())
        return self._indexes[key]

    def values(self, path: tuple | None) -> Callable:
        """focus → its set of values on ``path`` ((predicate, inverse) or None for the node itself)."""
        if path is None:
            return lambda focus: {focus}
        index = self.backward(path[0]) if path[1] else self.forward(path[0])
        return lambda focus: index.get(focus, _NONE)


_NONE: frozenset = frozenset()
_TYPE = f"<{RDF}type>"
_SUBCLASS = f"<{RDFS}subClassOf>"


def _triples(ntriples: bytes) -> list[tuple[str, str, str]]:
    """The triples of an N-Triples document as the text of their terms.

    Lines as kg and rdflib write them (one space between terms, `` .`` at the end) are split by one
    regular expression; any other document is parsed by pyoxigraph and its terms written back.
    """
    text = ntriples.decode("utf-8")
    found = _TRIPLE.findall(text)
    if len(found) != sum(1 for line in text.split("\n") if line):
        return _parsed(ntriples)
    return found


_TRIPLE = re.compile(r'^(<[^>\s]*>|_:\S+) (<[^>\s]*>) ([<_"].*) \.$', re.MULTILINE)


def _parsed(ntriples: bytes) -> list[tuple[str, str, str]]:
    import pyoxigraph as ox

    return [(str(s), str(p), str(o)) for s, p, o, _ in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)]


_LITERAL = re.compile(r'"(.*)"(?:@([A-Za-z][A-Za-z0-9-]*)|\^\^<([^>]*)>)?', re.DOTALL)
_ESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))', re.DOTALL)
_ESCAPED = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


@lru_cache(maxsize=65536)
def _literal(term: str) -> tuple[str, str, str] | None:
    """(lexical form, datatype IRI, language) of a literal's N-Triples text; None for an IRI or blank node."""
    if term[:1] != '"':
        return None
    match = _LITERAL.fullmatch(term)
    if match is None:
        return None
    value, language, datatype = match.groups()
    if "\\" in value:
        value = _ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)) if m[3] is None else _ESCAPED.get(m[3], m[0]),
                            value)
    return value, datatype or (f"{RDF}langString" if language else f"{XSD}string"), language or ""


_NOT_LITERAL = ("", "", "")


def _key(term: str):
    """What sameTerm compares: the IRI or blank node as written, a literal as (form, datatype, language)."""
    return _literal(term) or term


def _string(term: str) -> str | None:
    """STR() of an IRI or literal, None for a blank node."""
    if term[:1] == "<":
        return term[1:-1]
    found = _literal(term)
    return found[0] if found else None


# ------------------------------------------------------------------ compiling


def compile_shapes(shapes) -> tuple[Check, ...]:
    """The checks of every active node shape in the rdflib graph ``shapes``; Unsupported if any is beyond us."""
    from rdflib import URIRef

    checks: list[Check] = []
    for shape in sorted(set(shapes.subjects(URIRef(f"{RDF}type"), URIRef(f"{SH}NodeShape")))):
        if _true(shapes.value(shape, URIRef(f"{SH}deactivated"))):
            continue
        targets = _targets(shapes, shape)
        if not targets:
            continue  # no target: such a shape is only reached through sh:node, which we do not compile
        name = _short(shapes, shape)
        checks += _constraints(shapes, shape, name, targets, path=None, shown="")
        for prop in sorted(shapes.objects(shape, URIRef(f"{SH}property"))):
            if _true(shapes.value(prop, URIRef(f"{SH}deactivated"))):
                continue
            written = shapes.value(prop, URIRef(f"{SH}path"))
            checks += _constraints(shapes, prop, name, targets, path=_path(shapes, written),
                                   shown=_shown_path(shapes, written))
    return tuple(checks)


def _true(term) -> bool:
    return term is not None and term.toPython() is True


def _short(shapes, node) -> str:
    from rdflib import Literal

    if isinstance(node, Literal):
        return str(node)
    try:
        return shapes.namespace_manager.normalizeUri(node)
    except Exception:  # noqa: BLE001 - a blank node or an IRI with no prefix: its N-Triples form
        return node.n3()


def _ox(term) -> str:
    """An rdflib term of the shapes graph as N-Triples text, as the data's terms are kept."""
    from rdflib import BNode, Literal

    if isinstance(term, BNode):
        raise Unsupported(f"blank node {term.n3()} as a value in the shapes")
    if isinstance(term, Literal):
        return _escape_literal(term)
    return f"<{term}>"


def _escape_literal(term) -> str:
    text = '"' + str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
    if term.language:
        return f"{text}@{term.language}"
    return f"{text}^^<{term.datatype or XSD + 'string'}>"


def _targets(shapes, shape) -> tuple:
    """A shape's targets as (kind, term) pairs: class, subjects (of a predicate), objects, nodes."""
    from rdflib import URIRef

    targets = [("class", _ox(c)) for c in sorted(shapes.objects(shape, URIRef(f"{SH}targetClass")))]
    if (shape, URIRef(f"{RDF}type"), URIRef(f"{RDFS}Class")) in shapes:  # an implicit class target
        targets.append(("class", _ox(shape)))
    targets += [("subjects", _ox(p)) for p in sorted(shapes.objects(shape, URIRef(f"{SH}targetSubjectsOf")))]
    targets += [("objects", _ox(p)) for p in sorted(shapes.objects(shape, URIRef(f"{SH}targetObjectsOf")))]
    nodes = sorted(shapes.objects(shape, URIRef(f"{SH}targetNode")))
    if nodes:
        targets.append(("nodes", tuple(_ox(n) for n in nodes)))
    return tuple(targets)


def _path(shapes, path) -> tuple:
    """A property path as (predicate, inverse): an IRI, or the inverse of one."""
    from rdflib import BNode, URIRef

    if isinstance(path, URIRef):
        return _ox(path), False
    if isinstance(path, BNode):
        inverse = shapes.value(path, URIRef(f"{SH}inversePath"))
        if isinstance(inverse, URIRef) and len(set(shapes.predicate_objects(path))) == 1:
            return _ox(inverse), True
    raise Unsupported(f"sh:path {path!r}: only an IRI or sh:inversePath of one is compiled")


def _shown_path(shapes, path) -> str:
    """The path as SPARQL writes it, for messages."""
    from rdflib import URIRef

    if isinstance(path, URIRef):
        return path.n3()
    return "^" + shapes.value(path, URIRef(f"{SH}inversePath")).n3()


def _constraints(shapes, node, name: str, targets: tuple, path: tuple | None, shown: str) -> list[Check]:
    """The checks of the constraints written on ``node`` (a node shape when ``path`` is None)."""
    from rdflib import URIRef

    checks = []
    for predicate, obj in sorted(shapes.predicate_objects(node)):
        iri = str(predicate)
        if not iri.startswith(SH) or iri in _NOT_CONSTRAINTS:
            continue
        parameter = iri[len(SH):]
        find = _finder(targets, path, _constraint(shapes, node, parameter, obj, path))
        component = f"{parameter} {_short(shapes, obj) if not isinstance(obj, URIRef) or parameter != 'in' else obj}"
        checks.append(Check(name, shown, component, find))
    return checks


@dataclass(frozen=True)
class _EachValue:
    """A constraint each value meets or not by itself (sh:datatype, sh:class, sh:in …): ``test(data, value)``."""

    test: Callable


def _finder(targets: tuple, path: tuple | None, broken) -> Callable:
    """A check's function: ``broken(data, focus, values)`` gives the values (or None) that break it.

    A constraint on each value alone (:class:`_EachValue`) is tested once per distinct value of the
    path in the graph, and the focus nodes are looked at only when some value fails: a report's
    graph conforms, and going focus by focus was most of the time of validating it.
    """
    if isinstance(broken, _EachValue):
        return _value_finder(targets, path, broken.test)
    if isinstance(broken, _Count):
        return _count_finder(targets, path, broken)

    def find(data: _Data):
        values = data.values(path)
        return [(focus, value) for focus in data.focus(targets) for value in broken(data, focus, values(focus))]
    return find


@dataclass(frozen=True)
class _Count:
    """sh:minCount (``least``) or sh:maxCount ``count``."""

    count: int
    least: bool


def _count_finder(targets: tuple, path: tuple, bound: _Count) -> Callable:
    count = bound.count

    def find(data: _Data):
        index = data.backward(path[0]) if path[1] else data.forward(path[0])
        if bound.least:
            return [(focus, None) for focus in data.focus(targets) if len(index.get(focus, _NONE)) < count]
        over = {node for node, values in index.items() if len(values) > count}
        return [(focus, None) for focus in data.focus(targets) & over] if over else []
    return find


def _value_finder(targets: tuple, path: tuple | None, test: Callable) -> Callable:
    def find(data: _Data):
        if path is None:
            return [(focus, focus) for focus in data.focus(targets) if not test(data, focus)]
        failing = {value for value in data.all_values(path) if not test(data, value)}
        if not failing:
            return []
        values = data.values(path)
        return [(focus, value) for focus in data.focus(targets) for value in values(focus) if value in failing]
    return find


def _constraint(shapes, node, parameter: str, obj, path: tuple | None):
    """``broken(data, focus, values)`` for ``sh:<parameter> obj``."""
    if parameter in ("minCount", "maxCount"):
        if path is None:
            raise Unsupported(f"sh:{parameter} on a node shape")
        count = int(obj)
        return _Count(count, parameter == "minCount")
    if parameter == "class":
        cls = _ox(obj)
        return _EachValue(lambda data, value: value in data.instances(cls))
    if parameter == "hasValue":
        wanted = _key(_ox(obj))
        if path is None:
            return lambda data, focus, values: (None,) if _key(focus) != wanted else ()
        return lambda data, focus, values: (None,) if all(_key(v) != wanted for v in values) else ()
    if parameter == "uniqueLang":
        if not _true(obj):
            return lambda data, focus, values: ()
        if path is None:
            raise Unsupported("sh:uniqueLang on a node shape")
        return lambda data, focus, values: (None,) if _repeats_a_language(values) else ()
    if parameter == "lessThan":
        other = _ox(obj)
        def broken(data, focus, values):
            others = data.forward(other).get(focus, _NONE) if values else _NONE
            return [v for v in values if any(_compare(v, o) != -1 for o in others)]
        return broken
    test = _value_test(shapes, node, parameter, obj)
    return _EachValue(lambda data, value: test(value))


def _value_test(shapes, node, parameter: str, obj) -> Callable:
    """A function true of each value (N-Triples text) that satisfies the constraint."""
    if parameter == "datatype":
        if str(obj) == f"{RDF}langString":
            return lambda v: bool((_literal(v) or _NOT_LITERAL)[2])
        datatype = str(obj)
        lexical = re.compile(_LEXICAL[datatype]) if datatype in _LEXICAL else None
        if lexical is None:
            return lambda v: (_literal(v) or _NOT_LITERAL)[1] == datatype
        return lambda v: (_literal(v) or _NOT_LITERAL)[1] == datatype and bool(lexical.fullmatch(_literal(v)[0]))
    if parameter == "nodeKind":
        kinds = _NODE_KINDS.get(str(obj))
        if kinds is None:
            raise Unsupported(f"sh:nodeKind {obj}")
        return lambda v: v[:1] in kinds
    if parameter == "languageIn":
        ranges = [str(item).lower() for item in _list(shapes, obj)]
        def test(v):
            language = (_literal(v) or _NOT_LITERAL)[2].lower()
            return bool(language) and any(_lang_matches(language, r) for r in ranges)
        return test
    if parameter == "in":
        members = {_key(_ox(m)) for m in _list(shapes, obj)}
        return lambda v: _key(v) in members
    if parameter in _COMPARISONS:
        bound, accepted = _ox(obj), _COMPARISONS[parameter]
        if _number(bound) is None and _literal(bound)[1] != f"{XSD}string":
            raise Unsupported(f"sh:{parameter} {obj.n3()}: only numbers and strings are compared")
        return lambda v: _compare(v, bound) in accepted
    if parameter in ("minLength", "maxLength"):
        length = int(obj)
        if parameter == "minLength":
            return lambda v: (_string(v) is not None) and len(_string(v)) >= length
        return lambda v: (_string(v) is not None) and len(_string(v)) <= length
    if parameter == "pattern":
        from rdflib import URIRef

        flags = shapes.value(node, URIRef(f"{SH}flags"))
        pattern = re.compile(str(obj), _flags(str(flags or "")))
        return lambda v: (_string(v) is not None) and pattern.search(_string(v)) is not None
    raise Unsupported(f"sh:{parameter}")


# The first character of each kind's N-Triples text.
_NODE_KINDS = {
    f"{SH}IRI": "<",
    f"{SH}BlankNode": "_",
    f"{SH}Literal": '"',
    f"{SH}BlankNodeOrIRI": "_<",
    f"{SH}BlankNodeOrLiteral": '_"',
    f"{SH}IRIOrLiteral": '<"',
}


def _flags(written: str) -> int:
    """XPath regular-expression flags as Python's (sh:flags)."""
    known = {"i": re.IGNORECASE, "s": re.DOTALL, "m": re.MULTILINE, "x": re.VERBOSE}
    if set(written) - set(known):
        raise Unsupported(f"sh:flags {written!r}")
    result = 0
    for letter in written:
        result |= known[letter]
    return result


def _lang_matches(tag: str, wanted: str) -> bool:
    """SPARQL langMatches (RFC 4647 basic filtering), both lower-cased."""
    return wanted == "*" or tag == wanted or tag.startswith(wanted + "-")


def _repeats_a_language(values) -> bool:
    seen = set()
    for value in values:
        language = (_literal(value) or _NOT_LITERAL)[2]
        if language:
            if language.lower() in seen:
                return True
            seen.add(language.lower())
    return False


def _number(term: str):
    """The value of a numeric literal (Decimal or float), None for anything else or an ill-formed one."""
    found = _literal(term)
    if found is None:
        return None
    value, datatype, _ = found
    if datatype in _DECIMALS:
        return Decimal(value) if _DECIMAL.fullmatch(value) else None
    if datatype in _FLOATS:
        try:
            return float(value)
        except ValueError:
            return None
    return None


_DECIMAL = re.compile(_LEXICAL[f"{XSD}decimal"])


def _compare(left: str, right: str) -> int | None:
    """SPARQL's order of two literals, -1, 0 or 1, or None when it is an error (not comparable)."""
    a, b = _number(left), _number(right)
    if a is not None and b is not None:
        if a != a or b != b:  # NaN
            return None
        return (a > b) - (a < b)
    first, second = _literal(left), _literal(right)
    if a is None and b is None and first and second and first[1] == second[1] == f"{XSD}string":
        return (first[0] > second[0]) - (first[0] < second[0])
    return None


def _list(shapes, head) -> list:
    from rdflib.collection import Collection

    return list(Collection(shapes, head))


# ------------------------------------------------------------------ running


def violations(checks: tuple[Check, ...], ntriples: bytes, limit: int = 20) -> list[Violation]:
    """What breaks ``checks`` in the graph written as N-Triples ``ntriples``, at most ``limit`` per check."""
    data = _Data(_triples(ntriples))
    found = []
    for check in checks:
        broken = sorted(set(check.find(data)), key=lambda pair: (pair[0], pair[1] or ""))
        found += [Violation(check.shape, check.path, check.component, focus, value) for focus, value in broken[:limit]]
    return found
