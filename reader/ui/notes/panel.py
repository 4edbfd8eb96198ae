"""The Notes panel in the side area: the open transcript's marks as cards.

A click jumps the player to a mark (Enter also plays), Delete removes the
selected marks, a double-click or F2 edits a note in place. The panel only
asks (its signals); the controller (marking.py) changes the store and puts
the result in the model.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.notes.card import CardDelegate
from reader.ui.notes.model import NotesModel
from reader.ui.search.key_claim import KeyClaim

EMPTY = (
    "No marks yet. M marks the line being spoken, or the lines (or words) you picked;"
    " N adds a note."
)
_K = Qt.Key
# Keys the list takes from the window's shortcuts while it has focus.
_LIST_KEYS = {
    _K.Key_Up, _K.Key_Down, _K.Key_PageUp, _K.Key_PageDown, _K.Key_Home, _K.Key_End,
    _K.Key_Return, _K.Key_Enter, _K.Key_Delete, _K.Key_Backspace, _K.Key_N,
}  # fmt: skip


class NotesPanel(QWidget):
    jump_requested = Signal(int, bool)  # mark id; True: play from there too
    remove_requested = Signal(list)  # mark ids
    export_requested = Signal()
    note_requested = Signal(int)  # mark id: its note editor (N)

    def __init__(self, model: NotesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._build()
        self._connect_signals()
        self._update_status()

    def _build(self) -> None:
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.export_button = QToolButton(self)
        self.export_button.setText("Export…")
        self.export_button.setAutoRaise(True)
        self.export_button.setToolTip("Write these notes as Markdown, Readwise CSV, Anki or JSON")
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(CardDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setUniformItemSizes(False)
        self.list.setMouseTracking(True)
        self.list.setAccessibleName("Notes")
        top = QHBoxLayout()
        top.setContentsMargins(8, 6, 4, 0)
        top.addWidget(self.status, 1)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addLayout(top)
        box.addWidget(self.list, 1)

    def _connect_signals(self) -> None:
        self.list.clicked.connect(lambda index: self._jump(index, False))
        self.export_button.clicked.connect(self.export_requested)
        KeyClaim(self.list, _LIST_KEYS, self._on_key)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._update_status)

    # --- what the user does ----------------------------------------------------------
    def _on_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (_K.Key_Delete, _K.Key_Backspace):
            self.remove_selected()
            return True
        if key == _K.Key_N and not event.modifiers():
            ids = self.selected_ids()
            if ids:
                self.note_requested.emit(ids[0])
            return bool(ids)
        if key in (_K.Key_Return, _K.Key_Enter) and self.list.state() != (
            QAbstractItemView.State.EditingState
        ):
            self._jump(self.list.currentIndex(), True)
            return True
        return False  # moving through the list: the list's own keys

    def _jump(self, index: QModelIndex, play: bool) -> None:
        mark = self.model.mark_at(index.row()) if index.isValid() else None
        if mark is not None:
            self.jump_requested.emit(mark.id, play)

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.list.selectionModel().selectedIndexes()})
        if not rows and self.list.currentIndex().isValid():
            rows = [self.list.currentIndex().row()]
        return [m.id for m in map(self.model.mark_at, rows) if m is not None]

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            first = min(self.model.row_of(i) for i in ids)
            self.remove_requested.emit(ids)
            # The next card takes the removed one's place, ready for another Delete.
            row = min(first, self.model.rowCount() - 1)
            if row >= 0:
                self.list.setCurrentIndex(self.model.index(row))

    # --- what the controller does -----------------------------------------------------
    def show_mark(self, mark_id: int) -> None:
        """Select a mark's card and scroll to it."""
        row = self.model.row_of(mark_id)
        if row >= 0:
            index = self.model.index(row)
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index)

    def edit_in_place(self, mark_id: int) -> None:
        self.show_mark(mark_id)
        row = self.model.row_of(mark_id)
        if row >= 0:
            self.list.setFocus()
            self.list.edit(self.model.index(row))

    def _update_status(self) -> None:
        n = self.model.rowCount()
        lost = sum(1 for m in self.model.marks() if m.lost)
        if not n:
            text = EMPTY
        else:
            text = "1 mark" if n == 1 else f"{n:,} marks"
            if lost:
                text += f" ({lost:,} not found in the changed transcript)"
        self.status.setText(text)
        self.export_button.setEnabled(n > 0)
