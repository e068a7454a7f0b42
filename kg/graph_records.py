"""Task records read back from a graph by SPARQL, for stores that hold the graph but not ``index.json``.

``kg tasks --endpoint URL`` uses this: the records have the shape of
:mod:`kg.records` and every key it writes, since the graph holds all of
them, and ``entities`` (from the mention nodes; entities in the order of
(type, name), mentions by offset). Keys that other features add to index.json
(status, targets) are not rebuilt here. Unit aliases are the body's labels
written in the unit cell, sorted rather than in the order written.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["NOT_REBUILT", "entities_by_task", "index_from_sparql"]

# Keys of index.json records that are not read back from the graph here (the targets are in the graph,
# kgo:target; kg query targets-not-met reads them).
NOT_REBUILT = ("targets", "target_findings", "status_evidence")

# The entity types of task records, by the class that says them (the first that fits wins).
_ENTITY_TYPES = {
    "GovernmentBody": "agency", "Company": "company", "Institution": "organization", "Project": "project",
    "Place": "place", "Person": "person", "Document": "document",
}

_PREFIXES = """
PREFIX kgo:     <https://w3id.org/kg-cn/ontology#>
PREFIX skos:    <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa:      <http://www.w3.org/ns/oa#>
PREFIX schema:  <https://schema.org/>
"""

_REPORTS = _PREFIXES + """
SELECT ?report ?id ?jurisdiction WHERE {
  ?report a kgo:Report ; dcterms:identifier ?id .
  OPTIONAL { ?report kgo:jurisdiction/skos:prefLabel ?jurisdiction }
}
"""

_TASKS = _PREFIXES + """
SELECT ?task ?report ?number ?section ?subsection ?requirement ?outcome ?line ?status
       ?start ?end ?requirementStart ?requirementEnd ?outcomeStart ?outcomeEnd
WHERE {
  ?task a kgo:Task ;
        kgo:taskNumber ?number ;
        kgo:requirement ?requirement ;
        kgo:line ?line ;
        dcterms:isPartOf/dcterms:identifier ?report ;
        kgo:source ?span ;
        kgo:requirementSource ?requirementSpan .
  ?span oa:start ?start ; oa:end ?end .
  ?requirementSpan oa:start ?requirementStart ; oa:end ?requirementEnd .
  OPTIONAL { ?task kgo:outcome ?outcome ; kgo:outcomeSource ?outcomeSpan .
             ?outcomeSpan oa:start ?outcomeStart ; oa:end ?outcomeEnd . }
  OPTIONAL { ?task kgo:section/skos:prefLabel ?section }
  OPTIONAL { ?task kgo:subsection/skos:prefLabel ?subsection }
  OPTIONAL { ?task kgo:status/skos:notation ?status }
}
"""

_UNITS = _PREFIXES + """
SELECT ?task ?position ?unit ?name ?inherited ?written ?role ?fromNumber ?start ?end ?fullName ?nameEn
WHERE {
  ?task kgo:responsibility ?responsibility .
  ?responsibility kgo:position ?position ;
                  kgo:unit ?unit ;
                  kgo:inherited ?inherited ;
                  kgo:writtenAs ?written ;
                  kgo:source ?span .
  ?span oa:start ?start ; oa:end ?end .
  ?unit skos:prefLabel ?name .
  FILTER(LANG(?name) = "zh")
  OPTIONAL { ?responsibility kgo:roleNote ?role }
  OPTIONAL { ?responsibility kgo:inheritedFrom/kgo:taskNumber ?fromNumber }
  OPTIONAL { ?unit schema:legalName ?fullName }
  OPTIONAL { ?unit skos:prefLabel ?nameEn . FILTER(LANG(?nameEn) = "en") }
}
"""

_ALIASES = _PREFIXES + """
SELECT DISTINCT ?unit ?alias WHERE {
  ?responsibility kgo:unit ?unit .
  ?unit skos:altLabel ?alias .
  FILTER NOT EXISTS { ?unit schema:legalName ?alias }
}
"""


_MENTIONS = _PREFIXES + """
SELECT ?mention ?task ?entity ?name ?class ?text ?start ?end WHERE {
  ?mention a kgo:Mention ;
           kgo:mentionOf ?entity ;
           kgo:inTask ?task ;
           kgo:writtenAs ?text ;
           kgo:source ?span .
  ?span oa:start ?start ; oa:end ?end .
  ?entity a ?class ; skos:prefLabel ?name .
  FILTER(LANG(?name) = "zh")
  FILTER(STRSTARTS(STR(?class), STR(kgo:)))
}
"""


def entities_by_task(run) -> dict[str, list[dict]]:
    """Each task's entity records (name, type, iri, mentions), as the build writes them."""
    found: dict[tuple[str, str], dict] = {}
    classes: dict[tuple[str, str], set[str]] = {}
    for row in run(_MENTIONS):
        key = (str(row["task"]), str(row["entity"]))
        entity = found.setdefault(key, {"name": str(row["name"]), "type": None, "iri": key[1], "mentions": {}})
        classes.setdefault(key, set()).add(str(row["class"]).rpartition("#")[2])
        start, end = _int(row["start"]), _int(row["end"])
        entity["mentions"][(start, end, str(row["mention"]))] = {"text": str(row["text"]), "start": start, "end": end}
    by_task: dict[str, list[dict]] = {}
    for key, entity in found.items():
        entity["type"] = next((kind for cls, kind in _ENTITY_TYPES.items() if cls in classes[key]), None)
        entity["mentions"] = [entity["mentions"][m] for m in sorted(entity["mentions"])]
        by_task.setdefault(key[0], []).append(entity)
    for entities in by_task.values():
        entities.sort(key=lambda e: (e["type"] or "", e["name"]))
    return by_task


