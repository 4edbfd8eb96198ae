"""What views ask the player instead of testing its type, through the proxy."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.player import MAX_MS
from reader.player.base import PlayerState
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.player.vlc_backend import VlcOptions, VlcPlayer
from tests.helpers.fake_vlc import EventType, FakeVlc
from tests.player.conftest import FakeTime


def test_the_silent_clock_says_so_and_takes_the_transcripts_length(
    qtbot: QtBot, now: FakeTime
) -> None:
    proxy = PlayerProxy(ClockPlayer(now=now))
    assert proxy.is_silent()
    with qtbot.waitSignal(proxy.duration_changed) as sig:
        proxy.set_nominal_length(90_000)
    assert sig.args == [90_000] and proxy.duration() == 90_000


def test_a_player_with_media_ignores_a_nominal_length(
    qtbot: QtBot, fake: FakeVlc, now: FakeTime
) -> None:
    proxy = PlayerProxy(ClockPlayer(now=now))
    proxy.set_backend(VlcPlayer(VlcOptions(), vlc_module=fake, now=now))
    assert not proxy.is_silent()
    proxy.set_nominal_length(90_000)
    assert proxy.duration() == 0


def test_a_swap_carries_rate_and_volume_and_says_where_it_is(
    qtbot: QtBot, fake: FakeVlc, now: FakeTime
) -> None:
    proxy = PlayerProxy(ClockPlayer(now=now))
    proxy.set_rate(1.5)
    proxy.set_volume(30)
    old = proxy.backend
    new = VlcPlayer(VlcOptions(), vlc_module=fake, now=now)
    with qtbot.waitSignal(proxy.state_changed) as sig:
        proxy.set_backend(new)
    assert sig.args == [PlayerState.NO_MEDIA]
    assert proxy.backend is new and old.is_closed()
    assert fake.player.commands("set_rate") == [1.5]
    assert fake.player.commands("audio_set_volume") == [30]


def test_events_from_a_swapped_out_backend_do_not_reach_the_views(
    qtbot: QtBot, fake: FakeVlc, now: FakeTime, media_file: Path
) -> None:
    first = VlcPlayer(VlcOptions(), vlc_module=fake, now=now)
    proxy = PlayerProxy(first)
    proxy.load(media_file)
    proxy.play()
    old_mp = fake.player
    old_mp.events.send(EventType.MediaPlayerPlaying)  # posted by the old libVLC player
    states: list[PlayerState] = []
    proxy.state_changed.connect(states.append)
    proxy.set_backend(ClockPlayer(now=now))
    fake.deliver()
    assert states == [PlayerState.PAUSED] and not proxy.is_playing()


def test_toggle_goes_to_the_backend_which_knows_it_is_starting(
    qtbot: QtBot, fake: FakeVlc, now: FakeTime, media_file: Path
) -> None:
    proxy = PlayerProxy(VlcPlayer(VlcOptions(), vlc_module=fake, now=now))
    proxy.load(media_file)
    proxy.toggle()
    proxy.toggle()  # a second press before libVLC plays: pause, not play again
    fake.playing()
    assert fake.player.commands("play") == [None] and fake.player.commands("set_pause") == [1]
    assert proxy.state() is PlayerState.PAUSED


def test_a_clock_longer_than_a_qt_int_is_held_to_max_ms(qtbot: QtBot, now: FakeTime) -> None:
    clock = ClockPlayer(2**40, now=now)
    assert clock.duration() == MAX_MS
    seen: list[int] = []
    clock.seeked.connect(seen.append)
    clock.seek(2**35)
    assert seen == [MAX_MS] and clock.position() == MAX_MS
    clock.set_nominal_length(-5)
    assert clock.duration() == 0
