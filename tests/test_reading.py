"""Decoding published bytes: UTF-8 with or without BOM, GB18030/GBK, CRLF; clear errors otherwise."""

from __future__ import annotations

import codecs

import pytest

from kg import EncodingError, load_report, parse_bytes
from kg.reading import decode, repair_dots, split_lines


@pytest.fixture(scope="module")
def raw(report_path) -> bytes:
    return report_path.read_bytes()


@pytest.mark.parametrize(
    ("transform", "encoding"),
    [
        (lambda t: t.encode("utf-8"), "utf-8"),
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
        (lambda t: t.encode("gb18030"), "gb18030"),
        (lambda t: t.replace("\xa0", " ").encode("gbk"), "gb18030"),  # GBK has no U+00A0
        (lambda t: t.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        (lambda t: t.replace("\n", "\r\n").encode("gb18030"), "gb18030"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf8-crlf", "gb18030-crlf"],
)
def test_every_accepted_encoding_gives_the_same_table(raw, report, transform, encoding) -> None:
    """The same report in UTF-8, UTF-8+BOM, GB18030, GBK or with CRLF rebuilds the same tasks."""
    text = raw.decode("utf-8")
    other = parse_bytes(transform(text), path="variant.txt")
    assert other.encoding == encoding
    assert [(t.number, t.requirement, t.outcome, [u.name for u in t.units]) for t in other.tasks] == [
        (t.number, t.requirement, t.outcome, [u.name for u in t.units]) for t in report.tasks
    ]
    assert other.id == report.id


def test_offsets_index_the_text_as_published_with_crlf(raw) -> None:
    """With CRLF line ends, offsets still point at the cited text in the decoded file."""
    crlf = parse_bytes(raw.decode("utf-8").replace("\n", "\r\n").encode("utf-8"))
    task = crlf.task(8)
    cited = crlf.text[task.outcome_span.start:task.outcome_span.end]
    assert cited.startswith("推荐市级留学人员") and cited.endswith("示范空间建设。")
    assert "\r\n" in crlf.text[task.span.start:task.span.end]  # units stand on the following lines


def test_utf16_is_refused_with_the_fix() -> None:
    """A UTF-16 file gets an error that says how to convert it."""
    with pytest.raises(EncodingError, match="UTF-16.*iconv"):
        decode(codecs.BOM_UTF16_LE + "名称".encode("utf-16-le"), path="x.txt")


def test_bytes_that_are_neither_utf8_nor_gb18030_are_refused() -> None:
    """Bytes invalid in both encodings name the offending byte."""
    with pytest.raises(EncodingError, match=r"neither UTF-8 \(invalid byte at 2\) nor GB18030"):
        decode(b"ab\xff\xfe\xff", path="x.txt")


def test_latin_text_is_not_taken_for_a_report() -> None:
    """A decodable file with no Chinese is refused rather than parsed into nonsense."""
    with pytest.raises(EncodingError, match="almost no Chinese"):
        decode("This is an English page about nothing in particular.".encode("utf-8"))


def test_a_file_cut_inside_a_character_is_called_truncated(raw) -> None:
    """UTF-8 cut in the middle of a multi-byte character says the file looks truncated."""
    with pytest.raises(EncodingError, match="truncated"):
        decode(raw[:1001] if raw[1000] >= 0x80 else raw[:1000] + "中".encode()[:2])


def test_missing_file_is_an_encoding_error_naming_it(tmp_path) -> None:
    """A path that does not exist is reported by name, not with a traceback."""
    with pytest.raises(EncodingError, match="nope.txt: no such file"):
        load_report(tmp_path / "nope.txt")


def test_lost_middle_dot_is_repaired_in_place() -> None:
    """'?' between name characters becomes '·', keeping every offset."""
    text = "中科武大?智谷 武昌?长江文化 ?打印本页?? 问题? 是"
    repaired = repair_dots(text)
    assert repaired == "中科武大·智谷 武昌·长江文化 ?打印本页?? 问题? 是"
    assert len(repaired) == len(text)


def test_lines_remember_where_they_start() -> None:
    """Line starts are offsets in the text, for LF, CRLF and CR alike."""
    lines = split_lines("甲\r\n乙\n丙\r丁")
    assert [(l.number, l.start, l.text) for l in lines] == [(1, 0, "甲"), (2, 3, "乙"), (3, 5, "丙"), (4, 7, "丁")]
