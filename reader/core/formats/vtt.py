"""WebVTT (.vtt): a `WEBVTT` line, optional header lines, then blocks separated by blank lines.

    WEBVTT
    Title: Interview

    NOTE comments, STYLE and REGION blocks are skipped

    intro
    00:01.000 --> 00:04.000 align:start position:10%
    <v Alice>Hello &amp; welcome</v>

A cue is an optional identifier line, a timing line (hours optional, cue
settings after the end time) and text lines. The voice of `<v Name>` becomes
the segment's speaker; all other tags (<c>, <i>, <b>, <u>, <ruby>, <lang>,
inline timestamps) are removed and character references (&amp; …) decoded.
Lines are joined with one space, as in SubRip. `Key: value` header lines
(our own writer's `Title:` and `Video-Id:`, YouTube's `Kind:`/`Language:`)
fill the Header.
"""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from reader.core.errors import TranscriptError
from reader.core.model import Header, IssueCollector, Segment, Transcript, Word
from reader.core.timefmt import TimeTooLarge, parse_time

NAME = "vtt"

_MAGIC = re.compile(r"\A\ufeff?\s*WEBVTT(?:[ \t][^\n]*)?(?:\n|\Z)")
_STAMP = r"(?:[0-9]{1,5}:)?[0-9]{1,2}:[0-9]{1,2}(?:[.,][0-9]{1,3})?"
_TIMING = re.compile(rf"[ \t]*({_STAMP})[ \t]*-->[ \t]*({_STAMP})(?:[ \t][^\n]*)?", re.ASCII)
_INLINE_TIME = re.compile(r"<((?:[0-9]{1,5}:)?[0-9]{2}:[0-9]{2}\.[0-9]{3})>", re.ASCII)
_VOICE = re.compile(r"<v(?:\.[^ \t>]*)?[ \t]+([^>\n]*)>")
_TAG = re.compile(r"</?[A-Za-z0-9.:_-][^>\n]*>|</>")
_SKIPPED_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t]|\Z)")
_HEADER_KEYS = {
    "title": "title",
    "video title": "title",
    "video-id": "video_id",
    "video id": "video_id",
    "youtube video code": "video_id",
    "modified": "modified",
    "last modified time": "modified",
}


def sniff(text: str) -> bool:
    return _MAGIC.match(text[:1000]) is not None


def parse(text: str, path: str | Path | None = None) -> Transcript:
    magic = _MAGIC.match(text)
    if magic is None:
        raise TranscriptError(path, "a WebVTT file must start with WEBVTT", 1)
    issues = IssueCollector()
    header_lines: list[str] = []
    cues: list[_Cue] = []
    max_start = 0
    first_line = magic.group().count("\n") + 1
    lines = text[magic.end() :].split("\n")
    for block_start, block in _blocks(lines):
        number = first_line + block_start
        if _SKIPPED_BLOCK.match(block[0]) and "-->" not in block[0]:
            continue
        timings = [k for k, line in enumerate(block) if "-->" in line]
        lead = len(block) if not timings else timings[0]
        if block_start == 0:
            header_lines, lead = block[:lead], 0  # right under WEBVTT: header lines
        for offset in range(lead - 1):  # one line before a timing line is its identifier
            issues.skip(number + offset)
        if not timings and lead:
            issues.skip(number + lead - 1)
        for at, k in enumerate(timings):
            end_at = timings[at + 1] if at + 1 < len(timings) else len(block)
            cue = _cue(block[k], block[k + 1 : end_at])
            if cue is None:
                for offset in range(k, end_at):
                    issues.skip(number + offset)
            elif isinstance(cue, str):
                issues.note(cue, number + k)
            else:
                if cue.reversed:
                    issues.note("reversed", number + k)
                if cues and cue.start < max_start:
                    issues.note("unordered", number + k)
                max_start = max(max_start, cue.start)
                cues.append(cue)
    segments = _segments(cues, rolling=_INLINE_TIME.search(text) is not None)
    if not segments:
        bad = issues.lines[0] if issues.lines else 1
        raise TranscriptError(path, "no WebVTT cue (a `start --> end` line and text)", bad)
    return Transcript(
        tuple(segments),
        _header(magic.group(), header_lines),
        str(path) if path is not None else None,
        NAME,
        issues.result(),
    )


