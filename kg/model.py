"""Plain data passed between the stages: a report, its headings, tasks and units.

Offsets (``Span``) index :attr:`kg.reading.Source.text`, the report as published.
Text fields are whitespace-normalised and have lost middle dots repaired.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Span", "Heading", "Unit", "Task", "Metadata", "ParseWarning", "Report"]


@dataclass(frozen=True)
class Span:
    """Half-open range ``[start, end)`` of characters in the original text."""

    start: int
    end: int

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True)
class Heading:
    """A section (level 1) or subsection (level 2) heading; ``ordinal`` counts within its parent."""

    text: str
    level: int
    ordinal: int
    span: Span
    line: int
    parent: Heading | None = None


@dataclass(frozen=True)
class Unit:
    """A responsible unit of one task.

    ``written`` is the cell text (区政法委(区维稳办), 区发改委(牵头)); ``name`` the
    body's name; ``aliases`` other names given in brackets; ``role`` a bracketed
    note that is not a name (牵头, 配合). ``inherited`` is true when the task's own
    cell was empty (merged with the row above); ``inherited_from`` is then the
    number of the task whose cell names it.
    """

    written: str
    name: str
    span: Span
    aliases: tuple[str, ...] = ()
    role: str | None = None
    inherited: bool = False
    inherited_from: int | None = None


@dataclass(frozen=True)
class Task:
    number: int
    line: int
    span: Span
    section: Heading | None
    subsection: Heading | None
    requirement: str
    requirement_span: Span
    units: tuple[Unit, ...]
    outcome: str
    outcome_span: Span | None


@dataclass(frozen=True)
class Metadata:
    """The header block; ``fields`` keeps every header field as written, by its key."""

    title: str | None = None
    publisher: str | None = None
    document_number: str | None = None
    index_number: str | None = None
    published: str | None = None  # ISO date
    year: int | None = None
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ParseWarning:
    """Something odd that did not stop the rebuild; ``line`` is 1-based."""

    message: str
    line: int | None = None
    task: int | None = None

    def __str__(self) -> str:
        place = []
        if self.line is not None:
            place.append(f"line {self.line}")
        if self.task is not None:
            place.append(f"task {self.task}")
        return (", ".join(place) + ": " if place else "") + self.message


@dataclass(frozen=True)
class Report:
    """A parsed report: what every later stage starts from."""

    id: str
    path: str | None
    encoding: str
    sha256: str
    text: str
    metadata: Metadata
    jurisdiction: str | None
    sections: tuple[Heading, ...]  # sections (level 1) and subsections (level 2), in reading order
    tasks: tuple[Task, ...]
    warnings: tuple[ParseWarning, ...] = ()

    def task(self, number: int) -> Task:
        for task in self.tasks:
            if task.number == number:
                return task
        raise KeyError(number)
