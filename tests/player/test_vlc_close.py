"""Closing a player at every moment, twice: issue 15.1.

Opening media and quitting within ~0.3 s crashed 3-4 runs in 6: the window's
closeEvent closed the player, then app.py closed it again, and the second
close called libvlc_media_player_stop on a released player (SIGABRT on a
pthread mutex assertion, SIGSEGV, or a hang). The real race runs in a
subprocess so that a crash fails the test instead of killing pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.player.base import PlayerState
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.player.vlc_backend import VlcOptions, VlcPlayer, vlc
from tests.conftest import write_tone_wav
from tests.helpers.fake_vlc import EventType, FakeVlc
from tests.player.conftest import FakeTime

RACE = Path(__file__).with_name("close_race.py")


@pytest.mark.vlc
@pytest.mark.skipif(vlc is None, reason="libVLC is not installed")
@pytest.mark.parametrize("through", ["vlc", "proxy"])
def test_closing_twice_while_libvlc_starts_does_not_crash(tmp_path: Path, through: str) -> None:
    wav = write_tone_wav(tmp_path / "tone.wav", 3.0)
    rounds = 30
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CLOSE_RACE_HANG_S="60")
    done = subprocess.run(
        [sys.executable, str(RACE), str(wav), str(rounds), through],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert "Assertion" not in done.stderr, done.stderr[-2000:]
    assert "Fatal Python error" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert done.stdout.strip() == f"ok {rounds}"


def _stages() -> list[str]:
    return ["new", "loaded", "parsing", "starting", "playing", "seeking", "paused", "ended"]


def _bring_to(stage: str, p: VlcPlayer, fake: FakeVlc, media: Path, now: FakeTime) -> None:
    if stage == "new":
        return
    p.load(media)
    if stage == "parsing":
        return
    fake.finish_parse(duration=10_000)
    if stage == "loaded":
        return
    p.play()
    if stage == "starting":
        return
    fake.playing()
    now.advance(0.5)
    fake.time(500)
    if stage == "seeking":
        p.seek(8000)
    elif stage == "paused":
        p.pause()
    elif stage == "ended":
        fake.ended()


@pytest.mark.parametrize("stage", _stages())
def test_close_at_any_moment_releases_libvlc_once(
    qtbot: QtBot, fake: FakeVlc, now: FakeTime, media_file: Path, stage: str
) -> None:
    p = VlcPlayer(VlcOptions(), vlc_module=fake, now=now)
    _bring_to(stage, p, fake, media_file, now)
    fake.fire(EventType.MediaPlayerTimeChanged, new_time=900)  # posted, not yet taken
    fake.fire(EventType.MediaPlayerEndReached)
    emitted: list[object] = []
    for signal in (p.state_changed, p.position_changed, p.seeked, p.duration_changed):
        signal.connect(emitted.append)
    p.close()
    p.close()  # the fake raises on any call to a released libVLC object
    assert p.is_closed()
    assert fake.player.released and fake.instances[0].released
    assert all(m.released and not m.parsing for m in fake.medias)
    assert fake.player.events.listeners == {}  # nothing left for libVLC to call
    assert all(m.events.listeners == {} for m in fake.medias)
    fake.deliver()  # events posted before close arrive after it
    p.load(media_file)
    p.play()
    p.seek(100)
    p.pause()
    p.toggle()
    p.set_rate(2.0)
    p.set_volume(10)
    p.request_update_at(5000)
    p.set_video_surface(42)
    now.advance(1.0)
    p.tick()
    assert emitted == []
    assert p.vlc_time() == -1


def test_a_closed_player_ignores_what_libvlc_sends(
    playing: VlcPlayer, fake: FakeVlc, now: FakeTime
) -> None:
    state = playing.state()
    playing.close()
    for event_type, u in [
        (EventType.MediaPlayerTimeChanged, {"new_time": 5000}),
        (EventType.MediaPlayerPlaying, {}),
        (EventType.MediaPlayerEncounteredError, {}),
    ]:
        fake.player.events.send(event_type, **u)  # nobody listens any more
    fake.deliver()
    assert playing.state() is state


def test_a_proxy_closes_its_backend_once(qtbot: QtBot, fake: FakeVlc, now: FakeTime) -> None:
    proxy = PlayerProxy(ClockPlayer(now=now))
    backend = VlcPlayer(VlcOptions(), vlc_module=fake, now=now)
    proxy.set_backend(backend)
    proxy.close()
    proxy.close()
    assert backend.is_closed() and proxy.is_closed()
    later = ClockPlayer(now=now)
    proxy.set_backend(later)  # a window opening media while closing
    assert later.is_closed() and proxy.backend is backend


def test_a_closed_proxy_emits_nothing(qtbot: QtBot, now: FakeTime) -> None:
    clock = ClockPlayer(10_000, now=now)
    proxy = PlayerProxy(clock)
    proxy.play()
    emitted: list[object] = []
    proxy.state_changed.connect(emitted.append)
    proxy.position_changed.connect(emitted.append)
    proxy.close()
    now.advance(20.0)
    clock.tick()
    proxy.play()
    proxy.seek(10)
    assert emitted == [] and clock.state() is PlayerState.PLAYING
