"""Transcript model: immutable segments with integer-millisecond times."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple


class Word(NamedTuple):
    start_ms: int
    end_ms: int
    text: str


class Segment(NamedTuple):
    """One timed piece of text. A NamedTuple: immutable, and cheap enough to
    build 31,000 of them inside the start-up budget."""

    start_ms: int
    end_ms: int
    text: str
    speaker: str | None = None
    # Real word timings where the format has them; None means "estimate if needed".
    words: tuple[Word, ...] | None = None

    @property
    def duration_ms(self) -> int:
        return max(0, self.end_ms - self.start_ms)


@dataclass(frozen=True, slots=True)
class Header:
    """What a transcript says about its recording; every field is optional."""

    title: str | None = None
    video_id: str | None = None
    modified: datetime | None = None
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ParseIssues:
    """Lines a parser skipped: how many and where the first ones were."""

    skipped: int = 0
    first_lines: tuple[int, ...] = ()

    def describe(self) -> str:
        if not self.skipped:
            return ""
        lines = ", ".join(str(n) for n in self.first_lines)
        more = ", …" if self.skipped > len(self.first_lines) else ""
        noun = "line" if self.skipped == 1 else "lines"
        return f"skipped {self.skipped} {noun} that did not parse (line {lines}{more})"


class IssueCollector:
    """Counts skipped lines for a parser, keeping the first few line numbers."""

    KEEP = 5

    def __init__(self) -> None:
        self.count = 0
        self.lines: list[int] = []

    def skip(self, line: int) -> None:
        self.count += 1
        if len(self.lines) < self.KEEP:
            self.lines.append(line)

    def result(self) -> ParseIssues:
        return ParseIssues(self.count, tuple(self.lines))


@dataclass(frozen=True)
class Transcript:
    """Segments in time order plus header; lookups by time are a bisect."""

    segments: tuple[Segment, ...]
    header: Header = Header()
    source: str | None = None
    format_name: str = ""
    issues: ParseIssues = ParseIssues()
    _starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        segs = self.segments
        starts = [s[0] for s in segs]
        if starts != sorted(starts):
            # Stable sort keeps overlapping cues in file order at equal starts.
            segs = tuple(sorted(segs, key=lambda s: s.start_ms))
            object.__setattr__(self, "segments", segs)
            starts = [s[0] for s in segs]
        object.__setattr__(self, "_starts", starts)

    def __len__(self) -> int:
        return len(self.segments)

    def __getitem__(self, index: int) -> Segment:
        return self.segments[index]

    @property
    def starts(self) -> list[int]:
        return self._starts

    @property
    def duration_ms(self) -> int:
        return max((s.end_ms for s in self.segments), default=0)

    def index_at(self, ms: int) -> int:
        """Index of the segment being spoken at `ms`, or -1 before the first.

        Between segments the previous one stays current, so the highlight does
        not flicker off during pauses.
        """
        return bisect_right(self._starts, ms) - 1

    @property
    def title(self) -> str | None:
        return self.header.title
