"""SubRip (.srt): cues of an optional number, a timing line and text lines.

    1
    00:00:01,000 --> 00:00:04,000
    <i>Two lines</i> of text
    on screen

Lenient on purpose: cue numbers may be missing, `.` may stand for `,`, clock
parts may have one digit, the fraction one to three, and position coordinates
may follow the end time. Formatting tags (<i>, <b>, <u>, <s>, <font …>) and
ASS overrides ({\\an8}) are removed. The lines of a cue are joined with one
space: subtitle line breaks only fit text to a screen, and the reader reflows
text anyway. Empty cues are dropped; they carry nothing to read.

Speed: a well-formed file is split by one regex and converted with
whole-string and big-integer operations, with no Python loop per cue (about
4x faster than the `srt` package, tests/benchmarks/bench_parse_srt.py).
Anything unusual falls back to a general path that goes cue by cue and
records skipped lines. Both give the same segments (a property test checks).
"""

from __future__ import annotations

import operator
import re
import struct
from itertools import islice, repeat
from pathlib import Path
from typing import cast

from reader.core.errors import TranscriptError
from reader.core.model import IssueCollector, Segment, Transcript
from reader.core.timefmt import TimeTooLarge, parse_time

NAME = "srt"

_STAMP = r"[0-9]{1,5}:[0-9]{1,2}:[0-9]{1,2}(?:[,.][0-9]{1,3})?"
_TIMING = rf"[ \t]*({_STAMP})[ \t]*-->[ \t]*({_STAMP})[^\n]*"
# A text line: not blank, not a timing line, not a cue number followed by a timing line.
_TEXT_LINE = rf"\n(?=[^\n]*\S)(?![ \t]*(?:[0-9]+[ \t]*\n)?[ \t]*{_STAMP}[ \t]*-->)[^\n]*"
# One cue, or else one line that is not part of a cue (group 4).
_CUE = re.compile(
    rf"\s*(?:(?:[0-9]+[ \t]*\n)?{_TIMING}((?:{_TEXT_LINE})*)|([^\n]+))",
    re.ASCII,
)
_SNIFF = re.compile(rf"^[ \t]*{_STAMP}[ \t]*-->[ \t]*{_STAMP}", re.ASCII | re.MULTILINE)
# Two patterns, not one alternation: each then starts with a literal, which re finds fast.
_HTML_TAG = re.compile(r"</?(?:[ibus]|font)(?:[ \t][^>\n]*)?>", re.IGNORECASE)
_ASS_OVERRIDE = re.compile(r"\{\\[^}\n]*\}")
# Fast path: a timing line (with the preceding cue number) in canonical form splits the file.
_CANONICAL = r"[0-9]{2}:[0-5][0-9]:[0-5][0-9][,.][0-9]{3}"
_FAST_SPLIT = re.compile(
    rf"\n[ \t]*(?:[0-9]+[ \t]*\n[ \t]*)?({_CANONICAL})[ \t]*-->[ \t]*({_CANONICAL})[^\n]*",
    re.ASCII,
)
_BLANK_THEN_TEXT = re.compile(r"\n[ \t\r\f\v]*\n\s*[^\s\x00]", re.ASCII)
# A line with whitespace at either end (Unicode, as str.strip sees it).
_EDGE_SPACE = re.compile(r"\n(?:[^\S\n]|(?<=[^\S\n]\n))")
_SEGMENT_FIELDS = ("start_ms", "end_ms", "text", "speaker", "words")
_SEGMENT_IS_PLAIN_TUPLE = (
    issubclass(Segment, tuple) and getattr(Segment, "_fields", None) == _SEGMENT_FIELDS
)
_DIGIT_VALUE = bytes(b - 48 if 48 <= b <= 57 else 0 for b in range(256))
# Place value of each character of HH:MM:SS,mmm, in milliseconds.
_WEIGHTS = (
    *((0, 36_000_000), (1, 3_600_000), (3, 600_000), (4, 60_000), (6, 10_000)),
    *((7, 1000), (9, 100), (10, 10), (11, 1)),
)


def sniff(text: str) -> bool:
    return _SNIFF.search(text[:20000]) is not None


def parse(text: str, path: str | Path | None = None) -> Transcript:
    text = text.removeprefix("\ufeff")
    fast = _fast_segments(text)
    if fast is not None:
        segments, issues = fast, IssueCollector()
    else:
        segments, issues = general_segments(text)
    if not segments:
        first = issues.lines[0] if issues.lines else _first_text_line(text)
        raise TranscriptError(path, "no SubRip cue (a `start --> end` line and text)", first)
    return Transcript(
        tuple(segments),
        source=str(path) if path is not None else None,
        format_name=NAME,
        issues=issues.result(),
    )


def clean_text(body: str) -> str:
    """Cue text lines to display text: tags removed, lines stripped and joined by a space."""
    return " ".join(filter(None, map(str.strip, _strip_tags(body).split("\n"))))


def _strip_tags(text: str) -> str:
    if "{" in text:
        text = _ASS_OVERRIDE.sub("", text)
    if "<" in text:
        text = _HTML_TAG.sub("", text)
    return text


