"""VlcPlayer's own logic on the scriptable fake libVLC: awkward orders, no waiting."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.player.base import MAX_MS, PlayerState
from reader.player.vlc_backend import VlcOptions, VlcPlayer, VlcUnavailable
from tests.helpers.fake_vlc import EventType, FakeVlc, MediaParsedStatus, TrackType
from tests.player.conftest import FakeTime


def test_loads_by_path_with_the_options_for_its_kind(
    qtbot: QtBot, vp: VlcPlayer, fake: FakeVlc, media_file: Path
) -> None:
    with qtbot.waitSignal(vp.duration_changed) as sig:
        vp.load(media_file)
        fake.finish_parse(duration=8000)
    assert sig.args == [8000]
    assert fake.media.path == str(media_file)  # by path: '#' stays a '#'
    assert fake.media.options == [":demux=avformat,any"]
    assert fake.player.media is fake.media
    assert vp.state() is PlayerState.PAUSED
    assert "--aout=adummy" in fake.instances[0].args


def test_a_demuxer_chosen_by_the_user_is_kept(
    qtbot: QtBot, fake: FakeVlc, now: FakeTime, media_file: Path
) -> None:
    p = VlcPlayer(VlcOptions(extra=("--demux=wav",)), vlc_module=fake, now=now)
    p.load(media_file)
    assert fake.media.options == []
    p.close()


def test_options_libvlc_refuses_are_explained(qtbot: QtBot, fake: FakeVlc) -> None:
    fake.refuse_options = True
    with pytest.raises(VlcUnavailable, match="refused its options"):
        VlcPlayer(VlcOptions(aout="nosuch"), vlc_module=fake)


def test_seek_before_the_first_play_is_applied_when_playing(
    loaded: VlcPlayer, fake: FakeVlc
) -> None:
    loaded.seek(5000)
    assert loaded.position() == 5000 and loaded.seek_pending() == 5000
    assert fake.player.commands("set_time") == []  # libVLC would lose it now
    loaded.play()
    fake.playing()
    assert fake.player.commands("set_time") == [5000]
    assert loaded.state() is PlayerState.PLAYING and loaded.position() == 5000


def test_a_seek_while_playback_is_starting_is_where_it_plays(
    loaded: VlcPlayer, fake: FakeVlc
) -> None:
    loaded.seek(12_000)  # a resumed position
    loaded.play()
    loaded.seek(20_000)  # a click before libVLC says it is playing
    fake.playing()
    assert fake.player.commands("set_time") == [20_000]
    assert loaded.position() == 20_000


def test_pause_pressed_while_playback_is_starting(loaded: VlcPlayer, fake: FakeVlc) -> None:
    loaded.toggle()  # play...
    loaded.toggle()  # ...and pause again before libVLC has said "playing"
    assert fake.player.commands("play") == [None]
    fake.playing()
    assert fake.player.commands("set_pause") == [1]
    assert loaded.state() is PlayerState.PAUSED
    loaded.play()
    assert fake.player.commands("set_pause") == [1, 0]
    fake.playing()
    assert loaded.state() is PlayerState.PLAYING


def test_play_pressed_twice_while_starting_starts_once(loaded: VlcPlayer, fake: FakeVlc) -> None:
    loaded.play()
    loaded.pause()
    loaded.play()  # takes the pause back
    fake.playing()
    assert fake.player.commands("play") == [None] and fake.player.commands("set_pause") == []
    assert loaded.state() is PlayerState.PLAYING


def test_a_playing_event_after_a_pause_is_ignored(
    playing: VlcPlayer, fake: FakeVlc, now: FakeTime
) -> None:
    playing.pause()
    fake.playing()  # posted before libVLC took the pause
    assert playing.state() is PlayerState.PAUSED
    at = playing.position()
    now.advance(1.0)
    assert playing.position() == at  # the clock did not start again


def test_the_clock_runs_between_reports_at_the_rate(
    playing: VlcPlayer, fake: FakeVlc, now: FakeTime
) -> None:
    now.advance(0.5)
    assert playing.position() == 500
    playing.set_rate(2.0)
    assert fake.player.commands("set_rate") == [2.0]
    now.advance(0.5)
    assert playing.position() == 1500
    fake.time(1400)  # libVLC is behind: the shown time does not go back
    assert playing.position() == 1500
    now.advance(0.1)
    assert playing.position() == 1600
    playing.set_volume(40)
    assert fake.player.commands("audio_set_volume") == [40]


def test_a_requested_moment_is_emitted_when_reached(
    playing: VlcPlayer, now: FakeTime, qtbot: QtBot
) -> None:
    seen: list[int] = []
    playing.position_changed.connect(seen.append)
    playing.request_update_at(137)
    assert playing.next_update_ms() == 137
    now.advance(0.137)
    playing.tick()  # what the timer does at the moment
    assert seen[-1] == 137 and playing.next_update_ms() is None


def test_the_seek_guard_drops_reports_from_before_the_seek(
    playing: VlcPlayer, fake: FakeVlc, now: FakeTime
) -> None:
    now.advance(5.0)
    fake.time(5000)
    playing.seek(1000)
    now.advance(0.1)
    fake.time(5100)  # libVLC had not taken the seek yet
    assert 1000 <= playing.position() <= 1100
    fake.time(1090)  # it has now
    now.advance(0.1)
    assert playing.position() == 1190
    fake.time(9000)  # the guard is over: a far report is believed
    assert playing.position() == 9000


def test_the_seek_guard_ends_after_two_seconds(
    playing: VlcPlayer, fake: FakeVlc, now: FakeTime
) -> None:
    playing.seek(1000)
    now.advance(2.5)
    fake.time(9000)  # libVLC really is elsewhere
    assert playing.position() == 9000


def test_the_clock_learns_where_a_seek_lands(
    playing: VlcPlayer, fake: FakeVlc, now: FakeTime
) -> None:
    assert playing.landing_offset() == 0
    now.advance(0.3)
    fake.time(339)  # the start landed 39 ms on
    assert playing.landing_offset() == 39
    playing.seek(5000)
    assert playing.position() == 5039  # where libVLC will resume, not the target
    fake.time(5000)  # its echo of the target teaches nothing
    now.advance(0.25)
    fake.time(5289)
    assert playing.landing_offsets() == {1.0: 39}
    assert playing.position() == 5289


def test_a_seek_never_shows_a_place_before_its_target(
    playing: VlcPlayer, fake: FakeVlc, now: FakeTime
) -> None:
    now.advance(0.3)
    fake.time(289)  # lands 11 ms early
    assert playing.landing_offset() == -11
    for target in (10_000, 4_000, 0):
        playing.seek(target)
        assert playing.position() >= target
        now.advance(0.005)
        assert playing.position() >= target


def test_a_landing_far_off_is_not_learnt(playing: VlcPlayer, fake: FakeVlc, now: FakeTime) -> None:
    now.advance(0.3)
    fake.time(800)  # something else happened
    assert playing.landing_offsets() == {}


def test_the_learnt_offset_does_not_drift(playing: VlcPlayer, fake: FakeVlc, now: FakeTime) -> None:
    # Seeks clamped at 0, pauses right after a seek and seeks while paused
    # once made each cycle add its offset again (to -100 ms after a few).
    now.advance(0.3)
    fake.time(339)
    for i in range(4):
        playing.seek(0)
        now.advance(0.4)
        fake.time(439)
        playing.seek(3000 + i * 2000)
        now.advance(0.03)
        playing.pause()
        playing.seek(4000 + i * 2000)
        playing.play()
        fake.playing()
        now.advance(0.4)
        fake.time(4439 + i * 2000)
        assert playing.landing_offsets() == {1.0: 39}, i


def test_offsets_are_learnt_per_speed(playing: VlcPlayer, fake: FakeVlc, now: FakeTime) -> None:
    now.advance(0.3)
    fake.time(339)
    playing.set_rate(2.0)
    assert playing.landing_offset() == 39  # the nearest speed's, until this one is seen
    now.advance(0.5)
    fake.time(1339)  # a report across the speed change teaches nothing
    playing.seek(10_000)
    now.advance(0.25)
    fake.time(10_528)  # it landed at 10_028 (28 ms on at 2x), then 0.25 s at 2x
    assert playing.landing_offsets() == {1.0: 39, 2.0: 28}


def test_the_end_and_playing_again_from_the_start(
    qtbot: QtBot, playing: VlcPlayer, fake: FakeVlc
) -> None:
    with qtbot.waitSignal(playing.state_changed) as sig:
        fake.ended()
    assert sig.args == [PlayerState.ENDED]
    assert playing.position() == playing.duration() == 30_000
    playing.play()
    assert fake.player.commands("stop")[-1:] == [None]  # an ended libVLC must be stopped
    assert fake.player.calls[-2:] == [("stop", None), ("play", None)]
    fake.playing()
    assert fake.player.commands("set_time") == [0]
    assert playing.position() == 0 and playing.is_playing()


def test_a_seek_after_the_end_plays_from_there(playing: VlcPlayer, fake: FakeVlc) -> None:
    fake.ended()
    playing.seek(500)  # what a click on a line does after the recording ended
    assert playing.state() is PlayerState.PAUSED and playing.position() == 500
    playing.play()
    fake.playing()
    assert fake.player.commands("set_time") == [500]


def test_an_end_reached_before_a_seek_took_keeps_the_seek(
    playing: VlcPlayer, fake: FakeVlc, now: FakeTime
) -> None:
    now.advance(29.9)
    fake.time(29_900)
    playing.seek(3000)  # a click on a line just before the end
    fake.ended()  # libVLC reached the end before taking the seek
    assert playing.state() is PlayerState.PAUSED and playing.position() == 3000
    assert playing.seek_pending() == 3000
    playing.play()
    fake.playing()
    assert fake.player.commands("set_time")[-1] == 3000 and playing.is_playing()


def test_an_end_after_a_seek_near_the_end_is_the_end(
    playing: VlcPlayer, fake: FakeVlc, now: FakeTime
) -> None:
    playing.seek(29_500)
    now.advance(0.5)
    fake.ended()
    assert playing.state() is PlayerState.ENDED


def test_missing_media_is_an_error_not_a_crash(
    qtbot: QtBot, vp: VlcPlayer, fake: FakeVlc, tmp_path: Path
) -> None:
    with qtbot.waitSignal(vp.error_occurred) as sig:
        vp.load(tmp_path / "gone.opus")
    assert "gone.opus" in sig.args[0] and "no such" in sig.args[0]
    assert vp.state() is PlayerState.ERROR
    vp.play()  # harmless
    vp.seek(1000)
    assert fake.player.commands("play") == [] and fake.player.commands("set_time") == []


def test_media_libvlc_cannot_open_is_an_error(
    qtbot: QtBot, vp: VlcPlayer, fake: FakeVlc, media_file: Path
) -> None:
    fake.refuse_media = True
    with qtbot.waitSignal(vp.error_occurred) as sig:
        vp.load(media_file)
    assert "could not open" in sig.args[0]


@pytest.mark.parametrize(
    ("status", "tracks", "says"),
    [
        (MediaParsedStatus.failed, (), "could not read"),
        (MediaParsedStatus.timeout, (), "could not read"),
        (MediaParsedStatus.done, (TrackType.text,), "no audio or video"),
    ],
)
def test_undecodable_media_is_reported(
    qtbot: QtBot,
    vp: VlcPlayer,
    fake: FakeVlc,
    media_file: Path,
    status: MediaParsedStatus,
    tracks: tuple[TrackType, ...],
    says: str,
) -> None:
    vp.load(media_file)
    with qtbot.waitSignal(vp.error_occurred) as sig:
        fake.finish_parse(duration=0, tracks=tracks, status=status)
    assert says in sig.args[0] and media_file.name in sig.args[0]
    assert vp.state() is PlayerState.ERROR


def test_an_error_during_load_is_reported_once(
    vp: VlcPlayer, fake: FakeVlc, media_file: Path
) -> None:
    errors: list[str] = []
    durations: list[int] = []
    vp.error_occurred.connect(errors.append)
    vp.duration_changed.connect(durations.append)
    vp.load(media_file)
    fake.error()  # before the parse finished
    fake.finish_parse(duration=8000)  # then the parse says "done" anyway
    fake.fire(EventType.MediaPlayerLengthChanged, new_length=8000)
    fake.error()
    fake.deliver()
    assert len(errors) == 1 and durations == []
    assert vp.state() is PlayerState.ERROR
    vp.play()
    assert fake.player.commands("play") == []


def test_an_error_while_playing_stops_the_clock(
    playing: VlcPlayer, fake: FakeVlc, now: FakeTime
) -> None:
    now.advance(1.0)
    fake.error()
    assert playing.state() is PlayerState.ERROR
    at = playing.position()
    now.advance(1.0)
    assert playing.position() == at


def test_libvlc_refusing_to_play_is_an_error(loaded: VlcPlayer, fake: FakeVlc) -> None:
    fake.player.play_result = -1
    loaded.play()
    assert loaded.state() is PlayerState.ERROR


def test_events_for_replaced_media_are_ignored(
    playing: VlcPlayer, fake: FakeVlc, media_file: Path
) -> None:
    fake.fire(EventType.MediaPlayerEndReached)  # posted for the old file...
    fake.fire(EventType.MediaPlayerLengthChanged, new_length=99_000)
    playing.load(media_file)  # ...which is replaced before it arrives
    fake.deliver()
    assert playing.state() is PlayerState.PAUSED and playing.duration() == 0
    assert fake.medias[0].released and not fake.medias[0].parsing


def test_video_appears_and_goes(qtbot: QtBot, playing: VlcPlayer, fake: FakeVlc) -> None:
    with qtbot.waitSignal(playing.video_changed) as sig:
        fake.fire(EventType.MediaPlayerVout, new_count=1)
        fake.deliver()
    assert sig.args == [True] and playing.has_video()
    fake.fire(EventType.MediaPlayerVout, new_count=0)
    fake.deliver()
    assert not playing.has_video()


def test_huge_lengths_and_seeks_fit_a_qt_int(
    playing: VlcPlayer, fake: FakeVlc, now: FakeTime
) -> None:
    durations: list[int] = []
    playing.duration_changed.connect(durations.append)
    fake.fire(EventType.MediaPlayerLengthChanged, new_length=2**40)
    fake.deliver()
    assert durations == [MAX_MS] and playing.duration() == MAX_MS
    playing.seek(2**40)
    assert playing.position() == MAX_MS
    now.advance(10.0)
    assert playing.position() == MAX_MS
