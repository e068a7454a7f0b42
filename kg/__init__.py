"""kg: Chinese local-government task-completion reports as a linked-data knowledge graph.

>>> from kg import load_report, build, find_tasks          # doctest: +SKIP
>>> report = load_report("data/wuchang-2016-government-work-report-tasks.txt")
>>> build(out="build")
>>> find_tasks("build", bureau="建委")
"""

__version__ = "0.1.0"

# The public names are loaded when first used (PEP 562), so that `kg tasks` starts without loading
# the parser, rdflib or jieba.
_PUBLIC = {
    "build": "builder", "bundled_report_path": "builder",
    "EncodingError": "errors", "GraphError": "errors", "LookupFailed": "errors", "ParseError": "errors",
    "ReportError": "errors", "StoreError": "errors",
    "Heading": "model", "Metadata": "model", "ParseWarning": "model", "Report": "model", "Span": "model",
    "Task": "model", "Unit": "model",
    "find_tasks": "query", "responsible_bodies": "query", "sparql": "query",
    "load_report": "report", "parse_bytes": "report",
    "scorecard": "scorecards",
    "BuildResult": "store", "load_dataset": "store", "load_index": "store",
}


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))


__all__ = [
    "__version__",
    "build", "bundled_report_path", "load_report", "parse_bytes",
    "find_tasks", "responsible_bodies", "sparql", "scorecard", "load_dataset", "load_index", "BuildResult",
    "Report", "Task", "Unit", "Heading", "Metadata", "ParseWarning", "Span",
    "ReportError", "EncodingError", "ParseError", "GraphError", "StoreError", "LookupFailed",
]
