"""The small note editor N opens beside a mark: its note and tags.

A popup, not a dialog: it sits next to the marked line, takes the keys while
it is open, and closes on Enter, on Escape or on a click elsewhere, always
keeping what was typed (`finished` carries it, once). Shift+Enter starts a new
line in the note; Tab goes to the tags.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QHideEvent

WIDTH = 380
HINT = "Enter or Esc keeps it · Shift+Enter: new line · Tab: tags"


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags as typed: separated by commas when there is one (a tag may hold
    spaces then), else by spaces; a leading # is dropped; each tag once."""
    parts = text.split(",") if "," in text else text.split()
    out: list[str] = []
    for part in parts:
        tag = " ".join(part.split()).lstrip("#").strip()
        if tag and tag not in out:
            out.append(tag)
    return tuple(out)


def tags_field_text(tags: Sequence[str]) -> str:
    return ", ".join(tags)


class NoteEditor(QFrame):
    finished = Signal(str, object)  # the note, its tags (tuple[str, ...]); once, on closing

    def __init__(
        self, heading: str, note: str, tags: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Note")
        self._done = False
        title = QLabel(self)
        title.setTextFormat(Qt.TextFormat.PlainText)  # transcript text, never markup
        title.setText(
            title.fontMetrics().elidedText(heading, Qt.TextElideMode.ElideRight, WIDTH - 24)
        )
        self.note_field = QPlainTextEdit(self)
        self.note_field.setPlainText(note)
        self.note_field.setPlaceholderText("Note")
        self.note_field.setTabChangesFocus(True)
        self.note_field.setAccessibleName("Note")
        self.note_field.setFixedHeight(self.note_field.fontMetrics().height() * 4 + 12)
        self.note_field.moveCursor(self.note_field.textCursor().MoveOperation.End)
        self.tags_field = QLineEdit(self)
        self.tags_field.setText(tags_field_text(tags))
        self.tags_field.setPlaceholderText("Tags, separated by spaces or commas")
        self.tags_field.setAccessibleName("Tags")
        hint = QLabel(HINT, self)
        hint.setEnabled(False)  # the muted colour
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        box.setSpacing(6)
        box.addWidget(title)
        box.addWidget(self.note_field)
        box.addWidget(self.tags_field)
        box.addWidget(hint)
        self.setFixedWidth(WIDTH)
        for field in (self.note_field, self.tags_field):
            field.installEventFilter(self)

    def note(self) -> str:
        return self.note_field.toPlainText().strip()

    def tags(self) -> tuple[str, ...]:
        return parse_tags(self.tags_field.text())

    def popup_at(self, anchor: QRect) -> None:
        """Show below `anchor` (global coordinates), or above it when the screen
        ends first; always on the screen."""
        self.adjustSize()
        size = self.sizeHint()
        screen = QGuiApplication.screenAt(anchor.center()) or QGuiApplication.primaryScreen()
        room = screen.availableGeometry()
        x = min(max(room.left(), anchor.left()), room.right() - size.width())
        y = anchor.bottom() + 2
        if y + size.height() > room.bottom():
            y = max(room.top(), anchor.top() - size.height() - 2)
        self.move(QPoint(x, y))
        self.show()
        self.note_field.setFocus()

    # --- keys and closing ---------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if key == Qt.Key.Key_Escape or (enter and not (shift and watched is self.note_field)):
                self.close()
                return True
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._finish()
        super().closeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._finish()  # a popup hidden by a click elsewhere
        super().hideEvent(event)

    def _finish(self) -> None:
        if not self._done:
            self._done = True
            self.finished.emit(self.note(), self.tags())
