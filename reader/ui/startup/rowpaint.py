"""Measures and paints one transcript row: start time, word-wrapped plain text, marks.

Shared by the list's delegate and the window's first frame (first_frame.py),
so both draw a row to the same pixel. Text goes through QTextLayout, never a
label or rich text, so `<b>` in a transcript shows as the characters it is.

Start-up rule for this module: it runs before the window's first frame, so
it touches no Qt namespace enum and no call that PySide6 resolves among
overloads taking one (setPen, setBrush, QColor(color), QBrush(color) ...):
the first such touch builds the namespace's ~100 enums, ~12 ms. Fills and
the time's colour are brushes from a scratch palette; the text is drawn in
the painter's pen, which a widget painter starts as its Text colour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRect, QRectF
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

PAD_X = 10
PAD_Y = 6
GAP = 12  # between the time and the text
ACCENT = 3  # width of the bar marking the current row
LEADING = 0.22  # extra space between wrapped lines, as a share of the font height
READING_SCALE = 1.15  # reading text a little larger than the interface around it
# Where a revealed row is put, as a share of the view's height (see TranscriptView).
COMFORT = 0.30

Span = tuple[int, int]
# A row shows at most this many characters: a megabyte-long run-on would take
# seconds to lay out at every paint. The rest is counted in a note at its end.
MAX_ROW_CHARS = 10_000
MAX_MARKS = 300  # search marks drawn in one row (each is a format range to draw)


def shown_text(text: str) -> str:
    """What a row shows of `text`: all of it, or its first MAX_ROW_CHARS and a note."""
    if len(text) <= MAX_ROW_CHARS:
        return text
    return f"{text[:MAX_ROW_CHARS]} … ({len(text) - MAX_ROW_CHARS:,} more characters)"


def _shown_spans(spans: tuple[Span, ...], limit: int) -> tuple[Span, ...]:
    """The first `limit` spans, cut to the characters a row shows."""
    out: list[Span] = []
    for a, b in spans:
        if a >= MAX_ROW_CHARS or len(out) == limit:
            break
        out.append((a, min(b, MAX_ROW_CHARS)))
    return tuple(out)


def reading_font(interface: QFont, scale: float = 1.0) -> QFont:
    """The transcript's font: the interface's, a little larger, times the user's zoom."""
    font = QFont(interface)
    font.setPointSizeF(interface.pointSizeF() * READING_SCALE * scale)
    return font


def place_rows(
    count: int, height: Callable[[int], int], width: int, bottom: int, scroll: int, anchor: int
) -> Iterator[tuple[int, QRect]]:
    """Rows on a screen `width` x `bottom` px and where they go, without a laid-out
    list: from the top scrolled by `scroll`, or with row `anchor` (when > 0) at
    the height the view reveals a row at. `height(row)` measures a row."""
    first, y = 0, -scroll
    if anchor > 0:
        first, y = anchor, int(bottom * COMFORT)
        while first > 0 and y > 0:
            first -= 1
            y -= height(first)
        y = min(y, 0) if first == 0 else y
    for row in range(first, count):
        if y >= bottom:
            break
        h = height(row)
        if y + h > 0:
            yield row, QRect(0, y, width, h)
        y += h


def _with_alpha(color: QColor, alpha: float) -> QColor:
    c = color.toRgb()  # a copy; QColor(color) would build the Qt namespace
    c.setAlphaF(alpha)
    return c


def _fill_rounded(painter: QPainter, rect: QRectF, radius: float, brush: QBrush) -> None:
    # A filled path, as a pen-less drawRoundedRect would need Qt.PenStyle.NoPen.
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    painter.fillPath(path, brush)


def format_range(span: Span, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
    fr = QTextLayout.FormatRange()
    fr.start, fr.length = span[0], span[1] - span[0]
    fr.format = fmt
    return fr


def match_ranges(spans: tuple[Span, ...]) -> list[QTextLayout.FormatRange]:
    """Search marks, in one colour wherever they are shown (transcript and results)."""
    if not spans:
        return []  # and no colours made: see the module's start-up rule
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(255, 200, 40, 170))
    fmt.setForeground(QColor(20, 20, 20))  # dark on amber reads in both themes
    return [format_range(span, fmt) for span in spans]


class RowMarks(NamedTuple):
    """The user's marks in a row: a band behind all of it (`whole`) or behind
    `spans` of its text, and whether one carries a note (its margin sign differs)."""

    spans: tuple[Span, ...]
    whole: bool
    note: bool


# The marks' colour, light and dark: green, apart from the blue of the spoken line
# and the amber of search hits. (r, g, b), band alpha.
MARK_LIGHT = ((46, 160, 80), 0.20)
MARK_DARK = ((100, 205, 125), 0.22)
SIGN = 3  # width of a plain mark's margin bar; a note's dot is twice as wide


