"""Quantities in invented sentences of the genre: values, units, comparators, what is not a quantity."""

from __future__ import annotations

import pytest

from kg.quantities import chinese_number, parse_quantities


def one(text: str):
    found = parse_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, value, unit, comparator", [
    ("税收收入增长8%以上", 8, "%", ">="),
    ("新建口袋公园30个", 30, "个", "="),
    ("引进企业近40家", 40, "家", "<"),
    ("入驻企业300余家", 300, "家", ">"),
    ("完成投资超五十亿", 50, "亿", ">"),
    ("城镇登记失业率控制在4.5%以内", 4.5, "%", "<="),
    ("接待游客约120万人次", 120, "万人次", "~"),
])
def test_value_unit_and_comparator(text, value, unit, comparator) -> None:
    """The number, the unit as written and the comparator word (以上, 近, 余, 超, 以内, 约) are read."""
    q = one(text)
    assert (q.value, q.unit, q.comparator) == (value, unit, comparator)


def test_magnitudes_normalise_money() -> None:
    """5000万元 and 0.5亿元 are the same amount in 元; thousands separators are read."""
    a, b, c = parse_quantities("拨付5000万元,其中省级0.5亿元,全年2,350,000元")
    assert a.base_value == b.base_value == 50_000_000 and a.base_unit == b.base_unit == "元"
    assert c.base_value == 2_350_000


def test_area_units_normalise() -> None:
    """万方 in demolition statistics is 万平方米; 亩 and 公顷 convert to square metres."""
    a, b, c, d = parse_quantities("征收3.2万方,改造3.2万平方米,整理土地150亩,新增绿地2公顷")
    assert a.base_value == b.base_value == 32000 and a.dimension == b.dimension == c.dimension == "area"
    assert round(c.base_value) == 100000 and d.base_value == 20000


def test_counting_words_share_a_dimension() -> None:
    """个, 家, 所 and 座 are counts and keep their counting word; 人 and 户 are apart."""
    found = parse_quantities("新建学校4所、社区中心6个、公厕12座,帮扶300户、1200人")
    assert [(q.dimension, q.counter) for q in found] == [
        ("count", "所"), ("count", "个"), ("count", "座"), ("households", "户"), ("people", "人")]


def test_chinese_numerals() -> None:
    """两个, 三所 and 一百二十名 are quantities written in Chinese numerals."""
    found = parse_quantities("建成两个服务站,新建三所学校,培训一百二十名社工")
    assert [(q.value, q.unit) for q in found] == [(2, "个"), (3, "所"), (120, "名")]


@pytest.mark.parametrize("text", [
    "编制“十四五”规划", "落实“七五”普法", "2017年3月15日", "推进地铁2号线建设", "武政〔2017〕8号文件",
    "第三批试点", "完成滨江大道三期工程", "深化“三社联动”", "一方面加强监管", "H7N9防控",
])
def test_not_quantities(text) -> None:
    """Plan names, dates, line numbers, document numbers, ordinals and phases are not quantities."""
    assert parse_quantities(text) == []


def test_changes_are_signed() -> None:
    """同比下降 makes a decrease (negative signed value); 同比增长 an increase."""
    down, up = parse_quantities("事故起数同比下降12.5%,税收同比增长6%")
    assert (down.change, down.signed_value) == ("decrease", -12.5)
    assert (up.change, up.signed_value) == ("increase", 6)


def test_ratios_pairs_ranges_and_rates() -> None:
    """1:2.5 is a ratio, 12/15人 a pair, 3-5个 a range, 200吨/日 a rate."""
    ratio, pair, rng, rate = parse_quantities("带动比为1:2.5,化解12/15人,建设3-5个,处理能力200吨/日")
    assert (ratio.kind, ratio.value, ratio.second) == ("ratio", 1, 2.5)
    assert (pair.kind, pair.value, pair.second, pair.unit) == ("pair", 12, 15, "人")
    assert (rng.kind, rng.value, rng.second) == ("range", 3, 5)
    assert (rate.unit, rate.dimension) == ("吨/日", "rate")


def test_offsets_cite_the_text() -> None:
    """text[start:end] is the quantity with its comparator words."""
    text = "全年新增城镇就业1.2万人以上,完成年度目标"
    q = one(text)
    assert text[q.start:q.end] == q.text == "1.2万人以上"
    assert q.base_value == 12000


@pytest.mark.parametrize("numeral, value", [("两", 2), ("十", 10), ("十三", 13), ("二十五", 25), ("三百零六", 306),
                                            ("百", 100), ("十三五", None), ("三五", None)])
def test_chinese_number(numeral, value) -> None:
    """Chinese numerals convert; digits side by side (十三五) are a name, not a number."""
    assert chinese_number(numeral) == value


def test_full_width_digits() -> None:
    """２３００个 and １３．４％ read as 2300个 and 13.4%; the text keeps its full-width form."""
    bays, growth = parse_quantities("新增停车泊位２３００个，增长１３．４％")
    assert (bays.value, bays.text) == (2300, "２３００个")
    assert (growth.value, growth.unit, growth.text) == (13.4, "%", "１３．４％")
