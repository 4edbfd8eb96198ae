"""The transcript list: batched layout, click to seek, keeps the spoken line in view."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QStyleOptionViewItem,
    QWidget,
)

from reader.ui.startup.rowpaint import COMFORT, place_rows, reading_font
from reader.ui.transcript.delegate import TranscriptDelegate
from reader.ui.transcript.model import TranscriptModel

if TYPE_CHECKING:
    from PySide6.QtGui import QMouseEvent, QPaintEvent, QResizeEvent

# The spoken line is kept between these fractions of the view's height; when it
# leaves the band the view scrolls once to put it at COMFORT, not every line.
BAND_TOP = 0.12
BAND_BOTTOM = 0.70
FIRST_BATCH = 1  # rows QListView lays out before its first paint (see __init__)
BATCH = 150  # rows laid out per step after it
PLACEHOLDER = (
    "Open a transcript (Ctrl+O) or drop one here, or pick an episode in the library (Ctrl+L)."
)


class TranscriptView(QListView):
    segment_activated = Signal(int)  # segment index clicked: seek there and play
    following_changed = Signal(bool)  # False once the user scrolls away
    first_painted = Signal()

    def __init__(self, model: TranscriptModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Our own viewport, made in Python: asking Qt for its default one makes
        # PySide look up the C++ type of an unknown QWidget, which creates some
        # thirty widget classes and their enums (~4-7 ms of the window's start).
        viewport = QWidget(self)
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        self.setViewport(viewport)
        self._model = model
        self.setModel(model)
        self._delegate = TranscriptDelegate(self)
        self.setItemDelegate(self._delegate)
        # Cached heights belong to rows; new rows (another file, paragraphs) need new ones.
        model.modelReset.connect(self._delegate.invalidate)
        model.modelReset.connect(self._forget_picked)
        model.highlight_changed.connect(self._repaint_row)
        # Batched: a 30,000-line transcript paints its first screen at once and
        # lays out the rest in the background instead of all rows up front.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        # Before its first paint QListView lays out one row, not a batch: the
        # paint's rows are drawn by _paint_unlaid_rows, and a batch of 150 was
        # measured twice (its scroll bar, once shown, narrows the rows).
        self.setBatchSize(FIRST_BATCH)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # The vertical bar always shown, so the text column never changes width
        # (and re-wraps) as rows are laid out or the transcript changes.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMouseTracking(True)
        self.setSpacing(0)
        # Reading text a little larger than the interface around it.
        self.setFont(reading_font(self.font()))
        self.verticalScrollBar().setSingleStep(24)
        self._following = True
        self._press_pos = QPoint()
        self._press_at: tuple[int, int] | None = None  # (row, char) a plain press was on
        self._picking = False  # this press drags over words inside its row
        self._fallback_row = -1
        self._painted = False
        self._pending_row = -1
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(30)
        self._retry.timeout.connect(self._retry_scroll)
        self.clicked.connect(self._on_clicked)
        self.verticalScrollBar().actionTriggered.connect(self._on_user_scrolled)

    # --- following -------------------------------------------------------------------
    def is_following(self) -> bool:
        return self._following

    def set_following(self, follow: bool) -> None:
        if follow == self._following:
            return
        self._following = follow
        self.following_changed.emit(follow)
        if follow:
            self.reveal(self._model.row_of_segment(self._model.current_row()), force=True)

    def reveal(self, row: int, force: bool = False) -> None:
        """Scroll so `row` sits at a comfortable height, unless it already does."""
        if row < 0 or row >= self._model.rowCount():
            return
        if not self._painted:
            # Before the first paint the width is not final: laying rows out
            # now would be wasted start-up work. The first paint retries.
            self._pending_row = row
            return
        rect = self.visualRect(self._model.index(row))
        if not rect.isValid() or rect.height() == 0:
            # Not laid out yet (batched layout still running): try again shortly.
            self._pending_row = row
            self._retry.start()
            return
        self._pending_row = -1
        h = self.viewport().height()
        if not force and rect.top() >= h * BAND_TOP and rect.bottom() <= h * BAND_BOTTOM:
            return
        bar = self.verticalScrollBar()
        target = max(0, bar.value() + rect.top() - int(h * COMFORT))
        bar.setValue(target)
        if bar.value() < target and bar.value() == bar.maximum() and not self._laid_out():
            # The scroll range grows as batched layout proceeds: finish later. (Once
            # every row is placed, a row in the last screenful cannot go higher.)
            self._pending_row = row
            self._retry.start()

    def _retry_scroll(self) -> None:
        if self._pending_row >= 0:
            self.reveal(self._pending_row, force=True)

    def on_current_changed(self, row: int) -> None:
        if self._following:
            self.reveal(row)

    def _on_user_scrolled(self, _action: int) -> None:
        # actionTriggered fires for wheel, drag and page clicks, never for setValue.
        self.set_following(False)

    # --- clicks ---------------------------------------------------------------------
    def _on_clicked(self, index: QModelIndex) -> None:
        if self._picking:
            return  # words were picked: not a click to hear the line
        if QApplication.keyboardModifiers() & (
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
        ):
            # Extending a selection, not asking to hear it: keep the view still
            # so the selection does not scroll away under the user.
            self.set_following(False)
            return
        if not index.isValid():
            return
        offset = None
        if self._model.paragraph_mode():
            # Which sentence of the paragraph was clicked.
            offset = self.char_at(index.row(), self._press_pos)
        # A plain click means "hear this", not "select this": the selection is
        # what the user picked with Shift or Ctrl (quoting and marking use it).
        self.clearSelection()
        self.segment_activated.emit(self._model.segment_at(index.row(), offset))

    # --- words picked inside one row (drag across them) ------------------------------
    def picked_words(self) -> tuple[int, tuple[int, int]] | None:
        """(row, chars) of the words the user dragged over inside one row, or None."""
        return self._delegate.picked

    def clear_picked(self) -> None:
        picked, self._delegate.picked = self._delegate.picked, None
        if picked is not None:
            self._repaint_row(picked[0])

    def _forget_picked(self) -> None:
        self._delegate.picked = None  # the rows are new: nothing to repaint

    def _pick(self, row: int, a: int, b: int) -> None:
        """Pick whole words from char `a` to `b` of `row` (either order)."""
        text = str(self._model.index(row).data() or "")
        lo, hi = min(a, b), min(max(a, b), len(text))
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < len(text) and not text[hi].isspace():
            hi += 1
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if lo >= hi or self._delegate.picked == (row, (lo, hi)):
            return
        if not self._picking:
            self._picking = True
            self.clearSelection()
            self.set_following(False)  # the line must not scroll away under the mouse
        self._delegate.picked = (row, (lo, hi))
        self._repaint_row(row)

    # --- geometry & painting --------------------------------------------------------
    def resizeEvent(self, e: QResizeEvent) -> None:
        wider_or_narrower = e.size().width() != e.oldSize().width()
        if wider_or_narrower:
            self._delegate.invalidate()
        super().resizeEvent(e)
        if wider_or_narrower and e.oldSize().isValid():
            # Rows wrap anew: lay them out again once the viewport has its new width
            # (QListView keeps rows placed at the old width, and they overlap).
            self.scheduleDelayedItemsLayout()
        if self._following and self._painted and e.oldSize().isValid():
            # A panel opened or closed beside or above the list: keep the spoken
            # line in view (once the new geometry is laid out).
            QTimer.singleShot(0, self._keep_current_in_view)

    def _keep_current_in_view(self) -> None:
        if self._following:
            self.reveal(self._model.row_of_segment(self._model.current_row()))

    def set_text_font(self, font: QFont) -> None:
        """Change the reading font; every row's height is measured again."""
        self.setFont(font)
        self._delegate.invalidate()
        self.scheduleDelayedItemsLayout()

    def mousePressEvent(self, e: QMouseEvent) -> None:
        self._press_pos = e.position().toPoint()
        self.clear_picked()
        self._picking = False
        # While batched layout runs, QListView.indexAt finds nothing even for
        # rows on screen, and the click would be lost: find the row ourselves.
        self._fallback_row = -1
        index = self.indexAt(self._press_pos)
        if not index.isValid():
            self._fallback_row = self.row_at(self._press_pos)
        row = index.row() if index.isValid() else self._fallback_row
        self._press_at = None
        plain = e.modifiers() == Qt.KeyboardModifier.NoModifier
        if row >= 0 and plain and e.button() == Qt.MouseButton.LeftButton:
            char = self.char_at(row, self._press_pos)
            self._press_at = (row, char) if char is not None else None
        super().mousePressEvent(e)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        """A drag that stays inside the row it began on picks words, not rows."""
        pos = e.position().toPoint()
        if self._press_at is not None and e.buttons() & Qt.MouseButton.LeftButton:
            row, start = self._press_at
            moved = abs(pos.x() - self._press_pos.x()) >= QApplication.startDragDistance()
            if self.row_at(pos) == row and (self._picking or moved):
                char = self.char_at(row, pos)
                if char is not None:
                    self._pick(row, start, char)
                    return
            elif self._picking:  # out of the row: the drag selects rows again
                self._picking = False
                self._press_at = None
                self.clear_picked()
        super().mouseMoveEvent(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        row, self._fallback_row = self._fallback_row, -1
        if (
            row >= 0
            and e.button() == Qt.MouseButton.LeftButton
            and self.row_at(e.position().toPoint()) == row
        ):
            self._on_clicked(self._model.index(row))
        self._picking = False
        self._press_at = None

    def row_at(self, pos: QPoint) -> int:
        """The row under `pos` by bisecting laid-out rows' rectangles; -1 if none."""
        if not self._laid_out():
            return next((row for row, rect in self.unlaid_rows() if rect.contains(pos)), -1)
        lo, hi = 0, self._model.rowCount()
        while lo < hi:
            mid = (lo + hi) // 2
            rect = self.visualRect(self._model.index(mid))
            if not rect.isValid() or rect.height() == 0 or rect.top() > pos.y():
                hi = mid
            elif rect.bottom() < pos.y():
                lo = mid + 1
            else:
                return mid
        return -1

    def _repaint_row(self, row: int) -> None:
        if not self._painted:
            return  # the first paint draws it; asking for geometry now would lay out rows
        rect = self.visualRect(self._model.index(row))
        if rect.isValid() and rect.intersects(self.viewport().rect()):
            self.viewport().update(rect)
        elif not self._laid_out():
            self.viewport().update()  # drawn by _paint_unlaid_rows, which has no rects

    def has_painted(self) -> bool:
        return self._painted

    def is_revealing(self) -> bool:
        """A row waits to be scrolled into view (layout has not reached it yet)."""
        return self._pending_row >= 0

    def _laid_out(self) -> bool:
        """Whether QListView has placed every row (its batched layout is done)."""
        n = self._model.rowCount()
        if not n:
            return True
        rect = self.visualRect(self._model.index(n - 1))
        return rect.isValid() and rect.height() > 0

    def paintEvent(self, e: QPaintEvent) -> None:
        super().paintEvent(e)
        drawn = self._model.rowCount() > 0
        if not drawn and self._model.transcript is None:
            self._paint_placeholder()
        if drawn and not self._laid_out():
            # Batched layout draws no row at all until it has placed every one
            # (most of a second for 30,000 lines): draw the screenful ourselves,
            # with the same delegate, where QListView will put those rows.
            drawn = self._paint_unlaid_rows() > 0
        if not self._painted and drawn:  # first_painted means text on screen
            self._painted = True
            QTimer.singleShot(0, self._after_first_frame)
            self.first_painted.emit()
            if self._pending_row >= 0:
                self._retry.start()

    def _after_first_frame(self) -> None:
        self.setBatchSize(BATCH)

    def _paint_placeholder(self) -> None:
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        rect = self.viewport().rect().adjusted(24, 48, -24, -24)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(rect, int(flags), PLACEHOLDER)
        painter.end()

    def unlaid_rows(self) -> Iterator[tuple[int, QRect]]:
        """The rows on screen and their places, before batched layout has placed them.

        From the top, or with the row waiting to be revealed (a resumed
        position) at the height `reveal` will scroll it to.
        """
        option = self._item_option()
        width, bottom = self.viewport().width(), self.viewport().height()

        def height(row: int) -> int:
            return int(self._delegate.sizeHint(option, self._model.index(row)).height())

        scroll = self.verticalScrollBar().value()
        count = self._model.rowCount()
        yield from place_rows(count, height, width, bottom, scroll, self._pending_row)

    def time_width(self) -> int:
        """The time column's width, from a row's left edge to its text."""
        return self._delegate.time_width(self.font())

    def char_at(self, row: int, pos: QPoint) -> int | None:
        """The character of `row` under `pos` (laid out or not yet); None on the time."""
        rect = self._row_rect(row)
        return self._delegate.offset_at(self._model.index(row), rect, pos, self.font())

    def _row_rect(self, row: int) -> QRect:
        """Where `row` is on screen: laid out by QListView, or drawn by us meanwhile."""
        rect = self.visualRect(self._model.index(row))
        if rect.isValid() or self._laid_out():
            return rect
        return next((r for i, r in self.unlaid_rows() if i == row), rect)

    def _item_option(self) -> QStyleOptionViewItem:
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        return option

    def _paint_unlaid_rows(self) -> int:
        option = self._item_option()
        painter = QPainter(self.viewport())
        count = 0
        for row, rect in self.unlaid_rows():
            option.rect = rect
            self._delegate.paint(painter, option, self._model.index(row))
            count += 1
        painter.end()
        return count
