"""Stage 3: a parsed :class:`~kg.model.Report` → RDF, in the kg ontology.

One report becomes one named graph (``Minter.graph``). Statements about the
report, its sections, tasks, responsibilities, bodies, text spans and findings
all use IRIs from :mod:`kg.iris`, so rebuilding gives the same triples.
"""

from __future__ import annotations

from pathlib import PurePath

from rdflib import Graph, Literal, URIRef
from rdflib import namespace as _rdflib_namespaces

from . import __version__
from . import iris as _iris
from .iris import DEFAULT_BASE, Minter
from .entities import Entities, Entity, EntityMention, report_entities, unit_type
from .model import Heading, Report, Span, Task
from .names import body_name
from .verdict_graph import CUR, QUDT, UNIT, add_verdicts

__all__ = ["report_graph", "named_graphs", "union", "bind_prefixes"]


class _Terms:
    """A namespace whose IRIs are made once each: rdflib makes a new URIRef at every ``KGO.task``, and a
    report's graph asks for one some 100,000 times."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):  # no such term in kg's vocabularies; tools probe for these
            raise AttributeError(name)
        term = URIRef(self._namespace[name])
        setattr(self, name, term)
        return term

    def __str__(self) -> str:
        return str(self._namespace)


DCTERMS, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD = (
    _Terms(getattr(_rdflib_namespaces, name)) for name in ("DCTERMS", "ORG", "PROV", "RDF", "RDFS", "SDO", "SKOS", "XSD"))
KGO, OA = _Terms(_iris.KGO), _Terms(_iris.OA)


class _NT(str):
    """A literal already written in N-Triples. The writer's own literals skip rdflib's Literal, whose
    making and hashing were a third of the time of writing a report's triples."""

    __slots__ = ()


def _escape(text: str) -> str:
    """A string's N-Triples form, escaped as rdflib's nt11 serializer escapes it."""
    return '"' + text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'


_XSD_TYPES = {bool: "boolean", int: "integer"}


def _lit(value, lang: str | None = None, datatype: str | None = None) -> _NT:
    """``Literal(value, lang=lang, datatype=datatype)`` as N-Triples, for strings, ints and bools."""
    if isinstance(value, (bool, int)):
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        return _NT(f'"{text}"^^<http://www.w3.org/2001/XMLSchema#{_XSD_TYPES[type(value)]}>')
    if lang:
        return _NT(_escape(value) + "@" + lang)
    if datatype:
        return _NT(_escape(value) + f"^^<{datatype}>")
    return _NT(_escape(value))

_LABEL_LENGTH = 40

_ENTITY_CLASS = {
    "agency": KGO.GovernmentBody, "company": KGO.Company, "organization": KGO.Institution,
    "project": KGO.Project, "place": KGO.Place, "person": KGO.Person, "document": KGO.Document,
}


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in {
        "kgo": KGO, "oa": OA, "org": ORG, "prov": PROV, "skos": SKOS, "dcterms": DCTERMS,
        "rdfs": RDFS, "xsd": XSD, "schema": SDO, "qudt": QUDT, "unit": UNIT, "cur": CUR,
    }.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def _zh(text: str) -> _NT:
    return _lit(text, lang="zh")


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_LENGTH else text[: _LABEL_LENGTH - 1] + "…"


