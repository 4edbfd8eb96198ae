"""The transcript list: batched layout, click to seek, keeps the spoken line in view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QApplication, QListView, QWidget

from reader.ui.delegate import TranscriptDelegate
from reader.ui.transcript_model import TranscriptModel

if TYPE_CHECKING:
    from PySide6.QtGui import QMouseEvent, QPaintEvent, QResizeEvent

# The spoken line is kept between these fractions of the view's height; when it
# leaves the band the view scrolls once to put it at COMFORT, not every line.
BAND_TOP = 0.12
BAND_BOTTOM = 0.70
COMFORT = 0.30


class TranscriptView(QListView):
    segment_activated = Signal(int)  # segment index clicked: seek there and play
    following_changed = Signal(bool)  # False once the user scrolls away
    first_painted = Signal()

    def __init__(self, model: TranscriptModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setModel(model)
        self._delegate = TranscriptDelegate(self)
        self.setItemDelegate(self._delegate)
        # Cached heights belong to rows; new rows (another file, paragraphs) need new ones.
        model.modelReset.connect(self._delegate.invalidate)
        model.highlight_changed.connect(self._repaint_row)
        # Batched: a 30,000-line transcript paints its first screen at once and
        # lays out the rest in the background instead of all rows up front.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(150)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMouseTracking(True)
        self.setSpacing(0)
        self.verticalScrollBar().setSingleStep(24)
        # Reading text a little larger than the interface around it.
        reading = QFont(self.font())
        reading.setPointSizeF(self.font().pointSizeF() * 1.15)
        self.setFont(reading)
        self._following = True
        self._press_pos = QPoint()
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
        if bar.value() < target and bar.value() == bar.maximum():
            # The scroll range grows as batched layout proceeds: finish later.
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
            rect = self.visualRect(index)
            offset = self._delegate.offset_at(index, rect, self._press_pos, self.font())
        self.segment_activated.emit(self._model.segment_at(index.row(), offset))

    # --- geometry & painting --------------------------------------------------------
    def resizeEvent(self, e: QResizeEvent) -> None:
        if e.size().width() != e.oldSize().width():
            self._delegate.invalidate()
        super().resizeEvent(e)

    def set_text_font(self, font: QFont) -> None:
        """Change the reading font; every row's height is measured again."""
        self.setFont(font)
        self._delegate.invalidate()
        self.scheduleDelayedItemsLayout()

    def mousePressEvent(self, e: QMouseEvent) -> None:
        self._press_pos = e.position().toPoint()
        # While batched layout runs, QListView.indexAt finds nothing even for
        # rows on screen, and the click would be lost: find the row ourselves.
        self._fallback_row = -1
        if not self.indexAt(self._press_pos).isValid():
            self._fallback_row = self.row_at(self._press_pos)
        super().mousePressEvent(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        row, self._fallback_row = self._fallback_row, -1
        if (
            row >= 0
            and e.button() == Qt.MouseButton.LeftButton
            and self.row_at(e.position().toPoint()) == row
        ):
            self._on_clicked(self._model.index(row))

    def row_at(self, pos: QPoint) -> int:
        """The row under `pos` by bisecting laid-out rows' rectangles; -1 if none."""
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

    def has_painted(self) -> bool:
        return self._painted

    def paintEvent(self, e: QPaintEvent) -> None:
        super().paintEvent(e)
        if not self._painted and self._model.rowCount():
            self._painted = True
            self.first_painted.emit()
            if self._pending_row >= 0:
                self._retry.start()
