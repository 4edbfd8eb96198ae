"""The library panel: every episode in the user's folders, filtered and searched as you type.

Typing searches the titles at once and every transcript's text after a short
pause (in the worker thread; a newer query cancels the older). Enter or a
double-click opens an episode where it was left, or a found line at its time.
The folders are watched while the panel lives, and scanned again when the
application comes back to the front.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.ui.library.model import HIT_ROLE, PATH_ROLE, PROBLEM_ROLE, START_ROLE, LibraryModel
from reader.ui.library.worker import LibraryWorker
from reader.ui.search.key_claim import KeyClaim
from reader.ui.search.results import ResultsDelegate

if TYPE_CHECKING:
    from PySide6.QtCore import QPersistentModelIndex
    from PySide6.QtGui import QPainter

    from reader.core.library import Episode, EpisodeHits, Library, ScanReport

DEBOUNCE_MS = 250
_K = Qt.Key
_LIST_KEYS = {
    _K.Key_Up, _K.Key_Down, _K.Key_PageUp, _K.Key_PageDown, _K.Key_Home, _K.Key_End,
    _K.Key_Left, _K.Key_Right, _K.Key_Return, _K.Key_Enter,
}  # fmt: skip
RESCAN_MS = 1500  # after the last change a folder watcher saw
WATCH_AFTER_MS = 100  # the folders are listed for watching once the list is on screen
START_SCAN_MS = 300  # the first look for changes, likewise
MAX_WATCHED = 400  # folders watched at most (each costs the system a watch)


class _Delegate(QStyledItemDelegate):
    """Hit lines as the in-file results are painted: time, text, marked words."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._hits = ResultsDelegate(parent)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if index.data(HIT_ROLE):
            self._hits.paint(painter, option, index)
        else:
            super().paint(painter, option, index)


