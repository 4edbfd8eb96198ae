"""The window's first frame: the transcript's opening, drawn before the list exists.

Start-up time: the list (a QListView with its model and delegate) makes
PySide6 build some thirty more types and their enums, ~8 ms before anything
is on screen. So the window first shows this widget in the list's place,
drawing the rows the list will draw first, with the same row painter, font,
palette and placement (`rowpaint`), and a scroll bar where the list's own
will be; the window swaps in the list right after this frame, to the pixel.
It is not interactive: it is on screen for one frame. In paragraph mode it
draws paragraphs, with the spoken sentence marked, as the list will.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import QApplication, QScrollBar, QWidget

from reader.core.timefmt import format_time
from reader.core.words import word_at
from reader.ui.startup.rowpaint import PAD_Y, RowPainter, Span, place_rows, reading_font

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent, QResizeEvent

    from reader.core.model import Transcript


class Row(Protocol):
    """A row as the list shows it: a segment, or a paragraph of them."""

    @property
    def start_ms(self) -> int: ...
    @property
    def text(self) -> str: ...


# The list's class names, for the fonts and palettes a platform sets per class.
_LIST_CLASSES = ("QListView", "QAbstractItemView")


def list_font(scale: float = 1.0) -> QFont:
    """The font the transcript list will have (TranscriptView uses reading_font too)."""
    default = QApplication.font()
    # A str at run time, whatever the stubs say (they ask for bytes, which fails).
    found = (QApplication.font(name) for name in _LIST_CLASSES)  # type: ignore[call-overload]
    return reading_font(next((f for f in found if f != default), default), scale)


def list_palette() -> QPalette:
    default = QApplication.palette()
    found = (QApplication.palette(name) for name in _LIST_CLASSES)  # type: ignore[call-overload]
    return next((p for p in found if p != default), default)


class FirstFrame(QWidget):
    painted = Signal()  # once, when rows are on screen

    def __init__(self, font: QFont, bar: bool = True, parent: QWidget | None = None) -> None:
        """`bar`: the list's scroll bar takes room from its rows (not where the
        style lays it over them, as on macOS)."""
        super().__init__(parent)
        self.setPalette(list_palette())
        self.setBackgroundRole(QPalette.ColorRole.Base)  # so the pen starts as Text
        self.setAutoFillBackground(True)
        self._font = font
        # Keyword, not QScrollBar(self): that would make PySide6 build the Qt
        # namespace to choose between its overloads. Vertical by default.
        self._bar = QScrollBar(parent=self)
        self._bar.setRange(0, 0)  # as the list's, before it has laid rows out
        self._bar.setVisible(bar)
        self._rows = RowPainter()
        self._rows_shown: Sequence[Row] = ()
        self._current = -1
        self._sentence: Span | None = None
        self._word: Span | None = None
        self._hours = False
        self._heights: dict[int, int] = {}
        self._layouts: dict[int, QTextLayout] = {}
        self._width = -1
        self._painted = False

    def show_rows(
        self,
        rows: Sequence[Row],
        current: int,
        sentence: Span | None,
        word: Span | None,
        hours: bool,
    ) -> None:
        """Draw `rows` from the top, or with row `current` where the list reveals
        the spoken line; `sentence` (paragraph rows) and `word` are marked in it."""
        self._rows_shown, self._current, self._hours = rows, current, hours
        self._sentence, self._word = sentence, word
        self._heights.clear()
        self._layouts.clear()
        self.update()

    def show_transcript(
        self, transcript: Transcript, at_ms: int, paragraphs: bool, hours: bool
    ) -> None:
        """What the list will show first: the line spoken at `at_ms` (as its
        Follower finds it) and its word, in lines or in paragraphs."""
        current = transcript.index_at(at_ms)
        word = word_at(transcript[current], at_ms) if current >= 0 else None
        if not paragraphs:
            self.show_rows(transcript.segments, current, None, word, hours)
            return
        from reader.core.paragraphs import ParagraphIndex  # only in paragraph mode

        index = ParagraphIndex.build(transcript.segments)
        row = index.paragraph_of(current)
        sentence = index[row].span_of(current) if row >= 0 else None
        if sentence is not None and word is not None:
            word = (sentence[0] + word[0], sentence[0] + word[1])
        self.show_rows(index.paragraphs, row, sentence, word, hours)

    def scroll_bar_shown(self) -> bool:
        return self._bar.isVisibleTo(self)

    def scroll_bar_width(self) -> int:
        """The strip the scroll bar takes from the rows (0 where it is not shown)."""
        return self._bar.width() if self.scroll_bar_shown() else 0

    def has_rows(self) -> bool:
        return bool(self._rows_shown)

    def resizeEvent(self, e: QResizeEvent) -> None:
        hint = self._bar.sizeHint().width() if self._bar.isVisibleTo(self) else 0
        self._bar.setGeometry(self.width() - hint, 0, hint, self.height())
        super().resizeEvent(e)

    def paintEvent(self, e: QPaintEvent) -> None:
        t = self._rows_shown
        if not t:
            return
        bar = self._bar.width() if self._bar.isVisibleTo(self) else 0
        width, bottom = self.width() - bar, self.height()
        if width != self._width:
            self._width = width
            self._heights.clear()
            self._layouts.clear()

        layouts = self._layouts
        text_width = self._rows.text_width(width, self._font)

        def height(row: int) -> int:
            # Laid out once, to measure and then to paint (the list's delegate
            # measures with a shortcut that gives the same height).
            h = self._heights.get(row)
            if h is None:
                layouts[row], text_h = self._rows.layout(t[row].text, self._font, text_width)
                h = self._heights[row] = int(text_h + 0.999) + 2 * PAD_Y
            return h

        painter = QPainter(self)
        palette = self.palette()
        drawn = 0
        for row, rect in place_rows(len(t), height, width, bottom, 0, self._current):
            seg = t[row]
            current = row == self._current
            self._rows.paint(
                painter,
                rect,
                palette,
                self._font,
                format_time(seg.start_ms, always_hours=self._hours),
                seg.text,
                current=current,
                sentence=self._sentence if current else None,
                word=self._word if current else None,
                layout=layouts.get(row),
            )
            drawn += 1
        painter.end()
        if drawn and not self._painted:
            self._painted = True
            self.painted.emit()
