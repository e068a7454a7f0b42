"""The task record: one JSON object per task, the shape ``kg tasks --format json`` prints.

Keys are a contract (other issues add keys, never rename these): ``report``,
``number``, ``section``, ``subsection``, ``requirement``, ``outcome``, ``units``
(``[{"name", "inherited", …}]``) and ``source`` (``{"start", "end"}``).
"""

from __future__ import annotations

from pathlib import PurePath

from .iris import DEFAULT_BASE, Minter
from .model import Report, Task, Unit
from .names import body_name
from .targets import verdict_fields

__all__ = ["task_record", "report_record"]


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


def task_record(report: Report, task: Task, base: str = DEFAULT_BASE) -> dict:
    minter = Minter(report.id, report.jurisdiction or report.id, base)
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
