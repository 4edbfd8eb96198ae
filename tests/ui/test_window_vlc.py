"""The window with the real libVLC backend playing a generated file."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from reader.player.base import PlayerState
from reader.player.clock_player import ClockPlayer
from reader.player.factory import create_vlc_player
from reader.player.proxy import PlayerProxy
from reader.player.vlc_backend import VlcPlayer, vlc
from reader.ui.window.window import ReaderWindow
from tests.ui.test_window import click_row

pytestmark = [pytest.mark.vlc, pytest.mark.skipif(vlc is None, reason="libVLC is not installed")]


@pytest.fixture
def vlc_window(
    qtbot: QtBot, tone_wav: Path, tmp_path: Path, settings: QSettings
) -> Iterator[ReaderWindow]:
    transcript = tmp_path / "tone.txt"
    # One line per second of the 8 s tone.
    transcript.write_text(
        "".join(f"[{i}.00 --> {i}.90]  line {i}\n" for i in range(8)), encoding="utf-8"
    )
    w = ReaderWindow(
        PlayerProxy(ClockPlayer()), lambda: create_vlc_player("adummy", "dummy"), settings
    )
    qtbot.addWidget(w)
    assert w.open_transcript(transcript)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(w.player.duration_changed, timeout=5000):
        assert w.open_media(tone_wav)
    assert isinstance(w.player.backend, VlcPlayer)
    yield w
    w.close()


def test_highlight_follows_real_playback(qtbot: QtBot, vlc_window: ReaderWindow) -> None:
    w = vlc_window
    assert w.panel.currentWidget() is w.panel.audio_page
    assert "tone #1 100% ｜ test [abcdefghijk].wav" in w.panel.audio_details.text()
    w.player.play()
    qtbot.waitUntil(lambda: w.player.state() is PlayerState.PLAYING, timeout=5000)
    rows = set()
    for step in range(1, 26):  # a look every 100 ms of playback
        qtbot.waitUntil(lambda step=step: w.player.position() >= step * 100, timeout=5000)
        rows.add(w.model.current_row())
        vlc_ms = w.player.backend.vlc_time()  # type: ignore[attr-defined]
        # libVLC's own time moves in ~250 ms steps; ours interpolates close to it.
        assert abs(w.player.position() - vlc_ms) < 400
        near = {w.transcript.index_at(vlc_ms + d) for d in (-400, 0, 400)}
        assert w.model.current_row() in near
    assert {0, 1} <= rows and max(rows) >= 2


def test_click_seeks_real_playback(qtbot: QtBot, vlc_window: ReaderWindow) -> None:
    w = vlc_window
    click_row(qtbot, w, 5)
    assert w.player.position() >= 5000
    qtbot.waitUntil(lambda: w.player.state() is PlayerState.PLAYING, timeout=5000)
    backend = w.player.backend
    assert isinstance(backend, VlcPlayer)
    qtbot.waitUntil(lambda: backend.vlc_time() >= 5250, timeout=5000)  # playing on from there
    assert 5000 <= backend.vlc_time() < 6600
    assert w.model.current_row() == 5


def test_corrupt_media_leaves_the_transcript_readable(
    qtbot: QtBot, vlc_window: ReaderWindow, tmp_path: Path
) -> None:
    w = vlc_window
    bad = tmp_path / "bad ｜ file.opus"
    bad.write_bytes(b"OggS" + bytes(range(256)) * 40)
    with qtbot.waitSignal(w.player.error_occurred, timeout=8000):
        w.open_media(bad)
    assert "bad ｜ file.opus" in w.banner.label.text()
    assert w.model.rowCount() == 8
    assert w.panel.currentWidget() is w.panel.none_page


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg not installed")
def test_video_shows_the_video_surface(
    qtbot: QtBot, vlc_window: ReaderWindow, tmp_path: Path
) -> None:
    w = vlc_window
    video = tmp_path / "clip # 1.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=160x120:rate=25",
            "-t",
            "3",
            "-pix_fmt",
            "yuv420p",
            str(video),
        ],
        check=True,
    )
    assert w.open_media(video)
    with qtbot.waitSignal(w.player.video_changed, timeout=8000):
        w.player.play()
    assert w.player.has_video()
    assert w.panel.currentWidget() is w.panel.video


@pytest.mark.parametrize(
    ("name", "content"), [("fake.mp3", b"this is text, not audio\n" * 40), ("empty.opus", b"")]
)
def test_after_a_bad_recording_space_and_arrows_still_work(
    qtbot: QtBot, vlc_window: ReaderWindow, tmp_path: Path, name: str, content: bytes
) -> None:
    w = vlc_window
    bad = tmp_path / name
    bad.write_bytes(content)
    with qtbot.waitSignal(w.player.error_occurred, timeout=8000):
        w.open_media(bad)
    assert name in w.banner.text()
    qtbot.waitUntil(w.player.is_silent, timeout=5000)
    qtbot.keyClick(w.view, Qt.Key.Key_Down)
    assert w.model.current_row() == 1
    qtbot.keyClick(w.view, Qt.Key.Key_Space)
    assert w.player.is_playing()
    qtbot.waitUntil(lambda: w.player.position() > w.transcript[1].start_ms + 200, timeout=5000)
