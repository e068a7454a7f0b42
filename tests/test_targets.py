"""Targets paired with actuals by meaning, and task verdicts, on invented rows of the genre."""

from __future__ import annotations

import pytest

from kg.targets import judge


def pairs(verdict) -> list[tuple[str, str | None, bool | None]]:
    return [(t.target.text, t.actual.text if t.actual else None, t.met) for t in verdict.targets]


def test_single_target_met_with_ratio_and_evidence() -> None:
    """A target reached gives met, the ratio actual/target and the sentence that says so."""
    outcome = "全年新建公共厕所23座,改造老旧厕所8座。开展文明如厕宣传。"
    v = judge("新建公共厕所20座。", outcome, outcome_start=100)
    assert v.status == "met" and pairs(v) == [("20座", "23座", True)]
    assert v.targets[0].ratio == 1.15
    ev = v.targets[0].evidence
    assert ev.text == "全年新建公共厕所23座,改造老旧厕所8座。" and (ev.start, ev.end) == (100, 100 + len(ev.text))


def test_pairs_by_indicator_not_by_position() -> None:
    """Two targets answered in the other order are each paired with their own indicator."""
    v = judge("新增就业岗位5000个,培训农民工3000人次。", "培训农民工3500人次;新增就业岗位4200个。")
    assert pairs(v) == [("5000个", "4200个", False), ("3000人次", "3500人次", True)]
    assert v.status == "partly_met"


def test_figure_of_another_indicator_with_the_same_unit_is_not_paired() -> None:
    """New green space (平方米) does not answer an afforestation target in 亩, though both are areas."""
    v = judge("完成植树造林1200亩。", "新增城市绿地3000平方米,完成植树造林860亩。")
    assert pairs(v) == [("1200亩", "860亩", False)] and v.status == "not_met"


def test_same_domain_other_thing_stays_unpaired() -> None:
    """Training sessions on elderly care do not answer a target of elderly-care centres: actual and met stay null."""
    v = judge("新建养老服务中心5个。", "开展养老服务培训12场,惠及老人3000人次。")
    assert pairs(v) == [("5个", None, None)] and v.status == "qualitative"


def test_restated_target_is_not_an_actual() -> None:
    """完成市级目标800户 restates the target; the actual is the 900户 done."""
    v = judge("改造棚户区800户。", "改造棚户区住房900户,完成市级目标800户的112.5%。")
    assert pairs(v) == [("800户", "900户", True)]


@pytest.mark.parametrize("outcome, met", [("城镇登记失业率为3.6%。", True), ("城镇登记失业率为4.3%。", False)])
def test_ceiling_target(outcome, met) -> None:
    """A target 以内 (a ceiling) is met when the actual stays at or under it."""
    v = judge("城镇登记失业率控制在4%以内。", outcome)
    assert v.targets[0].comparator == "<=" and v.targets[0].met is met


@pytest.mark.parametrize("outcome, met", [("单位GDP能耗同比下降3.8%。", True), ("单位GDP能耗同比下降2.1%。", False),
                                          ("单位GDP能耗同比上升1.2%。", False)])
def test_decrease_target(outcome, met) -> None:
    """A target 下降3%以上 is met by a fall of at least 3%, never by a rise."""
    v = judge("单位GDP能耗下降3%以上。", outcome)
    assert v.targets[0].met is met


def test_magnitudes_compare() -> None:
    """1.5亿元 answers a target of 12000万元; 1.2万人 is below 15000人."""
    v = judge("完成招商引资12000万元,吸纳就业15000人。", "全年招商引资到位1.5亿元,吸纳就业1.2万人。")
    assert pairs(v) == [("12000万元", "1.5亿元", True), ("15000人", "1.2万人", False)]
    assert v.targets[0].ratio == 1.25


def test_coordinated_targets_share_their_subject() -> None:
    """收储土地12宗、300亩: both figures are about land; each finds the figure of its unit."""
    v = judge("收储土地12宗、300亩。", "完成收储土地10宗、318.5亩。")
    assert pairs(v) == [("12宗", "10宗", False), ("300亩", "318.5亩", True)]
    assert [t.indicator for t in v.targets] == ["收储土地", "收储土地"]


def test_deferred_and_cancelled() -> None:
    """暂缓实施 defers a task; a suspended programme with no work done cancels it."""
    deferred = judge("实施老旧管网改造工程。", "因道路施工安排,该工程按要求暂缓实施。")
    assert deferred.status == "deferred" and "暂缓实施" in deferred.evidence.text
    cancelled = judge("完成省级园林城市创建。", "因上级已暂停园林城市评选,我区不再开展创建工作。")
    assert cancelled.status == "cancelled"


def test_abolishing_something_is_not_a_cancelled_task() -> None:
    """取消 as the work itself (取消公车) does not cancel the task."""
    v = judge("完成公务用车制度改革。", "全区取消公车120台,司勤人员全部安置到位。")
    assert v.status == "qualitative"


def test_claim_beside_a_missed_target_is_a_finding() -> None:
    """完成年度目标 next to a figure below the target is flagged, not hidden."""
    v = judge("新增市场主体5000户。", "全年新增市场主体4200户,完成年度目标。")
    assert v.targets[0].met is False
    assert len(v.findings) == 1 and "完成年度目标" in v.findings[0]


def test_no_quantified_target_is_qualitative() -> None:
    """A requirement without a figure (dates and plan names are not figures) is qualitative."""
    v = judge("编制“十四五”规划,2017年6月前完成。", "已于5月完成规划编制,新增编制人员3名。")
    assert v.targets == () and v.status == "qualitative"


