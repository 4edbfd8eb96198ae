"""A playback clock that interpolates between a backend's coarse time reports.

libVLC reports its time in steps (~300 ms for WAV, ~1 s for Ogg), so a
highlight driven by raw polls lags. This clock runs from a monotonic time
source times the playback rate and re-anchors on every report. While
running, what it returns never goes backwards; only an explicit
`set_position` (a seek) may move it back.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class PlaybackClock:
    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._anchor_ms = 0.0
        self._anchor_t = now()
        self._rate = 1.0
        self._running = False
        self._floor = 0
        self._limit: int | None = None

    @property
    def running(self) -> bool:
        return self._running

    @property
    def rate(self) -> float:
        return self._rate

    def set_limit(self, duration_ms: int | None) -> None:
        """Never run past the end of the media (None: no limit known)."""
        self._limit = duration_ms if duration_ms and duration_ms > 0 else None

    def _estimate(self, t: float) -> float:
        if not self._running:
            return self._anchor_ms
        return self._anchor_ms + (t - self._anchor_t) * 1000.0 * self._rate

    def peek(self, t: float | None = None) -> int:
        """What `position` would show at `t`, without moving the floor."""
        now = self._now() if t is None else t
        ms = round(self._estimate(now))
        if self._running:
            ms = max(ms, self._floor)
        if self._limit is not None:  # after the floor: media made shorter ends sooner
            ms = min(ms, self._limit)
        return max(0, ms)

    def position(self, t: float | None = None) -> int:
        ms = self.peek(t)
        if self._running:
            self._floor = ms
        return ms

    def _reanchor(self, ms: float, t: float) -> None:
        self._anchor_ms = ms
        self._anchor_t = t

    def set_position(self, ms: int, t: float | None = None) -> None:
        """A seek: jump to `ms`, backwards allowed."""
        now = self._now() if t is None else t
        self._reanchor(float(max(0, ms)), now)
        self._floor = max(0, ms)

    def hold_at_least(self, ms: int) -> None:
        """While running, show nothing before `ms` (a seek's target) until the
        estimate passes it: a clock started a little before the target must not
        show the line before the one asked for."""
        self._floor = max(self._floor, ms)

    def start(self, t: float | None = None) -> None:
        now = self._now() if t is None else t
        if not self._running:
            self._reanchor(self._anchor_ms, now)
            self._running = True

    def stop(self, t: float | None = None) -> None:
        """Freeze at the current estimate (pause, end, buffering)."""
        now = self._now() if t is None else t
        if self._running:
            frozen = self.position(now)
            self._running = False
            self._reanchor(float(frozen), now)

    def set_rate(self, rate: float, t: float | None = None) -> None:
        now = self._now() if t is None else t
        self._reanchor(self._estimate(now), now)
        self._rate = rate

    def report(self, media_ms: int, t: float | None = None) -> None:
        """The backend says it was at `media_ms` at time `t`: re-anchor there.

        An estimate that ran ahead is not pulled back on screen: the floor
        holds the shown position until the media catches up.
        """
        now = self._now() if t is None else t
        self._reanchor(float(media_ms), now)
        if not self._running:
            self._floor = media_ms
