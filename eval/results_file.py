"""eval/RESULTS.md holds one section per scorer; each scorer rewrites its own section and keeps the others."""

from __future__ import annotations

import re
from pathlib import Path

from kg.store import atomic_write

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def write_section(heading: str, text: str, path: Path = RESULTS) -> Path:
    """Put ``text`` (which starts with ``heading``) in place of that section of ``path``, or append it."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Evaluation results\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    text = text.rstrip("\n") + "\n"
    if pattern.search(old):
        new = pattern.sub(lambda _: text + "\n", old).rstrip("\n") + "\n"
    else:
        new = old.rstrip("\n") + "\n\n" + text
    atomic_write(path, new.encode("utf-8"))
    return path
