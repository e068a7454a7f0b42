"""The ``kg`` program's entry point: a task lookup runs without loading the CLI framework.

``kg tasks --bureau 建委`` is the command people type most and wait on, and
importing click costs it some 30 ms of a 70 ms run (issue 7: a cold bureau
lookup under 0.1 s). So :func:`main` reads an argument list of the simple
form ``tasks [--OPTION VALUE | --OPTION=VALUE]…``, with only the local-build
options of ``kg tasks``, each at most once and valid, and prints what the
click command prints (:func:`task_lines`, which both use). Anything else —
help, an endpoint, a bad or repeated option, another command — goes to the
click CLI in :mod:`kg.cli`, which gives its usual messages.
"""

from __future__ import annotations

import os
import sys

from .choices import STATUSES, TASK_FORMATS

__all__ = ["main", "simple_task_lookup", "task_lines"]

GRAPH = "build"  # kg tasks --graph's default
# kg tasks options a lookup reads in the build alone (not --endpoint, --user, --password).
_LOOKUP_OPTIONS = ("graph", "bureau", "project", "place", "company", "entity", "status", "format")
_CHOICES = {"status": STATUSES, "format": TASK_FORMATS}


def task_lines(graph: str = GRAPH, *, fmt: str = "table", endpoint: str | None = None,
               auth: tuple[str, str] | None = None, bureau: str | None = None, status: str | None = None,
               **names: str | None) -> tuple[str | None, str]:
    """What ``kg tasks`` prints: (a note for standard error or None, the tasks for standard output)."""
    from .output import render_tasks
    from .query import find_tasks_matching

    records, matched = find_tasks_matching(graph, bureau=bureau, status=status, endpoint=endpoint, auth=auth,
                                           **names)
    note = "matched: " + "、".join(b.name for b in matched) if matched and fmt == "table" else None
    return note, render_tasks(records, fmt)


def simple_task_lookup(argv: list[str]) -> dict[str, str] | None:
    """The options of ``kg tasks`` in ``argv`` if it is a simple local lookup (see the module), else None."""
    if not argv or argv[0] != "tasks":
        return None
    options: dict[str, str] = {}
    rest = argv[1:]
    while rest:
        word = rest.pop(0)
        if not word.startswith("--"):
            return None
        name, equals, value = word[2:].partition("=")
        if not equals:
            if not rest or rest[0].startswith("-"):
                return None  # a missing value, or one click might read otherwise
            value = rest.pop(0)
        if name not in _LOOKUP_OPTIONS or name in options or value not in _CHOICES.get(name, (value,)):
            return None
        options[name] = value
    graph = options.get("graph", GRAPH)
    if os.path.exists(graph) and not os.path.isdir(graph):
        return None  # click says that --graph names a file
    return options


def main() -> None:
    """``kg``: a simple task lookup here, everything else through :mod:`kg.cli`."""
    options = simple_task_lookup(sys.argv[1:])
    if options is None:
        from .cli import main as full

        full()
        return
    sys.exit(_lookup(options))


def _lookup(options: dict[str, str]) -> int:
    from .errors import ReportError

    graph = options.pop("graph", GRAPH)
    fmt = options.pop("format", "table")
    try:
        note, text = task_lines(graph, fmt=fmt, **options)
    except ReportError as error:
        print(f"Error: {error}", file=sys.stderr)  # as click shows a ClickException
        return 1
    try:
        if note:
            print(note, file=sys.stderr)
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # A reader that stopped early (kg tasks | head): quiet, as click is, and no second error
        # when Python flushes standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0
