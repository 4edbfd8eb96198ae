"""The library's database work, off the GUI thread: scans and searches in a QThread.

SQLite connections belong to the thread that made them, so each worker opens
its own Library inside its thread: one scans, one searches. A newer search
cancels an older one: each carries a generation number, and the library polls
whether it is still the one wanted.
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
        # Two threads, each with its own connection: a search typed during a long
        # first index is answered at once (WAL lets it read beside the writer).
        self._scanner, self._searcher = _Worker(open_library), _Worker(open_library)
        self._threads: list[QThread] = []
        for name, worker in (("library scan", self._scanner), ("library search", self._searcher)):
            thread = QThread(self)
            thread.setObjectName(name)
            worker.moveToThread(thread)
            # In the worker's thread as it ends: what queued signals would deliver
            # no more once the thread is told to quit.
            thread.finished.connect(worker.close, Qt.ConnectionType.DirectConnection)
            worker.failed.connect(self.failed)
            self._threads.append(thread)
        self._scan.connect(self._scanner.scan)
        self._search.connect(self._searcher.search)
        self._scanner.progress.connect(self.progress)
        self._scanner.scanned.connect(self.scanned)
        self._scanner.episodes.connect(self.episodes)
        self._searcher.found.connect(self._on_found)
        self._generation = 0
        self._scanning = False
        self._again = False  # a scan was asked for while one ran: files may have come
        self._scanner.scanned.connect(self._scan_done)
        self._scanner.failed.connect(self._scan_done)
        for thread in self._threads:
            thread.start()

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
        if self._again and not self._scanner.closing:
            self._again = False
            self.scan()

    def is_scanning(self) -> bool:
        return self._scanning

    def search(self, query: str, exact: bool = False) -> None:
        self._generation += 1
        self._searcher.wanted = self._generation  # the older search stops at its next poll
        self._search.emit(self._generation, query, exact)

    def cancel_search(self) -> None:
        self._generation += 1
        self._searcher.wanted = self._generation

    def _on_found(self, generation: int, hits: object) -> None:
        if generation == self._generation:
            self.found.emit(hits)

    def close(self) -> None:
        """Stop what runs, close the connections, end the threads (waits for them)."""
        if not any(t.isRunning() for t in self._threads):
            return
        for worker in (self._scanner, self._searcher):
            worker.closing = True  # a running scan or search stops at its next poll
        self.cancel_search()
        for thread in self._threads:
            thread.quit()
        for thread in self._threads:
            thread.wait()
