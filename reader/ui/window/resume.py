"""Remembers where the user was in each transcript, and takes them back there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.state import PositionStore, Resume
from reader.player.base import Player, PlayerState

SAVE_EVERY_MS = 15_000  # while playing, so a crash loses at most this much


class ResumeKeeper(QObject):
    message = Signal(str)  # a save failed or the state file was damaged

    def __init__(self, player: Player, store: PositionStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = player
        self._store = store
        self._path: Path | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(SAVE_EVERY_MS)
        self._timer.timeout.connect(self.save)
        player.state_changed.connect(self._on_state)

    def saved_place(self, path: Path) -> int | None:
        """Where `path` was left, without switching to it (what to show first);
        what is wrong with the store is said when switching."""
        resume = self._store.get(path)
        return resume.position_ms if resume is not None else None

    def _say_warnings(self) -> None:
        for warning in self._store.take_warnings():
            self.message.emit(warning)

    def switch_to(self, path: Path | None) -> Resume | None:
        """Save the transcript being left, then return where `path` was left."""
        self.save()
        self._path = path
        if path is None:
            return None
        resume = self._store.get(path)
        self._say_warnings()
        return resume

    def save(self) -> None:
        if self._path is None:
            return
        media = None if self._player.is_silent() else self._player.media()
        problem = self._store.put(self._path, self._player.position(), media)
        self._say_warnings()
        if problem:
            self.message.emit(problem)

    def _on_state(self, state: PlayerState) -> None:
        if state is PlayerState.PLAYING:
            self._timer.start()
        else:
            self._timer.stop()
            if state in (PlayerState.PAUSED, PlayerState.ENDED):
                self.save()
