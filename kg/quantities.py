"""Quantities in a text: 9%以上, 300亿元以上, 1,225,277万元, 近50条, 1.4万余辆, 两个, 1:3.91, 18/18人.

A quantity is a number with a unit from ``data/quantity_units.tsv`` (or a bare
magnitude such as 超百亿): numbers without a unit — years (2016年), dates,
line numbers (7号线), names (十三五, 七五) — are not quantities, and neither are
ordinals (第三), phases written in Chinese numerals (五期) or Chinese numerals
inside quotation marks (“三场一站”). Comparator and change words
(以上, 超, 近, 余, 增长, 下降) come from ``data/quantity_words.tsv``.

>>> [(q.value, q.unit, q.comparator) for q in parse_quantities("投资完成300亿元以上,新增停车泊位2300个")]
[(300.0, '亿元', '>='), (2300.0, '个', '=')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from .lexicon import load_tsv

__all__ = ["Quantity", "UnitInfo", "parse_quantities", "chinese_number", "unit_info", "words", "compatible"]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_TENS = {"十": 10, "百": 100, "千": 1000}
_MAGNITUDES = {"万亿": Decimal(10) ** 12, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6, "亿": Decimal(10) ** 8,
               "万": Decimal(10) ** 4}
_CN = "零〇一二两三四五六七八九十百千"
_QUOTES = {"“": "”", "「": "」", "《": "》", "\"": "\""}
# Full-width digits, letters, ．％／ read as ASCII, one character for one so offsets hold
# (full-width ，；： stay: they end clauses, never group digits).
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B),
                                          0xFF05, 0xFF0E, 0xFF0F]}


@dataclass(frozen=True)
class UnitInfo:
    """A row of ``data/quantity_units.tsv``: ``factor`` converts one unit into ``base``."""

    unit: str
    dimension: str
    base: str
    factor: Decimal
    qudt: str
    chinese_numerals: bool
    names_kind: bool = False  # a counting word only one kind of thing takes: 所 (schools), 条 (roads)


@dataclass(frozen=True)
class Quantity:
    """One quantity as written, and normalised.

    ``value`` and ``unit`` are as written (300, 亿元; 1, 万户); ``base_value`` and
    ``base_unit`` are normalised (3e10, 元; 10000, 户) so that figures of one
    ``dimension`` compare. ``comparator`` is ``=``, ``>=`` (以上), ``>`` (超, 余),
    ``<=`` (以内), ``<`` (近) or ``~`` (约); ``change`` is ``increase`` (增长) or
    ``decrease`` (下降) when the figure is a change. ``kind`` is ``amount``,
    ``range`` (3-5个: ``second`` is the upper end), ``ratio`` (1:3.91) or ``pair``
    (18/18人). ``start``/``end`` index the text given to :func:`parse_quantities`.
    """

    value: float
    unit: str
    dimension: str
    comparator: str
    text: str
    start: int
    end: int
    base_value: float
    base_unit: str
    counter: str = ""
    change: str | None = None
    kind: str = "amount"
    second: float | None = None
    qudt: str = ""
    magnitude: float = 1.0  # the 万/亿 written before the unit: value × magnitude is the number as counted

    @property
    def signed_value(self) -> float:
        """The normalised value, negative for a decrease (下降20% → -20)."""
        return -self.base_value if self.change == "decrease" else self.base_value


@cache
def _units() -> dict[str, UnitInfo]:
    return {
        row["unit"]: UnitInfo(row["unit"], row["dimension"], row["base"], Decimal(row["factor"]), row["qudt"],
                              row["numerals"] == "any", row["kind"] == "yes")
        for row in load_tsv("quantity_units.tsv")
    }


def unit_info(unit: str) -> UnitInfo | None:
    """The table row of ``unit`` (without magnitude: 元, not 亿元), or None."""
    return _units().get(unit)


@cache
def words(role: str) -> dict[str, str]:
    """Words of one role in ``data/quantity_words.tsv`` (longest first), mapped to their value."""
    rows = [r for r in load_tsv("quantity_words.tsv") if r["role"] == role]
    return {r["word"]: r["value"] for r in sorted(rows, key=lambda r: -len(r["word"]))}


_UNITLESS = frozenset({"percent", "point", "ratio", "rate", "time"})  # never written as a bare 亿


def compatible(a: str, b: str) -> bool:
    """Whether figures of dimensions ``a`` and ``b`` compare; a bare magnitude (超百亿) takes an amount."""
    return a == b or (a == "number" and b not in _UNITLESS) or (b == "number" and a not in _UNITLESS)


def chinese_number(text: str) -> int | None:
    """The integer a Chinese numeral writes (两 → 2, 十三 → 13, 百 → 100), or None (十三五 is no number)."""
    total, digit, last_was_digit = 0, None, False
    for ch in text:
        if ch in _DIGITS:
            if last_was_digit and digit is not None:
                return None  # 十三五, 三五: digits side by side are a name, not a number
            digit, last_was_digit = _DIGITS[ch], ch not in "零〇"
        elif ch in _TENS:
            total += (digit if digit is not None else 1) * _TENS[ch]
            digit, last_was_digit = None, False
        else:
            return None
    return total + (digit or 0)


@cache
def _pattern() -> re.Pattern:
    units = sorted(_units(), key=len, reverse=True)
    unit = "(?:" + "|".join(map(re.escape, units)) + ")"
    approx = "(?:" + "|".join(map(re.escape, words("approx"))) + ")"
    magnitude = "(?:" + "|".join(_MAGNITUDES) + ")"
    number = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{_CN}]+"
    return re.compile(
        rf"(?<!\d[.,])(?<![\dA-Za-z{_CN}第])"
        rf"(?:(?P<a>\d+(?:\.\d+)?)[:：](?P<b>\d+(?:\.\d+)?)(?![\d:：])"  # ratio 1:3.91
        rf"|(?P<p1>\d+)/(?P<p2>\d+)(?P<punit>{unit})"  # pair 18/18人
        rf"|(?P<num>{number})(?:[-~～—至到](?P<upper>\d+(?:\.\d+)?))?"
        rf"(?P<ap1>{approx})?(?P<mag>{magnitude})?(?P<ap2>{approx})?"
        rf"(?P<unit>{unit}(?:/[\u4e00-\u9fff]{{1,2}})*)?)"
    )


def _number(text: str) -> Decimal | None:
    if text[0].isdigit():
        return Decimal(text.replace(",", ""))
    value = chinese_number(text)
    return None if value is None else Decimal(value)


def _in_quotes(text: str, start: int) -> bool:
    """Whether ``start`` stands inside a quotation (“…”, 《…》) on its line."""
    for opening, closing in _QUOTES.items():
        left = text.rfind(opening, max(0, start - 30), start)
        if left >= 0 and text.find(closing, left + 1, start) < 0 and closing in text[start:start + 30]:
            return True
    return False


def _before_word(text: str, start: int, role: str) -> tuple[str, int] | None:
    """The word of ``role`` ending right at ``start`` (e.g. 超 before 百亿), and where it starts."""
    for word, value in words(role).items():
        if text.endswith(word, max(0, start - len(word)), start):
            return value, start - len(word)
    return None


def _after_word(text: str, end: int, role: str) -> tuple[str, int] | None:
    for word, value in words(role).items():
        if text.startswith(word, end):
            return value, end + len(word)
    return None


def _change(text: str, start: int) -> str | None:
    """增长/下降 just before the number (同比增长13.4%, 比2015年增长20%, 下降20.00%)."""
    for word, value in words("change").items():
        at = text.rfind(word, max(0, start - len(word) - 2), start)
        if at >= 0 and not re.search(r"[,，。;；、\d]", text[at + len(word):start]):
            return value
    return None


def _split_unit(written: str) -> tuple[str, UnitInfo | None, str]:
    """(unit as written, table row of its head, rate tail such as /天)."""
    if unit_info(written):  # a unit of the table that has a slash itself (微克/立方米)
        return written, unit_info(written), ""
    head, _, tail = written.partition("/")
    return written, unit_info(head), ("/" + tail if tail else "")


def _make(text: str, m: re.Match) -> Quantity | None:
    if m.group("a"):
        a, b = float(m.group("a")), float(m.group("b"))
        return Quantity(a, ":", "ratio", "=", m.group(0), m.start(), m.end(), b / a if a else 0.0, ":",
                        kind="ratio", second=b)
    if m.group("p1"):
        info = unit_info(m.group("punit"))
        first, second = float(m.group("p1")), float(m.group("p2"))
        return Quantity(first, info.unit, info.dimension, "=", m.group(0), m.start(), m.end(),
                        float(Decimal(m.group("p1")) * info.factor), info.base, counter=_counter(info),
                        kind="pair", second=second, qudt=info.qudt)
    raw, mag, written = m.group("num"), m.group("mag") or "", m.group("unit") or ""
    number = _number(raw)
    if number is None or not (written or mag):
        return None
    written, info, tail = _split_unit(written)
    chinese = not raw[0].isdigit()
    if chinese and ((info is not None and not info.chinese_numerals) or _in_quotes(text, m.start())):
        return None
    if info is None and written:
        return None
    if text.startswith("级", m.end()):  # 百亿级企业, 千亿级产业: a class, not an amount
        return None
    scale = _MAGNITUDES.get(mag, Decimal(1))
    factor = info.factor if info and not tail else Decimal(1)
    if info is None:
        dimension, base = "number", ""
    elif tail:
        dimension, base = "rate", info.unit + tail
    else:
        dimension, base = info.dimension, info.base
    comparator, start, end = "=", m.start(), m.end()
    if m.group("ap1") or m.group("ap2"):
        comparator = words("approx")[m.group("ap1") or m.group("ap2")]
    after = _after_word(text, end, "after")
    if after:
        comparator, end = after
    before = _before_word(text, start, "before")
    if before and comparator == "=":
        comparator, start = before
    upper = m.group("upper")
    return Quantity(
        value=float(number), unit=mag + written, dimension=dimension, comparator=comparator,
        text=text[start:end], start=start, end=end,
        base_value=float(number * scale * factor), base_unit=base,
        counter=_counter(info) if not tail else "", change=_change(text, start),
        kind="range" if upper else "amount", second=float(Decimal(upper) * scale * factor) if upper else None,
        qudt=(info.qudt if info and not tail else ""), magnitude=float(scale),
    )


def _counter(info: UnitInfo | None) -> str:
    """The Chinese counting word (个, 家, 户, 人) of a count, which no QUDT unit names."""
    return info.unit if info and info.dimension in ("count", "people", "households") else ""


@cache
def _name_pattern() -> re.Pattern:
    return re.compile("|".join(map(re.escape, words("name"))))


def _names(text: str) -> list[tuple[int, int]]:
    """Spans of fixed expressions written with numerals (八项规定, 最多跑一次)."""
    return [(m.start(), m.end()) for m in _name_pattern().finditer(text)]


def parse_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in reading order, with offsets into ``text``."""
    folded = text.translate(_FULL_WIDTH)
    found, names = [], _names(folded)
    for m in _pattern().finditer(folded):
        if not m.group(0) or any(a < m.end() and m.start() < b for a, b in names):
            continue
        quantity = _make(folded, m)
        if quantity is not None:
            found.append(replace(quantity, text=text[quantity.start:quantity.end]))
    return found
