"""kg: Chinese local-government task-completion reports as a linked-data knowledge graph.

>>> from kg import load_report, build, find_tasks          # doctest: +SKIP
>>> report = load_report("data/wuchang-2016-government-work-report-tasks.txt")
>>> build(out="build")
>>> find_tasks("build", bureau="建委")
"""

__version__ = "0.1.0"

from .build import build, bundled_report_path
from .errors import EncodingError, GraphError, LookupFailed, ParseError, ReportError, StoreError
from .model import Heading, Metadata, ParseWarning, Report, Span, Task, Unit
from .query import find_tasks, responsible_bodies, sparql
from .report import load_report, parse_bytes
from .scorecards import scorecard
from .store import BuildResult, load_dataset, load_index

__all__ = [
    "__version__",
    "build", "bundled_report_path", "load_report", "parse_bytes",
    "find_tasks", "responsible_bodies", "sparql", "scorecard", "load_dataset", "load_index", "BuildResult",
    "Report", "Task", "Unit", "Heading", "Metadata", "ParseWarning", "Span",
    "ReportError", "EncodingError", "ParseError", "GraphError", "StoreError", "LookupFailed",
]
