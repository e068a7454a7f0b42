"""Stage 1: bytes of a published report → text, with the encoding detected.

Government sites publish these tables as UTF-8 (sometimes with a byte-order
mark) or as GB18030/GBK. We try those two strictly and refuse anything else,
because a lenient decode would put mojibake into a graph that people cite.

Character offsets used everywhere in kg index :attr:`Source.text`: the decoded
file as published, line ends kept as they are (CRLF stays two characters), the
byte-order mark removed. ``Source.text[start:end]`` is the cited passage.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import EncodingError

__all__ = ["Source", "decode_text", "read_source", "decode", "repair_dots", "Line", "split_lines"]

# Share of CJK among letters below which a decode is implausible for a Chinese report.
_MIN_CJK_SHARE = 0.2
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")

# A "?" standing between two name characters is a middle dot (·) lost in a
# code-page conversion: 中科武大?智谷. Replaced one for one so offsets hold.
_LOST_DOT = re.compile(r"(?<=[\u3400-\u9fffA-Za-z0-9])\?(?=[\u3400-\u9fffA-Za-z0-9])")


@dataclass(frozen=True)
class Source:
    """A decoded report: ``text`` as published, ``clean`` with lost dots repaired (same length)."""

    text: str
    clean: str
    encoding: str
    sha256: str
    path: str | None = None


@dataclass(frozen=True)
class Line:
    """One line of the report: 1-based number, offset of its first character, text without line end."""

    number: int
    start: int
    text: str


def read_source(path: str | Path) -> Source:
    """Read and decode a report file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EncodingError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise EncodingError("is a directory, not a report file", path=str(path)) from None
    return decode(data, path=str(path))


def decode(data: bytes, path: str | None = None) -> Source:
    """Decode report bytes as UTF-8 (with or without BOM) or GB18030, else raise EncodingError."""
    digest = hashlib.sha256(data).hexdigest()
    text, encoding = _decode(data, path)
    if text.strip() and not _looks_chinese(text):
        raise EncodingError(
            f"decoded as {encoding} but holds almost no Chinese characters; "
            "is this a task-completion report? Convert it to UTF-8 (iconv -f ENCODING -t UTF-8)",
            path=path,
        )
    return Source(text=text, clean=repair_dots(text), encoding=encoding, sha256=digest, path=path)


def decode_text(data: bytes, path: str | None = None) -> str:
    """Any text (not only a report) decoded as UTF-8 or GB18030, with the middle dot repaired."""
    return repair_dots(_decode(data, path)[0])


def _decode(data: bytes, path: str | None) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8):], "utf-8", path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise EncodingError(
            "is UTF-16; kg reads UTF-8 or GB18030/GBK. Convert it: iconv -f UTF-16 -t UTF-8", path=path
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        if _truncated_utf8(data, utf8_error):
            raise EncodingError(
                f"ends in the middle of a UTF-8 character at byte {utf8_error.start}; "
                "the file looks truncated",
                path=path,
                offset=utf8_error.start,
            ) from None
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as gb_error:
            raise EncodingError(
                f"is neither UTF-8 (invalid byte at {utf8_error.start}) nor GB18030/GBK "
                f"(invalid byte at {gb_error.start}); convert it to UTF-8 with iconv",
                path=path,
                offset=utf8_error.start,
            ) from None


def _strict(data: bytes, encoding: str, path: str | None) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise EncodingError(
            f"starts with a UTF-8 byte-order mark but byte {error.start + 3} is not UTF-8",
            path=path,
            offset=error.start + 3,
        ) from None


def _truncated_utf8(data: bytes, error: UnicodeDecodeError) -> bool:
    """True when the only invalid UTF-8 is an incomplete character at the very end."""
    return error.reason == "unexpected end of data" and error.end == len(data)


def _looks_chinese(text: str) -> bool:
    letters = _LETTER.findall(text)
    if not letters:
        return False
    return len(_CJK.findall(text)) / len(letters) >= _MIN_CJK_SHARE


def repair_dots(text: str) -> str:
    """Replace a lost middle dot ("?" between name characters) by "·", keeping the length."""
    return _LOST_DOT.sub("·", text)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def split_lines(text: str) -> list[Line]:
    """Split into lines, remembering where each starts in ``text`` (CR, LF and CRLF all end a line)."""
    lines = []
    for number, match in enumerate(_LINE.finditer(text), start=1):
        body = match.group().rstrip("\r\n")
        if match.start() == len(text) and not body:
            break
        lines.append(Line(number, match.start(), body))
    return lines
