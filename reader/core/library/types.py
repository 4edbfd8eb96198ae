"""What the library hands out: plain immutable rows, safe to pass between threads."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import NamedTuple


class Episode(NamedTuple):
    """One indexed transcript. `title` is for display: the header's title or the file's
    title stem, with yt-dlp's fullwidth substitutions shown as the characters they stand
    for; `media` is its recording as pairing found it when the file was indexed."""

    id: int
    path: Path
    title: str
    video_id: str | None
    date: datetime | None
    duration_ms: int
    lines: int
    media: Path | None


class Problem(NamedTuple):
    """A file in a library folder that could not be indexed, and why."""

    path: Path
    reason: str


class LineHit(NamedTuple):
    """A matching line: its index in the transcript, its times, its text, the ranges of
    the text to mark, and its score (0..100, as in-file search scores it)."""

    index: int  # type: ignore[assignment]  # shadows tuple.index, by design
    start_ms: int
    end_ms: int
    text: str
    spans: tuple[tuple[int, int], ...]
    score: float


class EpisodeHits(NamedTuple):
    """An episode with hits: how many of its lines match, and the best of them."""

    episode: Episode
    count: int  # type: ignore[assignment]  # shadows tuple.count, by design
    best: tuple[LineHit, ...]


class ScanReport(NamedTuple):
    """What one scan changed in the index, and the files it could not read."""

    added: int
    changed: int
    renamed: int
    removed: int
    unchanged: int
    problems: tuple[Problem, ...]
