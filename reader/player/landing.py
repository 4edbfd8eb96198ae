"""Which of libVLC's time reports to believe after a seek, and where a seek lands.

Pure bookkeeping (no vlc, no Qt), so it is tested without libVLC or a clock.
"""

from __future__ import annotations

from collections.abc import Callable

# How long reports that disagree with a fresh seek are treated as stale.
SEEK_GUARD_S = 2.0
SEEK_TOLERANCE_MS = 1500

# After a seek or a start, libVLC's timeline resumes a few tens of ms away from
# the target (e.g. +39 ms for WAV at 1x, +28 at 2x): the same for every seek in
# a file at a speed. The offset seen is applied to the next seek; a larger one
# means something else happened and is not learnt.
LANDING_LIMIT_MS = 100


class SeekGuard:
    """After a seek libVLC may still report times from before it, for a while."""

    def __init__(self) -> None:
        self.since: tuple[int, float] | None = None  # (target ms, when asked)

    def arm(self, target_ms: int, stamp: float) -> None:
        self.since = (target_ms, stamp)

    def clear(self) -> None:
        self.since = None

    def accepts(self, ms: int, stamp: float, rate: float) -> bool:
        """False for a report from before the last seek took effect."""
        if self.since is not None:
            target, since = self.since
            expected = target + (stamp - since) * 1000 * rate
            if abs(ms - expected) > SEEK_TOLERANCE_MS and stamp - since < SEEK_GUARD_S:
                return False
            self.since = None
        return True

    def ends_early(self, stamp: float, rate: float, duration_ms: int) -> int | None:
        """The seek's target, if an end of media reported now cannot have come
        from playing on from it: libVLC ended before the seek took."""
        if self.since is None or duration_ms <= 0:
            return None
        target, since = self.since
        self.since = None
        reached = target + (stamp - since) * 1000 * rate
        if stamp - since < SEEK_GUARD_S and reached < duration_ms - SEEK_TOLERANCE_MS:
            return target
        return None


class Landing:
    """Learns, per speed, how far from the target libVLC resumes after a seek."""

    def __init__(self) -> None:
        self.expected: tuple[int, float] | None = None  # (asked ms, offset applied)
        self.offsets: dict[float, float] = {}  # speed -> ms, for this media

    def reset(self) -> None:
        """New media: nothing learnt yet."""
        self.expected = None
        self.offsets = {}

    def forget(self) -> None:
        """The next report says nothing of a landing (a pause, a speed change)."""
        self.expected = None

    def is_echo(self, ms: int) -> bool:
        """libVLC repeats a seek's target at once; its own time comes later."""
        return self.expected is not None and ms == self.expected[0]

    def offset(self, rate: float) -> float:
        """The offset learnt at this speed, else at the nearest speed, else 0."""
        if not self.offsets:
            return 0.0
        rate = round(rate, 2)
        nearest = min(self.offsets, key=lambda r: abs(r - rate))
        return self.offsets[nearest]

    def expect(self, asked: int, rate: float, clamp: Callable[[int], int]) -> int:
        """Where playback resumed from `asked` is expected to land; noted for learning."""
        shown = clamp(round(asked + self.offset(rate)))
        self.expected = (asked, shown - asked)  # what is really applied, after clamping
        return shown

    def learn(self, reported_ms: int, shown_ms: int, rate: float) -> None:
        """libVLC's first own report after a landing, and what the clock showed then."""
        if self.expected is None:
            return
        applied = self.expected[1]
        self.expected = None
        offset = applied + reported_ms - shown_ms
        if abs(offset) <= LANDING_LIMIT_MS:
            self.offsets[round(rate, 2)] = offset
