"""The task record: one JSON object per task, the shape ``kg tasks --format json`` prints.

Keys are a contract (other issues add keys, never rename these): ``report``,
``number``, ``section``, ``subsection``, ``requirement``, ``outcome``, ``units``
(``[{"name", "inherited", …}]``) and ``source`` (``{"start", "end"}``).
"""

from __future__ import annotations

from pathlib import PurePath

from .entities import Entities, Entity
from .iris import DEFAULT_BASE, Minter
from .model import Report, Task, Unit
from .names import body_name
from .targets import verdict_fields

__all__ = ["task_record", "report_record", "entity_records", "entity_iri"]


def _unit_record(unit: Unit, iri: str, jurisdiction: str | None) -> dict:
    known = body_name(unit.name, jurisdiction)
    return {
        "name": unit.name,
        "inherited": unit.inherited,
        "written": unit.written,
        "aliases": list(unit.aliases),
        "role": unit.role,
        "inherited_from": unit.inherited_from,
        "iri": iri,
        "source": unit.span.as_dict(),
        "full_name": known.full,
        "name_en": known.en,
    }


def entity_iri(entity: Entity, minter: Minter) -> str:
    """Bodies are org/ nodes (the same as responsible units); everything else entity/."""
    return str(minter.body(entity.name) if entity.unit or entity.type == "agency" else minter.entity(entity.name))


def _task_entities(entities: Entities, number: int, minter: Minter) -> list[dict]:
    return [
        {
            "name": entity.name,
            "type": entity.type,
            "iri": entity_iri(entity, minter),
            "mentions": [{"text": m.text, "start": m.span.start, "end": m.span.end}
                         for m in entity.mentions if m.task == number],
        }
        for entity in entities.of_task(number)
    ]


def entity_records(report: Report, entities: Entities, base: str = DEFAULT_BASE) -> list[dict]:
    """One record per entity of ``report``: name, type, iri, aliases, the tasks that mention it."""
    minter = Minter(report.id, report.jurisdiction or report.id, base)
    return [
        {
            "report": report.id,
            "name": e.name,
            "type": e.type,
            "iri": entity_iri(e, minter),
            "aliases": sorted(e.aliases),
            "tasks": e.tasks,
            "inside": e.inside,
        }
        for e in entities.entities
    ]


def task_record(report: Report, task: Task, base: str = DEFAULT_BASE, entities: Entities | None = None) -> dict:
    """The record of one task; ``entities`` (of the report) fill its ``entities`` key."""
    minter = Minter(report.id, report.jurisdiction or report.id, base)
    if entities is None:
        from .entities import report_entities

        entities = report_entities(report)
    return {
        "report": report.id,
        "number": task.number,
        "section": task.section.text if task.section else None,
        "subsection": task.subsection.text if task.subsection else None,
        "requirement": task.requirement,
        "outcome": task.outcome,
        "units": [_unit_record(u, str(minter.body(u.name)), report.jurisdiction) for u in task.units],
        "source": task.span.as_dict(),
        "line": task.line,
        "requirement_source": task.requirement_span.as_dict(),
        "outcome_source": task.outcome_span.as_dict() if task.outcome_span else None,
        "iri": str(minter.task(task.number)),
        "entities": _task_entities(entities, task.number, minter),
        **verdict_fields(report, task),
    }


def report_record(report: Report, base: str = DEFAULT_BASE) -> dict:
    meta = report.metadata
    return {
        "id": report.id,
        "iri": str(Minter(report.id, report.jurisdiction or report.id, base).report),
        "title": meta.title,
        "publisher": meta.publisher,
        "index_number": meta.index_number,
        "document_number": meta.document_number,
        "published": meta.published,
        "year": meta.year,
        "jurisdiction": report.jurisdiction,
        "file": PurePath(report.path).name if report.path else None,
        "encoding": report.encoding,
        "sha256": report.sha256,
        "tasks": len(report.tasks),
        "sections": sum(1 for h in report.sections if h.level == 1),
        "subsections": sum(1 for h in report.sections if h.level == 2),
        "warnings": [str(w) for w in report.warnings],
    }
