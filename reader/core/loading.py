"""Opening a transcript for the window: what the first frame shows, and the rest after.

`plan_open` reads the file once and says what to show first: a small file
whole; a large one's opening, or a window of rows around a resumed place, with
the file's final length from its closing bytes. `OpenPlan.rest()` then parses
the whole file from the bytes already read, after the first frame, so start-up
does not grow with a transcript's length.

A file over WHOLE_READ_BYTES is read in stages instead (reading 80 MB costs
~40 ms, a third of the first frame): its opening, end and window now, all of
it in rest(), which checks that the parts shown are still what the file holds.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import TYPE_CHECKING

from reader.core.errors import TranscriptError
from reader.core.formats import parse_text
from reader.core.model import ParseIssues, Transcript
from reader.core.textio import MAX_BYTES, decode, read_bytes

if TYPE_CHECKING:
    from collections.abc import Callable

    Read = Callable[[int, int], bytes]  # the file's bytes [start:end]

PREFIX_BYTES = 12 * 1024  # ~130 Whisper lines, 60+ SRT cues: a tall screen twice over
TAIL_BYTES = 4 * 1024  # dozens of lines: the last one that parses ends the file
AROUND_ROWS = 80  # rows wanted on each side of a resumed place (a tall screen)
WHOLE_READ_BYTES = 4 * 1024 * 1024  # read at once up to this (~2.5 ms); in stages above
# UTF-16 and UTF-32 (whose little-endian BOM starts as UTF-16's): cut anywhere, they
# would not decode, so they are parsed whole.
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)


class OpenPlan:
    """What to show of a transcript file first, and its whole parse on request."""

    __slots__ = (
        "_data",
        "_name",
        "_pieces",
        "_whole",
        "around",
        "complete",
        "first",
        "length_ms",
        "path",
    )
    path: Path
    first: Transcript  # the whole file, its opening, or a window of rows around the place
    complete: bool  # `first` is the whole file
    around: bool  # `first` is a window around the resumed place, not the opening
    length_ms: int  # the whole file's length (end of its last segment)

    def __init__(
        self,
        path: str | Path,
        first: Transcript,
        length_ms: int,
        *,
        around: bool = False,
        data: bytes | None = None,
        pieces: tuple[tuple[int, bytes], ...] = (),
    ) -> None:
        """`data`: all of the file, or `pieces`: the (offset, bytes) read of a file
        read in stages; neither: `first` is the whole file."""
        self.path, self._name = Path(path), path
        self.first, self.length_ms, self.around = first, length_ms, around
        self.complete = data is None and not pieces
        self._data, self._pieces = data, pieces
        self._whole = first if self.complete else None

    def rest(self) -> Transcript:
        """The whole parse (as formats.load gives it); `first` when that is complete.
        Raises TranscriptError, also when a file read in stages has changed."""
        if self._whole is None:
            data = self._data
            if data is None:
                data = read_bytes(self.path)
                if any(data[at : at + len(piece)] != piece for at, piece in self._pieces):
                    raise TranscriptError(self.path, "changed while it was being opened")
            self._whole = parse_text(decode(data, self._name), self._name)
            self._data = None
        return self._whole

    def __repr__(self) -> str:
        return (
            f"OpenPlan({str(self.path)!r}, {len(self.first)} rows first, "
            f"complete={self.complete}, around={self.around}, length_ms={self.length_ms})"
        )


def plan_open(path: str | Path, resume_ms: int | None = None) -> OpenPlan:
    """Read `path` (once) and plan its first frame, around `resume_ms` when that is
    past the opening. Raises TranscriptError (missing, folder, binary, empty,
    unknown format, not a regular file: a pipe or device is never opened)."""
    size = _regular_file_size(path)
    if WHOLE_READ_BYTES < size <= MAX_BYTES:
        plan = _plan_in_stages(path, size, resume_ms)
        if plan is not None:
            return plan
    data = read_bytes(path)
    parts = _first_part(path, _slicer(data), len(data), resume_ms)
    if parts is not None:
        first, length, around = parts
        return OpenPlan(path, first, length, around=around, data=data)
    whole = parse_text(decode(data, path), path)
    return OpenPlan(path, whole, whole.duration_ms)


def _slicer(data: bytes) -> Read:
    return lambda start, end: data[start:end]


def _regular_file_size(path: str | Path) -> int:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise TranscriptError(path, "no such file") from None
    except PermissionError:
        raise TranscriptError(path, "permission denied") from None
    except OSError as exc:
        raise TranscriptError(path, exc.strerror or str(exc)) from None
    if not S_ISREG(st.st_mode) and not S_ISDIR(st.st_mode):  # read_bytes names a folder
        raise TranscriptError(path, "is not a regular file (a pipe, device or socket)")
    return st.st_size if S_ISREG(st.st_mode) else 0


def _plan_in_stages(path: str | Path, size: int, resume_ms: int | None) -> OpenPlan | None:
    """A large file's plan from the few parts of it read now; None: read it whole."""
    pieces: list[tuple[int, bytes]] = []
    try:
        # Non-blocking, should it have been swapped for a pipe since its stat.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None  # read_bytes says why
    try:
        if not S_ISREG(os.fstat(fd).st_mode):
            return None

        def read(start: int, end: int) -> bytes:
            os.lseek(fd, start, os.SEEK_SET)
            piece = os.read(fd, end - start)
            pieces.append((start, piece))
            return piece

        parts = _first_part(path, read, size, resume_ms)
    except OSError:
        return None
    finally:
        os.close(fd)
    if parts is None:
        return None
    first, length, around = parts
    return OpenPlan(path, first, length, around=around, pieces=tuple(pieces))


