"""Knowledge kept as data: the TSV lexicons in ``data/``, loaded once each.

Lexicons hold general knowledge of the genre (suffixes of organisation names,
header fields, page debris), never the contents of any one report.
"""

from __future__ import annotations

import csv
from functools import cache
import importlib.util
from pathlib import Path

__all__ = ["resource_path", "load_tsv", "column"]

_REPO = Path(__file__).resolve().parent.parent
# Installed wheels carry data/, ontology/ and queries/ as kg._data, … (see pyproject.toml).
_PACKAGES = {"data": "kg._data", "ontology": "kg._ontology", "queries": "kg._queries"}


def resource_path(folder: str, name: str = "") -> Path:
    """Path of ``folder/name`` from the source tree, or from the installed package."""
    try:
        spec = importlib.util.find_spec(_PACKAGES[folder])
    except ModuleNotFoundError:
        spec = None
    if spec is not None and spec.submodule_search_locations:
        base = Path(list(spec.submodule_search_locations)[0])
    else:  # running from a source tree that is not installed
        base = _REPO / folder
    return base / name if name else base


@cache
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``data/NAME`` as dicts keyed by the header line."""
    with resource_path("data", name).open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return tuple({k: (v or "") for k, v in row.items()} for row in rows)


def column(name: str, key: str) -> tuple[str, ...]:
    """One column of a lexicon, in file order, blanks dropped."""
    return tuple(row[key] for row in load_tsv(name) if row.get(key))