class LibraryPanel(QWidget):
    open_requested = Signal(object, object)  # Path, start ms (None: where it was left)
    scanned = Signal()  # a look for changed files ended

    def __init__(
        self,
        library: Library,
        worker: LibraryWorker,
        positions: Callable[[], Mapping[Path, int]],
        parent: QWidget | None = None,
    ) -> None:
        """`library`: this thread's connection (folders, the episode list);
        `worker`: scans and searches in its thread; `positions`: where each
        transcript was left."""
        super().__init__(parent)
        self._library = library
        self._worker = worker
        self._positions = positions
        self.model = LibraryModel()
        self._shown_query = ""  # the query whose hits the list shows
        self._open_when_found = False
        self._closed = False
        self._build()
        self._connect_signals()
        self._show_episodes(library.episodes())
        # After the list is on screen: listing the folders' subfolders, and looking
        # for what changed since last time, take a while (and the GIL).
        QTimer.singleShot(WATCH_AFTER_MS, self._watch_folders)
        QTimer.singleShot(START_SCAN_MS, self.rescan)  # rescan checks it is still open

    # --- building ---------------------------------------------------------------------
    def _build(self) -> None:
        self.field = QLineEdit(self)
        self.field.setPlaceholderText('Find in every transcript  ("quotes" for exact text)')
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Find in the library")
        self.exact_button = QToolButton(self)
        self.exact_button.setText("Exact")
        self.exact_button.setCheckable(True)
        self.exact_button.setAutoRaise(True)
        self.folders_button = QToolButton(self)
        self.folders_button.setText("Folders…")
        self.folders_button.setAutoRaise(True)
        self.folders_button.setToolTip("The folders whose transcripts make the library")
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(6)
        self.bar.hide()
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(_Delegate(self.tree))
        self.tree.setUniformRowHeights(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAccessibleName("Library")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Widths from the font, not from the rows: measuring a thousand rows' cells
        # (ResizeToContents) cost ~40 ms each time the list is shown.
        metrics = self.fontMetrics()
        for column, sample in enumerate(("", "0000-00-00", "00:00:00", "100 %", "Recording"), 0):
            if column:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # newest first
        row = QHBoxLayout()
        row.setContentsMargins(6, 4, 4, 0)
        row.setSpacing(2)
        row.addWidget(self.field, 1)
        row.addWidget(self.exact_button)
        row.addWidget(self.folders_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.bar)
        status_row = QHBoxLayout()
        status_row.setContentsMargins(8, 0, 8, 0)
        status_row.addWidget(self.status, 1)
        box.addLayout(status_row)
        box.addWidget(self.tree, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._rescan_timer = QTimer(self)
        self._rescan_timer.setSingleShot(True)
        self._rescan_timer.setInterval(RESCAN_MS)
        self._watcher = QFileSystemWatcher(self)

    def _field_key(self, event: QKeyEvent) -> bool:
        """Down in the field moves into the list, as in a file dialog."""
        if event.key() == Qt.Key.Key_Down and self.model.rowCount():
            self.tree.setFocus(Qt.FocusReason.TabFocusReason)
            if not self.tree.currentIndex().isValid():
                self.tree.setCurrentIndex(self.model.index(0, 0))
            return True
        return False

    def _tree_key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open_index(self.tree.currentIndex())
            return True
        return False  # arrows and the like: the list moves its current row itself

    def _connect_signals(self) -> None:
        # The window's keys (Up/Down: lines, Escape) would take these from the panel.
        KeyClaim(self.field, {Qt.Key.Key_Down}, self._field_key)
        KeyClaim(self.tree, _LIST_KEYS, self._tree_key)
        self.field.textChanged.connect(self._on_text)
        self.field.returnPressed.connect(self._open_first)
        self.exact_button.toggled.connect(lambda _on: self._search_now())
        self.folders_button.clicked.connect(self.choose_folders)
        self._timer.timeout.connect(self._search_now)
        self.tree.activated.connect(self._open_index)
        self._worker.progress.connect(self._on_progress)
        self._worker.scanned.connect(self._on_scanned)
        self._worker.episodes.connect(self._show_episodes)
        self._worker.found.connect(self._on_found)
        self._worker.failed.connect(self.status.setText)
        self._watcher.directoryChanged.connect(lambda _path: self._rescan_timer.start())
        self._rescan_timer.timeout.connect(self.rescan)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_app_state)

    # --- episodes and scans ----------------------------------------------------------
    def rescan(self) -> None:
        if not self._closed and self._library.folders():
            self._worker.scan()

    def shut_down(self) -> None:
        """The store is closing: no more timers, scans or signals from the desktop."""
        self._closed = True
        for timer in (self._timer, self._rescan_timer):
            timer.stop()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.disconnect(self._on_app_state)

    def _watch_folders(self) -> None:
        """The folders and their subfolders (a watcher sees one level only)."""
        old = self._watcher.directories()
        if old:
            self._watcher.removePaths(old)
        watched: list[str] = []
        for folder in self._library.folders():
            for top, subs, _files in os.walk(folder):
                subs[:] = [d for d in subs if not d.startswith(".")]
                watched.append(top)
                if len(watched) >= MAX_WATCHED:
                    break
        if watched:
            self._watcher.addPaths(watched[:MAX_WATCHED])

    def _on_app_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive and not self._closed:
            self.rescan()  # files may have come or gone while the reader was away

    def _on_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        self.bar.setVisible(done < total)
        self.status.setText(f"Indexing {done:,} of {total:,} transcripts…")

    def _on_scanned(self, report: ScanReport) -> None:
        self.bar.hide()
        self._say_counts(len(report.problems))
        self._watch_folders()  # new subfolders, or gone
        self.scanned.emit()

    def _show_episodes(self, episodes: Sequence[Episode]) -> None:
        if self._closed:
            return
        self.model.set_episodes(episodes, self._positions(), self._library.problems())
        self.tree.setRootIsDecorated(False)  # no lines below episodes while browsing
        root = QModelIndex()
        for row in range(self.model.rowCount()):
            if self.model.index(row, 0).data(PROBLEM_ROLE):
                self.tree.setFirstColumnSpanned(row, root, True)
        if self.field.text().strip():
            self._search_now()  # the query's hits, in the new episodes
        else:
            self.tree.sortByColumn(
                self.tree.header().sortIndicatorSection(), self.tree.header().sortIndicatorOrder()
            )
        self._say_counts(len(self._library.problems()))

    def _say_counts(self, problems: int) -> None:
        n = self.model.episode_count()
        text = f"{n:,} {'episode' if n == 1 else 'episodes'}"
        if problems:
            text += f" · {problems} {'file' if problems == 1 else 'files'} could not be read"
        folders = self._library.folders()
        missing = [f for f in folders if not f.is_dir()]
        if missing:
            names = ", ".join(str(f) for f in missing[:3])
            text += f" · not found now: {names}"
        if not folders:
            text = "No library folders yet: add the folders that hold your transcripts."
        self.status.setText(text)
        if problems:
            why = "\n".join(f"{p.path}: {p.reason}" for p in self._library.problems()[:20])
            self.status.setToolTip(why)

    # --- searching --------------------------------------------------------------------
    def _on_text(self, text: str) -> None:
        if text.strip():
            self._timer.start()
        else:
            self._timer.stop()
            self._worker.cancel_search()
            self._shown_query = ""
            self._show_episodes(self._library.episodes())

    def _search_now(self) -> None:
        self._timer.stop()
        query = self.field.text()
        if query.strip():
            self._worker.search(query, self.exact_button.isChecked())

    def _on_found(self, groups: Sequence[EpisodeHits]) -> None:
        if not self.field.text().strip():
            return  # cleared meanwhile
        self.tree.setSortingEnabled(False)  # hits come best first
        self.model.set_hits(groups, self.field.text())
        self._shown_query = self.field.text()
        self.tree.setRootIsDecorated(True)
        self.tree.expandAll()
        for row in range(self.model.rowCount()):
            parent = self.model.index(row, 0)
            for child in range(self.model.rowCount(parent)):
                self.tree.setFirstColumnSpanned(child, parent, True)
        self.tree.setSortingEnabled(not self.model.is_searching())
        n = self.model.rowCount()
        self.status.setText("No matches" if not n else f"{n} {'episode' if n == 1 else 'episodes'}")
        if self._open_when_found:
            self._open_when_found = False
            self._open_first()

    def is_searching(self) -> bool:
        return self.model.is_searching()

    # --- opening --------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        path = index.data(PATH_ROLE)
        if path:
            self.open_requested.emit(Path(str(path)), index.data(START_ROLE))

    def _open_first(self) -> None:
        if self.field.text().strip() and self._shown_query != self.field.text():
            self._open_when_found = True  # Enter before the results: open when they come
            self._search_now()
            return
        first = self.model.index(0, 0)
        if first.isValid():
            child = self.model.index(0, 0, first)
            self._open_index(child if child.isValid() else first)

    # --- folders ----------------------------------------------------------------------
    def choose_folders(self) -> None:
        from reader.ui.media.media_dirs import FoldersDialog

        dialog = FoldersDialog(
            "Library Folders",
            "Every transcript in these folders and their subfolders is in the library, "
            "searched at once.",
            lambda: [str(f) for f in self._library.folders()],
            self._save_folders,
            self,
        )
        dialog.exec()

    def _save_folders(self, folders: list[str]) -> None:
        known = {str(f) for f in self._library.folders()}
        for folder in known - set(folders):
            self._library.remove_folder(Path(folder))
        for folder in folders:
            if folder not in known:
                self._library.add_folder(Path(folder))
        self._watch_folders()
        self.rescan()
        self._show_episodes(self._library.episodes())
