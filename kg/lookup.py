"""Finding a body by any name a person would type.

``区建委`` as written, ``建委`` shorter, ``武昌区建委`` longer with the district,
``区政法委`` or its bracketed alias ``区维稳办``, and — where the lexicon in
``data/bureau_names.tsv`` knows it — the full official name
(``发展和改革委员会`` for ``区发改委``). When nothing matches, the closest
names are suggested.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .errors import LookupFailed
from .names import core, synonyms
from .units import fold_name

__all__ = ["Body", "bodies_of", "entities_of", "match_bodies"]

def _core(name: str) -> str:
    """The name without its level prefix (区建委 → 建委)."""
    return core(name)[0]


@dataclass
class Body:
    """A responsible body as the index knows it: its name, aliases and jurisdiction."""

    name: str
    iri: str
    aliases: set[str] = field(default_factory=set)
    jurisdiction: str | None = None
    type: str = "agency"
    tasks: set[tuple[str, int]] = field(default_factory=set)  # (report id, task number) that mention it

    @property
    def names(self) -> set[str]:
        return {self.name} | self.aliases


def bodies_of(index: dict) -> list[Body]:
    """Every responsible body named in a build index, one per IRI."""
    jurisdictions = {r["id"]: r.get("jurisdiction") for r in index["reports"]}
    found: dict[str, Body] = {}
    for task in index["tasks"]:
        for unit in task["units"]:
            body = found.setdefault(unit["iri"], Body(unit["name"], unit["iri"], jurisdiction=jurisdictions.get(task["report"])))
            body.aliases.update(unit.get("aliases", []))
            if unit.get("written") and fold_name(unit["written"]) != body.name:
                body.aliases.add(fold_name(unit["written"]))
    return sorted(found.values(), key=lambda b: b.name)


def entities_of(index: dict, kind: str | None = None) -> list[Body]:
    """Every entity named in the build's tasks (of type ``kind``, if given), one per IRI."""
    jurisdictions = {r["id"]: r.get("jurisdiction") for r in index["reports"]}
    found: dict[str, Body] = {}
    for record in index.get("entities", []):
        if kind is not None and record["type"] != kind:
            continue
        entity = found.setdefault(record["iri"], Body(record["name"], record["iri"], type=record["type"],
                                                       jurisdiction=jurisdictions.get(record["report"])))
        entity.aliases.update(record["aliases"])
        entity.tasks.update((record["report"], n) for n in record["tasks"])
    return sorted(found.values(), key=lambda b: (b.type, b.name))


def _query_forms(query: str, jurisdictions: set[str]) -> set[str]:
    """The typed name and what it stands for: 武昌区建委 → 区建委, 建委."""
    query = fold_name(query)
    forms = {query}
    for place in jurisdictions:
        stem = re.sub(r"(区|县|市)$", "", place)
        for prefix, level in ((place, place[-1]), (stem, place[-1])):
            if prefix and query.startswith(prefix) and len(query) > len(prefix):
                forms.add(level + query[len(prefix):])
    forms |= {_core(f) for f in forms}
    return forms


def _expand(forms: set[str]) -> set[str]:
    return forms | {name for f in forms for name in synonyms(_core(f))}


def match_bodies(query: str, bodies: list[Body], what: str = "responsible unit") -> list[Body]:
    """The bodies ``query`` names: exact names first, else names containing it, else the lexicon's synonyms.

    Raises :class:`LookupFailed` with the closest names when nothing matches.
    """
    if not fold_name(query):
        raise LookupFailed("an empty name matches nothing.")
    forms = _query_forms(query, {b.jurisdiction for b in bodies if b.jurisdiction})
    tiers = (
        lambda b: bool(forms & b.names) or bool({_core(f) for f in forms} & {_core(n) for n in b.names}),
        lambda b: any(_core(f) in n for f in forms for n in b.names if len(_core(f)) >= 2),
        lambda b: bool(_expand(forms) & _expand({_core(n) for n in b.names})),
    )
    for tier in tiers:
        matched = [b for b in bodies if tier(b)]
        if matched:
            return matched
    names = sorted({n for b in bodies for n in b.names})
    close = difflib.get_close_matches(fold_name(query), names, n=5, cutoff=0.3)
    raise LookupFailed(f"no {what} is called {query!r}.", close)
