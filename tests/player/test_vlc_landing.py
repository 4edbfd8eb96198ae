"""Where real libVLC playback resumes after a seek, and how the clock follows it.

Each report libVLC makes is recorded with the clock's position at the same
instant, before the report is applied: the error the reader would show. The
bookkeeping itself (echo, guard, learning, drift) is tested on the fake libVLC
in test_vlc_logic.py; these check that real libVLC behaves as it assumes.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.player.base import PlayerState
from reader.player.vlc_backend import VlcOptions, VlcPlayer, vlc
from tests.conftest import write_tone_wav

pytestmark = [
    pytest.mark.vlc,
    pytest.mark.skipif(vlc is None, reason="libVLC is not installed"),
]

Report = tuple[float, int, int]  # (stamp, libVLC ms, clock ms)


@pytest.fixture
def player(qtbot: QtBot) -> Iterator[VlcPlayer]:
    p = VlcPlayer(VlcOptions(aout="adummy", vout="dummy"))
    yield p
    p.close()


@pytest.fixture
def reports(player: VlcPlayer) -> list[Report]:
    seen: list[Report] = []
    player.set_report_listener(lambda stamp, ms, shown: seen.append((stamp, ms, shown)))
    return seen


def _play(qtbot: QtBot, player: VlcPlayer, rate: float) -> None:
    player.set_rate(rate)
    with qtbot.waitSignal(player.state_changed, timeout=5000, check_params_cb=_is_playing):
        player.play()


def _is_playing(state: PlayerState) -> bool:
    return state is PlayerState.PLAYING


def _wait_report_after(qtbot: QtBot, reports: list[Report], t: float) -> Report:
    """libVLC's first own report after instant `t`."""
    qtbot.waitUntil(lambda: any(r[0] > t for r in reports), timeout=3000)
    return next(r for r in reports if r[0] > t)


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs ffmpeg to make Ogg/Opus")
def test_a_seek_at_double_speed_lands_where_asked_in_ogg_opus(
    qtbot: QtBot, player: VlcPlayer, reports: list[Report], tmp_path: Path
) -> None:
    # libVLC's own Ogg demuxer resumed 1-2 s past the target at 2x (and the
    # audio with it); the backend has libavformat demux Ogg to avoid that.
    wav = write_tone_wav(tmp_path / "tone.wav", 30.0)
    opus = tmp_path / "tone.opus"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-i", str(wav), "-c:a", "libopus", str(opus)],
        check=True,
    )
    player.load(opus)
    _play(qtbot, player, 2.0)
    _wait_report_after(qtbot, reports, 0.0)
    asked = time.monotonic()
    player.seek(20_000)
    stamp, ms, _ = _wait_report_after(qtbot, reports, asked)
    landed = ms - 2.0 * (stamp - asked) * 1000
    assert abs(landed - 20_000) < 100, landed


def test_the_clock_learns_where_a_seek_lands(
    qtbot: QtBot, player: VlcPlayer, reports: list[Report], tmp_path: Path
) -> None:
    # WAV resumes a few tens of ms off the target; the first start shows how
    # far, and from then on the clock starts a seek there instead of at the target.
    player.load(write_tone_wav(tmp_path / "tone.wav", 30.0))
    _play(qtbot, player, 1.0)
    qtbot.waitUntil(lambda: bool(player.landing_offsets()), timeout=3000)
    assert abs(player.landing_offset()) <= 100
    for target in (20_000, 5_000):
        asked = time.monotonic()
        player.seek(target)
        _, ms, shown = _wait_report_after(qtbot, reports, asked)
        assert abs(shown - ms) <= 15, (target, ms, shown)
    assert player.position() >= 5_000
