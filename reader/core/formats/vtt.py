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

import html
import re
from datetime import datetime
from pathlib import Path

from reader.core.errors import TranscriptError
from reader.core.model import Header, IssueCollector, Segment, Transcript
from reader.core.timefmt import parse_time

NAME = "vtt"

_MAGIC = re.compile(r"\A\ufeff?\s*WEBVTT(?:[ \t][^\n]*)?(?:\n|\Z)")
_STAMP = r"(?:[0-9]{1,5}:)?[0-9]{1,2}:[0-9]{1,2}(?:[.,][0-9]{1,3})?"
_TIMING = re.compile(rf"[ \t]*({_STAMP})[ \t]*-->[ \t]*({_STAMP})(?:[ \t][^\n]*)?", re.ASCII)
_BLOCK = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")
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
    segments: list[Segment] = []
    header_lines: list[str] = []
    line, pos = 1, 0
    for number, block in enumerate(_BLOCK.finditer(text, magic.end())):
        line += text.count("\n", pos, block.start())
        pos = block.start()
        lines = block.group().split("\n")
        if number == 0 and block.start() == magic.end() and "-->" not in block.group():
            header_lines = lines  # lines right under WEBVTT, before any blank line
            continue
        segment = _parse_cue(lines, line, issues)
        if segment is not None and segment.text:
            segments.append(segment)
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


def _parse_cue(lines: list[str], line: int, issues: IssueCollector) -> Segment | None:
    if _SKIPPED_BLOCK.match(lines[0]) and "-->" not in lines[0]:
        return None
    # The timing line is the first line, or the second after a cue identifier.
    index = 0 if "-->" in lines[0] or len(lines) == 1 else 1
    timing = _TIMING.fullmatch(lines[index])
    if timing is None:
        for offset in range(len(lines)):
            issues.skip(line + offset)
        return None
    try:
        start, end = parse_time(timing.group(1)), parse_time(timing.group(2))
    except ValueError:
        issues.skip(line + index)
        return None
    speaker, text = clean_cue_text(lines[index + 1 :])
    return Segment(start, max(start, end), text, speaker)


def clean_cue_text(lines: list[str]) -> tuple[str | None, str]:
    """(speaker, text) of cue text lines: voice taken, tags removed, references decoded."""
    speaker: str | None = None
    parts: list[str] = []
    for raw in lines:
        voice = _VOICE.search(raw)
        name = " ".join(html.unescape(voice.group(1)).split()) if voice else None
        if name and speaker is None:
            speaker = name
        text = html.unescape(_TAG.sub("", raw)).strip()
        if name and name != speaker and text:
            text = f"{name}: {text}"  # a second voice in one cue stays visible
        if text:
            parts.append(text)
    return speaker, " ".join(parts)


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
