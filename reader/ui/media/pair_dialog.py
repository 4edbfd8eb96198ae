"""Finding the recording of a transcript opened on its own, and asking when it is not clear.

`pair_media` looks beside the transcript and in the user's media folders: a clear
match is taken, close title matches are put to the user in a `PairDialog`, and
nothing found means no recording (the media panel already offers Open Media…).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.model import Header
from reader.core.pairing import Candidate, PairResult, find_media

PATH_ROLE = Qt.ItemDataRole.UserRole

# (parent, transcript path, result) -> the recording the user picked, or None.
AskChoice = Callable[[QWidget, Path, PairResult], "Path | None"]


def describe(candidate: Candidate) -> str:
    """Why a file was listed, in the user's words."""
    if candidate.reason == "name":
        return "Same name"
    if candidate.reason == "id":
        return "Same video id"
    return f"Title {candidate.score:.0f}% alike"


class PairDialog(QDialog):
    """The candidates, best first and preselected; the user picks one or none."""

    def __init__(
        self, transcript_path: Path, result: PairResult, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose the Recording")
        question = QLabel(f"Which recording belongs to “{transcript_path.name}”?", self)
        question.setTextFormat(Qt.TextFormat.PlainText)  # file names are never markup
        question.setWordWrap(True)
        font = question.font()
        font.setBold(True)
        question.setFont(font)
        detail = QLabel(
            "Several files match its title about equally well; the likeliest is selected.", self
        )
        detail.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Recording", "Match", "Folder"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        for candidate in result.candidates:
            item = QTreeWidgetItem(
                [candidate.path.name, describe(candidate), str(candidate.path.parent)]
            )
            item.setData(0, PATH_ROLE, str(candidate.path))
            item.setToolTip(0, str(candidate.path))
            item.setToolTip(2, str(candidate.path.parent))
            self.tree.addTopLevelItem(item)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 180)
        best = self.tree.topLevelItem(0)
        if best is not None:
            self.tree.setCurrentItem(best)
        buttons = QDialogButtonBox(self)
        self.use_button = buttons.addButton(
            "Use This Recording", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton("Not Now", QDialogButtonBox.ButtonRole.RejectRole)
        self.use_button.setDefault(True)
        self.use_button.setEnabled(self.chosen() is not None)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.tree.itemDoubleClicked.connect(lambda *_: self.accept())
        self.tree.currentItemChanged.connect(
            lambda *_: self.use_button.setEnabled(self.chosen() is not None)
        )
        box = QVBoxLayout(self)
        box.addWidget(question)
        box.addWidget(detail)
        box.addWidget(self.tree, 1)
        box.addWidget(buttons)
        self.resize(720, 260)

    def chosen(self) -> Path | None:
        item = self.tree.currentItem()
        return Path(str(item.data(0, PATH_ROLE))) if item is not None else None


def ask_with_dialog(parent: QWidget, transcript_path: Path, result: PairResult) -> Path | None:
    dialog = PairDialog(transcript_path, result, parent)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.chosen() if accepted else None
    finally:
        dialog.deleteLater()


def pair_media(
    parent: QWidget,
    transcript_path: str | Path,
    header: Header | None,
    media_dirs: Sequence[str],
    ask: AskChoice | None = None,
) -> Path | None:
    """The recording for this transcript: a clear match, the user's pick among close
    ones, or None. Looks in the transcript's folder and in `media_dirs`."""
    path = Path(transcript_path)
    result = find_media(path, header, list(media_dirs))
    if result.choice is None:
        return None
    if not result.ambiguous:
        return result.choice
    return (ask or ask_with_dialog)(parent, path, result)
