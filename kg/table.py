"""Stage 2b: the flattened web table → headings and tasks.

The published page is a four-column table (heading | 项目要求 | 责任单位 |
工作完成情况) flattened to text: cells of one row are separated by runs of
spaces (often U+00A0), a line break inside a cell starts a new line. So a task
is a *row line* — optional heading cells, the task number, the requirement,
perhaps units, perhaps the completion text — followed by continuation lines
(more units, the completion text) until the next row line.

How the cells are told apart, without knowing this report:

* a row line is a line whose first, second or third token is a bare number,
  everything before it being heading-like (short, no sentence punctuation);
* the requirement is the row's first cell; the units are the tokens after it
  that have the form of a body's name (:mod:`kg.units`); the first token that
  does not starts the completion text, so 区商务局联合武汉大学… stays text;
* an empty unit cell was merged with the row above: the task inherits that
  row's units, marked as inherited;
* a heading numbered 一、 is a section, (一) a subsection; an unnumbered one
  is a subsection once numbered sections have begun, else a section (the
  unnumbered first group, 综合发展目标). A heading equal to the current one is a
  repeat printed at a page break, not a new group. Two heading lines in a
  row, the second unnumbered and one of them short, are one wrapped cell
  (综合发展 / 目标);
* after the page's print/close buttons (the footer), nothing is table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from .errors import ParseError
from .lexicon import column, load_tsv
from .model import Heading, ParseWarning, Span, Task, Unit
from .reading import Line
from .names import core
from .units import is_unit_name, read_unit, split_units

__all__ = ["TableResult", "rebuild_table", "table_start", "is_debris", "is_column_header"]

_SECTION = re.compile(r"^[一二三四五六七八九十百]+[、.．]")
_SUBSECTION = re.compile(r"^[(（][一二三四五六七八九十百]+[)）]")
_NUMBER = re.compile(r"^(\d{1,4})[.、．]?$")
_ATTACHED_NUMBER = re.compile(r"^(\d{1,4})[.、．](?=[^\d\s.、．])")
_SENTENCE = re.compile(r"[,，。;；:：!！?？%]")
_SENTENCE_INSIDE = re.compile(r"[。;；:：!！?？%]")
_SENTENCE_END = ("。", ";", "；", "!", "！")
_MAX_HEADING = 40
# A heading cell that wrapped leaves a short piece on one of its lines.
_WRAPPED_FRAGMENT = 6
_MAX_DEBRIS = 24
# 首页 > 政务公开 > 计划总结, 当前位置：首页 > …
_BREADCRUMB = re.compile(r"^(?:当前位置[:：])?(?:首页|网站首页)[>＞»›]")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    line: int


@dataclass
class TableResult:
    sections: list[Heading]  # sections and subsections, in reading order
    tasks: list[Task]
    warnings: list[ParseWarning]
    title_lines: list[Line]


def _tokens(line: Line) -> list[_Token]:
    return [
        _Token(m.group(), line.start + m.start(), line.start + m.end(), line.number)
        for m in re.finditer(r"\S+", line.text)
    ]


@cache
def _debris_words() -> tuple[str, ...]:
    return tuple(sorted(column("page_debris.tsv", "text"), key=len, reverse=True))


@cache
def _debris_markers() -> tuple[str, ...]:
    return tuple(row["text"] for row in load_tsv("page_debris.tsv") if row["marker"] == "yes")


def is_debris(text: str) -> bool:
    """True for web-page furniture: ``?打印本页?? ?关闭?? ?返回顶部``, a lone ``?``, a QR-code prompt.

    A line is debris when nothing is left once the words of ``data/page_debris.tsv``
    are taken out, or when it is short, not a sentence, and holds a marker word
    (打印, 关闭, 扫一扫, 当前页…): 【打印此页】 【关闭窗口】, 扫一扫在手机上查看当前页面.
    """
    rest = text
    for word in _debris_words():
        rest = rest.replace(word, "")
    if not re.search(r"[\w\u3400-\u9fff]", rest):
        return True
    squashed = re.sub(r"[\s?【】\[\]]", "", text)
    if _BREADCRUMB.match(squashed):
        return True
    return len(squashed) <= _MAX_DEBRIS and not _SENTENCE.search(squashed) and _has_marker(squashed)


def _has_marker(text: str) -> bool:
    return any(marker in text for marker in _debris_markers())


@cache
def _column_keywords() -> tuple[str, ...]:
    return column("column_headers.tsv", "keyword")


def is_column_header(text: str) -> bool:
    """True for the table's header row (项目要求 责任单位 工作完成情况 …)."""
    # Whole cells, not substrings: a title such as …重点工作任务完成情况 holds keywords too.
    keywords = set(_column_keywords())
    return sum(1 for cell in text.split() if cell in keywords) >= 2


