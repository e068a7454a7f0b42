"""Stages 1–2 together: a report file → :class:`~kg.model.Report`.

>>> from kg import load_report
>>> report = load_report("data/wuchang-2016-government-work-report-tasks.txt")
>>> len(report.tasks), report.tasks[0].units[0].name
(86, '区发改委')
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from .header import guess_jurisdiction, is_header_line, parse_header, report_year
from .model import Metadata, ParseWarning, Report
from .reading import Source, decode, read_source, split_lines
from .table import rebuild_table, table_start

__all__ = ["load_report", "parse_source", "report_id", "BUNDLED_REPORT"]

BUNDLED_REPORT = "wuchang-2016-government-work-report-tasks.txt"


def load_report(path: str | Path, *, jurisdiction: str | None = None) -> Report:
    """Read, decode and parse one report file.

    Raises :class:`~kg.errors.EncodingError` or :class:`~kg.errors.ParseError`.
    """
    return parse_source(read_source(path), jurisdiction=jurisdiction)


def parse_bytes(data: bytes, *, path: str | None = None, jurisdiction: str | None = None) -> Report:
    """Parse a report held in memory (bytes as published)."""
    return parse_source(decode(data, path=path), jurisdiction=jurisdiction)


def parse_source(source: Source, *, jurisdiction: str | None = None) -> Report:
    lines = split_lines(source.clean)
    # Header fields stand above the table, perhaps after a breadcrumb or a title line.
    start = table_start(lines)
    header = [line for line in lines[:start] if is_header_line(line.text)]
    metadata = parse_header(header)
    in_header = {line.number for line in header}
    body = [line for line in lines if line.number not in in_header]
    table = rebuild_table(body, title=metadata.title, path=source.path)
    warnings = list(table.warnings)
    if not metadata.title and table.title_lines:
        title = re.sub(r"\s+", " ", table.title_lines[0].text).strip()
        metadata = replace(metadata, title=title, year=report_year(title))
    if metadata.year is None:
        warnings.insert(0, ParseWarning("the title names no year (such as 2016年): the year the report covers is unknown"))
    return Report(
        id=report_id(metadata, source.text),
        path=source.path,
        encoding=source.encoding,
        sha256=source.sha256,
        text=source.text,
        metadata=metadata,
        jurisdiction=jurisdiction or guess_jurisdiction(source.clean, metadata.publisher, metadata.title),
        sections=tuple(table.sections),
        tasks=tuple(table.tasks),
        warnings=tuple(warnings),
    )


def report_id(metadata: Metadata, text: str) -> str:
    """A stable id: the official index number (索引号) when there is one, else a hash of the text.

    The hash is of the decoded text, so the same report published in GBK and in
    UTF-8 gets the same id.
    """
    if metadata.index_number:
        slug = re.sub(r"[^A-Za-z0-9._-]+", "-", metadata.index_number).strip("-")
        if slug:
            return slug
    return "sha256-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
