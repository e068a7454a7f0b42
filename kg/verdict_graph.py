"""Targets, actuals and verdicts as RDF, added to each report's named graph.

::

    task  kgo:status kgo:NotMet ;  kgo:target task/3/target/1 .
    task/3/target/1  a kgo:Target ; kgo:indicator "全社会固定资产投资"@zh ; kgo:comparator ">=" ;
        kgo:met false ; kgo:ratio 0.6713 ;
        kgo:targetValue …/target/1/value ; kgo:actualValue …/target/1/actual ; kgo:evidence …/span/evidence .
    …/target/1/value  a qudt:QuantityValue ; qudt:numericValue 30000000000 ; qudt:unit cur:CNY ;
        kgo:writtenAs "300亿元以上"@zh .

Quantities are QUDT quantity values (see the comment in ontology/kg.ttl);
counts (个, 家, 户) have no QUDT unit and carry their counting word
(``kgo:countingWord``) instead. Everything has a minted IRI, no blank nodes.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from .choices import STATUS_LABELS, STATUSES
from .iris import KGO
from .model import Span
from .quantities import Quantity
from .targets import Evidence, TargetVerdict, report_verdicts

__all__ = ["QUDT", "UNIT", "CUR", "VERDICTS", "add_verdicts"]

QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
CUR = Namespace("http://qudt.org/vocab/currency/")
_PREFIXES = {"unit": UNIT, "cur": CUR}

# The verdict individuals: (IRI, zh label, en label), in the order of STATUSES.
_IRIS = (KGO.Met, KGO.PartlyMet, KGO.NotMet, KGO.Cancelled, KGO.Deferred, KGO.Qualitative)
VERDICTS = {status: (iri, *STATUS_LABELS[status]) for status, iri in zip(STATUSES, _IRIS, strict=True)}


def _decimal(value: float, places: int = 6) -> Literal:
    """A decimal literal in canonical form (100, 0.8667: no trailing zeros, no float noise, no exponent),
    as Oxigraph stores it, so that every store gives back the same term."""
    text = f"{Decimal(str(round(value, places))):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Literal(text, datatype=XSD.decimal)


def _unit_iri(qudt: str) -> URIRef | None:
    prefix, _, local = qudt.partition(":")
    return _PREFIXES[prefix][local] if local else None


def _write_verdict_scheme(writer) -> None:
    scheme = KGO.Verdicts
    writer.add(scheme, RDF.type, SKOS.ConceptScheme)
    writer.add(scheme, SKOS.prefLabel, Literal("任务完成情况判定", lang="zh"))
    writer.add(scheme, SKOS.prefLabel, Literal("task verdicts", lang="en"))
    for notation, (iri, zh, en) in VERDICTS.items():
        writer.add(iri, RDF.type, KGO.Verdict)
        writer.add(iri, RDF.type, SKOS.Concept)
        writer.add(iri, SKOS.inScheme, scheme)
        writer.add(iri, SKOS.notation, Literal(notation))
        writer.add(iri, SKOS.prefLabel, Literal(zh, lang="zh"))
        writer.add(iri, SKOS.prefLabel, Literal(en, lang="en"))


def _write_quantity(writer, node: URIRef, q: Quantity) -> URIRef:
    writer.add(node, RDF.type, QUDT.QuantityValue)
    writer.add(node, QUDT.numericValue, _decimal(q.base_value))
    unit = _unit_iri(q.qudt) if q.qudt else None
    if unit is not None:
        writer.add(node, QUDT.unit, unit)
    elif q.base_unit:  # units QUDT lacks (counts, 个百分点, 工作日) are named in Chinese
        writer.add(node, KGO.unitLabel, Literal(q.base_unit, lang="zh"))
    if q.counter:
        writer.add(node, KGO.countingWord, Literal(q.counter, lang="zh"))
    if q.change:
        writer.add(node, KGO.change, Literal(q.change))
    if q.comparator != "=":
        writer.add(node, KGO.quantityComparator, Literal(q.comparator))
    writer.add(node, KGO.writtenAs, Literal(q.text, lang="zh"))
    return node


def _write_target(writer, task: URIRef, node: URIRef, v: TargetVerdict) -> None:
    writer.add(task, KGO.target, node)
    writer.add(node, RDF.type, KGO.Target)
    writer.add(node, KGO.indicator, Literal(v.indicator, lang="zh"))
    writer.add(node, RDFS.label, Literal(f"{v.indicator} {v.target.text}", lang="zh"))
    writer.add(node, KGO.comparator, Literal(v.comparator))
    writer.add(node, KGO.targetValue, _write_quantity(writer, URIRef(f"{node}/value"), v.target))
    if v.actual is not None:
        writer.add(node, KGO.actualValue, _write_quantity(writer, URIRef(f"{node}/actual"), v.actual))
    if v.met is not None:
        writer.add(node, KGO.met, Literal(v.met))
    if v.ratio is not None:
        writer.add(node, KGO.ratio, _decimal(v.ratio, 4))
    if v.evidence is not None:
        writer.add(node, KGO.evidence, writer.span(node, _span(v.evidence), "evidence"))


def _span(item: Quantity | Evidence) -> Span:
    return Span(item.start, item.end)


def add_verdicts(writer) -> None:
    """Add the targets and verdict of every task of ``writer.report`` to ``writer.graph`` (a kg.graph writer)."""
    _write_verdict_scheme(writer)
    for number, verdict in report_verdicts(writer.report).items():
        task = writer.iri.task(number)
        writer.add(task, KGO.status, VERDICTS[verdict.status][0])
        if verdict.evidence is not None:
            writer.add(task, KGO.statusEvidence, writer.span(task, _span(verdict.evidence), "status"))
        for position, target in enumerate(verdict.targets, start=1):
            _write_target(writer, task, writer.iri.target(number, position), target)
        for position, message in enumerate(verdict.findings, start=1):
            node = writer.iri.target_finding(number, position)
            writer.add(node, RDF.type, KGO.Finding)
            writer.add(node, KGO.message, Literal(message))
            writer.add(node, KGO.inReport, writer.iri.report)
            writer.add(node, KGO.aboutTask, task)
