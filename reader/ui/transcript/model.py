"""The transcript as a Qt list model: one row per segment, or per paragraph.

Whatever the rows are, "current" is a segment index (what is being spoken);
in paragraph mode a row shows several segments and the current one is marked
inside it, so every sentence stays clickable and highlighted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal

from reader.core.model import Segment, Transcript
from reader.core.timefmt import format_time
from reader.ui.startup.rowpaint import RowMarks

if TYPE_CHECKING:
    from PySide6.QtCore import QPersistentModelIndex

    from reader.core.paragraphs import ParagraphIndex

    _Index = QModelIndex | QPersistentModelIndex

DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
ACCESSIBLE_TEXT_ROLE = Qt.ItemDataRole.AccessibleTextRole
USER_ROLE = Qt.ItemDataRole.UserRole
TIME_ROLE = USER_ROLE + 1  # start in ms
TIME_TEXT_ROLE = USER_ROLE + 2  # "12:34"
CURRENT_ROLE = USER_ROLE + 3  # the row holds the line being spoken
WORD_ROLE = USER_ROLE + 4  # (start, end) chars of the spoken word, or None
MATCH_ROLE = USER_ROLE + 5  # ((start, end), …) chars of search matches
SENTENCE_ROLE = USER_ROLE + 6  # paragraph rows: chars of the spoken line
MARKS_ROLE = USER_ROLE + 7  # RowMarks: the user's marks in the row, or None

Span = tuple[int, int]
# A mark as the list shows it: segments first..last, or chars of segment `first`
# alone (a word range), and whether it carries a note.
MarkSpan = tuple[int, int, "Span | None", bool]
_SegmentMark = tuple["Span | None", bool]  # (chars of the segment or None: all), note


class TranscriptModel(QAbstractListModel):
    highlight_changed = Signal(int)  # row whose marks changed: repaint it, no relayout

    def __init__(self, transcript: Transcript | None = None) -> None:
        super().__init__()
        self._transcript = transcript
        self._segments: tuple[Segment, ...] = transcript.segments if transcript else ()
        self._paragraphs: ParagraphIndex | None = None
        self._hours = bool(transcript and transcript.duration_ms >= 3_600_000)
        self._current = -1  # segment index
        self._word: Span | None = None
        self._matches: dict[int, tuple[Span, ...]] = {}  # segment index -> spans
        self._marks: dict[int, tuple[_SegmentMark, ...]] = {}  # segment index -> marks

    # --- Qt model API -------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._paragraphs) if self._paragraphs is not None else len(self._segments)

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> Any:
        row = index.row()
        if not index.isValid() or row >= self.rowCount():
            return None
        if self._paragraphs is not None:
            return self._paragraph_data(row, role)
        seg = self._segments[row]
        if role == DISPLAY_ROLE:
            return seg.text
        if role == TIME_ROLE:
            return seg.start_ms
        if role == TIME_TEXT_ROLE:
            return format_time(seg.start_ms, always_hours=self._hours)
        if role == CURRENT_ROLE:
            return row == self._current
        if role == WORD_ROLE:
            return self._word if row == self._current else None
        if role == MATCH_ROLE:
            return self._matches.get(row, ())
        if role == MARKS_ROLE:
            return self._row_marks(row, row)
        if role == ACCESSIBLE_TEXT_ROLE:
            return f"{format_time(seg.start_ms)} {seg.text}"
        return None

    def _paragraph_data(self, row: int, role: int) -> Any:
        assert self._paragraphs is not None
        para = self._paragraphs[row]
        current_here = para.first <= self._current <= para.last
        if role == DISPLAY_ROLE:
            return para.text
        if role == TIME_ROLE:
            return para.start_ms
        if role == TIME_TEXT_ROLE:
            return format_time(para.start_ms, always_hours=self._hours)
        if role == CURRENT_ROLE:
            return current_here
        if role == SENTENCE_ROLE:
            return para.span_of(self._current) if current_here else None
        if role == WORD_ROLE:
            if not current_here or self._word is None:
                return None
            base = para.span_of(self._current)[0]
            return (base + self._word[0], base + self._word[1])
        if role == MATCH_ROLE:
            spans: list[Span] = []
            for seg in range(para.first, para.last + 1):
                base = para.span_of(seg)[0]
                spans.extend((base + a, base + b) for a, b in self._matches.get(seg, ()))
            return tuple(spans)
        if role == MARKS_ROLE:
            return self._row_marks(para.first, para.last)
        if role == ACCESSIBLE_TEXT_ROLE:
            return f"{format_time(para.start_ms)} {para.text}"
        return None

    # --- content --------------------------------------------------------------------
    @property
    def transcript(self) -> Transcript | None:
        return self._transcript

    def set_transcript(self, transcript: Transcript | None, length_ms: int = 0) -> None:
        """`length_ms`: the whole file's length when `transcript` is its opening."""
        paragraphs = self._paragraphs is not None
        self.beginResetModel()
        self._transcript = transcript
        self._segments = transcript.segments if transcript else ()
        length = max(length_ms, transcript.duration_ms if transcript else 0)
        self._hours = bool(transcript and length >= 3_600_000)
        self._paragraphs = self._build_paragraphs() if paragraphs else None
        self._current = -1
        self._word = None
        self._matches = {}
        self._marks = {}
        self.endResetModel()

    def extend_to(self, full: Transcript) -> None:
        """Replace a partial transcript by its full parse, keeping the view's
        place: rows are appended when the full one begins with the same rows."""
        n = len(self._segments)
        if self._paragraphs is not None or full.segments[:n] != self._segments:
            current = self._current
            self.set_transcript(full)
            self._current = current if current < len(full) else -1
            return
        self._transcript = full
        was_hours, self._hours = self._hours, full.duration_ms >= 3_600_000
        if len(full) > n:
            self.beginInsertRows(QModelIndex(), n, len(full) - 1)
            self._segments = full.segments
            self.endInsertRows()
        if self._hours != was_hours and n:
            # Times switch to h:mm:ss once the length is known.
            self.dataChanged.emit(self.index(0), self.index(n - 1), [TIME_TEXT_ROLE])

    # --- paragraph mode -------------------------------------------------------------
    def paragraph_mode(self) -> bool:
        return self._paragraphs is not None

    def set_paragraph_mode(self, on: bool) -> None:
        if on == self.paragraph_mode():
            return
        self.beginResetModel()
        self._paragraphs = self._build_paragraphs() if on else None
        self.endResetModel()

    def _build_paragraphs(self) -> ParagraphIndex:
        from reader.core.paragraphs import ParagraphIndex  # only in paragraph mode

        return ParagraphIndex.build(self._segments)

    def row_of_segment(self, segment: int) -> int:
        if segment < 0 or self._paragraphs is None:
            return segment
        return self._paragraphs.paragraph_of(segment)

    def segment_span(self, segment: int) -> Span:
        """Where segment `segment`'s text is in its row (all of it, in line mode)."""
        if self._paragraphs is None:
            return (0, len(self._segments[segment].text))
        row = self._paragraphs.paragraph_of(segment)
        return self._paragraphs[row].span_of(segment)

    def segment_at(self, row: int, char_offset: int | None = None) -> int:
        """The segment a click at `char_offset` of `row` means."""
        if self._paragraphs is None:
            return row
        para = self._paragraphs[row]
        if char_offset is None:
            return para.first
        return self._paragraphs.segment_at_char(row, char_offset)

    def segments_of_rows(self, rows: list[int]) -> list[int]:
        """Segment indices shown by these rows, in order (for copying a selection)."""
        if self._paragraphs is None:
            return sorted(rows)
        out: list[int] = []
        for row in sorted(rows):
            para = self._paragraphs[row]
            out.extend(range(para.first, para.last + 1))
        return out

    # --- what is being spoken ---------------------------------------------------------
    def current_row(self) -> int:
        """The segment being spoken (a segment index, whatever the rows are)."""
        return self._current

    def set_current(self, segment: int, word: Span | None = None) -> None:
        """Mark the spoken segment (and word); repaints only rows whose state changed."""
        if segment == self._current:
            if word != self._word:
                self._word = word
                self._changed(self.row_of_segment(segment), [WORD_ROLE])
            return
        old, self._current, self._word = self._current, segment, word
        roles = [CURRENT_ROLE, WORD_ROLE, SENTENCE_ROLE]
        old_row, new_row = self.row_of_segment(old), self.row_of_segment(segment)
        self._changed(old_row, roles)
        if new_row != old_row:
            self._changed(new_row, roles)

    def set_matches(self, matches: dict[int, tuple[Span, ...]]) -> None:
        """Search marks, keyed by segment index."""
        old = self._matches
        self._matches = matches
        rows = {
            self.row_of_segment(seg)
            for seg in set(old) | set(matches)
            if old.get(seg) != matches.get(seg)
        }
        for row in rows:
            self._changed(row, [MATCH_ROLE])

    # --- the user's marks ---------------------------------------------------------------
    def set_marks(self, marks: list[MarkSpan]) -> None:
        """The marks to show, in segment terms; repaints only the rows whose marks changed."""
        n = len(self._segments)
        new: dict[int, list[_SegmentMark]] = {}
        for first, last, chars, note in marks:
            if not 0 <= first <= last < n:
                continue  # not in this transcript (a partial one, or a stale mark)
            if chars is not None and first == last:
                new.setdefault(first, []).append((chars, note))
                continue
            for seg in range(first, last + 1):
                new.setdefault(seg, []).append((None, note))
        old, self._marks = self._marks, {seg: tuple(v) for seg, v in new.items()}
        rows = {
            self.row_of_segment(seg)
            for seg in set(old) | set(self._marks)
            if old.get(seg) != self._marks.get(seg)
        }
        for row in sorted(rows):
            self._changed(row, [MARKS_ROLE])

    def _row_marks(self, first: int, last: int) -> RowMarks | None:
        """What a row of segments first..last paints of the marks: a band behind
        the whole row when all of it is marked, else behind the marked chars."""
        if not self._marks:
            return None
        spans: list[Span] = []
        whole, note, any_mark = True, False, False
        for seg in range(first, last + 1):
            marks = self._marks.get(seg, ())
            if not marks:
                whole = False
                continue
            any_mark = True
            base, end = self.segment_span(seg)
            seg_whole = False
            for chars, has_note in marks:
                note = note or has_note
                if chars is None:
                    seg_whole = True
                else:
                    spans.append((base + chars[0], base + min(chars[1], end - base)))
            if seg_whole:
                spans.append((base, end))
            else:
                whole = False
        if not any_mark:
            return None
        return RowMarks(() if whole else tuple(sorted(spans)), whole, note)

    def _changed(self, row: int, roles: list[int]) -> None:
        # Only highlight state changes here, never text or size: a repaint is
        # enough. dataChanged would make QListView lay rows out again, and
        # during batched layout restart it, on every word.
        if 0 <= row < self.rowCount():
            self.highlight_changed.emit(row)
