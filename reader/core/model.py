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


# What a parser changed to make a file readable, as (kind, count, first line numbers).
Note = tuple[str, int, tuple[int, ...]]
# How describe() says each kind: (one, many); {n} is the count.
_NOTE_TEXT = {
    "impossible": (
        "1 line had an impossible time (past 596:31:23 or negative) and was left out",
        "{n} lines had impossible times (past 596:31:23 or negative) and were left out",
    ),
    "merged": (
        "1 line with an impossible time stamp was kept as text of the line before",
        "{n} lines with impossible time stamps were kept as text of the line before",
    ),
    "reversed": (
        "1 cue ended before it started and is shown as zero length",
        "{n} cues ended before they started and are shown as zero length",
    ),
    "unordered": (
        "1 cue out of order was sorted into time order",
        "{n} cues out of order were sorted into time order",
    ),
}


class ParseIssues(NamedTuple):
    """Lines a parser skipped (how many, where the first ones were), and what else
    it changed to read the file: `notes` of the kinds in _NOTE_TEXT."""

    skipped: int = 0
    first_lines: tuple[int, ...] = ()
    notes: tuple[Note, ...] = ()

    def noted(self, kind: str) -> tuple[int, tuple[int, ...]]:
        """How many lines had `kind` of note, and the first of them."""
        for k, n, lines in self.notes:
            if k == kind:
                return n, lines
        return 0, ()

    def describe(self) -> str:
        """One line for the user; "" when the file read cleanly."""
        parts = []
        if self.skipped:
            noun = "line" if self.skipped == 1 else "lines"
            where = _where(self.skipped, self.first_lines)
            parts.append(f"skipped {self.skipped} {noun} that did not parse {where}")
        for kind, n, lines in self.notes:
            one, many = _NOTE_TEXT.get(kind, (f"1 line: {kind}", f"{{n}} lines: {kind}"))
            parts.append(f"{one if n == 1 else many.format(n=n)} {_where(n, lines)}")
        return "; ".join(parts)


def _where(count: int, lines: tuple[int, ...]) -> str:
    more = ", …" if count > len(lines) else ""
    return f"(line {', '.join(str(n) for n in lines)}{more})"


class IssueCollector:
    """Counts skipped and changed lines for a parser, keeping the first few line numbers."""

    KEEP = 5

    def __init__(self) -> None:
        self.count = 0
        self.lines: list[int] = []
        self._notes: dict[str, tuple[int, list[int]]] = {}

    def skip(self, line: int) -> None:
        self.count += 1
        if len(self.lines) < self.KEEP:
            self.lines.append(line)

    def note(self, kind: str, line: int) -> None:
        """Line `line` was read, but changed: a kind of _NOTE_TEXT."""
        count, lines = self._notes.get(kind, (0, []))
        if len(lines) < self.KEEP:
            lines.append(line)
        self._notes[kind] = (count + 1, lines)

    def result(self) -> ParseIssues:
        notes = tuple((k, n, tuple(lines)) for k, (n, lines) in sorted(self._notes.items()))
        return ParseIssues(self.count, tuple(self.lines), notes)


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
