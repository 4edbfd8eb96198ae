"""The transcript as a Qt list model: one row per segment, custom roles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from reader.core.model import Segment, Transcript
from reader.core.timefmt import format_time

TIME_ROLE = Qt.ItemDataRole.UserRole + 1  # start in ms
TIME_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2  # "12:34"
CURRENT_ROLE = Qt.ItemDataRole.UserRole + 3  # the row being spoken
WORD_ROLE = Qt.ItemDataRole.UserRole + 4  # (start, end) chars of the spoken word, or None
MATCH_ROLE = Qt.ItemDataRole.UserRole + 5  # ((start, end), …) chars of search matches
SEGMENT_ROLE = Qt.ItemDataRole.UserRole + 6  # the Segment itself

if TYPE_CHECKING:
    from PySide6.QtCore import QPersistentModelIndex

    _Index = QModelIndex | QPersistentModelIndex


class TranscriptModel(QAbstractListModel):
    def __init__(self, transcript: Transcript | None = None) -> None:
        super().__init__()
        self._transcript = transcript
        self._segments: tuple[Segment, ...] = transcript.segments if transcript else ()
        self._hours = bool(transcript and transcript.duration_ms >= 3_600_000)
        self._current = -1
        self._word: tuple[int, int] | None = None
        self._matches: dict[int, tuple[tuple[int, int], ...]] = {}

    # --- Qt model API -------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._segments)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or row >= len(self._segments):
            return None
        seg = self._segments[row]
        if role == Qt.ItemDataRole.DisplayRole:
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
        if role == SEGMENT_ROLE:
            return seg
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{format_time(seg.start_ms)} {seg.text}"
        return None

    # --- ours -----------------------------------------------------------------------
    @property
    def transcript(self) -> Transcript | None:
        return self._transcript

    def set_transcript(self, transcript: Transcript | None) -> None:
        self.beginResetModel()
        self._transcript = transcript
        self._segments = transcript.segments if transcript else ()
        self._hours = bool(transcript and transcript.duration_ms >= 3_600_000)
        self._current = -1
        self._word = None
        self._matches = {}
        self.endResetModel()

    def extend_to(self, full: Transcript) -> None:
        """Replace a partial transcript by its full parse, keeping the view's
        place: rows are appended when the full one begins with the same rows."""
        n = len(self._segments)
        if full.segments[:n] != self._segments:
            current = self._current
            self.set_transcript(full)
            self._current = current if current < len(full) else -1
            return
        self._transcript = full
        self._hours = full.duration_ms >= 3_600_000
        if len(full) > n:
            self.beginInsertRows(QModelIndex(), n, len(full) - 1)
            self._segments = full.segments
            self.endInsertRows()
        if self._hours and n:
            # Times switch to h:mm:ss once the length is known.
            self.dataChanged.emit(self.index(0), self.index(n - 1), [TIME_TEXT_ROLE])

    def current_row(self) -> int:
        return self._current

    def set_current(self, row: int, word: tuple[int, int] | None = None) -> None:
        """Mark the spoken row (and word); repaints only rows whose state changed."""
        if row == self._current:
            if word != self._word:
                self._word = word
                self._changed(row, [WORD_ROLE])
            return
        old, self._current, self._word = self._current, row, word
        self._changed(old, [CURRENT_ROLE, WORD_ROLE])
        self._changed(row, [CURRENT_ROLE, WORD_ROLE])

    def set_matches(self, matches: dict[int, tuple[tuple[int, int], ...]]) -> None:
        old = self._matches
        self._matches = matches
        for row in set(old) | set(matches):
            if old.get(row) != matches.get(row):
                self._changed(row, [MATCH_ROLE])

    def _changed(self, row: int, roles: list[int]) -> None:
        if 0 <= row < len(self._segments):
            idx = self.index(row)
            self.dataChanged.emit(idx, idx, roles)
