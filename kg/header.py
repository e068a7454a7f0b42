"""Stage 2a: the header block of a published report → :class:`Metadata`.

Government portals print a block of ``key: value`` fields above the document
(名  称, 发布机构, 索引号, 公开日期, …), several fields to a line, keys often
spaced out to align (``索 引 号``). Known keys come from ``data/header_fields.tsv``;
an unknown key at the start of a line is kept under its own name.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import load_tsv
from .model import Metadata
from .reading import Line

__all__ = ["is_header_line", "parse_header", "parse_date", "guess_jurisdiction", "report_year"]

_CJK = "\u3400-\u9fff"
# Any short Chinese key with optional alignment spaces, followed by a colon, at the start of a line.
_ANY_KEY_AT_START = re.compile(rf"^[\s【\[]*([{_CJK}](?:[ \u3000\xa0]{{0,6}}[{_CJK}]){{1,5}})\s*[:：]")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def _spaced(key: str) -> str:
    return r"[ \u3000\xa0]{0,6}".join(re.escape(ch) for ch in key)


@cache
def _known_keys() -> tuple[dict[str, str], re.Pattern]:
    rows = load_tsv("header_fields.tsv")
    fields = {row["key"]: row["field"] for row in rows}
    keys = sorted(fields, key=len, reverse=True)
    # key: value, key：value, and 【key】value as some portals print it
    pattern = re.compile(r"(?:^|(?<=\s)|(?<=【))(" + "|".join(_spaced(k) for k in keys) + r")(?:\s*[:：]|】)")
    return fields, pattern


def _squash(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def is_header_line(line: str) -> bool:
    """True when the line holds a ``key:`` field: a known key anywhere, or any short key first."""
    return bool(_ANY_KEY_AT_START.match(line) or _known_keys()[1].search(line))


def _fields_of(line: str) -> list[tuple[str, str]]:
    _, pattern = _known_keys()
    marks = [(m.start(), m.end(), _squash(m.group(1))) for m in pattern.finditer(line)]
    first = _ANY_KEY_AT_START.match(line)
    if first and (not marks or marks[0][0] > first.start(1)):
        marks.insert(0, (first.start(1), first.end(), _squash(first.group(1))))
    pairs = []
    for i, (_, value_start, key) in enumerate(marks):
        value_end = marks[i + 1][0] if i + 1 < len(marks) else len(line)
        pairs.append((key, re.sub(r"\s+", " ", line[value_start:value_end]).strip(" 【】")))
    return pairs


def parse_date(text: str | None) -> str | None:
    """``2017年01月20日`` (or 2017-1-20, 2017/01/20) → ``2017-01-20``; None when there is no date."""
    if not text:
        return None
    match = _DATE.search(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def report_year(title: str | None) -> int | None:
    """The year a report covers, as its title states it (2016年区《政府工作报告》… → 2016)."""
    match = _YEAR.search(title or "")
    return int(match.group(1)) if match else None


def parse_header(lines: list[Line]) -> Metadata:
    """Metadata from the header lines (those for which :func:`is_header_line` holds)."""
    names, _ = _known_keys()
    fields: dict[str, str] = {}
    for line in lines:
        for key, value in _fields_of(line.text):
            if value and key not in fields:
                fields[key] = value
    by_field: dict[str, str] = {}
    for key, value in fields.items():
        by_field.setdefault(names.get(key, key), value)
    title = by_field.get("title")
    return Metadata(
        title=title,
        publisher=by_field.get("publisher") or by_field.get("source"),
        document_number=by_field.get("document_number"),
        index_number=by_field.get("index_number"),
        published=parse_date(by_field.get("published")),
        year=report_year(title),
        fields=fields,
    )


# 武昌区人民政府, 洪山区政府, 武汉市人民政府: a place name standing before its government.
# The name must start after punctuation or a function word, so that 与武昌区 gives 武昌区.
_GOVERNMENT_OF = re.compile(
    rf"(?:^|(?<=[^{_CJK}])|(?<=[与和由向对在经及为同,、]))"
    rf"([{_CJK}]{{2,5}}?(?:自治县|自治州|新区|区|县|市|旗))(?=人民政府|政府)"
)
# 洪山区2017年政府工作报告…, 金梧街道落实…: a place named at the head of a title.
_PLACE_BEFORE_YEAR = re.compile(
    rf"([{_CJK}]{{2,6}}?(?:自治县|自治州|新区|高新区|开发区|街道|区|县|市|旗|镇|乡))(?:\d{{4}}年|《|落实|关于)"
)
_NOT_A_PLACE = set("全本我该各辖城社地园景片报向聘省市区县委")


def guess_jurisdiction(text: str, publisher: str | None = None, title: str | None = None) -> str | None:
    """The district, county or city whose report this is.

    A place at the head of the title (洪山区2017年…) decides; else the names
    standing before 人民政府/政府 in the publisher and the text, the most
    frequent winning (a district report names its city government now and
    then). None when neither names a place.
    """
    at_head = _PLACE_BEFORE_YEAR.match(title or "")
    if at_head:
        return at_head.group(1)
    sources = (publisher or "") + "\n" + text
    names = {m.group(1) for m in _GOVERNMENT_OF.finditer(sources) if m.group(1)[0] not in _NOT_A_PLACE}
    return max(sorted(names), key=sources.count) if names else None
