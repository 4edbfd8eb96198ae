"""The Notes panel's list: the open transcript's marks, in time order.

The model never changes the store: an edit in place is handed on as
`note_edited`, and the controller (marking.py) puts the stored result back
with `put`, so what the list shows is always what was kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal

from reader.core.timefmt import format_time

if TYPE_CHECKING:
    from PySide6.QtCore import QPersistentModelIndex

    from reader.core.marks.types import Mark

    _Index = QModelIndex | QPersistentModelIndex

MARK_ROLE = Qt.ItemDataRole.UserRole + 1  # the Mark
TIME_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2  # "12:34"
LOST_TEXT = "Not found in the changed transcript: kept here, not shown in the text."


def tags_text(tags: Sequence[str]) -> str:
    """Tags as the panel shows them: `#idea #todo`."""
    return " ".join(f"#{t}" for t in tags)


def _order(mark: Mark) -> tuple[int, int, int]:
    return (mark.start_ms, mark.first, mark.id)


class NotesModel(QAbstractListModel):
    note_edited = Signal(int, str)  # mark id, the note as typed in place

    def __init__(self) -> None:
        super().__init__()
        self._marks: list[Mark] = []
        self._hours = False

    # --- Qt model API -------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._marks)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._marks):
            return None
        mark = self._marks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return mark.text
        if role == Qt.ItemDataRole.EditRole:
            return mark.note
        if role == MARK_ROLE:
            return mark
        if role == TIME_TEXT_ROLE:
            return format_time(mark.start_ms, always_hours=self._hours)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            parts = [format_time(mark.start_ms), mark.text]
            if mark.note:
                parts.append(f"Note: {mark.note}")
            if mark.tags:
                parts.append(tags_text(mark.tags))
            if mark.lost:
                parts.append(LOST_TEXT)
            return "\n".join(parts)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.isValid() else flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An edit in place: handed on; the list changes when the store has it."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        mark = self._marks[index.row()]
        note = str(value or "").strip()
        if note != mark.note:
            self.note_edited.emit(mark.id, note)
        return True

    # --- content --------------------------------------------------------------------
    def set_marks(self, marks: Sequence[Mark], hours: bool = False) -> None:
        """Every mark of a transcript (another one, or the same read again)."""
        self.beginResetModel()
        self._marks = sorted(marks, key=_order)
        self._hours = hours
        self.endResetModel()

    def marks(self) -> list[Mark]:
        return list(self._marks)

    def mark_at(self, row: int) -> Mark | None:
        return self._marks[row] if 0 <= row < len(self._marks) else None

    def row_of(self, mark_id: int) -> int:
        return next((i for i, m in enumerate(self._marks) if m.id == mark_id), -1)

    def put(self, mark: Mark) -> int:
        """Add `mark`, or replace the one with its id; returns its row."""
        row = self.row_of(mark.id)
        if row >= 0 and _order(self._marks[row]) == _order(mark):
            self._marks[row] = mark
            self.dataChanged.emit(self.index(row), self.index(row))
            return row
        if row >= 0:
            self.drop(mark.id)
        later = (i for i, m in enumerate(self._marks) if _order(m) > _order(mark))
        row = next(later, len(self._marks))
        self.beginInsertRows(QModelIndex(), row, row)
        self._marks.insert(row, mark)
        self.endInsertRows()
        return row

    def drop(self, mark_id: int) -> bool:
        row = self.row_of(mark_id)
        if row < 0:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._marks[row]
        self.endRemoveRows()
        return True
