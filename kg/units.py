"""The grammar of a responsible-unit cell: is this token the name of a body?

A unit cell holds one or more names of bodies (区发改委, 武昌滨江文化商务区管委会,
区政法委(区维稳办), 区文旅公司), separated by 、, spaces or line breaks. A name is
recognised by its form, not from a list: it ends with a suffix of Chinese
organisation names (``data/unit_suffixes.tsv``), is short, and holds no sentence
punctuation. A completion text that begins with a unit's name (区商务局联合…)
does not end with a suffix, so it is not taken for a unit.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .lexicon import load_tsv

__all__ = ["fold_name", "is_unit_name", "split_units", "read_unit", "unit_kind"]

_MAX_NAME = 24
_SENTENCE_PUNCTUATION = re.compile(r"[,，。;；:：!！?？“”\"《》%‰]")
_LIST_SEPARATOR = re.compile(r"[、/]")
# A body's name is Chinese with perhaps a Latin letter or digit (武车A片, 4G中心), a dot or a hyphen.
_NAME_CHARS = re.compile(r"^[\u3400-\u9fffA-Za-z0-9·\-]+$")


# 区政法委(区维稳办): a bracket holds another name of the body, or a note on its role (牵头).
_BRACKETED = re.compile(r"^(?P<name>[^()]+)\((?P<inner>[^()]+)\)$")
_MAX_NOTE = 6
_INNER_BRACKET = re.compile(r"\([^()]{1,6}\)(?=.)")


def fold_name(name: str) -> str:
    """Fold full-width brackets and letters (NFKC), drop spaces: one body, one spelling."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def read_unit(written: str) -> tuple[str, tuple[str, ...], str | None]:
    """(name, aliases, role note) of one unit as written.

    ``区政法委(区维稳办)`` → ``("区政法委", ("区维稳办",), None)``;
    ``区发改委(牵头)`` → ``("区发改委", (), "牵头")``.
    """
    folded = fold_name(written)
    match = _BRACKETED.match(folded)
    if not match:
        return folded, (), None
    parts = [p for p in re.split(r"[、,，/]", match["inner"]) if p]
    aliases = tuple(p for p in parts if _is_one_name(p))
    notes = [p for p in parts if not _is_one_name(p)]
    return match["name"], aliases, "、".join(notes) or None


@cache
def _suffix_kinds() -> tuple[tuple[str, str], ...]:
    """(suffix, kind), longest suffix first, so that 分局 wins over 局."""
    rows = ((row["suffix"], row["kind"]) for row in load_tsv("unit_suffixes.tsv") if row["suffix"])
    return tuple(sorted(rows, key=lambda r: len(r[0]), reverse=True))


def _is_one_name(name: str) -> bool:
    # A bracket inside a name is part of it: 各县(区)人民政府.
    name = _INNER_BRACKET.sub("", name)
    if not name or len(name) > _MAX_NAME or not _NAME_CHARS.match(name):
        return False
    return any(name.endswith(s) and len(name) > len(s) for s, _ in _suffix_kinds())


def split_units(token: str) -> list[str]:
    """The names in one token of a unit cell, as written.

    ``区科产局、区商务局`` → two; a separator inside brackets does not split:
    ``各县（市、区）人民政府`` is one.
    """
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(token):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and _LIST_SEPARATOR.match(ch):
            parts.append(token[start:i])
            start = i + 1
    parts.append(token[start:])
    return [part for part in parts if part]


def is_unit_name(token: str) -> bool:
    """True when every name in ``token`` has the form of a body's name."""
    if _SENTENCE_PUNCTUATION.search(token):
        return False
    parts = split_units(token)
    if not parts:
        return False
    for part in parts:
        name, _, note = read_unit(part)
        if not _is_one_name(name) or (note and len(note) > _MAX_NOTE):
            return False
    return True


def unit_kind(name: str) -> str:
    """The kind of body a name's suffix says it is (``bureau``, ``company``, …; see unit_suffixes.tsv)."""
    name = read_unit(name)[0]
    return next((kind for suffix, kind in _suffix_kinds() if name.endswith(suffix)), "other")
