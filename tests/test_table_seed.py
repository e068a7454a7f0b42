"""The bundled report's table, rebuilt field by field against a hand annotation of the text.

tests/data/wuchang_2016_truth.json was written by reading the report, not from
kg's output: section, subsection, requirement, units (inherited or own), and
the ends of each completion text, for all 86 tasks.
"""

from __future__ import annotations

import pytest

N_TASKS = 86


def test_all_tasks_are_rebuilt_in_order(report, truth) -> None:
    """86 tasks, numbered 1-86, each on the line the annotation gives."""
    assert len(truth["tasks"]) == N_TASKS
    assert [(t.number, t.line) for t in report.tasks] == [(t["number"], t["line"]) for t in truth["tasks"]]


@pytest.mark.parametrize("field", ["section", "subsection", "requirement"])
def test_headings_and_requirements_match_the_text(report, truth, field) -> None:
    """Section, subsection and requirement of every task equal the annotation."""
    def value(task):
        heading = getattr(task, field)
        return heading.text if hasattr(heading, "text") else heading

    got = {t.number: value(t) for t in report.tasks}
    want = {t["number"]: t[field] for t in truth["tasks"]}
    assert got == want


def test_units_and_inheritance_match_the_text(report, truth) -> None:
    """Every task's units as written, and whether they were inherited from a merged cell."""
    got = {t.number: ([u.written for u in t.units], all(u.inherited for u in t.units)) for t in report.tasks}
    want = {t["number"]: (t["units"], t["inherited"]) for t in truth["tasks"]}
    assert got == want


def test_every_merged_cell_is_inherited(report, truth) -> None:
    """Exactly the annotated tasks inherit, each from the row that names the units."""
    inherited = {t.number: {u.inherited_from for u in t.units} for t in report.tasks if any(u.inherited for u in t.units)}
    assert sorted(inherited) == sorted(t["number"] for t in truth["tasks"] if t["inherited"])
    assert inherited == {13: {12}, 14: {12}, 36: {35}, 37: {35}, 41: {40}, 44: {43}, 45: {43}, 46: {43},
                         51: {50}, 52: {50}, 57: {56}, 72: {71}, 75: {74}}


def test_multi_line_unit_cells(report, truth) -> None:
    """Units continuing on following lines are all collected (tasks 5, 8, 29, 64, 65 …)."""
    multi = {t["number"]: t["units"] for t in truth["tasks"] if len(t["units"]) > 1 and not t["inherited"]}
    assert len(multi) == 19
    assert {n: [u.written for u in report.task(n).units] for n in multi} == multi


def test_completion_texts_match_at_both_ends(report, truth) -> None:
    """The completion text starts and ends where the annotation says."""
    got = {t.number: (t.outcome[:12], t.outcome[-12:]) for t in report.tasks}
    want = {t["number"]: (t["outcome_start"], t["outcome_end"]) for t in truth["tasks"]}
    assert got == want


@pytest.mark.parametrize("number, start", [(19, "区商务局联合武汉大学"), (49, "区城管委采取"), (64, "区维稳办按照")])
def test_completion_text_beginning_with_a_unit_name(report, number, start) -> None:
    """Completion texts that open with a unit's name are text, not another unit."""
    assert report.task(number).outcome.startswith(start)


def test_field_offsets_cite_the_original(report) -> None:
    """Each field's span, cut from the original text, is that field before normalisation."""
    def norm(text: str) -> str:
        return " ".join(text.split()).replace("?", "·")

    for task in report.tasks:
        assert norm(report.text[task.requirement_span.start:task.requirement_span.end]) == task.requirement
        assert norm(report.text[task.outcome_span.start:task.outcome_span.end]) == task.outcome
        for unit in task.units:
            if not unit.inherited:
                assert report.text[unit.span.start:unit.span.end] == unit.written
        assert report.text[task.span.start:].startswith(str(task.number))
        assert task.span.start <= task.requirement_span.start < task.outcome_span.end <= task.span.end


def test_lost_dots_repaired_and_debris_dropped(report) -> None:
    """武昌?长江 reads 武昌·长江; the print/close footer is not in the last task."""
    assert "武昌·长江文化创意设计产业园" in report.task(15).requirement
    assert "中科武大·智谷" in report.task(7).outcome
    assert "打印" not in report.task(86).outcome and "?" not in report.task(86).outcome


def test_header_metadata(report) -> None:
    """Title, publisher, index number, ISO date and covered year come from the header block."""
    meta = report.metadata
    assert (meta.title, meta.publisher, meta.index_number, meta.published, meta.year) == (
        "2016年区《政府工作报告》确定的主要任务全年完成情况", "区政府督查室", "007482532-03-2017-1815155", "2017-01-20", 2016,
    )
    assert report.jurisdiction == "武昌区"
    assert report.warnings == ()


def test_section_tree(report) -> None:
    """Six sections (综合发展目标 and 一 to 五) and their subsections, each once, in order."""
    sections = [h.text for h in report.sections if h.level == 1]
    assert sections == ["综合发展目标", "一、全力保持经济持续增长", "二、着力提升现代城市功能", "三、不断优化城市环境品质",
                        "四、切实加大公共服务力度", "五、努力提升政府工作效能"]
    subsections = [(h.parent.ordinal, h.ordinal, h.text) for h in report.sections if h.level == 2]
    assert len(subsections) == 15
    assert subsections[:3] == [(2, 1, "大力推进创新驱动发展"), (2, 2, "积极促进产业转型升级"), (2, 3, "有效激发经济发展活力")]
