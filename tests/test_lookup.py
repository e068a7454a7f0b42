"""Finding a body by the names people type, and the lexicon's full and English names."""

from __future__ import annotations

import pytest

from kg import LookupFailed
from kg.lookup import Body, match_bodies
from kg.names import body_name, core

BODIES = [
    Body("区发改委", "iri:fgw", jurisdiction="武昌区"),
    Body("区建委", "iri:jw", jurisdiction="武昌区"),
    Body("区城管委", "iri:cgw", jurisdiction="武昌区"),
    Body("区政法委", "iri:zfw", {"区维稳办"}, jurisdiction="武昌区"),
    Body("武昌公安分局", "iri:ga", jurisdiction="武昌区"),
    Body("区市场监管局", "iri:sj", jurisdiction="武昌区"),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("区建委", ["区建委"]),
        ("建委", ["区建委"]),
        ("武昌区建委", ["区建委"]),
        ("区 建 委", ["区建委"]),
        ("区维稳办", ["区政法委"]),
        ("公安", ["武昌公安分局"]),
        ("发展和改革委员会", ["区发改委"]),
        ("武昌区发展和改革委员会", ["区发改委"]),
        ("市场监管局", ["区市场监管局"]),
        ("城建委", ["区建委"]),  # the lexicon: 城建委 and 建委 are both 城乡建设委员会
        ("城管", ["区城管委"]),
    ],
)
def test_names_people_type_find_the_body(query, expected) -> None:
    """As written, shorter, longer, spaced, an alias, or the lexicon's full name."""
    assert [b.name for b in match_bodies(query, BODIES)] == expected


def test_no_match_suggests_the_closest_names() -> None:
    """An unknown name raises LookupFailed carrying close names."""
    with pytest.raises(LookupFailed) as caught:
        match_bodies("区建委会", BODIES)
    assert caught.value.suggestions[0] == "区建委"
    assert str(caught.value).startswith("no responsible unit is called '区建委会'. Did you mean: 区建委")


def test_one_character_is_too_short_to_match_inside_names() -> None:
    """委 alone would match every commission: it matches nothing and suggests instead."""
    with pytest.raises(LookupFailed):
        match_bodies("委", BODIES)


def test_empty_name_is_refused() -> None:
    """A blank --bureau is an error, not 'every body'."""
    with pytest.raises(LookupFailed, match="empty name"):
        match_bodies("  ", BODIES)


def test_level_prefix_is_not_cut_from_a_name_that_begins_with_it() -> None:
    """市场监管局 is a market-regulation bureau, not 场监管局 of a city."""
    assert core("市场监管局") == ("市场监管局", None)
    assert core("区市场监管局") == ("市场监管局", "区")
    assert core("武昌公安分局", "武昌区") == ("公安分局", "区")


def test_full_and_english_names_put_the_jurisdiction_back() -> None:
    """区发改委 in a 武昌区 report is 武昌区发展和改革委员会; unknown names get nothing invented."""
    known = body_name("区发改委", "武昌区")
    assert (known.full, known.en) == ("武昌区发展和改革委员会", "District Development and Reform Commission")
    assert body_name("华中金融城管委会", "武昌区").full is None
    assert body_name("县教育局", "某某县").full == "某某县教育局"
