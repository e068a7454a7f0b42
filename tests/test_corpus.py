"""The synthetic corpus (bench/corpus.py): the parser rebuilds every generated table exactly."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from kg import parse_bytes
from kg.evaluate import FIELDS, score_report, task_fields

from .samples import load_corpus


corpus = load_corpus()

# 27 reports of three corpora, and three from the half-year, three-quarter and first-quarter batches.
CASES = [(seed, i) for seed in range(3) for i in range(9)] + [(0, 517), (1, 1043), (2, 1522)]


@pytest.fixture(scope="module")
def generated() -> dict[tuple[int, int], tuple[str, dict]]:
    return {case: corpus.generate_report(case[1], case[0]) for case in CASES}


def _rebuilt(text: str, truth: dict):
    return parse_bytes(text.encode(truth["encoding"]), path="synthetic.txt")


def _as_truth(task) -> dict:
    fields = task_fields(task)
    fields["outcome"] = task.outcome
    fields["unit_details"] = [
        {"written": u.written, "name": u.name, "aliases": list(u.aliases), "role": u.role,
         "inherited": u.inherited, "inherited_from": u.inherited_from}
        for u in task.units
    ]
    return fields


@pytest.mark.parametrize("case", CASES, ids=[f"seed{s}-report{i}" for s, i in CASES])
def test_parser_rebuilds_every_synthetic_table(generated, case) -> None:
    """Number, line, section, subsection, requirement, units (name, alias, role, inherited, from where) and the
    whole completion text of every task equal the generator's truth; header metadata too; no warnings."""
    text, truth = generated[case]
    report = _rebuilt(text, truth)
    assert (report.encoding, report.metadata.title, report.metadata.year, report.jurisdiction,
            report.metadata.index_number, report.metadata.published) == (
        truth["encoding"], truth["title"], truth["year"], truth["jurisdiction"],
        truth["index_number"], truth["published"])
    keys = (*FIELDS, "outcome", "unit_details")
    want = {t["number"]: {k: t[k] for k in keys} for t in truth["tasks"]}
    assert {t.number: _as_truth(t) for t in report.tasks} == want
    assert report.warnings == ()


def test_cases_cover_the_layouts_of_the_genre(generated) -> None:
    """The reports under test hold every layout the generator knows, so the rebuild test is not vacuous."""
    seen: Counter = Counter()
    for text, truth in generated.values():
        layout = truth["layout"]
        seen.update(f"{key}={layout[key]}" for key in ("header", "headings", "numbering", "encoding", "period"))
        seen.update(f"{key}={layout[key]}" for key in ("lost_dots", "wrapped_leading", "lead_notes") if layout[key])
        seen.update(f"cell={t['unit_cell']}" for t in truth["tasks"])
        seen.update(f"status={t['status']}" for t in truth["tasks"])
        seen["crlf"] += "\r\n" in text
        seen["multi-line completion"] += sum(" " in t["outcome"] for t in truth["tasks"])
        seen["alias"] += sum(bool(u["aliases"]) for t in truth["tasks"] for u in t["unit_details"])
    expected = {
        "header=portal", "header=gov", "header=info", "headings=cells", "headings=lines", "headings=mixed",
        "numbering=bare", "numbering=dot", "numbering=attached", "encoding=utf-8", "encoding=utf-8-sig",
        "encoding=gb18030", "period=全年", "period=上半年", "period=前三季度", "period=一季度",
        "lost_dots=True", "wrapped_leading=True", "lead_notes=True",
        "cell=merged", "cell=inline", "cell=comma", "cell=spaces", "cell=lines", "cell=below", "cell=wrapped",
        "status=met", "status=not_met", "status=cancelled", "status=deferred", "status=qualitative",
        "crlf", "multi-line completion", "alias",
    }
    assert expected <= {key for key, count in seen.items() if count}
    sizes = [len(truth["tasks"]) for _, truth in generated.values()]
    assert min(sizes) >= 15 and max(sizes) <= 90 and len(set(sizes)) > 10


def test_same_seed_gives_byte_identical_reports_and_another_seed_others(tmp_path) -> None:
    """write_corpus twice with one seed writes the same bytes; another seed writes different reports."""
    first = corpus.write_corpus(3, tmp_path / "a", seed=7)
    again = corpus.write_corpus(3, tmp_path / "b", seed=7)
    other = corpus.write_corpus(3, tmp_path / "c", seed=8)
    assert [p.name for p in first] == ["report-00000.txt", "report-00001.txt", "report-00002.txt"]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    truths = [p.with_name(p.stem + ".truth.json").read_bytes() for p in first]
    assert truths == [p.with_name(p.stem + ".truth.json").read_bytes() for p in again]
    assert all(a.read_bytes() != c.read_bytes() for a, c in zip(first, other))


def test_truth_files_are_scored_by_the_heldout_scorer(tmp_path) -> None:
    """kg.evaluate.score_report reads a written truth file and finds every field right."""
    (path,) = corpus.write_corpus(1, tmp_path)
    score = score_report(path.with_name(path.stem + ".truth.json"))
    assert score.tasks > 0
    assert (score.found, score.right, score.fields_right, score.metadata_right) == (
        score.tasks, score.tasks, score.tasks * len(FIELDS), True)


def test_reports_of_a_corpus_have_distinct_ids_and_names_shared_within_a_district() -> None:
    """Index numbers (report ids) differ across 120 reports; a district's reports of two years share names."""
    truths = [corpus.generate_report(i, 0)[1] for i in range(120)]
    assert len({t["index_number"] for t in truths}) == 120
    assert len({t["jurisdiction"] for t in truths}) == corpus.DISTRICTS

    def names(truth):
        return {e["name"] for task in truth["tasks"] for e in task["entities"]}

    assert names(truths[0]) & names(truths[corpus.DISTRICTS])  # the same district, the next year
    assert len(names(truths[0]) | names(truths[1])) > len(names(truths[0]))


def test_command_writes_reports_and_truth_files(tmp_path) -> None:
    """python bench/corpus.py N OUTDIR --seed S writes N reports with their truth and says how many tasks."""
    script = Path(corpus.__file__)
    done = subprocess.run([sys.executable, str(script), "2", str(tmp_path), "--seed", "4"],
                          capture_output=True, text=True, check=True)
    tasks = sum(len(corpus.generate_report(i, 4)[1]["tasks"]) for i in range(2))
    assert done.stdout == f"wrote 2 reports ({tasks} tasks) to {tmp_path}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "report-00000.truth.json", "report-00000.txt", "report-00001.truth.json", "report-00001.txt"]
    assert (tmp_path / "report-00001.txt").read_bytes() == corpus.generate_report(1, 4)[0].encode(
        corpus.generate_report(1, 4)[1]["encoding"])