def general_segments(text: str) -> tuple[list[Segment], IssueCollector]:
    """Cue by cue, skipping (and counting) lines that are not part of a valid cue."""
    issues = IssueCollector()
    segments: list[Segment] = []
    line, pos, previous = 1, 0, 0
    for m in _CUE.finditer(text):
        start_text, end_text, body, junk = m.groups()
        line += text.count("\n", pos, m.start())
        pos = m.start()
        if junk is not None:
            if junk.strip():
                issues.skip(line + text.count("\n", pos, m.end()))
            continue
        timing_line = line + text.count("\n", pos, m.start(1))
        try:
            start, end = parse_time(start_text), parse_time(end_text)
        except TimeTooLarge:
            issues.note("impossible", timing_line)
            continue
        except ValueError:
            for offset in range(m.group().count("\n", m.start(1) - m.start()) + 1):
                issues.skip(timing_line + offset)
            continue
        cue_text = clean_text(body)
        if cue_text:
            if end < start:
                issues.note("reversed", timing_line)
            if start < previous:
                issues.note("unordered", timing_line)
            previous = max(previous, start)
            segments.append(Segment(start, max(start, end), cue_text))
    return segments, issues


def _fast_segments(text: str) -> list[Segment] | None:
    """Segments of a well-formed file without a loop per cue; None if it needs the general path.

    Well-formed: canonical HH:MM:SS,mmm stamps at line starts, nothing before
    the first cue, no text after a blank line inside a cue, no other `-->`.
    """
    parts = _FAST_SPLIT.split("\n" + text)
    if len(parts) < 4 or parts[0].strip():
        return None
    bodies = parts[3::3]
    blob = "\x00".join(bodies)
    if "-->" in blob or blob.count("\x00") != len(bodies) - 1:
        return None
    if _BLANK_THEN_TEXT.search(blob):
        return None
    count = len(parts) // 3
    times = _batch_times("".join(parts[1::3]), "".join(parts[2::3]), count)
    if times is None:
        return None  # a cue ending before it starts: the general path names its line
    starts, ends = times
    if any(map(operator.gt, starts, islice(starts, 1, None))):
        return None  # out of order: likewise
    texts = _batch_clean(blob)
    if "" in texts:
        kept = [(s, e, t) for s, e, t in zip(starts, ends, texts, strict=True) if t]
        return [Segment(s, e, t) for s, e, t in kept]
    return _build_segments(starts, ends, texts)


def _build_segments(starts: list[int], ends: list[int], texts: list[str]) -> list[Segment]:
    """Segment(start, end, text) for every cue, about 40% faster than calling Segment.

    Segment is a NamedTuple, whose constructor is tuple.__new__ over the fields
    in order; mapping that directly skips one Python-level call per cue.
    """
    if not _SEGMENT_IS_PLAIN_TUPLE:
        return list(map(Segment, starts, ends, texts))
    count = len(starts)
    rows = zip(starts, ends, texts, repeat(None, count), repeat(None, count), strict=True)
    return cast("list[Segment]", list(map(tuple.__new__, repeat(Segment, count), rows)))


def _batch_times(starts: str, ends: str, count: int) -> tuple[list[int], list[int]] | None:
    """Milliseconds of `count` start and end stamps (HH:MM:SS,mmm) written back to back.

    Each stamp becomes a 32-bit field of one big integer, so the arithmetic for
    all cues runs in C; None when an end is before its start.
    """
    start_total, end_total = _stamps_total(starts), _stamps_total(ends)
    # end + 2**31 - start stays within its field (all values < 2**29), so its
    # top bit is set exactly when end >= start.
    top_bits = int.from_bytes(b"\0\0\0\x80" * count, "little")
    in_order = (end_total + top_bits - start_total) & top_bits == top_bits
    if not in_order:
        return None
    return _unpack(start_total, count), _unpack(end_total, count)


def _stamps_total(joined: str) -> int:
    # Every character becomes a little-endian 32-bit field holding its digit
    # value; one slice per character position then carries that digit of
    # every stamp. 99:59:59,999 is below 2**32 ms, so fields never overflow.
    fields = memoryview(joined.encode("utf-32-le").translate(_DIGIT_VALUE)).cast("I")
    total = 0
    for position, weight in _WEIGHTS:
        total += weight * int.from_bytes(fields[position::12].tobytes(), "little")
    return total


def _unpack(total: int, count: int) -> list[int]:
    return list(struct.unpack(f"<{count}I", total.to_bytes(4 * count, "little")))


def _batch_clean(blob: str) -> list[str]:
    """clean_text() of NUL-separated cue bodies, as whole-string operations."""
    blob = _strip_tags(blob)
    if "\n\n" not in blob and not _EDGE_SPACE.search(blob):
        # No line needs stripping: joining lines is replacing newlines.
        return list(map(str.strip, blob.replace("\n", " ").split("\x00")))
    lines = blob.replace("\x00", "\n\x00\n").split("\n")
    blob = " ".join(filter(None, map(str.strip, lines)))
    return list(map(str.strip, blob.split("\x00")))


def _first_text_line(text: str) -> int:
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            return number
    return 1
