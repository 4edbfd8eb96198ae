"""A silent player: a clock that runs at speaking pace with no media at all.

It lets a transcript be read with the highlight moving when there is no
recording, and it is the fake backend UI tests drive (pass a fake `now`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from reader.player.base import Player, PlayerState


class ClockPlayer(Player):
    def __init__(
        self,
        duration_ms: int = 0,
        parent: QObject | None = None,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent, now)
        self._set_duration(duration_ms)
        self._state = PlayerState.PAUSED

    def is_silent(self) -> bool:
        return True

    def set_nominal_length(self, ms: int) -> None:
        if not self._closed:
            self._set_duration(max(0, ms))

    def load(self, path: str | Path) -> None:
        # A silent clock has nothing to open; it only pretends to have the file.
        if self._closed:
            return
        self._media = Path(path)
        self.media_changed.emit(str(path))

    def play(self) -> None:
        if self._closed:
            return
        if self._state is PlayerState.ENDED:
            self._clock.set_position(0)
        self._clock.start()
        self._set_state(PlayerState.PLAYING)

    def pause(self) -> None:
        if self._closed:
            return
        self._clock.stop()
        self._set_state(PlayerState.PAUSED)

    def seek(self, ms: int) -> None:
        if self._closed:
            return
        ms = self._clamp(ms)
        if self._state is PlayerState.ENDED:
            self._set_state(PlayerState.PAUSED)
        self._after_seek(ms)

    def tick(self) -> None:
        super().tick()
        if self._closed:
            return
        if self._duration and self._clock.position() >= self._duration:
            self._clock.stop()
            self._set_state(PlayerState.ENDED)
