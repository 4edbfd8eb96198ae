"""What the marks store hands out: plain immutable rows, safe to pass between threads."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class Mark(NamedTuple):
    """A marked stretch of one transcript: lines `first`..`last` (segment indexes,
    inclusive), or, when `chars` is set, the characters [from, to) of line `first`
    alone (a word range). `text` is the marked text as it read when marked (exports
    and re-anchoring use it, so a mark keeps its words when the file changes).
    `lost` means the transcript changed and the mark could not be placed again: it
    is kept, shown in the Notes panel, and left out of the transcript."""

    id: int
    first: int
    last: int
    start_ms: int
    end_ms: int
    text: str
    note: str = ""
    tags: tuple[str, ...] = ()
    chars: tuple[int, int] | None = None
    created: float = 0.0  # seconds since the epoch
    updated: float = 0.0
    lost: bool = False


class MarkedDocument(NamedTuple):
    """A transcript the store knows, as it was last opened: where it was, its
    title and video id (for exports), and how many marks it has."""

    id: int
    path: Path
    title: str
    video_id: str | None
    marks: int


class Attached(NamedTuple):
    """What opening a transcript found: its document id, and how many of its marks
    were placed again on changed text (`moved`) or could not be (`lost`)."""

    doc: int
    moved: int
    lost: int


class NoteHit(NamedTuple):
    """A mark whose note, tags or text match a search, with its document."""

    document: MarkedDocument
    mark: Mark
