"""Paints one transcript row: start time, word-wrapped plain text, highlights.

Text goes through QTextLayout, never a label or rich text, so `<b>` in a
transcript shows as the characters it is. Heights are cached per row for the
current width, since a long transcript asks for every row's height.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, QPointF, QRect, QRectF, QSize
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

from reader.ui.transcript_model import (
    CURRENT_ROLE,
    DISPLAY_ROLE,
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
    # toRgb() copies; QColor(color) would make PySide6 build the Qt namespace
    # to choose among its overloads (~12 ms, before the first frame).
    c = color.toRgb()
    c.setAlphaF(alpha)
    return c


def _fill_rounded(painter: QPainter, rect: QRectF, radius: float, brush: QBrush) -> None:
    # A filled path rather than a pen-less drawRoundedRect: Qt.PenStyle.NoPen
    # would make PySide6 build the Qt namespace before the first frame.
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    painter.fillPath(path, brush)


def _row_states(option: QStyleOptionViewItem) -> tuple[bool, bool]:
    """(selected, hovered) from the option's QStyle.State flags."""
    from PySide6.QtWidgets import QStyle  # after the first frame: see `plain`

    state = option.state
    return (
        bool(state & QStyle.StateFlag.State_Selected),
        bool(state & QStyle.StateFlag.State_MouseOver),
    )


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
        # Rows drawn without selection or hover: the view's first frame has
        # neither (no input has arrived yet), and reading option.state makes
        # PySide6 build QStyle's enums (~5 ms of start-up). The view clears it.
        self.plain = True
        self._brush_key = -1
        self._brush_cache: dict[str, QBrush] = {}

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
            text = index.data(DISPLAY_ROLE) or ""
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
        text = index.data(DISPLAY_ROLE) or ""
        layout, _ = self._layout(text, font, self._text_width(rect.width(), font))
        y = pos.y() - rect.top() - PAD_Y
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if y < line.y() + line.height() or i == layout.lineCount() - 1:
                return int(line.xToCursor(pos.x() - x0))
        return None

    # --- painting -------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        # No setPen/setBrush/QColor copies here: each makes PySide6 build the Qt
        # namespace (~12 ms) to choose an overload, and rows are in the first
        # frame. Fills and the time's colour come as brushes (`_brushes`); the
        # text is drawn in the view painter's pen, its viewport's Text colour.
        painter.save()
        rect = option.rect
        brushes = self._brushes(option.palette)
        current = bool(index.data(CURRENT_ROLE))
        sentence = index.data(SENTENCE_ROLE)  # paragraph rows mark the line inside
        selected, hovered = (False, False) if self.plain else _row_states(option)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bg = QRectF(rect).adjusted(2, 1, -2, -1)
        if current:
            _fill_rounded(painter, bg, 5, brushes["sentence_row" if sentence else "current"])
            bar = QRectF(bg.left(), bg.top(), ACCENT, bg.height())
            _fill_rounded(painter, bar, 1.5, brushes["highlight"])
        if selected:
            _fill_rounded(painter, bg, 5, brushes["selected_current" if current else "selected"])
        elif hovered and not current:
            _fill_rounded(painter, bg, 5, brushes["hover"])

        font = option.font
        x = rect.left() + PAD_X + ACCENT
        time_font = self._time_font(font)
        time_text = str(index.data(TIME_TEXT_ROLE) or "")
        time_layout = QTextLayout(time_text, time_font)
        time_layout.beginLayout()
        time_layout.createLine()
        time_layout.endLayout()
        ink = QTextCharFormat()
        ink.setForeground(brushes["highlight" if current else "time"])
        # On the text's first baseline, though the time's font is smaller.
        top = rect.top() + PAD_Y + QFontMetrics(font).ascent() - QFontMetrics(time_font).ascent()
        time_layout.draw(painter, QPointF(x, top), [format_range((0, len(time_text)), ink)])

        text = index.data(DISPLAY_ROLE) or ""
        width = self._text_width(rect.width(), font)
        layout, _ = self._layout(text, font, width)
        formats = self._formats(index, brushes)
        origin = QPointF(x + self.time_width(font), rect.top() + PAD_Y)
        layout.draw(painter, origin, formats)
        painter.restore()

    def _brushes(self, pal: QPalette) -> dict[str, QBrush]:
        """The row's fills and inks for `pal`, made once per palette. Made with
        a scratch palette: QBrush(color) would build the Qt namespace."""
        key = pal.cacheKey()
        if self._brush_key != key:
            role = QPalette.ColorRole
            highlight, text = pal.color(role.Highlight), pal.color(role.Text)
            scratch = QPalette()
            made: dict[str, QBrush] = {}
            for name, color, alpha in (
                ("highlight", highlight, 1.0),
                ("time", pal.color(role.PlaceholderText), 1.0),
                ("current", highlight, 0.22),
                ("sentence_row", highlight, 0.08),
                ("sentence", highlight, 0.22),
                ("word", highlight, 0.45),
                ("selected", highlight, 0.18),
                ("selected_current", highlight, 0.30),
                ("hover", text, 0.05),
            ):
                scratch.setColor(role.Base, _with_alpha(color, alpha))
                made[name] = scratch.brush(role.Base)
            self._brush_key, self._brush_cache = key, made
        return self._brush_cache

    def _formats(self, index: _Index, brushes: dict[str, QBrush]) -> list[QTextLayout.FormatRange]:
        ranges: list[QTextLayout.FormatRange] = []
        sentence = index.data(SENTENCE_ROLE)
        if sentence:
            fmt = QTextCharFormat()
            fmt.setBackground(brushes["sentence"])
            ranges.append(format_range(sentence, fmt))
        ranges.extend(match_ranges(index.data(MATCH_ROLE) or ()))
        word = index.data(WORD_ROLE)
        if word:
            fmt = QTextCharFormat()
            fmt.setBackground(brushes["word"])
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
    if not spans:
        return []  # and no colours made: see TranscriptDelegate.paint
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(255, 200, 40, 170))
    fmt.setForeground(QColor(20, 20, 20))  # dark on amber reads in both themes
    return [format_range(span, fmt) for span in spans]
