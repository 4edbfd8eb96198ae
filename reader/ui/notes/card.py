"""One mark in the Notes panel, painted as a small card: time and tags, the marked
text, the note, and a flag when the mark was lost. Plain text only.

The note is edited in place (double-click or F2) in a plain-text editor over
the card; Enter or Escape keeps what was typed, Shift+Enter starts a new line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFrame,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.ui.notes.model import LOST_TEXT, MARK_ROLE, TIME_TEXT_ROLE, tags_text
from reader.ui.startup.rowpaint import MARK_DARK, MARK_LIGHT

if TYPE_CHECKING:
    from PySide6.QtCore import QPersistentModelIndex

    from reader.core.marks.types import Mark

    _Index = QModelIndex | QPersistentModelIndex

PAD = 8
SIGN_GAP = 14  # room on the left for the mark's sign
TEXT_LINES = 3  # the marked text shows at most this many lines
NOTE_LINES = 4
EDITOR_LINES = 3


def wrap(text: str, font: QFont, width: int, max_lines: int) -> list[str]:
    """`text` broken into lines `width` px wide, at most `max_lines`, the last elided."""
    text = " ".join(text.split()) if max_lines == 1 else text
    layout = QTextLayout(text, font)
    layout.beginLayout()
    lines: list[str] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        if len(lines) == max_lines - 1:
            rest = " ".join(text[line.textStart() :].split())
            lines.append(QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width))
            break
        lines.append(text[line.textStart() : line.textStart() + line.textLength()].rstrip())
    layout.endLayout()
    return lines


def _mark_color(palette: QPalette) -> QColor:
    role = QPalette.ColorRole
    dark = palette.color(role.Base).lightness() < palette.color(role.Text).lightness()
    (r, g, b), _alpha = MARK_DARK if dark else MARK_LIGHT
    return QColor(r, g, b)


class CardDelegate(QStyledItemDelegate):
    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        """Text, note (italic) and small (time, tags, flags) fonts."""
        note = QFont(option.font)
        note.setItalic(True)
        small = QFont(option.font)
        small.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.88))
        return option.font, note, small

    def _lines(self, option: QStyleOptionViewItem, mark: Mark, width: int) -> list[list[str]]:
        text_font, note_font, small = self._fonts(option)
        inner = max(40, width - 2 * PAD - SIGN_GAP)
        return [
            wrap(mark.text, text_font, inner, TEXT_LINES),
            wrap(mark.note, note_font, inner, NOTE_LINES) if mark.note else [],
            wrap(LOST_TEXT, small, inner, 2) if mark.lost else [],
        ]

    def _width(self, option: QStyleOptionViewItem) -> int:
        if option.rect.width() > 0:
            return option.rect.width()
        parent = self.parent()
        return parent.viewport().width() if isinstance(parent, QAbstractItemView) else 0

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        mark: Mark | None = index.data(MARK_ROLE)
        width = self._width(option)
        if mark is None:
            return QSize(width, 0)
        text_font, note_font, small = self._fonts(option)
        text, note, lost = self._lines(option, mark, width)
        height = 2 * PAD + QFontMetrics(small).height() + 2
        height += len(text) * QFontMetrics(text_font).height()
        if note:
            height += 4 + len(note) * QFontMetrics(note_font).height()
        if lost:
            height += 4 + len(lost) * QFontMetrics(small).height()
        return QSize(width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        mark: Mark | None = index.data(MARK_ROLE)
        if mark is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = option.palette
        rect = QRect(option.rect)
        card = QRectF(rect).adjusted(3, 2, -3, -2)
        if option.state & QStyle.StateFlag.State_Selected:
            fill = QColor(pal.color(QPalette.ColorRole.Highlight))
            fill.setAlphaF(0.22)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(card, 5, 5)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            fill = QColor(pal.color(QPalette.ColorRole.Text))
            fill.setAlphaF(0.05)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(card, 5, 5)
        text_font, note_font, small = self._fonts(option)
        text, note, lost = self._lines(option, mark, rect.width())
        x = rect.left() + PAD + SIGN_GAP
        y = rect.top() + PAD
        self._paint_sign(painter, pal, rect.left() + PAD, y, card.bottom() - PAD, mark)
        # Time (and tags, right-aligned) on the first line, in the small font.
        metrics = QFontMetrics(small)
        painter.setFont(small)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(pal.color(QPalette.ColorRole.Link) if not mark.lost else muted)
        time_text = str(index.data(TIME_TEXT_ROLE) or "")
        painter.drawText(QPointF(x, y + metrics.ascent()), time_text)
        if mark.tags:
            room = rect.right() - PAD - (x + metrics.horizontalAdvance(time_text) + PAD)
            tags = metrics.elidedText(tags_text(mark.tags), Qt.TextElideMode.ElideLeft, room)
            painter.setPen(muted)
            tx = rect.right() - PAD - metrics.horizontalAdvance(tags)
            painter.drawText(QPointF(tx, y + metrics.ascent()), tags)
        y += metrics.height() + 2
        y = self._draw_lines(painter, text, text_font, pal.color(QPalette.ColorRole.Text), x, y)
        if note:
            ink = pal.color(QPalette.ColorRole.Text)
            y = self._draw_lines(painter, note, note_font, ink, x, y + 4)
        if lost:
            warn = pal.color(QPalette.ColorRole.BrightText)
            self._draw_lines(painter, lost, small, warn, x, y + 4)
        painter.restore()

    @staticmethod
    def _draw_lines(
        painter: QPainter, lines: list[str], font: QFont, color: QColor, x: int, y: int
    ) -> int:
        metrics = QFontMetrics(font)
        painter.setFont(font)
        painter.setPen(color)
        for line in lines:
            painter.drawText(QPointF(x, y + metrics.ascent()), line)
            y += metrics.height()
        return y

    @staticmethod
    def _paint_sign(
        painter: QPainter, pal: QPalette, x: int, top: int, bottom: float, mark: Mark
    ) -> None:
        """The transcript's margin sign: a bar for a mark, a dot for one with a note;
        a hollow dot for a lost mark."""
        color = _mark_color(pal)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        if mark.lost:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(color)
            painter.drawEllipse(QRectF(x, top + 3, 7, 7))
        elif mark.note:
            painter.drawEllipse(QRectF(x, top + 3, 7, 7))
        else:
            painter.drawRoundedRect(QRectF(x + 2, top + 2, 3, bottom - top - 2), 1.5, 1.5)

    # --- editing the note in place ----------------------------------------------------
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setFrameShape(QFrame.Shape.StyledPanel)
        editor.setTabChangesFocus(True)
        editor.setPlaceholderText("Note (Enter or Esc keeps it; Shift+Enter: new line)")
        editor.setAccessibleName("Note")
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(self, editor: QWidget, model: object, index: _Index) -> None:
        if isinstance(editor, QPlainTextEdit):
            index.model().setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        """Over the card below its time line, at least a few lines high."""
        rect = QRect(option.rect)
        lines = QFontMetrics(option.font).height() * EDITOR_LINES + 12
        top = rect.top() + PAD + QFontMetrics(self._fonts(option)[2]).height()
        editor.setGeometry(QRect(rect.left() + PAD, top, rect.width() - 2 * PAD, lines))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape keeps what was typed, as Enter does (the usual editor drops it)."""
        if (
            isinstance(watched, QPlainTextEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            key, mods = event.key(), event.modifiers()
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if key == Qt.Key.Key_Escape or (enter and not mods & Qt.KeyboardModifier.ShiftModifier):
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(watched, event)
