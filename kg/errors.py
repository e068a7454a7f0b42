"""Exceptions raised by kg.

Every failure a user can cause (a file in the wrong encoding, a broken table, a
name that matches nothing) raises a subclass of :class:`ReportError` whose
message names the place and, where there is one, the fix. The command line
prints the message as ``Error: …`` and exits non-zero; nothing else is caught.

::

    ReportError
    ├── EncodingError        the bytes are neither UTF-8 nor GB18030/GBK
    ├── ParseError           the table cannot be rebuilt (carries line, task)
    ├── GraphError           the built graph breaks the ontology's shapes
    ├── StoreError           a build directory is missing or inconsistent
    ├── LookupFailed         a name (bureau, …) matches nothing (carries suggestions)
    ├── QueryError           a SPARQL query is malformed or misses a parameter (carries line, column)
    ├── EndpointError        a remote SPARQL endpoint cannot be reached or refuses a request
    └── ModelError           the entity model file (data/entity_model.crfsuite) is not a model
"""

from __future__ import annotations

__all__ = [
    "ReportError",
    "EncodingError",
    "ParseError",
    "GraphError",
    "StoreError",
    "LookupFailed",
    "QueryError",
    "EndpointError",
    "ModelError",
]


class ReportError(Exception):
    """Root of every error kg raises for bad input or bad use."""


class EncodingError(ReportError):
    """The report's bytes could not be decoded as UTF-8 or GB18030."""

    def __init__(self, message: str, *, path: str | None = None, offset: int | None = None):
        self.path = path
        self.offset = offset
        where = f"{path}: " if path else ""
        super().__init__(where + message)


class ParseError(ReportError):
    """The task table could not be rebuilt; ``line`` is 1-based."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        task: int | None = None,
    ):
        self.path = path
        self.line = line
        self.task = task
        self.reason = message
        place = path or "report"
        if line is not None:
            place += f", line {line}"
        if task is not None:
            place += f", task {task}"
        super().__init__(f"{place}: {message}")


class GraphError(ReportError):
    """The graph does not conform to the shapes in ``ontology/shapes.ttl``."""


class StoreError(ReportError):
    """A build directory is missing, incomplete or from another version."""


class LookupFailed(ReportError):
    """A name given on the command line matches nothing; ``suggestions`` are the closest names."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        self.suggestions = list(suggestions or [])
        if self.suggestions:
            message += " Did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(message)


class QueryError(ReportError):
    """A SPARQL query cannot be read or run; ``line`` and ``column`` are 1-based, where known."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None):
        self.line = line
        self.column = column
        super().__init__(message)


class EndpointError(ReportError):
    """A remote SPARQL endpoint could not be reached or answered with an error."""


class ModelError(ReportError):
    """The learned entity model cannot be read: the message names the file and how to rebuild it."""
