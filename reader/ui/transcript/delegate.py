"""The list's row delegate: heights cached per row, painting done by `rowpaint`.

A long transcript asks for every row's height, so heights are kept per row
for the current width (and forgotten when the width or the font changes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.ui.startup.rowpaint import RowPainter
from reader.ui.transcript.model import (
    CURRENT_ROLE,
    DISPLAY_ROLE,
    MARKS_ROLE,
    MATCH_ROLE,
    SENTENCE_ROLE,
    TIME_TEXT_ROLE,
    WORD_ROLE,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QPersistentModelIndex

    _Index = QModelIndex | QPersistentModelIndex


def _row_states(option: QStyleOptionViewItem) -> tuple[bool, bool]:
    """(selected, hovered) from the option's QStyle.State flags."""
    state = option.state
    return (
        bool(state & QStyle.StateFlag.State_Selected),
        bool(state & QStyle.StateFlag.State_MouseOver),
    )


class TranscriptDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._viewport = view.viewport()  # fetched once: each call builds a new wrapper
        self._heights: dict[int, int] = {}
        self._width = -1
        self.rows = RowPainter()
        self.picked: tuple[int, tuple[int, int]] | None = None  # (row, chars) picked by the view

    def time_width(self, font: QFont) -> int:
        return self.rows.time_width(font)

    def invalidate(self) -> None:
        """Forget cached heights (the width or the font changed)."""
        self._heights.clear()
        self.rows.invalidate()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        total = self._viewport.width()
        if total != self._width:
            self._width = total
            self._heights.clear()
        row = index.row()
        height = self._heights.get(row)
        if height is None:
            height = self.rows.row_height(index.data(DISPLAY_ROLE) or "", total, option.font)
            self._heights[row] = height
        return QSize(total, height)

    def offset_at(self, index: _Index, rect: QRect, pos: QPoint, font: QFont) -> int | None:
        """The character under `pos` in a row drawn in `rect`; None on the time."""
        text = index.data(DISPLAY_ROLE) or ""
        return self.rows.offset_at(text, rect, pos.x(), pos.y(), font)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        selected, hovered = _row_states(option)
        picked = self.picked
        self.rows.paint(
            painter,
            option.rect,
            option.palette,
            option.font,
            str(index.data(TIME_TEXT_ROLE) or ""),
            index.data(DISPLAY_ROLE) or "",
            current=bool(index.data(CURRENT_ROLE)),
            sentence=index.data(SENTENCE_ROLE),
            word=index.data(WORD_ROLE),
            matches=index.data(MATCH_ROLE) or (),
            selected=selected,
            hovered=hovered,
            marks=index.data(MARKS_ROLE),
            picked=picked[1] if picked is not None and picked[0] == index.row() else None,
        )
