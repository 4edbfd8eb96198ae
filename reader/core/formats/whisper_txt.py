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
from datetime import datetime
from pathlib import Path

from reader.core.errors import TranscriptError
from reader.core.model import Header, IssueCollector, Segment, Transcript
from reader.core.timefmt import MAX_TIME_MS

NAME = "whisper-txt"

_LINE = re.compile(r"^\s*\[\s*(\d+)(?:\.(\d+))?\s*-->\s*(\d+)(?:\.(\d+))?\s*\]\s?(.*)$")
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
    segments: list[Segment] = []
    append = segments.append
    body = lines[body_start:]
    previous = 0
    for number, m in enumerate(map(_LINE.match, body), body_start + 1):
        if m is None:
            if body[number - body_start - 1].strip():
                issues.skip(number)
            continue
        a, af, b, bf, words = m.groups()
        # Decimal seconds to ms without float error: "6742.68" -> 6742680.
        start = int(a) * 1000 + int(((af or "") + "000")[:3])
        end = int(b) * 1000 + int(((bf or "") + "000")[:3])
        if end < start or start < previous or max(start, end) > MAX_TIME_MS:
            if max(start, end) > MAX_TIME_MS:
                issues.note("impossible", number)
                continue
            if end < start:
                issues.note("reversed", number)
                end = start
            if start < previous:
                issues.note("unordered", number)
        previous = max(previous, start)
        append(Segment(start, end, words.strip()))
    if not segments:
        bad = issues.lines[0] if issues.lines else body_start + 1
        raise TranscriptError(path, "no line of the form [start --> end] text", bad)
    return Transcript(
        tuple(segments),
        header,
        str(path) if path is not None else None,
        NAME,
        issues.result(),
    )


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
