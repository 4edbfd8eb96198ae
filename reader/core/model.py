"""Transcript model: immutable segments with integer-millisecond times.

No dataclasses here: this module is on the window's start-up path, and the
dataclasses module with the classes it generates cost ~3 ms of it.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from datetime import datetime


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


class Header(NamedTuple):
    """What a transcript says about its recording; every field is optional."""

    title: str | None = None
    video_id: str | None = None
    modified: datetime | None = None
    extra: tuple[tuple[str, str], ...] = ()


class ParseIssues(NamedTuple):
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


_FIELDS = ("segments", "header", "source", "format_name", "issues")


class Transcript:
    """Segments in time order plus header; lookups by time are a bisect. Immutable."""

    __slots__ = (*_FIELDS, "_starts", "__weakref__")
    segments: tuple[Segment, ...]
    header: Header
    source: str | None
    format_name: str
    issues: ParseIssues
    _starts: list[int]

    def __init__(
        self,
        segments: tuple[Segment, ...],
        header: Header = Header(),  # noqa: B008 - immutable
        source: str | None = None,
        format_name: str = "",
        issues: ParseIssues = ParseIssues(),  # noqa: B008 - immutable
    ) -> None:
        starts = [s[0] for s in segments]
        if starts != sorted(starts):
            # Stable sort keeps overlapping cues in file order at equal starts.
            segments = tuple(sorted(segments, key=lambda s: s.start_ms))
            starts = [s[0] for s in segments]
        values = (segments, header, source, format_name, issues, starts)
        for name, value in zip((*_FIELDS, "_starts"), values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Transcript is immutable: cannot set {name}")

    def _key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Transcript):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Transcript({len(self.segments)} segments, header={self.header!r}, "
            f"source={self.source!r}, format_name={self.format_name!r}, issues={self.issues!r})"
        )

    def __reduce__(self) -> tuple[type[Transcript], tuple[Any, ...]]:
        return Transcript, self._key()  # copy, deepcopy and pickle rebuild it

    def replace(self, **changes: Any) -> Transcript:
        """A copy with some fields changed (as dataclasses.replace)."""
        unknown = set(changes) - set(_FIELDS)
        if unknown:
            raise TypeError(f"Transcript has no field {', '.join(sorted(unknown))}")
        return Transcript(**{name: changes.get(name, getattr(self, name)) for name in _FIELDS})

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
