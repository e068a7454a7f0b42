"""How far two annotators agree on the entities of the same reports: the ceiling a recogniser is scored against.

Usage: python eval/agreement.py [--write]

eval/entities/agreement/ holds a second annotation of six training reports (u5, u12, u20, u27, u33,
u40), made by a session that followed ../shared/eval/GUIDELINES.md and the dev sample without seeing the
first annotation (eval/entities/gold/) or the recogniser. The second is scored against the first as
entity_score.py scores the recogniser (per task; exact after the same normalisation, or overlap),
except that a type matches when the two annotators' types (each with its ``alt_type``) share one:
either annotation may be the one that gave the second type. ``--write`` puts the table in
eval/RESULTS.md under "## Agreement between annotators".
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from entity_score import GOLD, _norm, prf
from results_file import write_section

from kg.recognise import TYPES

SECOND = ROOT / "eval" / "entities" / "agreement"
HEADING = "## Agreement between annotators"


def _tasks(path: Path) -> dict[int, list[dict]]:
    return {int(k): v for k, v in json.loads(path.read_text(encoding="utf-8"))["tasks"].items()}


def _types(entry: dict) -> set[str]:
    return {entry["type"], entry.get("alt_type")} - {None}


def _same(second: dict, first: dict, exact: bool) -> bool:
    if not _types(second) & _types(first):
        return False
    a, b = _norm(second["name"]), _norm(first["name"])
    return a == b if exact else (a in b or b in a)


def agreement(exact: bool, stems: list[str] | None = None) -> dict[str, Counter]:
    """Counters per type (tp, fp, fn) of the second annotation against the first; fp and tp count by the
    second's type, fn by the first's."""
    counts = {t: Counter() for t in TYPES}
    for path in sorted(SECOND.glob("*.json")):
        if stems is not None and path.stem not in stems:
            continue
        first, second = _tasks(GOLD / path.name), _tasks(path)
        for task in sorted(set(first) | set(second)):
            unmatched = list(first.get(task, []))
            for entry in second.get(task, []):
                hit = next((g for g in unmatched if _same(entry, g, exact)), None)
                if hit is None:
                    counts[entry["type"]]["fp"] += 1
                else:
                    unmatched.remove(hit)
                    counts[entry["type"]]["tp"] += 1
            for g in unmatched:
                counts[g["type"]]["fn"] += 1
    return counts


def table() -> list[str]:
    exact, overlap = agreement(True), agreement(False)
    reports = sorted(p.stem for p in SECOND.glob("*.json"))
    lines = [HEADING, "",
             f"Produced by `python eval/agreement.py --write`: {len(reports)} training reports "
             f"({', '.join(reports)}) annotated a second time, blind to the first annotation; the second "
             "scored against the first per task, a type matching when the two annotators' types or alt_types "
             "share one. P and R are of the second against the first; the names both wrote count under the "
             "second's type, those only the first wrote under the first's.", "",
             "| type | first | second | P exact | R exact | F1 exact | F1 overlap |", "|---|---:|---:|---:|---:|---:|---:|"]
    for kind in [*TYPES, "all"]:
        e = sum(exact.values(), Counter()) if kind == "all" else exact[kind]
        o = sum(overlap.values(), Counter()) if kind == "all" else overlap[kind]
        if not (e["tp"] + e["fp"] + e["fn"]):
            continue
        p, r, f = prf(e)
        name = f"**{kind}**" if kind == "all" else kind
        lines.append(f"| {name} | {e['tp'] + e['fn']} | {e['tp'] + e['fp']} | {p:.2f} | {r:.2f} | {f:.2f} | {prf(o)[2]:.2f} |")
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="write the table into eval/RESULTS.md")
    args = parser.parse_args()
    text = "\n".join(table())
    print(text)
    if args.write:
        print(f"written to {write_section(HEADING, text)}", file=sys.stderr)


if __name__ == "__main__":
    main()
