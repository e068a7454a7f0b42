"""The table rebuild on layouts other reports of the genre use, and on broken tables."""

from __future__ import annotations

import pytest

from kg import ParseError, load_report
from tests.samples import HEADER, write_report

NBSP = "\xa0"


def units(task) -> list[tuple[str, bool]]:
    return [(u.name, u.inherited) for u in task.units]


def test_units_separated_by_the_enumeration_comma(tmp_path) -> None:
    """A unit cell 区发改委、区财政局 gives two units."""
    path = write_report(tmp_path, HEADER + "一、经济发展\n1 完成投资300亿元。 区发改委、区财政局 完成投资310亿元。\n")
    (task,) = load_report(path).tasks
    assert units(task) == [("区发改委", False), ("区财政局", False)]
    assert task.outcome == "完成投资310亿元。"


def test_units_that_do_not_start_with_the_district(tmp_path) -> None:
    """城管局, a state-owned company and a street office are units too."""
    body = HEADER + f"1 整治市容。 城管局{NBSP*3}区城投集团 各街道 完成整治。\n"
    (task,) = load_report(write_report(tmp_path, body)).tasks
    assert units(task) == [("城管局", False), ("区城投集团", False), ("各街道", False)]
    assert task.outcome == "完成整治。"


def test_units_on_their_own_lines_then_completion_text(tmp_path) -> None:
    """Units continuing over following lines end where the completion text begins."""
    body = HEADER + "1 启动建设。 区科产局\n区人力资源局\n 区商务局\n完成建设。\n2 推进改革。 区财政局 已完成。\n"
    first, second = load_report(write_report(tmp_path, body)).tasks
    assert units(first) == [("区科产局", False), ("区人力资源局", False), ("区商务局", False)]
    assert first.outcome == "完成建设。"
    assert second.requirement == "推进改革。"


def test_completion_text_that_begins_with_a_unit_name_stays_text(tmp_path) -> None:
    """区商务局联合武汉大学… after the units is the completion text, not another unit."""
    body = HEADER + "1 建设商圈。 区商务局\n区文体旅游广电局\n区商务局联合武汉大学成立调研团队。\n"
    (task,) = load_report(write_report(tmp_path, body)).tasks
    assert units(task) == [("区商务局", False), ("区文体旅游广电局", False)]
    assert task.outcome == "区商务局联合武汉大学成立调研团队。"


def test_empty_unit_cells_inherit_along_a_chain(tmp_path) -> None:
    """Rows with an empty unit cell inherit from the last row that names units, and say so."""
    body = HEADER + "1 甲。 区建委 做了甲。\n2 乙。 做了乙。\n3 丙。 做了丙。\n4 丁。 区水务局 做了丁。\n"
    tasks = load_report(write_report(tmp_path, body)).tasks
    assert [units(t) for t in tasks] == [
        [("区建委", False)], [("区建委", True)], [("区建委", True)], [("区水务局", False)],
    ]
    assert [u.inherited_from for t in tasks for u in t.units] == [None, 1, 1, None]


def test_bracketed_alias_is_kept(tmp_path) -> None:
    """区政法委(区维稳办) is one unit named 区政法委 with the alias 区维稳办 (full-width brackets too)."""
    body = HEADER + "1 维护稳定。 区政法委（区维稳办） 区维稳办按照要求开展工作。\n"
    (task,) = load_report(write_report(tmp_path, body)).tasks
    assert [(u.name, u.aliases, u.written) for u in task.units] == [("区政法委", ("区维稳办",), "区政法委（区维稳办）")]
    assert task.outcome.startswith("区维稳办按照")


def test_report_without_header_block_or_sections(tmp_path) -> None:
    """No header fields and no sections: the first line is the title, tasks have no section."""
    body = "2019年县政府工作报告重点任务完成情况\n1 新建道路5条。 县交通局 新建道路6条。\n2 新建学校1所。 县教育局 已建成。\n"
    report = load_report(write_report(tmp_path, body))
    assert report.metadata.title == "2019年县政府工作报告重点任务完成情况"
    assert report.metadata.year == 2019
    assert [t.section for t in report.tasks] == [None, None]
    assert report.sections == ()
    assert report.id.startswith("sha256-")


