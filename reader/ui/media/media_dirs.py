"""The user's media folders: where recordings are looked for besides the transcript's folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

KEY = "media/dirs"
PATH_ROLE = Qt.ItemDataRole.UserRole


def load_dirs(settings: QSettings) -> list[str]:
    """The folders in settings; an INI file gives back one folder as a bare string."""
    value = settings.value(KEY)
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    out: list[str] = []
    for item in items:
        text = str(item).strip()
        if text and text not in out:
            out.append(text)
    return out


def save_dirs(settings: QSettings, dirs: list[str]) -> None:
    if dirs:
        settings.setValue(KEY, list(dirs))
    else:
        settings.remove(KEY)


def _same_folder(a: str, b: str) -> bool:
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


class FoldersDialog(QDialog):
    """A list of folders with Add… and Remove; every change is saved at once
    through `save` (the library's folders use it too)."""

    def __init__(
        self,
        title: str,
        intro: str,
        load: Callable[[], list[str]],
        save: Callable[[list[str]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._intro = intro
        self._save_to = save
        # Replaceable so tests need no modal folder dialog: returns a folder or "".
        self.ask_folder: Callable[[], str] = self._ask_folder
        self._build()
        for folder in load():
            self._add_item(folder)
        self._update_buttons()
        self.resize(560, 340)

    def _build(self) -> None:
        intro = QLabel(self._intro, self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAlternatingRowColors(True)
        self.add_button = QPushButton("Add…", self)
        self.remove_button = QPushButton("Remove", self)
        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.list, 1)
        middle.addLayout(side)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(middle, 1)
        box.addWidget(buttons)
        self.add_button.clicked.connect(self.add_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.itemSelectionChanged.connect(self._update_buttons)

    def folders(self) -> list[str]:
        return [str(self.list.item(i).data(PATH_ROLE)) for i in range(self.list.count())]

    def add_folder(self) -> bool:
        folder = self.ask_folder()
        if not folder:
            return False
        for i, known in enumerate(self.folders()):
            if _same_folder(known, folder):
                self.list.setCurrentRow(i)  # already listed: show it rather than repeat it
                return False
        self._add_item(folder)
        self.list.setCurrentRow(self.list.count() - 1)
        self._save()
        return True

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self._save()
        self._update_buttons()

    def _add_item(self, folder: str) -> None:
        item = QListWidgetItem(folder)
        item.setData(PATH_ROLE, folder)
        if not Path(folder).is_dir():
            # Kept, since it may be a drive that is not mounted right now.
            item.setText(f"{folder}  (not found)")
            item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            item.setToolTip("This folder does not exist now; it is skipped until it does.")
        else:
            item.setToolTip(folder)
        self.list.addItem(item)

    def _save(self) -> None:
        self._save_to(self.folders())

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.list.selectedItems()))

    def _ask_folder(self) -> str:
        from PySide6.QtWidgets import QFileDialog

        return QFileDialog.getExistingDirectory(self, "Add a folder", str(Path.home()))


class MediaDirsDialog(FoldersDialog):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(
            "Media Folders",
            "When a transcript is opened on its own, its recording is looked for in the "
            "transcript's folder and in these folders (not their subfolders).",
            lambda: load_dirs(settings),
            lambda dirs: save_dirs(settings, dirs),
            parent,
        )