def test_joint_target_is_answered_by_the_total() -> None:
    """A target counting two things together takes the 合计 of their parts, not the first part."""
    v = judge("处置闲置和低效用地800亩。", "处置闲置用地520亩、低效用地310亩,合计830亩。")
    assert pairs(v) == [("800亩", "830亩", True)]


@pytest.mark.parametrize("requirement, outcome, comparator, met", [
    ("森林覆盖率提高到42%。", "全市森林覆盖率达到42.3%。", ">=", True),
    ("单位GDP能耗下降到0.5吨标准煤。", "单位GDP能耗为0.52吨标准煤。", "<=", False),
    ("PM2.5平均浓度降至45微克/立方米以下。", "PM2.5平均浓度为43微克/立方米。", "<=", True),
])
def test_level_targets_are_not_changes(requirement, outcome, comparator, met) -> None:
    """提高到 and 下降到 set a level to reach or get under, not a change to compare with a change."""
    v = judge(requirement, outcome)
    assert v.targets[0].target.change is None
    assert (v.targets[0].comparator, v.targets[0].met) == (comparator, met)


def test_short_and_full_names_of_one_thing_pair() -> None:
    """保障房 in the requirement is 保障性住房 in the completion text; the missed target is a finding."""
    v = judge("开工建设保障房2000套以上。", "开工建设保障性住房1836套,完成年度目标。")
    assert pairs(v) == [("2000套以上", "1836套", False)]
    assert v.findings


def test_a_figure_with_its_own_noun_keeps_it() -> None:
    """3个项目 after 园区规划面积3平方公里 counts projects, not parks: the park target stays unanswered."""
    v = judge("共建合作园区1个。", "签订共建合作园区框架协议,合作园区规划面积3平方公里,\n3个项目已开工建设。")
    assert pairs(v) == [("1个", None, None)]


def test_a_counting_word_of_one_kind_helps_pair_a_paraphrase() -> None:
    """中小学和幼儿园6所 is answered by 6所学校 (所 counts schools, 小学 is named); 学位 (个) is left alone.

    With nothing but the verb in common (新建学校6所) the target stays unpaired: precision first.
    """
    v = judge("新建、改扩建中小学和幼儿园6所。", "城南实验小学、滨江中学新校区等6所学校建成投用,新增学位5400个。")
    assert pairs(v) == [("6所", "6所", True)]
    assert pairs(judge("新建中小学、幼儿园6所。", "新建学校6所全部建成,新增学位5400个。")) == [("6所", None, None)]


def test_the_other_side_of_a_contrast_never_answers() -> None:
    """城镇居民收入增长 is answered by the urban figure, not by the rural one closer to its words."""
    v = judge("城镇居民人均可支配收入增长8%。",
              "城镇常住居民人均可支配收入达到38620元,同比增长8.3%;农村居民人均可支配收入增长9.1%。")
    assert pairs(v) == [("8%", "8.3%", True)]


def test_a_kind_word_alone_does_not_pair_different_things() -> None:
    """座 counts both toilets and substations: 新建变电站2座 does not answer 新建公共厕所20座."""
    v = judge("新建公共厕所20座。", "新建变电站2座,改造供电线路30公里。")
    assert pairs(v) == [("20座", None, None)]


@pytest.mark.parametrize("outcome, met", [("地区生产总值增长7.8%。", True), ("地区生产总值增长7.2%。", False)])
def test_about_target(outcome, met) -> None:
    """8%左右 is met by 7.8% (within 5% of it), not by 7.2%."""
    v = judge("地区生产总值增长8%左右。", outcome)
    assert (v.targets[0].comparator, v.targets[0].met) == ("~", met)


def test_joint_target_is_answered_by_the_sum_of_its_parts() -> None:
    """孵化器、众创空间5家 is answered by 孵化器3家、众创空间4家 together: 7, met."""
    v = judge("新增孵化器、众创空间5家。", "新认定市级以上孵化器3家、众创空间4家,孵化面积达68万平方米。")
    assert [(t.actual.text, t.actual.value, t.met) for t in v.targets] == [("3家、众创空间4家", 7, True)]


def test_bare_magnitude_answers_an_amount() -> None:
    """完成投资超百亿 (no 元 written) answers a target of 过百亿元, and 1.2亿 one of 8000万元."""
    v = judge("投资规模过百亿元,争取资金8000万元。", "完成投资超百亿;争取上级资金1.2亿。")
    assert [(t.actual.text, t.met) for t in v.targets] == [("超百亿", True), ("1.2亿", True)]


def test_an_abbreviation_names_the_same_thing_and_the_named_part_wins() -> None:
    """存量违法建设 is answered by 存量违建23万平方米 (违建 is short for 违法建设), not by the whole 26万."""
    v = judge("完成存量违法建设拆除20万平方米。", "全年拆除违法建设26万平方米,其中新增违建3万平方米、存量违建23万平方米。")
    assert pairs(v) == [("20万平方米", "23万平方米", True)]


def test_kindred_head_words_pair() -> None:
    """发放稳岗补贴 is answered by 稳岗返还资金 (补贴 and 资金 are both funds)."""
    v = judge("发放稳岗补贴2000万元。", "向1260家企业发放失业保险稳岗返还资金2350万元。")
    assert pairs(v) == [("2000万元", "2350万元", True)]
