"""The silent clock player: the fake backend the UI tests drive."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reader.player.base import PlayerState
from reader.player.clock_player import ClockPlayer


class FakeTime:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def test_plays_pauses_seeks_and_ends(qtbot: QtBot) -> None:
    now = FakeTime()
    p = ClockPlayer(10_000, now=now)
    states: list[PlayerState] = []
    positions: list[int] = []
    p.state_changed.connect(states.append)
    p.position_changed.connect(positions.append)
    p.play()
    now.t = 1.5
    p.tick()
    assert p.position() == 1500 and positions[-1] == 1500
    p.pause()
    now.t = 3
    p.tick()
    assert p.position() == 1500
    p.seek(9_000)
    assert positions[-1] == 9_000
    p.play()
    now.t = 5
    p.tick()
    assert p.state() is PlayerState.ENDED
    assert p.position() == 10_000
    assert states == [
        PlayerState.PLAYING,
        PlayerState.PAUSED,
        PlayerState.PLAYING,
        PlayerState.ENDED,
    ]
    p.play()  # from the end, starts over
    assert p.position() == 0


def test_seek_is_clamped_and_rate_changes(qtbot: QtBot) -> None:
    now = FakeTime()
    p = ClockPlayer(5_000, now=now)
    p.seek(-100)
    assert p.position() == 0
    p.seek(99_999)
    assert p.position() == 5_000
    p.seek(0)
    rates: list[float] = []
    p.rate_changed.connect(rates.append)
    p.set_rate(2.0)
    p.set_rate(9.0)  # clamped to 2x: no change, no signal
    assert rates == [2.0]
    p.play()
    now.t = 1
    assert p.position() == 2000


def test_no_busy_wakes_while_waiting_at_the_end(qtbot: QtBot) -> None:
    """A backend whose clock reached the end but has not said "ended" yet."""
    from reader.player.base import MAX_WAKE_MS, Player

    class Waiting(Player):
        def set_length(self, ms: int) -> None:
            self._set_duration(ms)

        def play(self) -> None:
            self._clock.start()
            self._set_state(PlayerState.PLAYING)

    now = FakeTime()
    p = Waiting(now=now)
    p.set_length(1_000)
    p.play()
    p.request_update_at(900)
    now.t = 2.0  # the clock is held at the duration
    p.tick()
    assert p.position() == 1_000
    assert p.wake_interval_ms() == MAX_WAKE_MS
