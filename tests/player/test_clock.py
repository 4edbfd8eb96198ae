"""The interpolating clock, driven by a fake time source (no sleeps)."""

from __future__ import annotations

from reader.player.clock import PlaybackClock


class FakeTime:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_interpolates_between_reports() -> None:
    now = FakeTime()
    c = PlaybackClock(now)
    c.start()
    now.t += 0.25
    assert c.position() == 250
    c.report(300)  # the backend was a little ahead
    now.t += 0.1
    assert c.position() == 400


def test_never_runs_backwards_while_playing() -> None:
    now = FakeTime()
    c = PlaybackClock(now)
    c.start()
    now.t += 0.5
    assert c.position() == 500
    c.report(450)  # a late report behind what was already shown
    assert c.position() == 500  # held, not pulled back
    now.t += 0.1
    assert c.position() == 550
    now.t += 0.01
    assert c.position() == 560


def test_seek_may_go_back() -> None:
    now = FakeTime()
    c = PlaybackClock(now)
    c.start()
    now.t += 2
    c.set_position(500)
    assert c.position() == 500


def test_pause_freezes_and_resume_continues() -> None:
    now = FakeTime()
    c = PlaybackClock(now)
    c.start()
    now.t += 1
    c.stop()
    now.t += 5
    assert c.position() == 1000
    c.start()
    now.t += 0.5
    assert c.position() == 1500


def test_rate_scales_elapsed_time() -> None:
    now = FakeTime()
    c = PlaybackClock(now)
    c.start()
    now.t += 1
    c.set_rate(2.0)
    now.t += 1
    assert c.position() == 3000
    c.set_rate(0.5)
    now.t += 1
    assert c.position() == 3500


def test_limit_stops_at_the_end() -> None:
    now = FakeTime()
    c = PlaybackClock(now)
    c.set_limit(1200)
    c.start()
    now.t += 5
    assert c.position() == 1200


def test_report_with_its_own_timestamp() -> None:
    now = FakeTime()
    c = PlaybackClock(now)
    c.start()
    stamp = now.t + 0.2
    now.t += 0.3
    c.report(250, stamp)  # reported 250 at stamp; 100 ms have passed since
    assert c.position() == 350


def test_peek_shows_the_position_without_moving_the_floor() -> None:
    now = FakeTime()
    c = PlaybackClock(now)
    c.start()
    now.t += 0.5
    assert c.peek() == 500
    c.report(400)  # nothing was shown yet, so the clock may step back to the report
    assert c.peek() == 400
    assert c.position() == 400
    c.report(300)  # 400 is on screen now: held there
    assert c.peek() == 400
    assert c.peek(now.t + 0.2) == 500  # an instant later, from the new anchor


def test_a_shorter_limit_holds_even_past_the_shown_floor() -> None:
    # Found by the player state machine: a silent clock at 1000 ms whose
    # transcript length became 1 ms went on showing 1000 ms, past the end.
    now = FakeTime()
    c = PlaybackClock(now)
    c.start()
    now.t += 1.0
    assert c.position() == 1000
    c.set_limit(1)
    assert c.position() == 1
