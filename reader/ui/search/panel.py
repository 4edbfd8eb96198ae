"""Find in the transcript: a field, a list of hits best first, matches marked in the text.

Typing searches after a short pause; the index is built once per transcript, on
first use. Enter / F3 / Shift+F3 step through the hits in list order and show
each in the transcript without seeking; activating a hit (double-click, Enter in
the list) plays from there. The window's own keys (Up/Down/Escape) are kept away
from the field and the list while they have focus, so arrows move through hits.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.model import Transcript
from reader.core.search import Hit, SearchIndex
from reader.player.base import Player
from reader.ui.search.key_claim import KeyClaim
from reader.ui.search.results import ResultsList, ResultsModel
from reader.ui.transcript.model import TranscriptModel
from reader.ui.transcript.view import TranscriptView

DEBOUNCE_MS = 80
LIMIT = 500  # hits listed and marked; more is said as "500+"
MAX_SHARE = 0.4  # the list takes at most this share of the transcript's height
_K = Qt.Key
# Keys the field and list handle themselves instead of the window's shortcuts.
_ARROWS = {_K.Key_Up, _K.Key_Down, _K.Key_PageUp, _K.Key_PageDown}
_FIELD_KEYS = _ARROWS | {_K.Key_Escape, _K.Key_Return, _K.Key_Enter}
_LIST_KEYS = _FIELD_KEYS | {_K.Key_Home, _K.Key_End}


class SearchPanel(QWidget):
    opened = Signal()  # also when asked for again while open (Ctrl+F)
    closed = Signal()

    def __init__(
        self,
        model: TranscriptModel,
        view: TranscriptView,
        player: Player,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._view = view
        self._player = player
        self._index: SearchIndex | None = None
        self._indexed: Transcript | None = None  # what _index was built from
        self._hits: list[Hit] = []
        self._more = False  # more than LIMIT hits
        self._current = -1  # row of the chosen hit
        self._searched: tuple[str, bool] | None = None  # query and exactness last run
        self._searched_in: Transcript | None = None  # … on this transcript
        self._build()
        self._connect_signals()
        self._update_count()
        self.hide()

    # --- building -------------------------------------------------------------------
    def _build(self) -> None:
        self.field = QLineEdit(self)
        self.field.setPlaceholderText('Find in transcript  ("quotes" for exact text)')
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Find in transcript")
        self.exact_button = QToolButton(self)
        self.exact_button.setText("Exact")
        self.exact_button.setCheckable(True)
        self.exact_button.setAutoRaise(True)
        self.exact_button.setToolTip("Only the exact text, no spelling variants")
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("000 of 500+ "))
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.previous_button = self._tool_button(Qt.ArrowType.UpArrow, "Previous match (Shift+F3)")
        self.next_button = self._tool_button(Qt.ArrowType.DownArrow, "Next match (F3)")
        self.close_button = QToolButton(self)
        self.close_button.setAutoRaise(True)
        self.close_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton)
        )
        self.close_button.setToolTip("Close (Escape)")
        self.results = ResultsModel()
        self.results_view = ResultsList(self.results, self)

        row = QHBoxLayout()
        row.setContentsMargins(6, 4, 4, 4)
        row.setSpacing(2)
        row.addWidget(self.field, 1)
        row.addWidget(self.exact_button)
        row.addSpacing(4)
        row.addWidget(self.count_label)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addWidget(self.close_button)
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(0)
        self._box.addLayout(row)
        self._box.addWidget(self.results_view)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        # Built right after opening, so the first keystroke finds it ready.
        self._warm = QTimer(self)
        self._warm.setSingleShot(True)
        self._warm.setInterval(0)

    def _tool_button(self, arrow: Qt.ArrowType, tip: str) -> QToolButton:
        b = QToolButton(self)
        b.setArrowType(arrow)
        b.setAutoRaise(True)
        b.setToolTip(tip)
        return b

    def _connect_signals(self) -> None:
        self.field.textChanged.connect(lambda _text: self._timer.start())
        KeyClaim(self.field, _FIELD_KEYS, self._field_key)
        KeyClaim(self.results_view, _LIST_KEYS, self._list_key)
        self._view.installEventFilter(self)
        self._timer.timeout.connect(self._run)
        self._warm.timeout.connect(self._ensure_index)
        self.exact_button.toggled.connect(lambda _on: self._run())
        self.previous_button.clicked.connect(self.previous_hit)
        self.next_button.clicked.connect(self.next_hit)
        self.close_button.clicked.connect(self.close_search)
        self.results_view.selectionModel().currentChanged.connect(self._on_list_current)
        self.results_view.clicked.connect(lambda index: self._choose(index.row()))
        self.results_view.doubleClicked.connect(lambda index: self._activate(index.row()))
        self._model.modelReset.connect(self._on_model_reset)
        self._model.rowsInserted.connect(self._on_model_changed)

    # --- public API -------------------------------------------------------------------
    def is_open(self) -> bool:
        return not self.isHidden()

    def set_results_docked(self, docked: bool) -> None:
        """Docked: the owner has put the results list elsewhere (the side area);
        else it goes back under the search field."""
        if docked == self.results_view.is_docked():
            return
        self.results_view.set_docked(docked)
        if not docked:
            self._box.addWidget(self.results_view)
            self._fit_list()

    def open_search(self) -> None:
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        if self._index is None or self._indexed is not self._model.transcript:
            self._warm.start()
        if self.field.text().strip() and not self._hits:
            self._run()  # reopened: the last query's hits come back
        self.opened.emit()

    def close_search(self) -> None:
        self._timer.stop()
        self._searched = None
        self._show_hits([], more=False)
        self.hide()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._view.set_following(True)
        self.closed.emit()

    def next_hit(self) -> None:
        self._step(1)

    def previous_hit(self) -> None:
        self._step(-1)

    def hits(self) -> list[Hit]:
        """The listed hits, best first (at most LIMIT)."""
        return list(self._hits)

    def current_hit(self) -> int:
        """Row of the chosen hit in the list, -1 for none."""
        return self._current

    def is_pending(self) -> bool:
        """Typed text not searched yet (the pause after a keystroke)."""
        return self._timer.isActive()

    # --- searching --------------------------------------------------------------------
    def _ensure_index(self) -> SearchIndex | None:
        transcript = self._model.transcript
        if transcript is None:
            self._index = self._indexed = None
        elif self._index is None or self._indexed is not transcript:
            self._index, self._indexed = SearchIndex(transcript), transcript
        return self._index

    def _run(self) -> None:
        self._timer.stop()
        query, exact = self.field.text(), self.exact_button.isChecked()
        transcript = self._model.transcript
        if (query, exact) == self._searched and transcript is self._searched_in:
            return  # e.g. paragraph mode toggled: same hits, marks kept by the model
        self._searched, self._searched_in = (query, exact), transcript
        index = self._ensure_index() if query.strip() else None
        if index is None:
            self._show_hits([], more=False)
            return
        hits = index.search(query, exact=exact, limit=LIMIT + 1)
        self._show_hits(hits[:LIMIT], more=len(hits) > LIMIT)

    def _show_hits(self, hits: list[Hit], *, more: bool) -> None:
        self._hits, self._more, self._current = hits, more, -1
        self.results.set_hits(self._model.transcript, hits)
        self._model.set_matches({h.index: h.spans for h in hits})
        self._fit_list()
        self._update_count()

    def _flush(self) -> None:
        """Search now if typing is still waiting for its pause."""
        if self._timer.isActive() or (self.field.text().strip() and self._searched is None):
            self._run()

    def _on_model_reset(self) -> None:
        if self._hits and self._model.transcript is not self._searched_in:
            # Another transcript: the listed hits point into the old one.
            self._searched = None
            self._show_hits([], more=False)
        self._on_model_changed()

    def _on_model_changed(self) -> None:
        # Another transcript, or the rest of a long one: search again after the pause.
        if self.is_open() and self.field.text().strip():
            self._timer.start()

    # --- choosing hits ----------------------------------------------------------------
    def _step(self, delta: int) -> None:
        if not self.is_open():
            self.open_search()
        self._flush()
        n = len(self._hits)
        if not n:
            return
        if self._current < 0:
            self._choose(0 if delta > 0 else n - 1)
        else:
            self._choose((self._current + delta) % n)

    def _on_list_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() != self._current:
            self._choose(current.row())

    def _choose(self, row: int) -> None:
        """Select hit `row` in the list and show its line in the transcript."""
        if not 0 <= row < len(self._hits):
            return
        self._current = row
        index = self.results.index(row)
        if self.results_view.currentIndex() != index:
            self.results_view.setCurrentIndex(index)  # re-enters _on_list_current: no-op
        self.results_view.scrollTo(index)
        self._update_count()
        target = self._model.row_of_segment(self._hits[row].index)
        self._view.selectionModel().select(
            self._model.index(target), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self._view.set_following(False)
        self._view.reveal(target, force=True)

    def _activate(self, row: int) -> None:
        """Play from hit `row`."""
        if not 0 <= row < len(self._hits) or self._model.transcript is None:
            return
        self._choose(row)
        self._player.seek(self._model.transcript[self._hits[row].index].start_ms)
        if not self._player.is_playing():
            self._player.play()
        self._view.set_following(True)

    # --- look -----------------------------------------------------------------------
    def _update_count(self) -> None:
        n = len(self._hits)
        if not self._searched or not self._searched[0].strip():
            self.count_label.setText("")
            self.results_view.set_placeholder("Type to find in the transcript.")
        elif not n:
            self.count_label.setText("No matches")
            self.results_view.set_placeholder(f"No matches for “{self._searched[0].strip()}”.")
        else:
            total = f"{n}+" if self._more else str(n)
            if self._current >= 0:
                self.count_label.setText(f"{self._current + 1} of {total}")
            else:
                self.count_label.setText(f"{total} {'match' if n == 1 else 'matches'}")
        self.previous_button.setEnabled(n > 0)
        self.next_button.setEnabled(n > 0)

    def _fit_list(self) -> None:
        shown = self.results_view.height() if self.results_view.isVisible() else 0
        self.results_view.fit(int((self._view.height() + shown) * MAX_SHARE))

    # --- keys -----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The transcript's height caps the list's.
        resized = watched is self._view and event.type() == QEvent.Type.Resize
        if resized and self.results_view.isVisible():
            self._fit_list()
        return False

    def _field_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == _K.Key_Escape:
            self.close_search()
        elif key in (_K.Key_Return, _K.Key_Enter):
            back = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self._step(-1 if back else 1)
        elif self._hits or self._timer.isActive():
            # Arrows in the field move through the list; focus stays for typing.
            self._flush()
            page = self.results_view.page()
            step = {_K.Key_Up: -1, _K.Key_Down: 1, _K.Key_PageUp: -page, _K.Key_PageDown: page}
            if self._hits:
                last = len(self._hits) - 1
                self._choose(min(last, max(0, self._current + step[_K(key)])))
        return True

    def _list_key(self, event: QKeyEvent) -> bool:
        if event.key() == _K.Key_Escape:
            self.close_search()
            return True
        if event.key() in (_K.Key_Return, _K.Key_Enter):
            self._activate(self.results_view.currentIndex().row())
            return True
        return False  # arrows, Home, End: the list moves its current row itself