def _text(term) -> str | None:
    return None if term is None else str(term)


def _int(term) -> int | None:
    return None if term is None else int(str(term))


def _bool(term) -> bool:
    return str(term).lower() in ("true", "1")


def _cell_aliases(labels: set[str], name: str, written: str) -> list[str]:
    """The aliases a unit cell gives (区维稳办 in 区政法委(区维稳办)): the body's other labels written in the cell.

    The graph also gives a body the forms the report's text uses, which are no alias of this cell.
    """
    return sorted(label for label in labels if label in written and label not in name)


def _span(start, end) -> dict | None:
    return None if start is None else {"start": _int(start), "end": _int(end)}


def index_from_sparql(run: Callable[[str], object]) -> dict:
    """An index-like dict (``reports``, ``tasks``) built by the queries ``run`` answers (text → rdflib Result)."""
    entities = entities_by_task(run)
    aliases: dict[str, set[str]] = {}
    for row in run(_ALIASES):
        aliases.setdefault(str(row["unit"]), set()).add(str(row["alias"]))
    units: dict[str, list[tuple[int, dict]]] = {}
    for row in run(_UNITS):
        iri = str(row["unit"])
        units.setdefault(str(row["task"]), []).append((_int(row["position"]), {
            "name": str(row["name"]),
            "inherited": _bool(row["inherited"]),
            "written": str(row["written"]),
            "aliases": _cell_aliases(aliases.get(iri, set()), str(row["name"]), str(row["written"])),
            "role": _text(row["role"]),
            "inherited_from": _int(row["fromNumber"]),
            "iri": iri,
            "source": _span(row["start"], row["end"]),
            "full_name": _text(row["fullName"]),
            "name_en": _text(row["nameEn"]),
        }))
    tasks = [{
        "report": str(row["report"]),
        "number": _int(row["number"]),
        "section": _text(row["section"]),
        "subsection": _text(row["subsection"]),
        "requirement": str(row["requirement"]),
        "outcome": _text(row["outcome"]) or "",
        "units": [unit for _, unit in sorted(units.get(str(row["task"]), []), key=lambda pair: pair[0])],
        "source": _span(row["start"], row["end"]),
        "line": _int(row["line"]),
        "requirement_source": _span(row["requirementStart"], row["requirementEnd"]),
        "outcome_source": _span(row["outcomeStart"], row["outcomeEnd"]),
        "iri": str(row["task"]),
        "entities": entities.get(str(row["task"]), []),
        "status": _text(row["status"]),
    } for row in run(_TASKS)]
    tasks.sort(key=lambda t: (t["report"], t["number"]))
    reports = [{"id": str(r["id"]), "jurisdiction": _text(r["jurisdiction"])} for r in run(_REPORTS)]
    return {"reports": sorted(reports, key=lambda r: r["id"]), "tasks": tasks}
