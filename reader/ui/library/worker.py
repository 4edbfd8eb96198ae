"""The library's database work, off the GUI thread: scans and searches in a QThread.

SQLite connections belong to the thread that made them, so the worker opens
its own Library inside the thread. A newer search cancels an older one: each
carries a generation number, and the library polls whether it is still the one
wanted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

if TYPE_CHECKING:
    from reader.core.library import Library

OpenLibrary = Callable[[], "Library"]


class _Worker(QObject):
    progress = Signal(int, int)  # files done, files in all
    scanned = Signal(object)  # ScanReport
    episodes = Signal(object)  # list[Episode]
    found = Signal(int, object)  # generation, list[EpisodeHits]
    failed = Signal(str)

    def __init__(self, open_library: OpenLibrary) -> None:
        super().__init__()
        self._open = open_library
        self._library: Library | None = None
        self.wanted = 0  # the search generation still wanted; set from the GUI thread
        self.closing = False

    def _lib(self) -> Library:
        if self._library is None:
            self._library = self._open()
        return self._library

    @Slot()
    def scan(self) -> None:
        try:
            lib = self._lib()
            report = lib.scan(progress=self.progress.emit, cancel=lambda: self.closing)
            self.scanned.emit(report)
            if any(report[:4]):  # added, changed, renamed or removed: the list is new
                self.episodes.emit(lib.episodes())
        except Exception as exc:  # a broken database must not kill the thread
            self.failed.emit(f"The library could not be read: {exc}")

    @Slot(int, str, bool)
    def search(self, generation: int, query: str, exact: bool) -> None:
        if generation != self.wanted or self.closing:
            return  # a newer query came meanwhile
        try:
            hits = self._lib().search(
                query, exact=exact, cancel=lambda: self.wanted != generation or self.closing
            )
        except Exception as exc:
            self.failed.emit(f"The library could not be searched: {exc}")
            return
        if generation == self.wanted:
            self.found.emit(generation, hits)

    @Slot()
    def close(self) -> None:
        if self._library is not None:
            self._library.close()
            self._library = None


class LibraryWorker(QObject):
    """The GUI thread's handle on the worker thread."""

    progress = Signal(int, int)
    scanned = Signal(object)
    episodes = Signal(object)
    found = Signal(object)  # list[EpisodeHits] for the newest query
    failed = Signal(str)
    _scan = Signal()
    _search = Signal(int, str, bool)

    def __init__(self, open_library: OpenLibrary, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName("library")
        self._worker = _Worker(open_library)
        self._worker.moveToThread(self._thread)
        self._scan.connect(self._worker.scan)
        self._search.connect(self._worker.search)
        # In the worker's thread as it ends: what queued signals would deliver
        # no more once the thread is told to quit.
        self._thread.finished.connect(self._worker.close, Qt.ConnectionType.DirectConnection)
        self._worker.progress.connect(self.progress)
        self._worker.scanned.connect(self.scanned)
        self._worker.episodes.connect(self.episodes)
        self._worker.failed.connect(self.failed)
        self._worker.found.connect(self._on_found)
        self._generation = 0
        self._scanning = False
        self._again = False  # a scan was asked for while one ran: files may have come
        self._worker.scanned.connect(self._scan_done)
        self._worker.failed.connect(self._scan_done)
        self._thread.start()

    def scan(self) -> None:
        """Look for new, changed, moved and removed files (one scan at a time; asked
        for during one, another follows it)."""
        if self._scanning:
            self._again = True
            return
        self._scanning = True
        self._scan.emit()

    def _scan_done(self, _result: object) -> None:
        self._scanning = False
        if self._again and not self._worker.closing:
            self._again = False
            self.scan()

    def is_scanning(self) -> bool:
        return self._scanning

    def search(self, query: str, exact: bool = False) -> None:
        self._generation += 1
        self._worker.wanted = self._generation  # the older search stops at its next poll
        self._search.emit(self._generation, query, exact)

    def cancel_search(self) -> None:
        self._generation += 1
        self._worker.wanted = self._generation

    def _on_found(self, generation: int, hits: object) -> None:
        if generation == self._generation:
            self.found.emit(hits)

    def close(self) -> None:
        """Stop what runs, close the database, end the thread (waits for it)."""
        if not self._thread.isRunning():
            return
        self._worker.closing = True  # a running scan or search stops at its next poll
        self.cancel_search()
        self._thread.quit()
        self._thread.wait()
