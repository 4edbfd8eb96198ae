"""The Whisper text format of the sample: a small header, then `[start --> end]  text`.

    Video title: …
    Youtube video code: xDCa0xgymMY
    Last modified time: 2025-02-20 06:59:25
    ------------------
    [0.00 --> 8.66]  Welkom bij …

Times are decimal seconds. Header fields are each optional.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from datetime import datetime
from itertools import repeat
from pathlib import Path
from typing import cast

from reader.core.errors import TranscriptError
from reader.core.model import Header, IssueCollector, ParseIssues, Segment, Transcript
from reader.core.timefmt import MAX_TIME_MS

NAME = "whisper-txt"

# The fraction groups hold its first three digits, all that milliseconds use.
_LINE = re.compile(
    # At most 12 digits of seconds: more is no time (and int() refuses 4,300 digits).
    r"^\s*\[\s*(\d{1,12})(?:\.(\d{1,3})\d*)?\s*-->\s*(\d{1,12})(?:\.(\d{1,3})\d*)?\s*\]\s?(.*)$"
)


class _FractionMs(dict[str | None, int]):
    """Milliseconds of a fraction's first digits: "68" -> 680; None (no fraction) -> 0.
    Filled as fractions turn up: a dict look-up is cheaper than the arithmetic."""

    def __missing__(self, digits: str | None) -> int:
        value = self[digits] = int(digits.ljust(3, "0")) if digits else 0
        return value


_FRACTION_MS = _FractionMs()
_SNIFF = re.compile(r"^\s*\[\s*\d+(?:\.\d+)?\s*-->\s*\d+(?:\.\d+)?\s*\]", re.MULTILINE)
_DASHES = re.compile(r"^\s*-{3,}\s*$")
_HEADER_KEYS = {
    "video title": "title",
    "title": "title",
    "youtube video code": "video_id",
    "video id": "video_id",
    "last modified time": "modified",
}


def sniff(text: str) -> bool:
    head = text[:20000]
    if _SNIFF.search(head):
        return True
    # A header of this format with no good line after it: still ours, so the
    # error can point at the first bad line instead of "unknown format".
    lines = head.split("\n")
    header, body = _parse_header(lines)
    return body > 0 and header.title is not None and _DASHES.match(lines[body - 1]) is not None


def parse(text: str, path: str | Path | None = None) -> Transcript:
    lines = text.split("\n")
    header, body_start = _parse_header(lines)
    issues = IssueCollector()
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    _parse_body(lines[body_start:], body_start + 1, issues, 0, (starts, ends, texts))
    if not texts:
        bad = issues.lines[0] if issues.lines else body_start + 1
        raise TranscriptError(path, "no line of the form [start --> end] text", bad)
    return Transcript(
        _segments(starts, ends, texts),
        header,
        str(path) if path is not None else None,
        NAME,
        issues.result(),
    )


def _segments(starts: list[int], ends: list[int], texts: list[str]) -> tuple[Segment, ...]:
    """Segment(start, end, text) for each line, without a Python-level call per line.

    Segment is a NamedTuple, whose constructor is tuple.__new__ over the fields
    in order (as in srt._build_segments)."""
    count = len(texts)
    rows = zip(starts, ends, texts, repeat(None, count), repeat(None, count), strict=True)
    return cast("tuple[Segment, ...]", tuple(map(tuple.__new__, repeat(Segment, count), rows)))


_Out = tuple["list[int] | array[int]", "list[int] | array[int]", list[str]]


def _parse_body(
    body: list[str], first: int, issues: IssueCollector, previous: int, out: _Out
) -> int:
    """Append the start, end and text of each body line (the first is line `first`) to
    `out`; return the latest start so far, given the latest before them (`previous`)."""
    add_start, add_end, add_text = out[0].append, out[1].append, out[2].append
    fraction = _FRACTION_MS.__getitem__
    for number, m in enumerate(map(_LINE.match, body), first):
        if m is None:
            if body[number - first].strip():
                issues.skip(number)
            continue
        a, af, b, bf, words = m.groups()
        # Decimal seconds to ms without float error: "6742.68" -> 6742680.
        start = int(a) * 1000 + fraction(af)
        end = int(b) * 1000 + fraction(bf)
        if end < start or start < previous or max(start, end) > MAX_TIME_MS:
            if max(start, end) > MAX_TIME_MS:
                issues.note("impossible", number)
                continue
            if end < start:
                issues.note("reversed", number)
                end = start
            if start < previous:
                issues.note("unordered", number)
        if start > previous:
            previous = start
        add_start(start)
        add_end(end)
        add_text(words.strip())
    return previous


class Columns:
    """A transcript as columns, for one pass over a huge file (the command line's
    search): a million Segment objects would take most of a GB."""

    __slots__ = ("ends", "header", "issues", "starts", "texts")

    def __init__(
        self,
        header: Header,
        starts: array[int],
        ends: array[int],
        texts: list[str],
        issues: ParseIssues,
    ) -> None:
        self.header, self.issues = header, issues
        self.starts, self.ends, self.texts = starts, ends, texts

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index: int) -> Segment:
        return Segment(self.starts[index], self.ends[index], self.texts[index])


def parse_columns(chunks: Iterable[str], path: str | Path | None = None) -> Columns:
    """What parse() reads from the text that `chunks` make up (each ending at a line
    end), as Columns in time order; the chunks are parsed one at a time."""
    issues = IssueCollector()
    header, number, previous = Header(), 1, 0
    starts, ends, texts = array("q"), array("q"), list[str]()
    for index, chunk in enumerate(chunks):
        lines = chunk.split("\n")
        if chunk.endswith("\n"):
            lines.pop()  # the next chunk starts a new line
        body_start = 0
        if index == 0:
            header, body_start = _parse_header(lines)
        body = lines[body_start:]
        previous = _parse_body(body, number + body_start, issues, previous, (starts, ends, texts))
        number += len(lines)
    if not texts:
        bad = issues.lines[0] if issues.lines else 1
        raise TranscriptError(path, "no line of the form [start --> end] text", bad)
    result = issues.result()
    if result.noted("unordered")[0]:  # sorted as Transcript sorts its segments
        order = sorted(range(len(texts)), key=starts.__getitem__)
        starts = array("q", map(starts.__getitem__, order))
        ends = array("q", map(ends.__getitem__, order))
        texts = list(map(texts.__getitem__, order))
    return Columns(header, starts, ends, texts, result)


def segment_line_offsets(text: str) -> list[int]:
    """Where each line that parse() turns into a segment starts in `text`, in order."""
    offsets, at = [], 0
    for line in text.split("\n"):
        if _LINE.match(line):
            offsets.append(at)
        at += len(line) + 1
    return offsets


def _parse_header(lines: list[str]) -> tuple[Header, int]:
    """Header fields up to the dashed line; (Header(), 0) when there is none."""
    fields: dict[str, str] = {}
    extra: list[tuple[str, str]] = []
    for number, line in enumerate(lines[:50]):
        if _DASHES.match(line):
            return _make_header(fields, extra), number + 1
        if _LINE.match(line):
            break
        key, sep, value = line.partition(":")
        if sep and value.strip():
            name = _HEADER_KEYS.get(key.strip().lower())
            if name:
                fields[name] = value.strip()
            else:
                extra.append((key.strip(), value.strip()))
    if not fields:
        return Header(), 0
    return _make_header(fields, extra), _first_segment_line(lines)


def _first_segment_line(lines: list[str]) -> int:
    for number, line in enumerate(lines):
        if _LINE.match(line):
            return number
    return len(lines)


def _make_header(fields: dict[str, str], extra: list[tuple[str, str]]) -> Header:
    return Header(
        title=fields.get("title"),
        video_id=fields.get("video_id"),
        modified=_parse_datetime(fields.get("modified")),
        extra=tuple(extra),
    )


def _parse_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None
