"""The whole job: report files → validated graph in a build directory.

>>> from kg import build
>>> result = build(out="build")          # the bundled report     # doctest: +SKIP
>>> result.tasks
86
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import ParseError, ReportError
from .lexicon import resource_path
from .report import BUNDLED_REPORT, load_report
from .store import BuildResult, write_build

__all__ = ["build", "bundled_report_path"]


def bundled_report_path() -> Path:
    """The report shipped with kg (Wuchang District, 2016)."""
    return resource_path("data", BUNDLED_REPORT)


def build(
    reports: list[str | Path] | None = None,
    out: str | Path = "build",
    *,
    base: str | None = None,
    jurisdiction: str | None = None,
    strict: bool = False,
    validate: bool = True,
) -> BuildResult:
    """Parse ``reports`` (default: the bundled one), build and validate the graph, write it to ``out``.

    With ``strict``, any parse warning is an error. Nothing is written unless
    every report parses and the graph conforms to the shapes.
    """
    if base is not None and not re.match(r"^https?://[^\s/]+/\S*$", base):
        raise ReportError(f"--base-iri {base!r} is not an absolute http(s) IRI such as https://data.example.gov.cn/kg/")
    paths = [Path(p) for p in reports] if reports else [bundled_report_path()]
    parsed = [load_report(p, jurisdiction=jurisdiction) for p in paths]
    if strict:
        for report in parsed:
            if report.warnings:
                first = report.warnings[0]
                raise ParseError(
                    f"{first.message} (and {len(report.warnings) - 1} more warnings; --strict treats warnings as errors)",
                    path=report.path, line=first.line, task=first.task,
                )
    return write_build(parsed, out, base=base, validate=validate)
