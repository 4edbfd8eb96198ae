"""Any order of commands and libVLC events on a PlayerProxy, over the silent
clock and over VlcPlayer on the fake libVLC: nothing raises, nothing is emitted
after close, and the player's answers stay consistent."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtWidgets import QApplication
from pytestqt.exceptions import capture_exceptions

from reader.player.base import MAX_MS, Player, PlayerState
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.player.vlc_backend import VlcOptions, VlcPlayer
from tests.helpers.fake_vlc import EventType, FakeVlc, MediaParsedStatus, TrackType
from tests.player.conftest import FakeTime

_SIGNALS = (
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
backs = st.sampled_from([0, 0, 0, 1, 2])  # which player: the current one, mostly
laters = st.sampled_from([False, False, True])  # the Qt thread takes the event later
kinds = st.sampled_from(["playing"] * 3 + ["ended", "error", "paused"])
times = st.one_of(st.integers(-2000, 40_000), st.sampled_from([0, 29_999, 30_000, 2**40]))


class ProxyMachine(RuleBasedStateMachine):
    media: Path  # set by the test

    def __init__(self) -> None:
        super().__init__()
        self.now = FakeTime()
        self.fake = FakeVlc()
        self.proxy = PlayerProxy(ClockPlayer(now=self.now))
        self.made: list[Player] = [self.proxy.backend]
        self.emitted: list[tuple[str, Any]] = []
        for name in _SIGNALS:
            getattr(self.proxy, name).connect(lambda *a, n=name: self.emitted.append((n, a)))
        self.closed_at: int | None = None

    @initialize(vlc=st.booleans())
    def start(self, vlc: bool) -> None:
        if vlc:  # as the window does once a recording opens
            self.set_backend(True, 0)
            self.proxy.load(self.media)

    def teardown(self) -> None:
        self.proxy.close()
        for p in self.made:
            p.close()
        self.fake.deliver()

    @property
    def vlc_backend(self) -> VlcPlayer | None:
        backend = self.proxy.backend
        return backend if isinstance(backend, VlcPlayer) else None

    # --- commands ----------------------------------------------------------------
    @rule()
    def load(self) -> None:
        self.proxy.load(self.media)

    @rule()
    def play(self) -> None:
        self.proxy.play()

    @rule()
    def pause(self) -> None:
        self.proxy.pause()

    @rule()
    def toggle(self) -> None:
        self.proxy.toggle()

    @rule(ms=times)
    def seek(self, ms: int) -> None:
        self.proxy.seek(ms)

    @rule(delta=st.integers(-40_000, 40_000))
    def skip(self, delta: int) -> None:
        self.proxy.skip(delta)

    @rule(rate=st.floats(0.1, 3.0))
    def set_rate(self, rate: float) -> None:
        self.proxy.set_rate(rate)

    @rule(volume=st.integers(-10, 120))
    def set_volume(self, volume: int) -> None:
        self.proxy.set_volume(volume)

    @rule(ms=times)
    def set_nominal_length(self, ms: int) -> None:
        self.proxy.set_nominal_length(ms)

    @rule(ms=times)
    def request_update_at(self, ms: int) -> None:
        self.proxy.request_update_at(ms)

    @rule(vlc=st.booleans(), length=st.sampled_from([0, 10_000]))
    def set_backend(self, vlc: bool, length: int) -> None:
        new: Player
        if vlc:
            new = VlcPlayer(VlcOptions(), vlc_module=self.fake, now=self.now)
        else:
            new = ClockPlayer(length, now=self.now)
        self.made.append(new)
        self.proxy.set_backend(new)

    @rule(dice=st.integers(0, 3))
    def close(self, dice: int) -> None:
        if dice:
            return  # one time in four: closing ends all that would follow
        self.proxy.close()
        if self.closed_at is None:
            self.closed_at = len(self.emitted)

    @rule(seconds=st.floats(0.0, 5.0))
    def time_passes(self, seconds: float) -> None:
        self.now.advance(seconds)
        self.proxy.backend.tick()  # what its timer does

    # --- libVLC's side: to the current player or one made before ------------------
    def _fire(self, back: int, later: bool, event_type: EventType, **u: Any) -> None:
        """Send from libVLC's side; the Qt thread takes it at once, or `later`
        (qt_thread_takes_events) after other steps."""
        player = self.fake.players[max(0, len(self.fake.players) - 1 - back)]
        player.events.send(event_type, **u)
        if not later:
            self.qt_thread_takes_events()

    @precondition(lambda self: bool(self.fake.players))
    @rule(back=backs, later=laters, kind=kinds)
    def libvlc_says(self, back: int, later: bool, kind: str) -> None:
        event_type = {
            "playing": EventType.MediaPlayerPlaying,
            "ended": EventType.MediaPlayerEndReached,
            "error": EventType.MediaPlayerEncounteredError,
            "paused": EventType.MediaPlayerPaused,
        }[kind]
        self._fire(back, later, event_type)

    @precondition(lambda self: bool(self.fake.players))
    @rule(back=backs, later=laters, ms=times)
    def libvlc_time(self, back: int, later: bool, ms: int) -> None:
        self._fire(back, later, EventType.MediaPlayerTimeChanged, new_time=ms)

    @precondition(lambda self: bool(self.fake.players))
    @rule(later=laters, ms=st.sampled_from([-1, 0, 20_000, 30_000, 2**40]))
    def libvlc_length(self, later: bool, ms: int) -> None:
        self._fire(0, later, EventType.MediaPlayerLengthChanged, new_length=ms)

    @precondition(lambda self: bool(self.fake.players))
    @rule(later=laters, count=st.integers(0, 2))
    def libvlc_vout(self, later: bool, count: int) -> None:
        self._fire(0, later, EventType.MediaPlayerVout, new_count=count)

    @precondition(lambda self: bool(self.fake.medias))
    @rule(ok=st.sampled_from([True, True, True, False]))
    def libvlc_parsed(self, ok: bool) -> None:
        media = self.fake.media
        if media.released:
            return
        media.status = MediaParsedStatus.done if ok else MediaParsedStatus.failed
        media.duration, media.tracks = 30_000, [TrackType.audio]
        media.events.send(EventType.MediaParsedChanged, new_status=0)

    @rule()
    def qt_thread_takes_events(self) -> None:
        with capture_exceptions() as raised:  # a slot's exception would only be printed
            self.fake.deliver()
        assert not raised, raised

    # --- invariants -------------------------------------------------------------
    @invariant()
    def nothing_emitted_after_close(self) -> None:
        if self.closed_at is not None:
            assert len(self.emitted) == self.closed_at, self.emitted[self.closed_at :]

    @invariant()
    def answers_are_consistent(self) -> None:
        p, b = self.proxy, self.proxy.backend
        assert (p.state(), p.position(), p.duration()) == (b.state(), b.position(), b.duration())
        assert (p.rate(), p.volume(), p.media()) == (b.rate(), b.volume(), b.media())
        assert (p.has_video(), p.is_silent(), p.is_playing()) == (
            b.has_video(),
            b.is_silent(),
            b.is_playing(),
        )
        assert p.is_playing() == (p.state() is PlayerState.PLAYING)
        assert 0.5 <= p.rate() <= 2.0 and 0 <= p.volume() <= 100
        assert 0 <= p.duration() <= MAX_MS
        position = p.position()
        assert 0 <= position <= (p.duration() or MAX_MS), (position, p.duration())
        assert p.is_silent() == isinstance(b, ClockPlayer)
        if p.is_closed():
            assert b.is_closed()

    @invariant()
    def emitted_values_fit_qt(self) -> None:
        for name, args in self.emitted[-5:]:
            if name in ("position_changed", "seeked", "duration_changed"):
                assert 0 <= args[0] <= MAX_MS, (name, args)


def test_any_order_of_commands_and_events(qapp: QApplication, tmp_path: Path) -> None:
    media = tmp_path / "talk.wav"
    media.write_bytes(b"RIFF")
    ProxyMachine.media = media
    run_state_machine_as_test(
        ProxyMachine,
        settings=settings(
            max_examples=int(os.environ.get("PLAYER_MACHINE_EXAMPLES", "150")),
            stateful_step_count=40,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