def test_other_header_fields_are_read(tmp_path) -> None:
    """发布日期 and 来源 are understood; the date becomes ISO."""
    body = (
        "标  题: 2017年市《政府工作报告》任务完成情况 来  源: 市政府督查室\n发布日期: 2018-2-3\n"
        "1 建成公园3个。 市园林局 建成公园3个。\n"
    )
    meta = load_report(write_report(tmp_path, body)).metadata
    assert (meta.title, meta.published, meta.year, meta.fields["来源"]) == (
        "2017年市《政府工作报告》任务完成情况", "2018-02-03", 2017, "市政府督查室",
    )


def test_headings_standing_alone_on_their_lines(tmp_path) -> None:
    """Section and subsection headings on lines of their own group the tasks after them."""
    body = HEADER + (
        "一、经济发展\n(一)招商引资\n1 引进企业10家。 区商务局 引进企业12家。\n"
        "(二)项目建设\n2 开工项目5个。 区发改委 开工项目5个。\n"
        "二、城市建设\n3 新建道路2条。 区建委 完成。\n"
    )
    tasks = load_report(write_report(tmp_path, body)).tasks
    assert [(t.section.text, t.subsection.text if t.subsection else None) for t in tasks] == [
        ("一、经济发展", "(一)招商引资"), ("一、经济发展", "(二)项目建设"), ("二、城市建设", None),
    ]


def test_heading_repeated_at_a_page_break_is_not_a_new_group(report) -> None:
    """一、… 积极促进产业转型升级 printed again before task 15 continues the same subsection."""
    assert report.task(15).subsection is report.task(11).subsection
    assert len([s for s in report.sections if s.text == "一、全力保持经济持续增长"]) == 1


def test_numbering_may_start_above_one(tmp_path) -> None:
    """A table continued from another page may start at any number."""
    body = HEADER + "41 完成甲。 区建委 已完成。\n42 完成乙。 区建委 已完成。\n"
    report = load_report(write_report(tmp_path, body))
    assert [t.number for t in report.tasks] == [41, 42]
    assert report.warnings == ()


def test_number_out_of_order_names_the_line(tmp_path) -> None:
    """A number lower than the one before is an error naming the line and task."""
    body = HEADER + "1 甲。 区建委 做了。\n3 丙。 区建委 做了。\n2 乙。 区建委 做了。\n"
    with pytest.raises(ParseError) as caught:
        load_report(write_report(tmp_path, body))
    assert (caught.value.line, caught.value.task) == (8, 2)
    assert "task number 2 follows task 3" in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / "report.txt") + ", line 8, task 2:")


def test_repeated_number_is_an_error(tmp_path) -> None:
    """The same number twice is reported as out of order or repeated."""
    body = HEADER + "1 甲。 区建委 做了。\n1 乙。 区建委 做了。\n"
    with pytest.raises(ParseError, match="line 7, task 1: task number 1 follows task 1"):
        load_report(write_report(tmp_path, body))


def test_missing_number_is_a_warning_naming_the_line(tmp_path) -> None:
    """A gap in the numbering is kept, with a warning naming the line and the missing number."""
    body = HEADER + "1 甲。 区建委 做了。\n2 乙。 区建委 做了。\n5 戊。 区建委 做了。\n"
    report = load_report(write_report(tmp_path, body))
    assert [t.number for t in report.tasks] == [1, 2, 5]
    assert [str(w) for w in report.warnings] == ["line 8, task 5: task 3–4 missing: task 5 follows task 2"]


def test_row_without_requirement_is_an_error(tmp_path) -> None:
    """A row whose number is followed directly by a unit has no requirement: error with the line."""
    body = HEADER + "1 甲。 区建委 做了。\n2 区财政局 2018年完成收入10亿元。\n"
    with pytest.raises(ParseError, match="line 7, task 2: the row has no requirement"):
        load_report(write_report(tmp_path, body))


def test_requirement_that_names_a_new_body_is_not_taken_for_a_unit(tmp_path) -> None:
    """组建区融资担保公司 ends like a company name but is the requirement of a merged-cell row."""
    body = HEADER + "1 甲。 区金融局 做了。\n2 组建融资担保公司 已组建。\n"
    second = load_report(write_report(tmp_path, body)).tasks[1]
    assert second.requirement == "组建融资担保公司"
    assert units(second) == [("区金融局", True)]


