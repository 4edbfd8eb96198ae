"""Writing a transcript out: one entry per output format, plus quoting a selection.

SubRip and WebVTT written here read back to the same segments (text and
times; speaker too for WebVTT): text is written on one line, since our
readers join cue lines with a space anyway, and WebVTT text is escaped.
SubRip has no place for a speaker or a title, so those are left out there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from reader.core.model import Header, Segment, Transcript
from reader.core.timefmt import format_time

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def to_json(transcript: Transcript) -> str:
    h = transcript.header
    header: dict[str, Any] = {
        "title": h.title,
        "video_id": h.video_id,
        "modified": h.modified.isoformat() if h.modified else None,
    }
    if h.extra:
        header["extra"] = dict(h.extra)
    data = {"header": header, "segments": [_json_segment(seg) for seg in transcript.segments]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _json_segment(seg: Segment) -> dict[str, Any]:
    out: dict[str, Any] = {"start": seg.start_ms / 1000, "end": seg.end_ms / 1000, "text": seg.text}
    if seg.speaker:
        out["speaker"] = seg.speaker
    if seg.words:
        out["words"] = [
            {"word": w.text, "start": w.start_ms / 1000, "end": w.end_ms / 1000} for w in seg.words
        ]
    return out


def to_srt(transcript: Transcript) -> str:
    blocks = []
    for number, seg in enumerate(_written(transcript.segments), 1):
        start, end = _clock(seg.start_ms, ","), _clock(seg.end_ms, ",")
        blocks.append(f"{number}\n{start} --> {end}\n{_one_line(seg.text)}\n")
    return "\n".join(blocks)


def to_vtt(transcript: Transcript) -> str:
    h = transcript.header
    lines = ["WEBVTT"]
    for key, value in (("Title", h.title), ("Video-Id", h.video_id)):
        if value:
            lines.append(f"{key}: {_header_value(value)}")
    if h.modified:
        lines.append(f"Modified: {h.modified.isoformat(sep=' ')}")
    lines += _extra_lines(h)
    out = ["\n".join(lines) + "\n"]
    for seg in _written(transcript.segments):
        text = _vtt_escape(_one_line(seg.text))
        if seg.speaker:
            text = f"<v {_vtt_escape(_one_line(seg.speaker))}>{text}"
        out.append(f"{_clock(seg.start_ms, '.')} --> {_clock(seg.end_ms, '.')}\n{text}\n")
    return "\n".join(out)


def to_txt(transcript: Transcript) -> str:
    """The Whisper text format of the sample (whisper_txt), header first when there is one."""
    h = transcript.header
    lines = []
    if h.title:
        lines.append(f"Video title: {_header_value(h.title)}")
    if h.video_id:
        lines.append(f"Youtube video code: {_header_value(h.video_id)}")
    if h.modified:
        lines.append(f"Last modified time: {h.modified.isoformat(sep=' ')}")
    lines += _extra_lines(h)
    if lines:
        lines += ["", "------------------", ""]
    for seg in transcript.segments:
        text = _one_line(seg.text)
        if seg.speaker:
            text = f"{_one_line(seg.speaker)}: {text}"
        lines.append(f"[{_seconds(seg.start_ms)} --> {_seconds(seg.end_ms)}]  {text}")
    return "\n".join(lines) + "\n"


def to_md(transcript: Transcript) -> str:
    """A readable document: title, link, then one `**[m:ss]** text` paragraph per segment.

    It reads back with the plain-text reader (times to the second).
    """
    h = transcript.header
    parts = [f"# {_md_escape(_one_line(h.title))}"] if h.title else []
    details = []
    if h.video_id:
        details.append(f"Video: https://youtu.be/{h.video_id}")
    if h.modified:
        details.append(f"Modified: {h.modified.isoformat(sep=' ')}")
    if details:
        parts.append("  \n".join(details))
    always_hours = transcript.duration_ms >= 3_600_000
    for seg in _written(transcript.segments):
        stamp = format_time(seg.start_ms, always_hours=always_hours)
        lead = f"[{stamp}] {_md_escape(_one_line(seg.speaker))}:" if seg.speaker else f"[{stamp}]"
        parts.append(f"**{lead}** {_md_escape(_one_line(seg.text))}")
    return "\n\n".join(parts) + "\n"


WRITERS: dict[str, Callable[[Transcript], str]] = {
    "srt": to_srt,
    "vtt": to_vtt,
    "txt": to_txt,
    "json": to_json,
    "md": to_md,
}
FORMATS = tuple(WRITERS)
# The file name ending each format is written with, for picking a format from -o.
SUFFIXES = {".srt": "srt", ".vtt": "vtt", ".txt": "txt", ".json": "json", ".md": "md"}


def dumps(transcript: Transcript, fmt: str) -> str:
    return WRITERS[fmt](transcript)


def quote(segments: Sequence[Segment], header: Header | None = None) -> str:
    """A selection as a quotation: `"text" — Title [12:34–12:51]` (title when known).

    Returns "" for an empty selection.
    """
    if not segments:
        return ""
    text = " ".join(_one_line(s.text) for s in segments if s.text.strip())
    start = min(s.start_ms for s in segments)
    end = max(s.end_ms for s in segments)
    hours = end >= 3_600_000
    span = f"[{format_time(start, always_hours=hours)}–{format_time(end, always_hours=hours)}]"
    title = _one_line(header.title) if header and header.title else ""
    return f'"{text}" — {title} {span}' if title else f'"{text}" {span}'


def source_link(header: Header | None, ms: int) -> str | None:
    """`https://youtu.be/ID?t=SECONDS` for the recording at `ms`, if the header has a video id."""
    video_id = header.video_id.strip() if header and header.video_id else ""
    if not _YOUTUBE_ID.fullmatch(video_id):
        return None
    return f"https://youtu.be/{video_id}?t={max(0, ms) // 1000}"


def _written(segments: Iterable[Segment]) -> Iterable[Segment]:
    """Segments a cue format can hold: an empty cue would not read back."""
    return (s for s in segments if s.text.strip())


def _one_line(text: str) -> str:
    """Lines joined with a space, the way the readers join cue lines."""
    return " ".join(filter(None, map(str.strip, text.replace("\r", "\n").split("\n"))))


def _clock(ms: int, separator: str) -> str:
    h, rest = divmod(max(0, ms), 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, milli = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{separator}{milli:03d}"


def _seconds(ms: int) -> str:
    """Decimal seconds as the Whisper text format writes them, exact to the ms."""
    whole, milli = divmod(max(0, ms), 1000)
    return f"{whole}.{milli:03d}" if milli % 10 else f"{whole}.{milli // 10:02d}"


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _extra_lines(header: Header) -> list[str]:
    """Other header fields as `Key: value` lines, which both text readers keep as extra."""
    out = []
    for key, value in header.extra:
        name = _header_value(key).replace(":", " ").strip()
        if name and value.strip():
            out.append(f"{name}: {_header_value(value)}")
    return out


def _header_value(value: str) -> str:
    # A header value on one line, and never a line our readers would take for a cue.
    return _one_line(value).replace("-->", "->")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)
