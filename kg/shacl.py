"""SHACL Core shapes compiled to SPARQL and run on Oxigraph: validation in milliseconds.

pyshacl walks the data graph in Python, which took about two thirds of the time
of building a report. The constraints kg's shapes use are all expressible as
SPARQL queries over the data graph (the SHACL spec defines most of them that way),
so each constraint of each shape becomes one query that selects the focus nodes
(and values) that break it, and Oxigraph answers them over an in-memory copy of
the report's triples.

The compiler knows a subset of SHACL Core: targets by class, subjects-of,
objects-of and node; paths that are an IRI or the inverse of one; the value-type,
cardinality, range, string, language, value and pair constraints below. A shapes
graph using anything else (sh:or, sh:node, sh:sparql, longer paths …) raises
:class:`Unsupported`, and :mod:`kg.validate` then uses pyshacl, the reference
engine. One known difference: Oxigraph reads numbers in canonical form, so 0.5
and 0.50 given for one property are one value to it and two to pyshacl (kg
writes canonical numbers). ``tests/test_shacl.py`` checks that both engines find the same focus
nodes on many broken graphs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

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
    f"{XSD}integer": r"^[+-]?[0-9]+$",
    f"{XSD}decimal": r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$",
    f"{XSD}boolean": r"^(true|false|1|0)$",
    f"{XSD}date": r"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$",
    f"{XSD}gYear": r"^-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?$",
    f"{XSD}hexBinary": r"^([0-9a-fA-F]{2})*$",
    f"{XSD}dateTime": r"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$",
}

_NODE_KINDS = {
    f"{SH}IRI": "isIRI(?value)",
    f"{SH}BlankNode": "isBlank(?value)",
    f"{SH}Literal": "isLiteral(?value)",
    f"{SH}BlankNodeOrIRI": "(isBlank(?value) || isIRI(?value))",
    f"{SH}BlankNodeOrLiteral": "(isBlank(?value) || isLiteral(?value))",
    f"{SH}IRIOrLiteral": "(isIRI(?value) || isLiteral(?value))",
}

_COMPARISONS = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}


class Unsupported(Exception):
    """The shapes use SHACL this compiler does not know; use pyshacl."""


@dataclass(frozen=True)
class Check:
    """One constraint of one shape, as a query selecting ``?focus`` (and ``?value``) that break it."""

    shape: str
    path: str  # as written in Turtle, for messages; "" for a node shape's own constraint
    component: str  # e.g. "minCount 1"
    query: str


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


# ------------------------------------------------------------------ compiling


def compile_shapes(shapes) -> tuple[Check, ...]:
    """The checks of every active node shape in the rdflib graph ``shapes``; Unsupported if any is beyond us."""
    from rdflib import URIRef

    checks: list[Check] = []
    for shape in sorted(set(shapes.subjects(URIRef(f"{RDF}type"), URIRef(f"{SH}NodeShape")))):
        if _true(shapes.value(shape, URIRef(f"{SH}deactivated"))):
            continue
        focus = _focus(shapes, shape)
        if focus is None:
            continue  # no target: such a shape is only reached through sh:node, which we do not compile
        name = _short(shapes, shape)
        checks += _constraints(shapes, shape, name, focus, path=None)
        for prop in sorted(shapes.objects(shape, URIRef(f"{SH}property"))):
            if _true(shapes.value(prop, URIRef(f"{SH}deactivated"))):
                continue
            path = _path(shapes, shapes.value(prop, URIRef(f"{SH}path")))
            checks += _constraints(shapes, prop, name, focus, path=path)
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


def _focus(shapes, shape) -> str | None:
    """A SPARQL group binding ``?focus`` to each focus node of ``shape``, or None when it has no target."""
    from rdflib import URIRef

    alternatives = []
    for target in sorted(shapes.objects(shape, URIRef(f"{SH}targetClass"))):
        alternatives.append(f"?focus <{RDF}type>/<{RDFS}subClassOf>* {target.n3()} .")
    if (shape, URIRef(f"{RDF}type"), URIRef(f"{RDFS}Class")) in shapes:  # an implicit class target
        alternatives.append(f"?focus <{RDF}type>/<{RDFS}subClassOf>* {shape.n3()} .")
    for predicate in sorted(shapes.objects(shape, URIRef(f"{SH}targetSubjectsOf"))):
        alternatives.append(f"?focus {predicate.n3()} [] .")
    for predicate in sorted(shapes.objects(shape, URIRef(f"{SH}targetObjectsOf"))):
        alternatives.append(f"[] {predicate.n3()} ?focus .")
    nodes = sorted(shapes.objects(shape, URIRef(f"{SH}targetNode")))
    if nodes:
        alternatives.append("VALUES ?focus { " + " ".join(n.n3() for n in nodes) + " }")
    if not alternatives:
        return None
    return "{ SELECT DISTINCT ?focus WHERE { " + " UNION ".join("{ " + a + " }" for a in alternatives) + " } }"


def _path(shapes, path) -> str:
    """A property path in SPARQL: an IRI, or the inverse of one."""
    from rdflib import BNode, URIRef

    if isinstance(path, URIRef):
        return path.n3()
    if isinstance(path, BNode):
        inverse = shapes.value(path, URIRef(f"{SH}inversePath"))
        if isinstance(inverse, URIRef) and len(set(shapes.predicate_objects(path))) == 1:
            return "^" + inverse.n3()
    raise Unsupported(f"sh:path {path!r}: only an IRI or sh:inversePath of one is compiled")


def _constraints(shapes, node, name: str, focus: str, path: str | None) -> list[Check]:
    """The checks of the constraints written on ``node`` (a node shape when ``path`` is None)."""
    from rdflib import URIRef

    values = f"?focus {path} ?value ." if path else "BIND(?focus AS ?value)"
    shown = path or ""
    checks = []
    for predicate, obj in sorted(shapes.predicate_objects(node)):
        iri = str(predicate)
        if not iri.startswith(SH) or iri in _NOT_CONSTRAINTS:
            continue
        parameter = iri[len(SH):]
        where = _constraint(shapes, node, parameter, obj, focus, values, path)
        component = f"{parameter} {_short(shapes, obj) if not isinstance(obj, URIRef) or parameter != 'in' else obj}"
        checks.append(Check(name, shown, component, where))
    return checks


def _constraint(shapes, node, parameter: str, obj, focus: str, values: str, path: str | None) -> str:
    """The query selecting what breaks ``sh:<parameter> obj``."""
    select = f"SELECT DISTINCT ?focus ?value WHERE {{ {focus} {values} FILTER(!({{}})) }}"
    if parameter in ("minCount", "maxCount"):
        if path is None:
            raise Unsupported(f"sh:{parameter} on a node shape")
        count = int(obj)
        if parameter == "minCount":
            return (f"SELECT ?focus WHERE {{ {focus} OPTIONAL {{ {values} }} }} "
                    f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?value) < {count})")
        return f"SELECT ?focus WHERE {{ {focus} {values} }} GROUP BY ?focus HAVING (COUNT(DISTINCT ?value) > {count})"
    if parameter == "class":
        return (f"SELECT DISTINCT ?focus ?value WHERE {{ {focus} {values} "
                f"FILTER NOT EXISTS {{ ?value <{RDF}type>/<{RDFS}subClassOf>* {obj.n3()} }} }}")
    if parameter == "hasValue":
        if path is None:
            return f"SELECT ?focus WHERE {{ {focus} FILTER(!sameTerm(?focus, {obj.n3()})) }}"
        return f"SELECT ?focus WHERE {{ {focus} FILTER NOT EXISTS {{ ?focus {path} {obj.n3()} }} }}"
    if parameter == "uniqueLang":
        if not _true(obj):
            return "SELECT ?focus WHERE { FILTER(false) }"
        if path is None:
            raise Unsupported("sh:uniqueLang on a node shape")
        return (f"SELECT DISTINCT ?focus WHERE {{ {focus} ?focus {path} ?value, ?other . "
                f"FILTER(!sameTerm(?value, ?other) && lang(?value) != \"\" && lcase(lang(?value)) = lcase(lang(?other))) }}")
    if parameter == "lessThan":
        return (f"SELECT DISTINCT ?focus ?value WHERE {{ {focus} {values} ?focus {obj.n3()} ?other . "
                f"FILTER(!COALESCE(?value < ?other, false)) }}")
    return select.replace("{}", _value_test(shapes, node, parameter, obj))


def _value_test(shapes, node, parameter: str, obj) -> str:
    """A SPARQL expression true of each ``?value`` that satisfies the constraint."""
    if parameter == "datatype":
        if str(obj) == f"{RDF}langString":
            return 'isLiteral(?value) && lang(?value) != ""'
        test = f"isLiteral(?value) && datatype(?value) = {obj.n3()}"
        if str(obj) in _LEXICAL:
            test += f" && REGEX(STR(?value), {_string(_LEXICAL[str(obj)])})"
        return test
    if parameter == "nodeKind":
        if str(obj) not in _NODE_KINDS:
            raise Unsupported(f"sh:nodeKind {obj}")
        return _NODE_KINDS[str(obj)]
    if parameter == "languageIn":
        ranges = [str(item) for item in _list(shapes, obj)]
        return "isLiteral(?value) && (" + " || ".join(f"langMatches(lang(?value), {_string(r)})" for r in ranges) + ")" \
            if ranges else "false"
    if parameter == "in":
        members = _list(shapes, obj)
        return " || ".join(f"sameTerm(?value, {m.n3()})" for m in members) if members else "false"
    if parameter in _COMPARISONS:
        return f"COALESCE(?value {_COMPARISONS[parameter]} {obj.n3()}, false)"
    if parameter in ("minLength", "maxLength"):
        operator = ">=" if parameter == "minLength" else "<="
        return f"!isBlank(?value) && STRLEN(STR(?value)) {operator} {int(obj)}"
    if parameter == "pattern":
        from rdflib import URIRef

        flags = shapes.value(node, URIRef(f"{SH}flags"))
        flags = f", {_string(str(flags))}" if flags is not None else ""
        return f"!isBlank(?value) && REGEX(STR(?value), {_string(str(obj))}{flags})"
    raise Unsupported(f"sh:{parameter}")


def _list(shapes, head) -> list:
    from rdflib.collection import Collection

    return list(Collection(shapes, head))


def _string(text: str) -> str:
    """A SPARQL string literal of ``text`` (JSON's escapes are SPARQL's for these characters)."""
    return json.dumps(text, ensure_ascii=False)


# ------------------------------------------------------------------ running


def violations(checks: tuple[Check, ...], ntriples: bytes, limit: int = 20) -> list[Violation]:
    """What breaks ``checks`` in the graph written as N-Triples ``ntriples``, at most ``limit`` per check."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES)
    found = []
    for check in checks:
        answer = store.query(check.query)
        has_value = any(v.value == "value" for v in answer.variables)
        for number, row in enumerate(answer):
            if number >= limit:
                break
            value = row["value"] if has_value else None
            found.append(Violation(check.shape, check.path, check.component, str(row["focus"]),
                                   None if value is None else str(value)))
    return found
