"""Whisper JSON: openai-whisper, faster-whisper / WhisperX dumps, and our own `--to json`.

    {"text": "…", "language": "nl",
     "segments": [{"start": 0.0, "end": 8.66, "text": " Welkom …", "speaker": "A",
                   "words": [{"word": " Welkom", "start": 0.0, "end": 0.4}, …]}]}

Also accepted: a top-level list of such segments, a list (or a "words" /
"word_segments" list) of bare words, which are grouped into sentences, and our
export with its "header" object. Times are seconds. Word timings become
`Segment.words`; a word without times (WhisperX does that for numbers) takes
them from its neighbours. Segments without usable times are skipped and
reported with the line where they start.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.core.errors import TranscriptError
from reader.core.model import Header, IssueCollector, Segment, Transcript, Word
from reader.core.timefmt import MAX_TIME_MS

NAME = "whisper-json"

_SNIFF = re.compile(r'\A\ufeff?\s*(?:\{\s*["}]|\[\s*[{\]])')
_SENTENCE_END = (".", "?", "!", "…", "。", "？", "！")
_MAX_SECONDS = MAX_TIME_MS / 1000  # ~596 h; anything larger is an impossible time
_PAUSE_MS = 1500  # bare words further apart than this start a new segment
_MAX_WORDS = 40
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}:,]|[^\s\[\]{}:,"]+', re.DOTALL)


def sniff(text: str) -> bool:
    return _SNIFF.match(text[:1000]) is not None


def parse(text: str, path: str | Path | None = None) -> Transcript:
    try:
        data = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise TranscriptError(path, f"is not valid JSON ({exc.msg})", exc.lineno) from None
    except (ValueError, RecursionError) as exc:
        raise TranscriptError(path, f"is not usable JSON ({exc})", 1) from None
    header = Header()
    items: Any = data
    key: str | None = None
    if isinstance(data, dict):
        header = _header(data)
        for key in ("segments", "chunks", "word_segments", "words"):
            if isinstance(data.get(key), list):
                items = data[key]
                break
        else:
            raise TranscriptError(path, "JSON without a list of segments or words", 1)
    if not isinstance(items, list):
        raise TranscriptError(path, "JSON without a list of segments or words", 1)
    issues = IssueCollector()
    bad: list[int] = []
    notes: list[tuple[str, int]] = []  # (kind, item index)
    if items and all(isinstance(i, dict) and "word" in i and "text" not in i for i in items):
        segments = _group_words(items, bad)
    else:
        segments = _segments(items, bad, notes)
    if bad or notes:
        lines = _item_lines(text, key)
        for index in bad:
            issues.skip(lines[index] if index < len(lines) else 1)
        for kind, index in notes:
            issues.note(kind, lines[index] if index < len(lines) else 1)
    if not segments:
        first = issues.lines[0] if issues.lines else 1
        raise TranscriptError(path, "no segment with a start, an end and text", first)
    return Transcript(
        tuple(segments), header, str(path) if path is not None else None, NAME, issues.result()
    )


def _segments(items: list[Any], bad: list[int], notes: list[tuple[str, int]]) -> list[Segment]:
    segments: list[Segment] = []
    latest = 0
    for index, item in enumerate(items):
        segment, reversed_times = _segment(item)
        if segment is None and _impossible(item):
            notes.append(("impossible", index))
        elif segment is None:
            bad.append(index)
        elif segment.text:
            if reversed_times:
                notes.append(("reversed", index))
            if segment.start_ms < latest:
                notes.append(("unordered", index))
            latest = max(latest, segment.start_ms)
            segments.append(segment)
    return segments


def _impossible(item: Any) -> bool:
    """A start or end that is a finite number, but negative or past the longest time."""
    if not isinstance(item, dict):
        return False
    values = [item.get("start"), item.get("end")]
    stamp = item.get("timestamp")
    if isinstance(stamp, list):
        values += stamp
    return any(
        isinstance(v, int | float)
        and not isinstance(v, bool)
        and math.isfinite(v)
        and not 0 <= v <= _MAX_SECONDS
        for v in values
    )


def _segment(item: Any) -> tuple[Segment | None, bool]:
    """The segment (None if unusable), and whether its end was before its start."""
    if not isinstance(item, dict):
        return None, False
    raw_words = item.get("words")
    words = _timed_words(_word_entries(raw_words)) if isinstance(raw_words, list) else []
    start, end = _ms(item.get("start")), _ms(item.get("end"))
    stamp = item.get("timestamp")  # transformers pipeline "chunks": [start, end]
    if isinstance(stamp, list) and len(stamp) == 2:
        start, end = _ms(stamp[0]), _ms(stamp[1])
        end = start if end is None else end
    if words:
        start = words[0].start_ms if start is None else start
        end = words[-1].end_ms if end is None else end
    text = item.get("text")
    if text is None and words:
        text = " ".join(w.text for w in words)
    if start is None or end is None or not isinstance(text, str):
        return None, False
    speaker = item.get("speaker")
    segment = Segment(
        start,
        max(start, end),
        text.strip(),
        (speaker.strip() or None) if isinstance(speaker, str) else None,
        tuple(words) if words else None,
    )
    return segment, end < start


_Entry = tuple[int | None, int | None, str]


def _word_entries(raw: list[Any], bad: list[int] | None = None) -> list[_Entry]:
    """(start, end, text as written) of each word; items that are no word go to `bad`."""
    entries: list[_Entry] = []
    for index, item in enumerate(raw):
        text = item.get("word", item.get("text")) if isinstance(item, dict) else None
        if isinstance(text, str) and text.strip():
            entries.append((_ms(item.get("start")), _ms(item.get("end")), text))
        elif bad is not None:
            bad.append(index)
    return entries


def _timed_words(entries: list[_Entry]) -> list[Word]:
    """Words with times; a missing time is taken from the neighbours, times kept in order."""
    next_start: list[int | None] = [None] * len(entries)
    following: int | None = None
    for position in range(len(entries) - 1, -1, -1):
        next_start[position] = following
        following = entries[position][0] if entries[position][0] is not None else following
    first_known = next((s for s, _, _ in entries if s is not None), None)
    if first_known is None:
        return []
    words: list[Word] = []
    previous_end = first_known
    for position, (raw_start, raw_end, text) in enumerate(entries):
        start = previous_end if raw_start is None else raw_start
        if words:
            start = max(start, previous_end)
        end = raw_end if raw_end is not None else next_start[position]
        end = start if end is None else max(end, start)
        words.append(Word(start, end, text.strip()))
        previous_end = end
    return words


def _group_words(items: list[Any], bad: list[int]) -> list[Segment]:
    """Bare words to segments, ending at sentence ends, long pauses or _MAX_WORDS."""
    entries = _word_entries(items, bad)
    words = _timed_words(entries)
    if not words:
        return []
    # Whisper words carry their own leading space; other tools need one added.
    glued = any(text[:1].isspace() for _, _, text in entries)
    segments: list[Segment] = []
    first = 0
    for position, word in enumerate(words):
        following = words[position + 1] if position + 1 < len(words) else None
        if (
            following is None
            or word.text.endswith(_SENTENCE_END)
            or following.start_ms - word.end_ms > _PAUSE_MS
            or position + 1 - first >= _MAX_WORDS
        ):
            group = words[first : position + 1]
            if glued:
                text = "".join(t for _, _, t in entries[first : position + 1]).strip()
            else:
                text = " ".join(w.text for w in group)
            segments.append(Segment(group[0].start_ms, group[-1].end_ms, text, None, tuple(group)))
            first = position + 1
    return segments


def _ms(value: Any) -> int | None:
    """Seconds (a JSON number) to ms; None for anything that is not a usable time."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value) or not 0 <= value <= _MAX_SECONDS:
        return None
    return round(value * 1000)