class _FontFacts(NamedTuple):
    time_font: QFont
    time_width: int  # the time column, gap included
    time_drop: int  # from the row's top to the time's, so both share a baseline
    leading: float  # between wrapped lines
    line_height: int  # the text's first line


class RowPainter:
    """Row geometry and painting for one font at a time (call `invalidate` on a change)."""

    def __init__(self) -> None:
        self._option = QTextOption()
        self._option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._geometry: tuple[int, int, float, QFontMetrics] | None = None
        self._brush_key = -1
        self._brushes: dict[str, QBrush] = {}
        self._font_key = ""
        self._font: _FontFacts | None = None

    def invalidate(self) -> None:
        self._geometry = None

    def _facts(self, font: QFont) -> _FontFacts:
        """What every row needs of `font`, worked out once per font (a list asks
        for thousands of rows, each with its own copy of the same font)."""
        key = font.key()
        if self._font is None or key != self._font_key:
            time_font = self.time_font(font)
            metrics, time_metrics = QFontMetrics(font), QFontMetrics(time_font)
            self._font_key = key
            self._font = _FontFacts(
                time_font,
                time_metrics.horizontalAdvance("0:00:00") + GAP,
                metrics.ascent() - time_metrics.ascent(),
                metrics.height() * LEADING,
                metrics.height(),
            )
        return self._font

    # --- geometry -------------------------------------------------------------------
    @staticmethod
    def time_font(font: QFont) -> QFont:
        f = QFont(font)
        f.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        return f

    def time_width(self, font: QFont) -> int:
        return self._facts(font).time_width

    def text_width(self, total: int, font: QFont) -> int:
        return max(40, total - 2 * PAD_X - ACCENT - self.time_width(font))

    def layout(self, text: str, font: QFont, width: int) -> tuple[QTextLayout, float]:
        layout = QTextLayout(shown_text(text), font)
        layout.setTextOption(self._option)
        layout.setCacheEnabled(True)
        layout.beginLayout()
        y = 0.0
        leading = self._facts(font).leading
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height() + leading
        layout.endLayout()
        return layout, y - leading

    def row_height(self, text: str, total: int, font: QFont) -> int:
        """A row's height in a list `total` px wide."""
        if self._geometry is None or self._geometry[0] != total:
            width = self.text_width(total, font)
            _, one_line = self.layout("Xy", font, width)
            self._geometry = (total, width, one_line, QFontMetrics(font))
        _, width, h, metrics = self._geometry
        text = shown_text(text)
        # Most lines fit on one line: one width measurement instead of a layout.
        # Only for Latin text, whose glyphs all come from the one font.
        if not (text and text.isprintable() and max(text) < "\u0250") or (
            metrics.horizontalAdvance(text) > width
        ):
            _, h = self.layout(text, font, width)
        return int(h + 0.999) + 2 * PAD_Y

    def offset_at(self, text: str, rect: QRect, x: int, y: int, font: QFont) -> int | None:
        """The character at (x, y) of a row drawn in `rect`; None on the time."""
        x0 = rect.left() + PAD_X + ACCENT + self.time_width(font)
        if x < x0:
            return None
        layout, _ = self.layout(text, font, self.text_width(rect.width(), font))
        y -= rect.top() + PAD_Y
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if y < line.y() + line.height() or i == layout.lineCount() - 1:
                return min(len(text), MAX_ROW_CHARS, int(line.xToCursor(x - x0)))
        return None

    # --- painting -------------------------------------------------------------------
    def paint(
        self,
        painter: QPainter,
        rect: QRect,
        palette: QPalette,
        font: QFont,
        time_text: str,
        text: str,
        *,
        current: bool = False,
        sentence: Span | None = None,  # paragraph rows: the spoken line inside
        word: Span | None = None,
        matches: tuple[Span, ...] = (),
        selected: bool = False,
        hovered: bool = False,
        marks: RowMarks | None = None,  # the user's marks in the row
        picked: Span | None = None,  # words picked with the mouse
        layout: QTextLayout | None = None,  # the text's, when the caller measured with it
    ) -> None:
        painter.save()
        brushes = self._brushes_for(palette)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bg = QRectF(rect).adjusted(2, 1, -2, -1)
        if marks is not None and marks.whole:
            _fill_rounded(painter, bg, 5, brushes["mark"])
        if current:
            _fill_rounded(painter, bg, 5, brushes["sentence_row" if sentence else "current"])
            bar = QRectF(bg.left(), bg.top(), ACCENT, bg.height())
            _fill_rounded(painter, bar, 1.5, brushes["highlight"])
        if selected:
            _fill_rounded(painter, bg, 5, brushes["selected_current" if current else "selected"])
        elif hovered and not current:
            _fill_rounded(painter, bg, 5, brushes["hover"])

        x = rect.left() + PAD_X + ACCENT
        facts = self._facts(font)
        time_layout = QTextLayout(time_text, facts.time_font)
        time_layout.beginLayout()
        time_layout.createLine()
        time_layout.endLayout()
        ink = QTextCharFormat()
        ink.setForeground(brushes["highlight" if current else "time"])
        # On the text's first baseline, though the time's font is smaller.
        top = rect.top() + PAD_Y + facts.time_drop
        time_layout.draw(painter, QPointF(x, top), [format_range((0, len(time_text)), ink)])
        if marks is not None:
            gap_x = x + facts.time_width - GAP
            self._paint_sign(painter, bg, gap_x, rect.top() + PAD_Y, facts.line_height, marks.note)

        if layout is None:
            layout, _ = self.layout(text, font, self.text_width(rect.width(), font))
        formats = self._formats(brushes, sentence, word, matches, marks, picked)
        layout.draw(painter, QPointF(x + facts.time_width, rect.top() + PAD_Y), formats)
        painter.restore()

    def _paint_sign(
        self, painter: QPainter, bg: QRectF, gap_x: float, top: float, line: int, note: bool
    ) -> None:
        """The margin sign between time and text (`gap_x`): a bar the row's height
        for a mark, a dot on the first line (`top`, `line` high) for one with a note."""
        brush = self._brushes["mark_sign"]
        mid = gap_x + GAP / 2
        if note:
            size = 2 * SIGN + 1
            y = top + (line - size) / 2
            _fill_rounded(painter, QRectF(mid - size / 2, y, size, size), size / 2, brush)
        else:
            bar = QRectF(mid - SIGN / 2, bg.top() + 3, SIGN, bg.height() - 6)
            _fill_rounded(painter, bar, SIGN / 2, brush)

    def format_ranges(
        self,
        palette: QPalette,
        sentence: Span | None,
        word: Span | None,
        matches: tuple[Span, ...],
    ) -> list[QTextLayout.FormatRange]:
        """The marks a row draws over its text: spoken sentence, search hits, word."""
        return self._formats(self._brushes_for(palette), sentence, word, matches)

    def _formats(
        self,
        brushes: dict[str, QBrush],
        sentence: Span | None,
        word: Span | None,
        matches: tuple[Span, ...],
        marks: RowMarks | None = None,
        picked: Span | None = None,
    ) -> list[QTextLayout.FormatRange]:
        ranges: list[QTextLayout.FormatRange] = []
        sentence = next(iter(_shown_spans((sentence,), 1)), None) if sentence else None
        word = next(iter(_shown_spans((word,), 1)), None) if word else None
        matches = _shown_spans(matches, MAX_MARKS)
        if marks is not None and marks.spans:  # under the others: they are brief
            fmt = QTextCharFormat()
            fmt.setBackground(brushes["mark"])
            ranges.extend(format_range(s, fmt) for s in _shown_spans(marks.spans, MAX_MARKS))
        if picked:
            fmt = QTextCharFormat()
            fmt.setBackground(brushes["picked"])
            ranges.extend(format_range(s, fmt) for s in _shown_spans((picked,), 1))
        if sentence:
            fmt = QTextCharFormat()
            fmt.setBackground(brushes["sentence"])
            ranges.append(format_range(sentence, fmt))
        ranges.extend(match_ranges(matches))
        if word:
            fmt = QTextCharFormat()
            fmt.setBackground(brushes["word"])
            fmt.setFontUnderline(True)
            ranges.append(format_range(word, fmt))
        return ranges

    def _brushes_for(self, pal: QPalette) -> dict[str, QBrush]:
        """The row's fills and inks for `pal`, made once per palette with a
        scratch palette (QBrush(color) would build the Qt namespace)."""
        key = pal.cacheKey()
        if self._brush_key != key:
            role = QPalette.ColorRole
            highlight, text = pal.color(role.Highlight), pal.color(role.Text)
            dark = pal.color(role.Base).lightness() < text.lightness()
            (r, g, b), band = MARK_DARK if dark else MARK_LIGHT
            mark = QColor(r, g, b)
            scratch = QPalette()
            made: dict[str, QBrush] = {}
            for name, color, alpha in (
                ("mark", mark, band),
                ("mark_sign", mark, 1.0),
                ("picked", highlight, 0.38),
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
            self._brush_key, self._brushes = key, made
        return self._brushes
