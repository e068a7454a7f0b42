"""The closed sets of values that commands, records and the graph share, in a module light enough for the CLI
to import at start-up (the modules that use them are loaded only when a command runs)."""

__all__ = ["ENTITY_TYPES", "BODY_TYPES", "STATUSES", "STATUS_LABELS", "TASK_FORMATS", "RESULT_FORMATS", "PUSH_PROTOCOLS"]

# Entity types, as ../shared/eval/GUIDELINES.md names them.
ENTITY_TYPES = ("agency", "company", "organization", "project", "place", "person", "document")
# The types that are bodies: they have members and act (a report's titles name them, a 和 ends them).
BODY_TYPES = ("agency", "company", "organization")
# Task verdicts (issue 4).
STATUSES = ("met", "partly_met", "not_met", "cancelled", "deferred", "qualitative")
# Their labels (zh, en), in the graph (kgo:Verdict skos:prefLabel) and in the views alike.
STATUS_LABELS = {
    "met": ("已完成", "met"),
    "partly_met": ("部分完成", "partly met"),
    "not_met": ("未完成", "not met"),
    "cancelled": ("已取消", "cancelled"),
    "deferred": ("暂缓实施", "deferred"),
    "qualitative": ("无量化目标或未报实绩", "qualitative"),
}
# kg tasks / entities / scorecard output.
TASK_FORMATS = ("table", "json", "csv")
# kg query output: SPARQL 1.1 results formats, Turtle for graphs.
RESULT_FORMATS = ("table", "json", "csv", "tsv", "turtle")
# kg push: SPARQL 1.1 Update or Graph Store Protocol.
PUSH_PROTOCOLS = ("update", "graph-store")