class _Writer:
    def __init__(self, report: Report, base: str, entities: Entities | None = None):
        self.report = report
        self.entities = entities if entities is not None else report_entities(report)
        self.iri = Minter(report.id, report.jurisdiction or report.id, base)
        # The N-Triples lines themselves, not an rdflib Graph: a build needs only them, and Graph.add
        # (indexes, events) was a third of the time of making a report's part.
        self.lines: set[str] = set()

    def add(self, s, p, o) -> None:
        self.lines.add(f"<{s}> <{p}> {o} ." if type(o) is _NT else _nt_row((s, p, o)))

    def span(self, owner: URIRef, span: Span, field: str | None = None) -> URIRef:
        node = self.iri.span(owner, field)
        self.add(node, RDF.type, OA.TextPositionSelector)
        self.add(node, OA.start, _lit(span.start))
        self.add(node, OA.end, _lit(span.end))
        self.add(node, KGO.inReport, self.iri.report)
        return node

    def body(self, name: str, aliases: tuple[str, ...] = ()) -> URIRef:
        node = self.iri.body(name)
        self.add(node, RDF.type, _ENTITY_CLASS[unit_type(name)])
        self.add(node, RDF.type, ORG.Organization)
        self.add(node, SKOS.prefLabel, _zh(name))
        self.add(node, RDFS.label, _zh(name))
        for alias in aliases:
            self.add(node, SKOS.altLabel, _zh(alias))
        known = body_name(name, self.report.jurisdiction)
        if known.full:
            self.add(node, SDO.legalName, _zh(known.full))
            self.add(node, SKOS.altLabel, _zh(known.full))
        if known.en:
            self.add(node, SKOS.prefLabel, _lit(known.en, lang="en"))
        if self.report.jurisdiction:
            self.add(node, KGO.jurisdiction, self.iri.jurisdiction())
        return node

    # ------------------------------------------------------------ the report

    # ------------------------------------------------------------ entities

    def entity_node(self, entity: Entity) -> URIRef:
        """Bodies keep their org/ IRI (a unit named in a text is the same node); other things get entity/."""
        if entity.unit or entity.type == "agency":
            return self.body(entity.name, tuple(sorted(entity.aliases)))
        node = self.iri.entity(entity.name)
        self.add(node, SKOS.prefLabel, _zh(entity.name))
        self.add(node, RDFS.label, _zh(entity.name))
        for alias in sorted(entity.aliases):
            self.add(node, SKOS.altLabel, _zh(alias))
        if entity.type in ("company", "organization"):
            self.add(node, RDF.type, ORG.Organization)
        return node

    def write_entities(self, entities: Entities) -> None:
        nodes = {}
        for entity in entities.entities:
            node = nodes[entity.name] = self.entity_node(entity)
            self.add(node, RDF.type, KGO.Entity)
            self.add(node, RDF.type, _ENTITY_CLASS[entity.type])
        ordinals: dict[int, int] = {}
        for entity in entities.entities:
            node = nodes[entity.name]
            if entity.inside in nodes:
                self.add(node, SDO.containedInPlace, nodes[entity.inside])
            for mention in entity.mentions:
                ordinals[mention.task] = ordinals.get(mention.task, 0) + 1
                self.write_mention(node, mention, ordinals[mention.task])
        for ordinal, finding in enumerate(entities.findings, start=1):
            node = self.iri.finding(f"count-{ordinal}")
            self.add(node, RDF.type, KGO.Finding)
            self.add(node, KGO.message, _lit(str(finding)))
            self.add(node, KGO.inReport, self.iri.report)
            self.add(node, KGO.aboutTask, self.iri.task(finding.task))
            self.add(node, KGO.source, self.span(node, finding.span))

    def write_mention(self, entity: URIRef, mention: EntityMention, ordinal: int) -> None:
        task, node = self.iri.task(mention.task), self.iri.mention(mention.task, ordinal)
        self.add(task, KGO.mentions, entity)
        self.add(node, RDF.type, KGO.Mention)
        self.add(node, KGO.mentionOf, entity)
        self.add(node, KGO.inTask, task)
        self.add(node, KGO.writtenAs, _zh(mention.text))
        self.add(node, KGO.field, _lit(mention.field))
        if mention.expanded:
            self.add(node, KGO.expandedTo, _zh(mention.name))
        self.add(node, KGO.source, self.span(node, mention.span))

    def write(self) -> set[str]:
        self.write_report()
        for section in self.report.sections:
            self.write_heading(section)
        for task in self.report.tasks:
            self.write_task(task)
        self.write_findings()
        self.write_entities(self.entities)
        add_verdicts(self)
        return self.lines

    def write_report(self) -> None:
        report, meta, node = self.report, self.report.metadata, self.iri.report
        self.add(node, RDF.type, KGO.Report)
        self.add(node, RDF.type, PROV.Entity)
        self.add(node, DCTERMS.identifier, _lit(report.id))
        if meta.title:
            self.add(node, DCTERMS.title, _zh(meta.title))
            self.add(node, RDFS.label, _zh(meta.title))
        if meta.publisher:
            self.add(node, DCTERMS.publisher, self.body(meta.publisher))
        if meta.published:
            self.add(node, DCTERMS.issued, _lit(meta.published, datatype=XSD.date))
        if meta.index_number:
            self.add(node, KGO.indexNumber, _lit(meta.index_number))
        if meta.document_number:
            self.add(node, KGO.documentNumber, _lit(meta.document_number))
        if meta.year:
            self.add(node, KGO.coversYear, _lit(str(meta.year), datatype=XSD.gYear))
        self.add(node, KGO.sha256, _lit(report.sha256, datatype=XSD.hexBinary))
        self.add(node, KGO.encoding, _lit(report.encoding))
        if report.path:
            self.add(node, KGO.fileName, _lit(PurePath(report.path).name))
        if report.jurisdiction:
            place = self.iri.jurisdiction()
            self.add(node, KGO.jurisdiction, place)
            self.add(place, RDF.type, KGO.Jurisdiction)
            self.add(place, SKOS.prefLabel, _zh(report.jurisdiction))
            self.add(place, RDFS.label, _zh(report.jurisdiction))
        scheme = self.iri.scheme
        self.add(scheme, RDF.type, SKOS.ConceptScheme)
        self.add(scheme, SKOS.prefLabel, _zh((meta.title or report.id) + " 任务分组"))
        self.add(scheme, DCTERMS.isPartOf, node)
        build = self.iri.build
        self.add(build, RDF.type, KGO.Build)
        self.add(build, RDF.type, PROV.Activity)
        self.add(build, PROV.used, node)
        software = self.iri.software(__version__)
        self.add(build, PROV.wasAssociatedWith, software)
        self.add(software, RDF.type, PROV.SoftwareAgent)
        self.add(software, RDFS.label, _lit(f"kg {__version__}"))

    def heading_iri(self, heading: Heading) -> URIRef:
        if heading.level == 1:
            return self.iri.section(heading.ordinal)
        parent = heading.parent.ordinal if heading.parent else 0
        return self.iri.section(parent, heading.ordinal)

    def write_heading(self, heading: Heading) -> None:
        node = self.heading_iri(heading)
        self.add(node, RDF.type, KGO.Section if heading.level == 1 else KGO.Subsection)
        self.add(node, RDF.type, SKOS.Concept)
        self.add(node, SKOS.prefLabel, _zh(heading.text))
        self.add(node, SKOS.inScheme, self.iri.scheme)
        parent = f"{heading.parent.ordinal if heading.parent else 0}." if heading.level == 2 else ""
        self.add(node, SKOS.notation, _lit(f"{parent}{heading.ordinal}"))
        self.add(node, KGO.line, _lit(heading.line))
        self.add(node, KGO.source, self.span(node, heading.span))
        if heading.level == 1:
            self.add(node, SKOS.topConceptOf, self.iri.scheme)
        elif heading.parent:
            self.add(node, SKOS.broader, self.heading_iri(heading.parent))

    def write_task(self, task: Task) -> None:
        node, report = self.iri.task(task.number), self.iri.report
        self.add(node, RDF.type, KGO.Task)
        self.add(node, RDF.type, PROV.Entity)
        self.add(node, RDFS.label, _zh(f"{task.number}. {_short(task.requirement)}"))
        self.add(node, KGO.taskNumber, _lit(task.number))
        self.add(node, KGO.requirement, _zh(task.requirement))
        if task.outcome:
            self.add(node, KGO.outcome, _zh(task.outcome))
            self.add(node, KGO.outcomeSource, self.span(node, task.outcome_span, "outcome"))
        self.add(node, KGO.requirementSource, self.span(node, task.requirement_span, "requirement"))
        self.add(node, KGO.source, self.span(node, task.span))
        self.add(node, KGO.line, _lit(task.line))
        self.add(node, DCTERMS.isPartOf, report)
        self.add(node, PROV.wasDerivedFrom, report)
        self.add(node, PROV.wasGeneratedBy, self.iri.build)
        if task.section:
            self.add(node, KGO.section, self.heading_iri(task.section))
        if task.subsection:
            self.add(node, KGO.subsection, self.heading_iri(task.subsection))
        for position, unit in enumerate(task.units, start=1):
            self.write_responsibility(node, task, position, unit)

    def write_responsibility(self, task_node: URIRef, task: Task, position: int, unit) -> None:
        node = self.iri.responsibility(task.number, position)
        body = self.body(unit.name, unit.aliases)
        self.add(task_node, KGO.responsibility, node)
        self.add(task_node, KGO.responsibleUnit, body)
        self.add(node, RDF.type, KGO.Responsibility)
        self.add(node, KGO.unit, body)
        self.add(node, KGO.position, _lit(position))
        self.add(node, KGO.inherited, _lit(unit.inherited))
        self.add(node, KGO.writtenAs, _zh(unit.written))
        if unit.role:
            self.add(node, KGO.roleNote, _zh(unit.role))
        if unit.inherited:
            self.add(node, KGO.inheritedFrom, self.iri.task(unit.inherited_from))
        self.add(node, KGO.source, self.span(node, unit.span))

    def write_findings(self) -> None:
        for ordinal, warning in enumerate(self.report.warnings, start=1):
            node = self.iri.finding(ordinal)
            self.add(node, RDF.type, KGO.Finding)
            self.add(node, KGO.message, _lit(str(warning)))
            self.add(node, KGO.inReport, self.iri.report)
            if warning.task is not None and any(t.number == warning.task for t in self.report.tasks):
                self.add(node, KGO.aboutTask, self.iri.task(warning.task))
            if warning.line is not None:
                self.add(node, KGO.line, _lit(warning.line))


