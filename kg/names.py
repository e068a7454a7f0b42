"""What the lexicon knows about a body's name: its full official form and English.

``data/bureau_names.tsv`` holds general knowledge of how Chinese local bodies
are named (发改委 = 发展和改革委员会 = Development and Reform Commission),
without place names. A report writes names relative to its jurisdiction
(区发改委 in a 武昌区 report), so the full name puts the jurisdiction back:
武昌区发展和改革委员会.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import load_tsv, resource_path

__all__ = ["BodyName", "body_name", "synonyms", "core", "national_bodies"]

_LEVELS = {"区": "District", "县": "County", "市": "Municipal", "省": "Provincial"}


@dataclass(frozen=True)
class BodyName:
    full: str | None = None  # 武昌区发展和改革委员会
    en: str | None = None  # District Development and Reform Commission


def core(name: str, jurisdiction: str | None = None) -> tuple[str, str | None]:
    """(name without its level or place prefix, the level character): 区发改委 → (发改委, 区)."""
    if jurisdiction:
        stem = re.sub(r"(区|县|市)$", "", jurisdiction)
        for prefix in (jurisdiction, stem):
            if prefix and name.startswith(prefix) and len(name) > len(prefix) + 1:
                return name[len(prefix):], jurisdiction[-1]
    # 市场监管局 starts with 市 but is not a city body: a name the lexicon knows whole keeps it.
    if len(name) > 2 and name[0] in _LEVELS and name not in _rows():
        return name[1:], name[0]
    return name, None


@cache
def _rows() -> dict[str, dict[str, str]]:
    if not resource_path("data", "bureau_names.tsv").is_file():
        return {}
    rows: dict[str, dict[str, str]] = {}
    for row in load_tsv("bureau_names.tsv"):
        for key in (row["short"], row["full"]):
            rows.setdefault(key, row)
    return rows


@cache
def _groups() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for row in load_tsv("bureau_names.tsv") if _rows() else ():
        group = groups.get(row["full"]) or groups.get(row["short"]) or set()
        group.update(n for n in (row["short"], row["full"]) if n)
        for name in group:
            groups[name] = group
    return {name: frozenset(group) for name, group in groups.items()}


def synonyms(name: str) -> frozenset[str]:
    """Every lexicon name of the body ``name`` (without level prefix) stands for, ``name`` included."""
    return _groups().get(name, frozenset()) | {name}


def body_name(name: str, jurisdiction: str | None = None) -> BodyName:
    """Full official Chinese name and English name of a body, where the lexicon knows its core."""
    stem, level = core(name, jurisdiction)
    row = _rows().get(stem)
    if row is None:
        return BodyName()
    place = jurisdiction if jurisdiction and level == jurisdiction[-1] else None
    full = (place + row["full"]) if place and row["full"] else row["full"] if row["kind"] == "national" else None
    en = f"{_LEVELS[level]} {row['en']}" if level in _LEVELS and row["en"] else row["en"] or None
    return BodyName(full=full if full != name else None, en=en)


@cache
def national_bodies() -> tuple[str, ...]:
    """Every name, short or full, of the State Council's bodies in the lexicon (农业农村部, 国家林草局), in name order."""
    rows = [row for row in load_tsv("bureau_names.tsv") if row["kind"] == "national"]
    return tuple(sorted({name for row in rows for name in (row["short"], row["full"])}))


@cache
def local_body_names() -> tuple[str, ...]:
    """Every short and full name of the lexicon's local bodies (发改委, 住建局, 住房和城乡建设局), in name order;
    not streets, village committees or governments (区街道, 区政府 are written with a level of their own).
    kg.recognise looks for them whole after a level, and for those holding 和 without one."""
    rows = [row for row in load_tsv("bureau_names.tsv") if row["kind"] not in ("national", "company", "street", "other")]
    return tuple(sorted({name for row in rows for name in (row["short"], row["full"]) if len(name) >= 2}))
