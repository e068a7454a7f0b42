"""The closed sets of values that commands, records and the graph share, in a module light enough for the CLI
to import at start-up (the modules that use them are loaded only when a command runs)."""

__all__ = ["ENTITY_TYPES", "STATUSES", "TASK_FORMATS", "RESULT_FORMATS", "PUSH_PROTOCOLS"]

# Entity types, as ../shared/eval/GUIDELINES.md names them.
ENTITY_TYPES = ("agency", "company", "organization", "project", "place", "person", "document")
# Task verdicts (issue 4).
STATUSES = ("met", "partly_met", "not_met", "cancelled", "deferred", "qualitative")
# kg tasks / entities / scorecard output.
TASK_FORMATS = ("table", "json", "csv")
# kg query output: SPARQL 1.1 results formats, Turtle for graphs.
RESULT_FORMATS = ("table", "json", "csv", "tsv", "turtle")
# kg push: SPARQL 1.1 Update or Graph Store Protocol.
PUSH_PROTOCOLS = ("update", "graph-store")