def report_graph(report: Report, base: str = DEFAULT_BASE, entities: Entities | None = None) -> Graph:
    """The RDF of one report (a plain rdflib Graph, prefixes bound); ``entities`` are recognised if not given."""
    return bind_prefixes(Graph()).parse(data=report_ntriples(report, base, entities), format="nt")


def report_ntriples(report: Report, base: str = DEFAULT_BASE, entities: Entities | None = None) -> bytes:
    """The RDF of one report as N-Triples, lines sorted and unique: byte for byte what rdflib's nt11
    serializer writes for :func:`report_graph`, sorted, without building the Graph."""
    lines = sorted(_Writer(report, base, entities).write())
    return ("\n".join(lines) + "\n").encode("utf-8")


def _nt_row(triple) -> str:
    """One N-Triples line (no newline) as rdflib's nt11 serializer writes it (kg mints no blank nodes)."""
    s, p, o = triple
    if isinstance(o, Literal):
        text = _escape(str(o))
        if o.language:
            text += "@" + o.language
        elif o.datatype:
            text += f"^^<{o.datatype}>"
        return f"<{s}> <{p}> {text} ."
    return f"<{s}> <{p}> <{o}> ."


def named_graphs(reports: list[Report], base: str = DEFAULT_BASE,
                 entities: dict[str, Entities] | None = None) -> dict[URIRef, Graph]:
    """Each report's graph under the IRI of its named graph (``entities`` by report id, if known)."""
    entities = entities or {}
    return {Minter(r.id, r.jurisdiction or r.id, base).graph: report_graph(r, base, entities.get(r.id))
            for r in reports}


def union(graphs) -> Graph:
    """One graph holding every triple of ``graphs`` (the first itself when there is only one)."""
    graphs = list(graphs)
    if len(graphs) == 1:
        return graphs[0]
    merged = bind_prefixes(Graph())
    for graph in graphs:
        merged += graph
    return merged