def test_document_without_a_table_is_an_error(tmp_path) -> None:
    """A text with no numbered rows says that no task table was found."""
    body = HEADER + "本年度各项工作进展顺利,详见附件。\n"
    with pytest.raises(ParseError, match="no task table found"):
        load_report(write_report(tmp_path, body))


def test_truncated_table_is_flagged(tmp_path) -> None:
    """A last row with no completion text asks whether the table was truncated."""
    body = HEADER + "1 甲。 区建委 做了。\n2 乙。 区建委\n"
    report = load_report(write_report(tmp_path, body))
    assert [str(w) for w in report.warnings] == [
        "line 7, task 2: the row has no completion text (工作完成情况): is the table truncated?"
    ]


def test_first_row_with_no_unit_warns(tmp_path) -> None:
    """An empty unit cell with no row above cannot inherit: a warning, and no units."""
    body = HEADER + "1 甲。 做了。\n"
    report = load_report(write_report(tmp_path, body))
    assert report.tasks[0].units == ()
    assert "no responsible unit" in str(report.warnings[0])


def test_page_debris_is_dropped(tmp_path) -> None:
    """The print/close/back-to-top line after the table is not part of the last task."""
    body = HEADER + "1 甲。 区建委 做了。\n?打印本页?? ?关闭?? ?返回顶部\n?\n"
    (task,) = load_report(write_report(tmp_path, body)).tasks
    assert task.outcome == "做了。"


def test_role_note_in_brackets_is_not_an_alias(tmp_path) -> None:
    """区发改委(牵头) is 区发改委 with the role note 牵头; the next unit follows."""
    body = HEADER + "1 完成投资。 区发改委(牵头)、区财政局 完成投资。\n"
    (task,) = load_report(write_report(tmp_path, body)).tasks
    assert [(u.name, u.aliases, u.role) for u in task.units] == [("区发改委", (), "牵头"), ("区财政局", (), None)]


def test_requirement_with_a_space_inside_before_its_unit(tmp_path) -> None:
    """A requirement broken by a stray space still ends at the unit that follows it."""
    body = HEADER + "1 全年新增就业 1.2万人 区人社局 新增就业1.3万人。\n"
    (task,) = load_report(write_report(tmp_path, body)).tasks
    assert task.requirement == "全年新增就业 1.2万人"
    assert units(task) == [("区人社局", False)]


def test_body_named_in_a_merged_rows_completion_text_is_not_its_unit(tmp_path) -> None:
    """After a finished requirement with no unit, a spaced body name further on belongs to the text."""
    body = HEADER + "1 甲。 区建委 做了。\n2 引进企业10家。 引进企业12家, 由 区商务局 牵头。\n"
    second = load_report(write_report(tmp_path, body)).tasks[1]
    assert second.requirement == "引进企业10家。"
    assert units(second) == [("区建委", True)]
    assert second.outcome == "引进企业12家, 由 区商务局 牵头。"


def test_jurisdiction_from_the_title(tmp_path) -> None:
    """洪山区2017年… names the district, and its bodies are scoped by it."""
    body = "洪山区2017年政府工作报告重点任务完成情况\n1 新建学校1所。 区教育局 已建成。\n"
    report = load_report(write_report(tmp_path, body))
    assert report.jurisdiction == "洪山区"


@pytest.mark.parametrize(
    ("line", "debris"),
    [
        ("?打印本页?? ?关闭?? ?返回顶部", True),
        ("【打印此页】 【关闭窗口】", True),
        ("扫一扫在手机上查看当前页面", True),
        ("?", True),
        ("组织开展打印设备集中采购,关闭违规网站12个。", False),
        ("区城管委", False),
    ],
)
def test_page_debris_lines(line, debris) -> None:
    """Print/close/QR furniture is debris; a sentence that mentions printing is not."""
    from kg.table import is_debris

    assert is_debris(line) is debris


