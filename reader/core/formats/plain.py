"""Plain text with a time stamp at the start of each line or paragraph.

    [12:34] text          (1:02:03) text          12:34 text
    [00:00:01.000 --> 00:00:05.000] text          (whisper.cpp)
    **[12:34]** text      **[12:34] Alice:** text (our Markdown export)

and the transcript panel of a video site copied as text: a time alone on one
line, the text on the following line(s); a spoken-out duration line after
the time ("2 minutes, 5 seconds") is dropped. Lines without a stamp continue
the current segment. A segment ends where the next begins (unless the stamp
gives an end); the last one gets an estimate from its length.

Lines before the first stamp are a preamble: a `# Title` (or first) line is
the title, a YouTube link gives the video id, `Modified: …` the date.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from reader.core.errors import TranscriptError
from reader.core.model import Header, IssueCollector, Segment, Transcript
from reader.core.timefmt import MAX_TIME_MS

NAME = "plain"

_T = r"(?:[0-9]{1,3}:)?[0-9]{1,3}:[0-9]{2}(?:[.,][0-9]{1,3})?"
_RANGE = rf"({_T})(?:[ \t]*(?:-->|–|—|-)[ \t]*({_T}))?"
_STAMP = re.compile(
    r"[ \t]*(\*\*)?"
    rf"(?:\[[ \t]*{_RANGE}[ \t]*\]|\([ \t]*{_RANGE}[ \t]*\)|{_RANGE}(?=[ \t]|\*\*|$))"
    r"(?(1)(?:[ \t]+([^*\n]{1,80}?):)?\*\*|)"  # a speaker only inside **…**
    r"[ \t]*(?:[-–—:|][ \t]+)?(.*)",
    re.ASCII,
)
_SPOKEN_DURATION = re.compile(
    r"\s*\d+\s+(?:hours?|minutes?|seconds?)(?:,?\s+\d+\s+(?:hours?|minutes?|seconds?))*\s*",
    re.IGNORECASE,
)
_YOUTUBE_ID = re.compile(
    r"(?:youtu\.be/|youtube\.com/(?:watch\?(?:[^\s]*&)?v=|embed/|shorts/|live/))([A-Za-z0-9_-]{11})"
)
# A line that starts like a stamp but is not one (too many digits, a minus sign).
_LOOKS_STAMPED = re.compile(
    r"[ \t]*(?:\*\*)?[\[(][ \t]*-?[0-9]+(?::[0-9]+)+(?:[.,][0-9]+)?[ \t]*[\])]"
)
_Found = tuple[int, int | None, str | None, list[str], int]
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()<>#+.!|-])")
_MS_PER_CHAR = 67  # about 15 characters a second of speech
_MIN_LAST_MS, _MAX_LAST_MS = 1000, 60_000


def sniff(text: str) -> bool:
    """A stamped line among the first lines with text."""
    seen = 0
    for line in text[:20000].split("\n"):
        if not line.strip():
            continue
        if _STAMP.fullmatch(line):
            return True
        seen += 1
        if seen >= 20:
            break
    return False


def parse(text: str, path: str | Path | None = None) -> Transcript:
    issues = IssueCollector()
    # (start, end or None, speaker, text pieces, line) per stamp, in file order
    found: list[_Found] = []
    preamble: list[str] = []
    drop_duration = False
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), 1):
        m = _STAMP.fullmatch(line)
        if m is None:
            stripped = line.strip()
            if not stripped:
                continue
            if not found:
                preamble.append(stripped)
            elif not (drop_duration and _SPOKEN_DURATION.fullmatch(stripped)):
                found[-1][3].append(stripped)
                if _LOOKS_STAMPED.match(line):  # [99999:00:00], [-1:00]: kept as text
                    issues.note("merged", number)
            drop_duration = False
            continue
        times = _times(m)
        if times is None:
            issues.skip(number)
            continue
        if max(times[0], times[1] or 0) > MAX_TIME_MS:
            issues.note("impossible", number)
            continue
        if times[1] is not None and times[1] < times[0]:
            issues.note("reversed", number)
        markdown = m.group(1) is not None
        rest = m.group(9).strip()
        speaker = _unescape(m.group(8).strip()) if m.group(8) else None
        pieces = [_unescape(rest) if markdown else rest]
        found.append((times[0], times[1], speaker, pieces, number))
        drop_duration = not rest
    _note_unordered(found, issues)
    segments = _segments(found)
    if not segments:
        first = issues.lines[0] if issues.lines else 1
        raise TranscriptError(path, "no line starting with a time stamp like [12:34]", first)
    return Transcript(
        tuple(segments),
        _header(preamble),
        str(path) if path is not None else None,
        NAME,
        issues.result(),
    )


def _times(m: re.Match[str]) -> tuple[int, int | None] | None:
    for first in (2, 4, 6):
        if m.group(first) is not None:
            start = _stamp_ms(m.group(first))
            end = _stamp_ms(m.group(first + 1)) if m.group(first + 1) else None
            if start is None or (m.group(first + 1) and end is None):
                return None
            return start, end
    return None


def _stamp_ms(stamp: str) -> int | None:
    """`m:ss`, `mmm:ss` or `h:mm:ss`, with an optional fraction; None if out of range."""
    clock, _, fraction = stamp.replace(",", ".").partition(".")
    parts = [int(p) for p in clock.split(":")]
    hours, minutes, seconds = ([0, *parts] if len(parts) == 2 else parts)[-3:]
    if seconds >= 60 or (len(parts) == 3 and minutes >= 60):
        return None
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + int(fraction.ljust(3, "0")[:3] or 0)


def _note_unordered(found: list[_Found], issues: IssueCollector) -> None:
    latest = 0
    for start, _, _, pieces, number in found:
        if not any(pieces):
            continue  # dropped below anyway
        if start < latest:
            issues.note("unordered", number)
        latest = max(latest, start)


def _segments(found: list[_Found]) -> list[Segment]:
    # Ends come from the next start in time order, so sort first (stable).
    ordered = sorted(found, key=lambda item: item[0])
    segments: list[Segment] = []
    for index, (start, end, speaker, pieces, _) in enumerate(ordered):
        text = " ".join(p for p in pieces if p)
        if not text:
            continue
        if end is None:
            following = ordered[index + 1][0] if index + 1 < len(ordered) else None
            end = following if following is not None else start + _estimate_ms(text)
        segments.append(Segment(start, max(start, end), text, speaker))
    return segments


def _estimate_ms(text: str) -> int:
    return max(_MIN_LAST_MS, min(_MAX_LAST_MS, len(text) * _MS_PER_CHAR))


def _unescape(text: str) -> str:
    return _MD_ESCAPE.sub(r"\1", text) if "\\" in text else text


def _header(preamble: list[str]) -> Header:
    title: str | None = None
    video_id: str | None = None
    modified: datetime | None = None
    plain_lines: list[str] = []
    for line in preamble:
        found_id = _YOUTUBE_ID.search(line)
        key, sep, value = line.partition(":")
        if found_id:
            video_id = video_id or found_id.group(1)
        elif sep and key.strip().lower() in ("modified", "last modified time"):
            modified = _datetime(value.strip())
        elif line.startswith("#"):
            title = title or _unescape(line.lstrip("#").strip()) or None
        else:
            plain_lines.append(line)
    if title is None and plain_lines and len(plain_lines[0]) <= 200:
        title = plain_lines[0]
    return Header(title, video_id, modified)


def _datetime(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
