"""'Back to current line': shown over the list while the user reads elsewhere."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QPushButton

from reader.ui.transcript.view import TranscriptView

MARGIN = 12  # above the list's bottom edge


class BackButton(QPushButton):
    def __init__(self, view: TranscriptView) -> None:
        super().__init__("↓ Back to current line", view)
        self._view = view
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName("Back to current line")
        self.clicked.connect(lambda: view.set_following(True))
        view.following_changed.connect(self._on_following_changed)
        view.installEventFilter(self)
        self.setVisible(not view.is_following())

    def _on_following_changed(self, following: bool) -> None:
        self.setVisible(not following)
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._place)  # once the viewport has its new size
        return False

    def _place(self) -> None:
        self.adjustSize()
        vp = self._view.viewport()
        self.move((vp.width() - self.width()) // 2, vp.height() - self.height() - MARGIN)
        self.raise_()