def _heading_like(text: str) -> bool:
    """Short, Chinese, no sentence punctuation; a numbered heading (一、…, (一)…) may hold commas."""
    if not (1 < len(text) <= _MAX_HEADING) or text[0].isdigit() or not re.search(r"[\u3400-\u9fff]", text):
        return False
    if _SECTION.match(text) or _SUBSECTION.match(text):
        return not _SENTENCE_INSIDE.search(text)
    return not _SENTENCE.search(text)


def _detach_number(tokens: list[_Token], expected: int | None) -> list[_Token]:
    """``6.新增…`` → ``6.`` and ``新增…``, when 6 is the number the table expects next.

    A number run into its text is only taken for a task number when it continues
    the sequence, since completion texts enumerate too (1.完成…, 2.推进…). It may
    follow heading cells: ``（一）稳住工业基本盘 1、规模以上…``.
    """
    for i, token in enumerate(tokens[:3]):
        match = _ATTACHED_NUMBER.match(token.text)
        if match and (expected is None or int(match.group(1)) == expected):
            cut = match.end()
            return tokens[:i] + [
                _Token(token.text[:cut], token.start, token.start + cut, token.line),
                _Token(token.text[cut:], token.start + cut, token.end, token.line),
            ] + tokens[i + 1:]
        if not _heading_like(token.text):
            break
    return tokens


def _row_split(tokens: list[_Token]) -> tuple[list[_Token], _Token, list[_Token]] | None:
    """(heading tokens, number token, rest) when the line is a task row."""
    for i, token in enumerate(tokens[:3]):
        if _NUMBER.match(token.text):
            if all(_heading_like(t.text) for t in tokens[:i]):
                return tokens[:i], token, tokens[i + 1:]
            return None
    return None


# ---------------------------------------------------------------- line classes

@dataclass
class _Row:
    line: Line
    number: _Token
    tokens: list[_Token]  # cells after the number, continuation lines appended


def _is_standalone_heading(tokens: list[_Token], next_kind: str | None) -> bool:
    if not 1 <= len(tokens) <= 2 or not all(_heading_like(t.text) for t in tokens):
        return False
    first = tokens[0].text
    if _SECTION.match(first) or _SUBSECTION.match(first):
        return True
    text = "".join(t.text for t in tokens)
    if any(ch.isdigit() for ch in text) or is_unit_name(text):
        return False
    return next_kind in ("row", "heading")


def _classify(lines: list[Line], title: str | None) -> list[tuple[str, Line, list[_Token]]]:
    """Label each line: row, heading, text, or skip (blank, debris, repeated titles)."""
    labelled = []
    expected: int | None = None
    footer = False
    for line in lines:
        if footer:  # after the page's print/close buttons come only links and navigation
            labelled.append(("skip", line, []))
            continue
        tokens = _detach_number(_tokens(line), expected)
        squashed = "".join(t.text for t in tokens)
        repeated_title = bool(title) and squashed == re.sub(r"\s+", "", title)
        if not tokens or is_debris(line.text) or is_column_header(line.text) or repeated_title:
            labelled.append(("skip", line, tokens))
            footer = expected is not None and _has_marker(line.text)
        elif split := _row_split(tokens):
            labelled.append(("row", line, tokens))
            expected = int(_NUMBER.match(split[1].text).group(1)) + 1
        else:
            labelled.append(("text", line, tokens))
    # Decide standalone headings from the end, since each looks at what follows it.
    next_kind = None
    for i in range(len(labelled) - 1, -1, -1):
        kind, line, tokens = labelled[i]
        if kind == "text" and _is_standalone_heading(tokens, next_kind):
            labelled[i] = ("heading", line, tokens)
            kind = "heading"
        if kind != "skip":
            next_kind = kind
    return labelled


# ---------------------------------------------------------------- headings

class _Headings:
    """The section/subsection state while walking down the table."""

    def __init__(self) -> None:
        self.headings: list[Heading] = []  # sections and subsections, in reading order
        self.section: Heading | None = None
        self.subsection: Heading | None = None
        self.numbered = False

    def apply(self, cells: list[tuple[str, Span, int]]) -> None:
        for i, (text, span, line) in enumerate(cells):
            self._apply_one(text, span, line, self._level(cells, i))

    def _level(self, cells: list[tuple[str, Span, int]], i: int) -> int:
        text = cells[i][0]
        if _SECTION.match(text):
            self.numbered = True
            return 1
        if _SUBSECTION.match(text):
            return 2
        if i > 0:
            return 2
        if i + 1 < len(cells) and not _SUBSECTION.match(cells[i + 1][0]) and not _SECTION.match(cells[i + 1][0]):
            return 1
        return 2 if self.numbered else 1

    def _apply_one(self, text: str, span: Span, line: int, level: int) -> None:
        if level == 1:
            if self.section and self.section.text == text:
                return  # repeated at a page break
            ordinal = sum(1 for h in self.headings if h.level == 1) + 1
            self.section = Heading(text, 1, ordinal, span, line)
            self.headings.append(self.section)
            self.subsection = None
            return
        if self.subsection and self.subsection.text == text:
            return
        ordinal = sum(1 for h in self.headings if h.level == 2 and h.parent is self.section) + 1
        self.subsection = Heading(text, 2, ordinal, span, line, parent=self.section)
        self.headings.append(self.subsection)


