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