def _header(data: dict[str, Any]) -> Header:
    own = data.get("header")
    fields = own if isinstance(own, dict) else data
    title, video_id = _string(fields.get("title")), _string(fields.get("video_id"))
    extra: list[tuple[str, str]] = []
    more = fields.get("extra")
    if isinstance(more, dict):
        extra.extend((str(k), v) for k, v in more.items() if isinstance(v, str))
    language = _string(data.get("language"))
    if language and not any(k == "language" for k, _ in extra):
        extra.append(("language", language))
    modified = None
    stamp = _string(fields.get("modified"))
    if stamp:
        try:
            modified = datetime.fromisoformat(stamp)
        except ValueError:
            modified = None
    return Header(title, video_id, modified, tuple(extra))


def _string(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _item_lines(text: str, key: str | None) -> list[int]:
    """Line numbers where the items of the top-level list (or the list under `key`) start.

    Only used to report skipped items, so a simple token scan is enough.
    """
    lines: list[int] = []
    stack: list[str] = []
    target = -1  # depth of the list whose items we want
    last_string = ""
    expect_item = False
    line, pos = 1, 0
    for m in _TOKEN.finditer(text):
        token = m.group()
        depth = len(stack)
        if expect_item and token not in "]," and depth == target:
            line += text.count("\n", pos, m.start())
            pos = m.start()
            lines.append(line)
            expect_item = False
        if token in "[{":
            is_target = token == "[" and target < 0
            wanted = depth == 0 if key is None else depth == 1 and last_string == key
            if is_target and wanted:
                target = depth + 1
                expect_item = True
            stack.append(token)
        elif token in "]}":
            if stack:
                stack.pop()
            if depth == target:
                break
        elif token == "," and depth == target:
            expect_item = True
        elif token.startswith('"'):
            last_string = token[1:-1]
    return lines