class _Cue(NamedTuple):
    start: int
    end: int
    lines: list[str]  # raw text lines
    reversed: bool = False  # the end was before the start (and is now the start)


def _blocks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(index of first line, lines) of each run of non-empty lines.

    Only an empty line ends a block: a line of spaces belongs to the cue, as
    the WebVTT spec says (YouTube's captions have such lines inside cues).
    """
    block: list[str] = []
    for index, line in enumerate(lines):
        if line:
            block.append(line)
        elif block:
            yield index - len(block), block
            block = []
    if block:
        yield len(lines) - len(block), block


def _cue(timing_line: str, text_lines: list[str]) -> _Cue | str | None:
    """The cue; "impossible" for a time past the limit; None when it does not parse."""
    timing = _TIMING.fullmatch(timing_line)
    if timing is None:
        return None
    try:
        start, end = parse_time(timing.group(1)), parse_time(timing.group(2))
    except TimeTooLarge:
        return "impossible"
    except ValueError:
        return None
    return _Cue(start, max(start, end), text_lines, end < start)


def _segments(cues: list[_Cue], rolling: bool) -> list[Segment]:
    """Segments of the cues; with inline word times, also words and roll-up de-duplication.

    Auto-generated captions (YouTube) roll up: each cue repeats the line shown
    before it above its new line, and 10 ms cues hold the old line alone. Lines
    already shown by the previous cue are dropped, so every word is read once.
    """
    segments: list[Segment] = []
    shown: list[str] = []
    for cue in cues:
        lines = [line for line in cue.lines if _plain(line)]
        if rolling:
            displayed = [_plain(line) for line in lines]
            while lines and _plain(lines[0]) in shown:
                lines.pop(0)
            shown = displayed
        speaker, text = clean_cue_text(lines)
        if not text:
            continue
        words = _inline_words(lines, cue.start, cue.end) if rolling else None
        segments.append(Segment(cue.start, cue.end, text, speaker, words))
    return segments


def _inline_words(lines: list[str], start: int, end: int) -> tuple[Word, ...] | None:
    """Words timed by inline `<00:00:01.500>` stamps; each runs to the next one."""
    pieces: list[tuple[int, str]] = []
    for line in lines:
        parts = _INLINE_TIME.split(line)
        at = pieces[-1][0] if pieces else start
        for index, part in enumerate(parts):
            if index % 2:
                with contextlib.suppress(ValueError):  # a time past the limit: ignored
                    at = max(at, parse_time(part))
            elif word := _plain(part):
                pieces.append((min(at, end), word))
    if len(pieces) < 2:
        return None
    ends = [p[0] for p in pieces[1:]] + [end]
    return tuple(Word(at, max(at, e), word) for (at, word), e in zip(pieces, ends, strict=True))


def clean_cue_text(lines: list[str]) -> tuple[str | None, str]:
    """(speaker, text) of cue text lines: voice taken, tags removed, references decoded."""
    speaker: str | None = None
    parts: list[str] = []
    for raw in lines:
        voice = _VOICE.search(raw)
        name = " ".join(html.unescape(voice.group(1)).split()) if voice else None
        if name and speaker is None:
            speaker = name
        text = _plain(raw)
        if name and name != speaker and text:
            text = f"{name}: {text}"  # a second voice in one cue stays visible
        if text:
            parts.append(text)
    return speaker, " ".join(parts)


def _plain(raw: str) -> str:
    return html.unescape(_TAG.sub("", raw)).strip()


def _header(magic_line: str, lines: list[str]) -> Header:
    fields: dict[str, str] = {}
    extra: list[tuple[str, str]] = []
    for raw in lines:
        key, sep, value = raw.partition(":")
        name = _HEADER_KEYS.get(key.strip().lower())
        if not sep or not value.strip():
            continue
        if name:
            fields[name] = value.strip()
        else:
            extra.append((key.strip(), value.strip()))
    after_magic = magic_line.strip().removeprefix("\ufeff").removeprefix("WEBVTT").strip()
    title = fields.get("title") or after_magic.lstrip("-–— ").strip() or None
    return Header(title, fields.get("video_id"), _datetime(fields.get("modified")), tuple(extra))


def _datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
