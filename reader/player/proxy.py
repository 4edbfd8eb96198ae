"""One Player the views bind to, whose backend can change underneath.

The window starts on the silent clock and switches to libVLC once media is
opened; views keep listening to this proxy and never see the swap.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from reader.player.base import Player, PlayerState

_FORWARDED = (
    "state_changed",
    "position_changed",
    "seeked",
    "duration_changed",
    "rate_changed",
    "volume_changed",
    "media_changed",
    "video_changed",
    "error_occurred",
)


class PlayerProxy(Player):
    def __init__(self, backend: Player, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._bind(backend)

    @property
    def backend(self) -> Player:
        return self._backend

    def set_backend(self, backend: Player) -> None:
        """Swap backends, carrying rate and volume over; the old one is closed.

        A closed proxy takes no new backend: it closes the one handed to it."""
        old = self._backend
        if backend is old:
            return
        if self._closed:
            backend.close()
            return
        self._unbind(old)
        old.pause()
        backend.set_rate(old.rate())
        backend.set_volume(old.volume())
        old.close()
        self._backend = backend
        self._bind(backend)
        self.state_changed.emit(backend.state())
        self.duration_changed.emit(backend.duration())
        self.position_changed.emit(backend.position())
        self.video_changed.emit(backend.has_video())

    def _bind(self, backend: Player) -> None:
        for name in _FORWARDED:
            getattr(backend, name).connect(getattr(self, name))

    def _unbind(self, backend: Player) -> None:
        for name in _FORWARDED:
            getattr(backend, name).disconnect(getattr(self, name))

    # Everything asks the backend.
    def state(self) -> PlayerState:
        return self._backend.state()

    def position(self) -> int:
        return self._backend.position()

    def duration(self) -> int:
        return self._backend.duration()

    def rate(self) -> float:
        return self._backend.rate()

    def volume(self) -> int:
        return self._backend.volume()

    def media(self) -> Path | None:
        return self._backend.media()

    def has_video(self) -> bool:
        return self._backend.has_video()

    def is_playing(self) -> bool:
        return self._backend.is_playing()

    def is_silent(self) -> bool:
        return self._backend.is_silent()

    def set_nominal_length(self, ms: int) -> None:
        self._backend.set_nominal_length(ms)

    def toggle(self) -> None:
        self._backend.toggle()  # a backend may know better (libVLC still starting)

    def load(self, path: str | Path) -> None:
        self._backend.load(path)

    def play(self) -> None:
        self._backend.play()

    def pause(self) -> None:
        self._backend.pause()

    def seek(self, ms: int) -> None:
        self._backend.seek(ms)

    def set_rate(self, rate: float) -> None:
        self._backend.set_rate(rate)

    def set_volume(self, volume: int) -> None:
        self._backend.set_volume(volume)

    def next_update_ms(self) -> int | None:
        return self._backend.next_update_ms()

    def wake_interval_ms(self) -> int | None:
        return self._backend.wake_interval_ms()

    def request_update_at(self, media_ms: int) -> None:
        self._backend.request_update_at(media_ms)

    def set_video_surface(self, win_id: int | None) -> None:
        self._backend.set_video_surface(win_id)

    def _release(self) -> None:
        self._unbind(self._backend)
        self._backend.close()
