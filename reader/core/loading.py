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