def test_separator_inside_brackets_does_not_split_units() -> None:
    """各县（市、区）人民政府 is one unit; 、 outside brackets separates."""
    from kg.units import split_units

    assert split_units("市住建局（牵头）、各县（市、区）人民政府") == ["市住建局（牵头）", "各县（市、区）人民政府"]


def test_number_run_into_text_after_a_heading(tmp_path) -> None:
    """（一）稳住工业基本盘 1、规模以上… is a row: subsection, task 1, requirement."""
    body = HEADER + "（一）稳住工业 1、工业增加值增长8%。 县经信局 增长5.6%。\n2、新增企业15家。 县经信局 新增17家。\n"
    first, second = load_report(write_report(tmp_path, body)).tasks
    assert (first.number, first.subsection.text, first.requirement) == (1, "（一）稳住工业", "工业增加值增长8%。")
    assert (second.number, second.requirement) == (2, "新增企业15家。")


def test_enumeration_inside_completion_text_is_not_a_row(tmp_path) -> None:
    """A completion line "1.完成…" does not start a task when the table expects another number."""
    body = HEADER + "5 推进改革。 区财政局 主要做了两件事:\n1.完成清产核资;\n2.出台实施办法。\n6 乙。 区建委 做了。\n"
    tasks = load_report(write_report(tmp_path, body)).tasks
    assert [t.number for t in tasks] == [5, 6]
    assert tasks[0].outcome == "主要做了两件事: 1.完成清产核资; 2.出台实施办法。"


def test_header_keys_spaced_wide_and_after_a_breadcrumb(tmp_path) -> None:
    """名    称 with wide spacing, and fields below a breadcrumb line, are read."""
    body = (
        "当前位置：首页 > 政务公开\n名    称: 2020年县《政府工作报告》任务完成情况\n发布日期：2021-02-03 来源：县政府督查室\n"
        "1 建成公园3个。 县园林局 建成公园3个。\n"
    )
    meta = load_report(write_report(tmp_path, body)).metadata
    assert (meta.title, meta.published, meta.publisher) == ("2020年县《政府工作报告》任务完成情况", "2021-02-03", "县政府督查室")


def test_links_after_the_footer_are_not_task_text(tmp_path) -> None:
    """相关链接, 上一篇/下一篇 and 主办单位 lines after 【打印】【关闭】 do not join the last task."""
    body = HEADER + "1 甲。 区建委 做了。\n【打印】 【关闭】\n相关链接：\n上一篇：2019年工作总结\n主办单位：区政府办公室\n"
    (task,) = load_report(write_report(tmp_path, body)).tasks
    assert task.outcome == "做了。"


def test_bracketed_header_keys(tmp_path) -> None:
    """【发布日期】2021-01-26 【来源】… is a header line, not the title."""
    body = (
        "【发布日期】2021-01-26 【来源】鹤汀区人民政府办公室 【字体：大 中 小】\n"
        "鹤汀区2020年《政府工作报告》重点工作任务完成情况\n1 建成公园3个。 区园林局 建成公园3个。\n"
    )
    meta = load_report(write_report(tmp_path, body)).metadata
    assert (meta.title, meta.published, meta.publisher) == (
        "鹤汀区2020年《政府工作报告》重点工作任务完成情况", "2021-01-26", "鹤汀区人民政府办公室")


def test_numbered_heading_wrapped_over_two_lines(tmp_path) -> None:
    """一、坚持项目带动，推动县域经济 / 提质增效 is one section, not a section and a subsection."""
    body = HEADER + "一、坚持项目带动，推动县域经济\n提质增效\n1 甲。 县发改委 做了。\n"
    (task,) = load_report(write_report(tmp_path, body)).tasks
    assert (task.section.text, task.subsection) == ("一、坚持项目带动，推动县域经济提质增效", None)


def test_breadcrumb_is_not_the_title(tmp_path) -> None:
    """首页 > 政务公开 > … above the title is page furniture."""
    body = "首页 > 政务公开 > 计划总结\n宝日温都旗2021年重点工作任务完成情况\n1 甲。 旗农牧局 做了。\n"
    report = load_report(write_report(tmp_path, body))
    assert (report.metadata.title, report.jurisdiction) == ("宝日温都旗2021年重点工作任务完成情况", "宝日温都旗")
