"""Opening large transcripts in two steps: the first screenful now, the rest after.

Start-up should not grow with a transcript's length, so for a large file the
window first shows a quick parse of the file's opening bytes and then swaps
in the full parse once it is painted.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from reader.core.errors import TranscriptError
from reader.core.formats import parse_text
from reader.core.model import ParseIssues, Transcript
from reader.core.textio import decode

PREFIX_BYTES = 12 * 1024  # ~130 Whisper lines, 60+ SRT cues: a tall screen twice over
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_prefix(path: str | Path, limit: int = PREFIX_BYTES) -> Transcript | None:
    """The segments in the opening bytes of a large file; None for a small
    file (parse it whole), a UTF-16/32 file, or an opening that does not parse.
    """
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError:
        return None
    if len(data) <= limit or data.startswith(_WIDE_BOMS):
        return None
    # Cut at the last line end so no line is split; the last segment may still
    # be a cue cut short (several lines in SRT), so it is dropped below.
    cut = data.rfind(b"\n")
    if cut <= 0:
        return None
    try:
        partial = parse_text(decode(data[:cut], path), path)
    except TranscriptError:
        return None
    if len(partial) < 2:
        return None
    segments = partial.segments[:-1]
    return partial.replace(segments=segments, issues=ParseIssues())


TAIL_BYTES = 4 * 1024  # dozens of lines: the last one that parses ends the file


def probe_end_ms(path: str | Path, limit: int = TAIL_BYTES) -> int | None:
    """Where a large file's last segment ends, from a parse of its closing bytes.

    Lets the opening show times in the file's final format (h:mm:ss past an
    hour) and the clock its real length before the full parse; None when the
    tail does not parse.
    """
    try:
        with open(path, "rb") as f:
            size = f.seek(0, 2)
            f.seek(max(0, size - limit))
            data = f.read()
    except OSError:
        return None
    if data.startswith(_WIDE_BOMS):
        return None
    start = data.find(b"\n") + 1 if size > limit else 0
    try:
        tail = parse_text(decode(data[start:], path), path)
    except TranscriptError:
        return None
    return tail.duration_ms if len(tail) else None


# Rows wanted on each side of a resumed line for the first screen (a tall one).
AROUND_ROWS = 80


def read_around(
    opening: Transcript, path: str | Path, at_ms: int, length_ms: int, limit: int = PREFIX_BYTES
) -> Transcript | None:
    """The segments of a large file around the time `at_ms`, AROUND_ROWS or more on
    each side of it (or all there are), so that a window reopened far in shows
    its place at once while the full parse waits. `opening` is the file's
    read_prefix (its header is kept). Only for Whisper text, whose lines stand
    alone; None otherwise, or when the place is not found in a few reads (the
    caller then parses the whole file).

    The place's byte offset is interpolated between points of known time
    (start, end, the windows read so far); once a window holds it, the next is
    centred on its line and sized for the rows wanted (run-on lines are long).
    """
    from reader.core.formats import whisper_txt  # the format that read the opening

    if opening.format_name != whisper_txt.NAME or length_ms <= 0:
        return None
    try:
        with open(path, "rb") as f:
            size = f.seek(0, 2)
            lo, hi = (0, 0), (size, length_ms)  # (byte, ms) known to bracket at_ms
            centre, half = -1, limit
            for _ in range(5):
                if centre < 0:
                    span = max(1, hi[1] - lo[1])
                    centre = lo[0] + (hi[0] - lo[0]) * (at_ms - lo[1]) // span
                start = max(0, centre - half)
                f.seek(start)
                data = f.read(2 * half)
                end = start + len(data)
                head = data.find(b"\n") + 1 if start > 0 else 0
                window = _whole_lines(data, start > 0, end < size)
                try:  # a damaged stretch: the caller's whole parse says what is wrong
                    text = decode(window, path)
                    part = whisper_txt.parse(text, path).segments
                except TranscriptError:
                    return None
                first, last = part[0].start_ms, part[-1].start_ms
                after = sum(1 for s in part if s.start_ms > at_ms)
                # Enough rows on each side of the place, or all there are.
                enough_before = len(part) - after > AROUND_ROWS or start == 0
                enough_after = after >= AROUND_ROWS or end >= size
                if (first <= at_ms or start == 0) and enough_before and enough_after:
                    return opening.replace(segments=part, issues=ParseIssues())
                centre = -1
                if first > at_ms:
                    hi = (start, first)  # the place is before this window
                elif last <= at_ms and end < size:
                    lo = (end, last)  # after it
                else:  # in it, too near an edge: centre on its line, wide enough
                    place = len(part) - after - 1
                    offset = whisper_txt.segment_line_offsets(text)[place]
                    centre = start + head + len(text[:offset].encode())
                    wanted = len(window) * AROUND_ROWS * 3 // (2 * len(part))
                    half = max(half * 3 // 2, wanted)  # lines differ in length
                if centre < 0 and (hi[0] <= lo[0] or hi[1] <= lo[1]):
                    return None
    except OSError:
        return None
    return None


def _whole_lines(data: bytes, cut_head: bool, cut_tail: bool) -> bytes:
    """`data` without the lines cut short at either end."""
    if cut_head:
        data = data[data.find(b"\n") + 1 :]
    if cut_tail:
        data = data[: data.rfind(b"\n") + 1]
    return data