def _join_fragments(lines: list[list[_Token]]) -> list[tuple[str, Span, int]]:
    """Heading cells from standalone heading lines, joining the pieces of a wrapped cell."""
    cells: list[tuple[str, Span, int]] = []
    previous_alone = False  # the line before held one heading cell and nothing else
    for tokens in lines:
        for j, token in enumerate(tokens):
            if j == 0 and previous_alone and _continues(cells[-1][0], token.text):
                text, span, line = cells[-1]
                cells[-1] = (text + token.text, Span(span.start, token.end), line)
            else:
                cells.append((token.text, Span(token.start, token.end), token.line))
        previous_alone = len(tokens) == 1
    return cells


def _continues(before: str, piece: str) -> bool:
    """A cell wrapped over two lines: an unnumbered piece, one of the two short
    (综合发展 / 目标; 一、坚持项目带动，推动县域经济 / 提质增效)."""
    numbered = _SECTION.match(piece) or _SUBSECTION.match(piece)
    return not numbered and min(len(before), len(piece)) <= _WRAPPED_FRAGMENT


# ---------------------------------------------------------------- cells of a row

def _joined(tokens: list[_Token]) -> tuple[str, Span | None]:
    if not tokens:
        return "", None
    return " ".join(t.text for t in tokens), Span(tokens[0].start, tokens[-1].end)


def _unit_parts(token: _Token) -> list[Unit]:
    units, cursor = [], 0
    for part in split_units(token.text):
        at = token.text.index(part, cursor)
        cursor = at + len(part)
        name, aliases, role = read_unit(part)
        units.append(Unit(part, name, Span(token.start + at, token.start + cursor), aliases, role))
    return units


def _split_cells(row: _Row) -> tuple[list[_Token], list[_Token], list[_Token]]:
    """(requirement, unit, outcome) tokens of one row."""
    tokens = row.tokens
    first = [t for t in tokens if t.line == row.line.number] or [t for t in tokens if t.line == tokens[0].line]
    rest = tokens[len(first):]
    requirement = first[:1]
    for i in range(1, len(first)):
        if is_unit_name(first[i].text):
            # A requirement that is a finished sentence ends the cell: a body's name
            # further on stands in the completion text of a merged-cell row.
            if i == 1 or not first[0].text.endswith(_SENTENCE_END):
                requirement = first[:i]
            break
    else:
        starts_line = rest and (rest[0].line != first[-1].line)
        if rest and starts_line and is_unit_name(rest[0].text):
            requirement = first
    after = tokens[len(requirement):]
    units: list[_Token] = []
    while after and is_unit_name(after[0].text):
        units.append(after.pop(0))
    return requirement, units, after


class _Rows:
    """Turns classified rows into tasks, carrying merged unit cells downwards."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.tasks: list[Task] = []
        self.warnings: list[ParseWarning] = []
        self.unit_names: set[str] = set()

    def add(self, row: _Row, headings: _Headings) -> None:
        number = int(_NUMBER.match(row.number.text).group(1))
        self._check_order(number, row.line.number)
        requirement_tokens, unit_tokens, outcome_tokens = _split_cells(row)
        requirement, requirement_span = _joined(requirement_tokens)
        if not requirement or self._is_unit_not_requirement(requirement_tokens, unit_tokens):
            raise ParseError(
                "the row has no requirement (项目要求): the number is followed directly by "
                + (f"the unit {requirement!r}" if requirement else "nothing"),
                path=self.path, line=row.line.number, task=number,
            )
        units = [u for token in unit_tokens for u in _unit_parts(token)]
        units = self._inherit(units, number, row.line.number)
        self.unit_names.update(u.name for u in units if not u.inherited)
        outcome, outcome_span = _joined(outcome_tokens)
        last = row.tokens[-1] if row.tokens else row.number
        self.tasks.append(Task(
            number=number,
            line=row.line.number,
            span=Span(row.number.start, last.end),
            section=headings.section,
            subsection=headings.subsection,
            requirement=requirement,
            requirement_span=requirement_span,
            units=tuple(units),
            outcome=outcome,
            outcome_span=outcome_span,
        ))

    def _is_unit_not_requirement(self, requirement: list[_Token], units: list[_Token]) -> bool:
        """A first cell that is a body's name (and no other unit follows) means the requirement is missing."""
        if len(requirement) != 1 or units or not is_unit_name(requirement[0].text):
            return False
        name = read_unit(requirement[0].text)[0]
        return name in self.unit_names or core(name)[1] is not None

    def _check_order(self, number: int, line: int) -> None:
        if not self.tasks:
            return
        previous = self.tasks[-1].number
        if number <= previous:
            raise ParseError(
                f"task number {number} follows task {previous}: the table is out of order "
                "or a number is repeated",
                path=self.path, line=line, task=number,
            )
        if number > previous + 1:
            missing = f"{previous + 1}" if number == previous + 2 else f"{previous + 1}–{number - 1}"
            self.warnings.append(ParseWarning(f"task {missing} missing: task {number} follows task {previous}", line, number))

    def _inherit(self, units: list[Unit], number: int, line: int) -> list[Unit]:
        if units:
            return units
        if not self.tasks or not self.tasks[-1].units:
            self.warnings.append(ParseWarning("no responsible unit, and no row above to inherit one from", line, number))
            return []
        above = self.tasks[-1]
        return [
            replace(u, inherited=True, inherited_from=u.inherited_from if u.inherited else above.number)
            for u in above.units
        ]


