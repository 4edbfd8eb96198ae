"""Paints one transcript row: start time, word-wrapped plain text, highlights.

Text goes through QTextLayout, never a label or rich text, so `<b>` in a
transcript shows as the characters it is. Heights are cached per row for the
current width, since a long transcript asks for every row's height.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.ui.transcript_model import (
    CURRENT_ROLE,
    MATCH_ROLE,
    SENTENCE_ROLE,
    TIME_TEXT_ROLE,
    WORD_ROLE,
)

PAD_X = 10
PAD_Y = 6
GAP = 12  # between the time and the text
ACCENT = 3  # width of the bar marking the current row
LEADING = 0.22  # extra space between wrapped lines, as a share of the font height

if TYPE_CHECKING:
    from PySide6.QtCore import QPersistentModelIndex

    _Index = QModelIndex | QPersistentModelIndex


def _with_alpha(color: QColor, alpha: float) -> QColor:
    c = QColor(color)
    c.setAlphaF(alpha)
    return c


class TranscriptDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._viewport = view.viewport()  # fetched once: each call builds a new wrapper
        self._heights: dict[int, int] = {}
        self._geometry: tuple[int, int, float, QFontMetrics] | None = None
        self._width = -1
        self._option = QTextOption()
        self._option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)

    # --- geometry -------------------------------------------------------------------
    def time_width(self, font: QFont) -> int:
        return QFontMetrics(self._time_font(font)).horizontalAdvance("0:00:00") + GAP

    def _time_font(self, font: QFont) -> QFont:
        f = QFont(font)
        f.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        return f

    def _text_width(self, total: int, font: QFont) -> int:
        return max(40, total - 2 * PAD_X - ACCENT - self.time_width(font))

    def invalidate(self) -> None:
        """Forget cached heights (the width or the font changed)."""
        self._heights.clear()
        self._geometry = None

    def _row_geometry(self, total: int, font: QFont) -> tuple[int, float, QFontMetrics]:
        """(text width, one line's height, metrics) for this width and font, cached:
        a long transcript asks for every row's height."""
        if self._geometry is None or self._geometry[0] != total:
            width = self._text_width(total, font)
            _, one_line = self._layout("Xy", font, width)
            self._geometry = (total, width, one_line, QFontMetrics(font))
        _, width, one_line, metrics = self._geometry
        return width, one_line, metrics

    def _layout(self, text: str, font: QFont, width: int) -> tuple[QTextLayout, float]:
        layout = QTextLayout(text, font)
        layout.setTextOption(self._option)
        layout.setCacheEnabled(True)
        layout.beginLayout()
        y = 0.0
        leading = QFontMetrics(font).height() * LEADING
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height() + leading
        layout.endLayout()
        return layout, y - leading

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        total = self._viewport.width()
        if total != self._width:
            self._width = total
            self._heights.clear()
        row = index.row()
        height = self._heights.get(row)
        if height is None:
            text = index.data(Qt.ItemDataRole.DisplayRole) or ""
            width, h, metrics = self._row_geometry(total, option.font)
            # Most lines fit on one line: one width measurement instead of a layout.
            # Only for Latin text, whose glyphs all come from the one font.
            if not (text and text.isprintable() and max(text) < "\u0250") or (
                metrics.horizontalAdvance(text) > width
            ):
                _, h = self._layout(text, option.font, width)
            height = int(h + 0.999) + 2 * PAD_Y
            self._heights[row] = height
        return QSize(total, height)

    def offset_at(self, index: _Index, rect: QRect, pos: QPoint, font: QFont) -> int | None:
        """The character under `pos` in a row drawn in `rect`; None on the time."""
        x0 = rect.left() + PAD_X + ACCENT + self.time_width(font)
        if pos.x() < x0:
            return None
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        layout, _ = self._layout(text, font, self._text_width(rect.width(), font))
        y = pos.y() - rect.top() - PAD_Y
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if y < line.y() + line.height() or i == layout.lineCount() - 1:
                return int(line.xToCursor(pos.x() - x0))
        return None

    # --- painting -------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        rect = option.rect
        pal = option.palette
        highlight = pal.color(QPalette.ColorRole.Highlight)
        current = bool(index.data(CURRENT_ROLE))
        sentence = index.data(SENTENCE_ROLE)  # paragraph rows mark the line inside
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        bg = QRectF(rect).adjusted(2, 1, -2, -1)
        if current:
            painter.setBrush(_with_alpha(highlight, 0.08 if sentence else 0.22))
            painter.drawRoundedRect(bg, 5, 5)
            painter.setBrush(highlight)
            painter.drawRoundedRect(QRectF(bg.left(), bg.top(), ACCENT, bg.height()), 1.5, 1.5)
        if selected:
            painter.setBrush(_with_alpha(highlight, 0.30 if current else 0.18))
            painter.drawRoundedRect(bg, 5, 5)
        elif hovered and not current:
            painter.setBrush(_with_alpha(pal.color(QPalette.ColorRole.Text), 0.05))
            painter.drawRoundedRect(bg, 5, 5)

        font = option.font
        x = rect.left() + PAD_X + ACCENT
        time_font = self._time_font(font)
        painter.setFont(time_font)
        time_color = pal.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(highlight if current else time_color)
        fm = QFontMetrics(font)
        tfm = QFontMetrics(time_font)
        baseline = rect.top() + PAD_Y + fm.ascent()
        painter.drawText(x, baseline, str(index.data(TIME_TEXT_ROLE) or ""))
        del tfm

        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        width = self._text_width(rect.width(), font)
        layout, _ = self._layout(text, font, width)
        formats = self._formats(index, pal)
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        origin = QPointF(x + self.time_width(font), rect.top() + PAD_Y)
        layout.draw(painter, origin, formats)
        painter.restore()

    def _formats(self, index: _Index, pal: QPalette) -> list[QTextLayout.FormatRange]:
        highlight = pal.color(QPalette.ColorRole.Highlight)
        ranges: list[QTextLayout.FormatRange] = []
        sentence = index.data(SENTENCE_ROLE)
        if sentence:
            fmt = QTextCharFormat()
            fmt.setBackground(_with_alpha(highlight, 0.22))
            ranges.append(format_range(sentence, fmt))
        ranges.extend(match_ranges(index.data(MATCH_ROLE) or ()))
        word = index.data(WORD_ROLE)
        if word:
            fmt = QTextCharFormat()
            fmt.setBackground(_with_alpha(highlight, 0.45))
            fmt.setFontUnderline(True)
            ranges.append(format_range(word, fmt))
        return ranges


def format_range(span: tuple[int, int], fmt: QTextCharFormat) -> QTextLayout.FormatRange:
    fr = QTextLayout.FormatRange()
    fr.start, fr.length = span[0], span[1] - span[0]
    fr.format = fmt
    return fr


def match_ranges(spans: tuple[tuple[int, int], ...]) -> list[QTextLayout.FormatRange]:
    """Search marks, in one colour wherever they are shown (transcript and results)."""
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(255, 200, 40, 170))
    fmt.setForeground(QColor(20, 20, 20))  # dark on amber reads in both themes
    return [format_range(span, fmt) for span in spans]