def _first_part(
    path: str | Path, read: Read, size: int, resume_ms: int | None
) -> tuple[Transcript, int, bool] | None:
    """(first, length_ms, around) for a large file; None: parse it whole (a small
    file, UTF-16/32, an opening or end that does not parse, a place not found)."""
    if size <= PREFIX_BYTES:
        return None
    head = read(0, PREFIX_BYTES + 1)
    if head.startswith(_WIDE_BOMS):
        return None
    opening = _opening(head, path)
    if opening is None:
        return None
    length = _end_ms(read(max(0, size - TAIL_BYTES), size), path)
    if length is None:
        return None
    if resume_ms is None or resume_ms < opening[max(0, len(opening) - AROUND_ROWS)].start_ms:
        return opening, length, False
    around = _around(opening, read, size, path, resume_ms, length)
    return None if around is None else (around, length, True)


def _opening(head: bytes, path: str | Path) -> Transcript | None:
    """The segments in a file's opening bytes; None when they do not parse."""
    # Cut at the last line end so no line is split; the last segment may still
    # be a cue cut short (several lines in SRT), so it is dropped below.
    cut = head.rfind(b"\n")
    if cut <= 0:
        return None
    try:
        partial = parse_text(decode(head[:cut], path), path)
    except TranscriptError:
        return None
    if len(partial) < 2:
        return None
    return partial.replace(segments=partial.segments[:-1], issues=ParseIssues())


def _end_ms(tail: bytes, path: str | Path) -> int | None:
    """Where a file's last segment ends, from its closing bytes; None when they do
    not parse."""
    start = tail.find(b"\n") + 1  # the first line may be cut short
    try:
        parsed = parse_text(decode(tail[start:], path), path)
    except TranscriptError:
        return None
    return parsed.duration_ms if len(parsed) else None


def _around(
    opening: Transcript, read: Read, size: int, path: str | Path, at_ms: int, length_ms: int
) -> Transcript | None:
    """The segments around the time `at_ms`, AROUND_ROWS or more on each side of
    it (or all there are), with `opening`'s header. Only for Whisper text, whose
    lines stand alone; None otherwise, or when the place is not found in a few
    reads.

    The place's byte offset is interpolated between points of known time
    (start, end, the windows read so far); once a window holds it, the next is
    centred on its line and sized for the rows wanted (run-on lines are long).
    """
    from reader.core.formats import whisper_txt  # the format that read the opening

    if opening.format_name != whisper_txt.NAME or length_ms <= 0:
        return None
    lo, hi = (0, 0), (size, length_ms)  # (byte, ms) known to bracket at_ms
    centre, half = -1, PREFIX_BYTES
    for _ in range(5):
        if centre < 0:
            span = max(1, hi[1] - lo[1])
            centre = lo[0] + (hi[0] - lo[0]) * (at_ms - lo[1]) // span
        start = max(0, centre - half)
        data = read(start, start + 2 * half)
        end = start + len(data)
        head = data.find(b"\n") + 1 if start > 0 else 0
        window = _whole_lines(data, start > 0, end < size)
        try:  # a damaged stretch: the whole parse says what is wrong
            text = decode(window, path)
            part = whisper_txt.parse(text, path).segments
        except TranscriptError:
            return None
        first, last = part[0].start_ms, part[-1].start_ms
        after = sum(1 for s in part if s.start_ms > at_ms)
        # Enough rows on each side of the place, or all there are.
        enough_before = len(part) - after > AROUND_ROWS or start == 0
        enough_after = after >= AROUND_ROWS or end >= size
        if (first <= at_ms or start == 0) and enough_before and enough_after:
            return opening.replace(segments=part, issues=ParseIssues())
        centre = -1
        if first > at_ms:
            hi = (start, first)  # the place is before this window
        elif last <= at_ms and end < size:
            lo = (end, last)  # after it
        else:  # in it, too near an edge: centre on its line, wide enough
            place = len(part) - after - 1
            offset = whisper_txt.segment_line_offsets(text)[place]
            centre = start + head + len(text[:offset].encode())
            wanted = len(window) * AROUND_ROWS * 3 // (2 * len(part))
            half = max(half * 3 // 2, wanted)  # lines differ in length
        if centre < 0 and (hi[0] <= lo[0] or hi[1] <= lo[1]):
            return None
    return None


def _whole_lines(data: bytes, cut_head: bool, cut_tail: bool) -> bytes:
    """`data` without the lines cut short at either end."""
    if cut_head:
        data = data[data.find(b"\n") + 1 :]
    if cut_tail:
        data = data[: data.rfind(b"\n") + 1]
    return data


# The old first call, until tests/ui/test_reopen.py asks plan_open(path).first; then it goes.
