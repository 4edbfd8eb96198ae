"""The window's small dialogs: keyboard shortcuts help (F1 or ?), built from the
window's own actions, and the open-file dialog."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.mediatypes import MEDIA_EXTENSIONS


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    rows = []
    for action in actions:
        keys = ", ".join(
            s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
        )
        if keys:
            rows.append((action.text().replace("&", ""), keys))
    rows.append(("Seek to a line", "Click it"))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows(actions)
        table = QTableWidget(len(rows), 2, self)
        table.setHorizontalHeaderLabels(["Action", "Keys"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (what, keys) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(what))
            table.setItem(r, 1, QTableWidgetItem(keys))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        box = QVBoxLayout(self)
        box.addWidget(table)
        box.addWidget(buttons)
        self.resize(420, 420)


def ask_open_path(
    parent: QWidget, title: str, kind: str, transcripts: bool, folder: Path | None
) -> str:
    """A file to open (or ""): recordings, and transcripts when `transcripts`."""
    from PySide6.QtWidgets import QFileDialog

    patterns = " ".join(f"*{e}" for e in sorted(MEDIA_EXTENSIONS))
    if transcripts:
        patterns = f"*.txt *.srt *.vtt *.json *.md {patterns}"
    chosen, _ = QFileDialog.getOpenFileName(
        parent, title, str(folder or ""), f"{kind} ({patterns});;All files (*)"
    )
    return chosen