# ---------------------------------------------------------------- the walk

def table_start(lines: list[Line]) -> int:
    """Index of the column-header row or the first task row (len(lines) when there is neither)."""
    for i, line in enumerate(lines):
        if is_column_header(line.text) or _row_split(_detach_number(_tokens(line), None)):
            return i
    return len(lines)


def rebuild_table(lines: list[Line], *, title: str | None = None, path: str | None = None) -> TableResult:
    """Rebuild headings and tasks from the lines after the header block.

    Raises :class:`ParseError` for a document with no task rows, a number out of
    order or repeated, or a row with no requirement; collects warnings for gaps,
    rows with no completion text and unit cells with nothing to inherit.
    """
    labelled = _classify(lines, title)
    first_row = next((i for i, (kind, _, _) in enumerate(labelled) if kind == "row"), None)
    if first_row is None:
        raise ParseError(
            "no task table found: expected rows that start with a task number, "
            "such as '1 地区生产总值增长9%以上。 区发改委 …'",
            path=path,
        )
    header_at = next((i for i, (_, line, _) in enumerate(labelled[:first_row]) if is_column_header(line.text)), None)
    if header_at is not None:
        preamble_start = header_at + 1
    else:  # lines equal to a known title are skipped already; else the first line is the title
        preamble_start = 0 if title else _after_title(labelled, first_row)
    title_lines = [line for kind, line, _ in labelled[:preamble_start] if kind != "skip"]

    headings, rows = _Headings(), _Rows(path)
    pending: list[list[_Token]] = []
    ignored: list[ParseWarning] = []
    current: _Row | None = None
    for kind, line, tokens in labelled[preamble_start:]:
        if kind == "skip":
            continue
        if kind in ("heading", "text") and current is None:
            # Before the first row only heading cells are expected.
            if all(_heading_like(t.text) for t in tokens):
                pending.append(tokens)
            else:
                ignored.append(ParseWarning("text outside any task row ignored: " + line.text.strip()[:30], line.number))
        elif kind == "heading":
            rows.add(current, headings)
            current = None
            pending.append(tokens)
        elif kind == "text":
            current.tokens.extend(tokens)
        else:
            if current is not None:
                rows.add(current, headings)
            heading_tokens, number, rest = _row_split(tokens)
            cells = _join_fragments(pending) + [(t.text, Span(t.start, t.end), t.line) for t in heading_tokens]
            headings.apply(cells)
            pending = []
            current = _Row(line, number, rest)
    if current is not None:
        rows.add(current, headings)
    warnings = rows.warnings + _missing_outcomes(rows.tasks) + ignored
    warnings.sort(key=lambda w: (w.line or 0))
    return TableResult(headings.headings, rows.tasks, warnings, title_lines)


def _missing_outcomes(tasks: list[Task]) -> list[ParseWarning]:
    warnings = []
    for task in tasks:
        if not task.outcome:
            message = "the row has no completion text (工作完成情况)"
            if task is tasks[-1]:
                message += ": is the table truncated?"
            warnings.append(ParseWarning(message, task.line, task.number))
    return warnings


def _after_title(labelled: list[tuple[str, Line, list[_Token]]], first_row: int) -> int:
    """Without a column header, the first non-blank line is the title; headings may follow it."""
    for i in range(first_row):
        if labelled[i][0] != "skip":
            return i + 1
    return first_row
