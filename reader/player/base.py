"""The player interface every backend implements, and the tick shared by all.

Views get a Player in their constructor and only listen to its signals and
call its methods; no backend type leaks out of here.
"""

from __future__ import annotations

import enum
import math
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from reader.player.clock import PlaybackClock

# The player wakes when a view has asked for a moment (the next line, word,
# second or slider pixel: `request_update_at`), not on a fixed 60 Hz tick, so
# playing costs a few wakes a second and each change shows on time.
MIN_WAKE_MS = 1
MAX_WAKE_MS = 250  # clock re-anchors show within this even if nobody asked
RATES = (0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
# The longest time any signal carries (~596 h): a Qt int (a slider) holds it.
MAX_MS = 2**31 - 1


def clamp_ms(ms: float) -> int:
    """`ms` as a time a Qt int can carry: 0..MAX_MS."""
    return int(min(MAX_MS, max(0, ms)))


class PlayerState(enum.Enum):
    NO_MEDIA = "no media"
    LOADING = "loading"
    PAUSED = "paused"  # loaded and not playing, including before the first play
    PLAYING = "playing"
    ENDED = "ended"
    ERROR = "error"


class Player(QObject):
    """Abstract player. Subclasses implement the `_backend_*` methods."""

    state_changed = Signal(object)  # PlayerState
    position_changed = Signal(int)  # ms, interpolated; every tick while playing
    seeked = Signal(int)  # ms, after a user seek
    duration_changed = Signal(int)  # ms; 0 when unknown
    rate_changed = Signal(float)
    volume_changed = Signal(int)  # 0..100
    media_changed = Signal(str)  # path, "" for none
    video_changed = Signal(bool)  # the media has a picture to show
    error_occurred = Signal(str)  # one readable sentence naming the file

    def __init__(
        self, parent: QObject | None = None, now: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._clock = PlaybackClock(now)
        self._closed = False
        self._state = PlayerState.NO_MEDIA
        self._duration = 0
        self._volume = 100
        self._media: Path | None = None
        self._last_emitted = -1
        self._wanted = math.inf  # earliest media time a view asked to hear about
        self._in_tick = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._precise = False  # the timer's type is set when it first runs
        self._timer.timeout.connect(self.tick)

    # --- queries -------------------------------------------------------------
    def state(self) -> PlayerState:
        return self._state

    def position(self) -> int:
        return min(MAX_MS, self._clock.position())

    def duration(self) -> int:
        return self._duration

    def rate(self) -> float:
        return self._clock.rate

    def volume(self) -> int:
        return self._volume

    def media(self) -> Path | None:
        return self._media

    def has_video(self) -> bool:
        return False

    def is_playing(self) -> bool:
        return self._state is PlayerState.PLAYING

    def is_silent(self) -> bool:
        """True when time comes from a silent clock, with no recording playing."""
        return False

    def is_closed(self) -> bool:
        return self._closed

    # --- commands ------------------------------------------------------------
    def load(self, path: str | Path) -> None:
        raise NotImplementedError

    def play(self) -> None:
        raise NotImplementedError

    def pause(self) -> None:
        raise NotImplementedError

    def toggle(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def seek(self, ms: int) -> None:
        raise NotImplementedError

    def set_nominal_length(self, ms: int) -> None:
        """How long a silent clock runs (the transcript's length); media ignores it."""

    def skip(self, delta_ms: int) -> None:
        self.seek(self.position() + delta_ms)

    def set_rate(self, rate: float) -> None:
        rate = min(2.0, max(0.5, rate))
        if self._closed or abs(rate - self._clock.rate) < 1e-6:
            return
        self._backend_set_rate(rate)
        self._clock.set_rate(rate)
        self.rate_changed.emit(rate)
        self._schedule()  # the next wake comes sooner or later in wall time

    def set_volume(self, volume: int) -> None:
        volume = min(100, max(0, int(volume)))
        if self._closed or volume == self._volume:
            return
        self._volume = volume
        self._backend_set_volume(volume)
        self.volume_changed.emit(volume)

    def set_video_surface(self, win_id: int | None) -> None:
        """Where to draw video (a native window id); ignored by audio-only backends."""

    def request_update_at(self, media_ms: int) -> None:
        """Emit position_changed again once playback reaches `media_ms`."""
        if self._last_emitted < media_ms < self._wanted and not self._closed:
            self._wanted = media_ms
            if not self._in_tick:
                self._schedule()

    def next_update_ms(self) -> int | None:
        """The media time the player will next wake for, if a view asked."""
        return None if self._wanted == math.inf else int(self._wanted)

    def wake_interval_ms(self) -> int | None:
        """The wall-clock wait before the player next wakes; None while asleep."""
        return self._timer.interval() if self._timer.isActive() else None

    def close(self) -> None:
        """Stop for good. Safe to call again; afterwards commands do nothing and
        no signal is emitted."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        self.blockSignals(True)
        self._release()

    def _release(self) -> None:
        """Let go of what the backend holds; called once, by the first close()."""

    # --- for subclasses ------------------------------------------------------
    def _backend_set_rate(self, rate: float) -> None:
        pass

    def _backend_set_volume(self, volume: int) -> None:
        pass

    def _clamp(self, ms: int) -> int:
        if self._duration > 0:
            return min(clamp_ms(ms), self._duration)
        return clamp_ms(ms)

    def _set_state(self, state: PlayerState) -> None:
        if state is self._state:
            return
        self._state = state
        if state is PlayerState.PLAYING:
            self._wanted = math.inf
            self._in_tick = True
            self._emit_position(force=True)  # views ask for their next moments
            self._in_tick = False
            self._schedule()
        else:
            self._timer.stop()
            self._emit_position(force=True)
        self.state_changed.emit(state)

    def _set_duration(self, ms: int) -> None:
        ms = min(MAX_MS, ms)
        if ms != self._duration and ms >= 0:
            self._duration = ms
            self._clock.set_limit(ms)
            self.duration_changed.emit(ms)

    def _emit_position(self, force: bool = False) -> None:
        ms = min(MAX_MS, self._clock.position())
        if force or ms != self._last_emitted:
            self._last_emitted = ms
            self.position_changed.emit(ms)

    def _after_seek(self, ms: int, shown: int | None = None) -> None:
        """`shown`: where the clock starts, when a backend knows it lands off `ms`;
        never shown before `ms` itself."""
        ms = clamp_ms(ms)
        self._clock.set_position(ms if shown is None else shown)
        self._clock.hold_at_least(ms)
        self._wanted = math.inf  # what views asked for belonged to the old place
        self._in_tick = True
        self._emit_position(force=True)
        self._in_tick = False
        self.seeked.emit(ms)
        self._schedule()

    def _schedule(self) -> None:
        if self._state is not PlayerState.PLAYING or self._closed:
            return
        target = self._wanted
        if self._duration:
            target = min(target, self._duration)
        delay = float(MAX_WAKE_MS)
        position = self._clock.position()
        # At the end the clock stands still until the backend says "ended":
        # waking at once again and again would only burn a core.
        if target < math.inf and not (self._duration and position >= self._duration):
            delay = (target - position) / self._clock.rate
        if not self._precise:
            # When first needed: until something plays, nothing asks for the
            # Qt namespace (its ~100 enums are built on first use).
            from PySide6.QtCore import Qt

            self._timer.setTimerType(Qt.TimerType.PreciseTimer)
            self._precise = True
        self._timer.start(int(min(MAX_WAKE_MS, max(MIN_WAKE_MS, math.ceil(delay)))))

    def tick(self) -> None:
        """Called by the timer while playing (tests may call it directly)."""
        if self._closed:
            return
        if self._clock.position() >= self._wanted:
            self._wanted = math.inf  # reached: the views ask for the next one
        self._in_tick = True
        try:
            self._emit_position()
        finally:
            self._in_tick = False
        self._schedule()
