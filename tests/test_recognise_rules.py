"""Rules of the recogniser added for issue 3b, each shown on invented text of the genre."""

from __future__ import annotations

import pytest

from kg.recognise import recognise


def names(text: str) -> list[tuple[str, str]]:
    return [(m.name, m.type) for m in recognise(text)]


@pytest.mark.parametrize(("text", "expected", "wrong"), [
    ("增速居梧川市第一", ("梧川市", "place"), ("居梧川市", "place")),
    ("全年增速居梧川市各县第一", ("梧川市", "place"), ("居梧川市", "place")),
])
def test_a_preposition_glued_to_an_unknown_name_is_not_part_of_it(text, expected, wrong) -> None:
    """jieba's word guesser reads 居梧川市 as one word; the name starts after 居."""
    found = names(text)
    assert expected in found and wrong not in found


@pytest.mark.parametrize(("text", "expected"), [
    ("梧川新能源科技股份有限公司澜溪储能电池项目开工", "梧川新能源科技股份有限公司澜溪储能电池项目"),
    ("引进澜汀物流集团有限公司华东智能分拨中心项目", "澜汀物流集团有限公司华东智能分拨中心项目"),
    ("签约澜汀集团冷链澜溪基地", "澜汀集团冷链澜溪基地"),
    ("澜溪光缆(梧川)有限公司二期完成设备安装", "澜溪光缆(梧川)有限公司二期"),
])
def test_a_company_s_works_are_one_project_with_the_company_s_name(text, expected) -> None:
    """A plant, base or project is named after the company written in full before it; so is its phase."""
    assert (expected, "project") in names(text)


def test_an_item_after_a_list_comma_keeps_a_first_word_jieba_calls_a_verb() -> None:
    """安踏 is a verb to jieba; after 、 it can only begin the next name."""
    assert ("安踏体育用品集团有限公司", "company") in names("引进澜汀物流集团有限公司、安踏体育用品集团有限公司")


@pytest.mark.parametrize(("text", "expected"), [
    ("举办第三届澜溪美食节", "第三届澜溪美食节"),
    ("建设京澜光电股份有限公司第6代柔性AMOLED模组项目", "京澜光电股份有限公司第6代柔性AMOLED模组项目"),
])
def test_an_edition_or_generation_belongs_to_the_name(text, expected) -> None:
    """第三届, 第6代 are part of an event's or a product line's name, not a count before it."""
    assert (expected, "project") in names(text)
