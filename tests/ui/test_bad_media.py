"""A recording that cannot be played: the reader says so and reads on with the silent clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from reader.player.base import Player, PlayerState
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.ui.window.window import ReaderWindow
from tests.ui.conftest import FakeTime


class FailingPlayer(ClockPlayer):
    """A media backend whose every file turns out unplayable, as libVLC reports it."""

    def is_silent(self) -> bool:
        return False

    def load(self, path: str | Path) -> None:
        self._media = Path(path)
        self._set_state(PlayerState.ERROR)
        self.error_occurred.emit(f"{path}: VLC could not read this file")


@pytest.fixture
def failing_window(
    qtbot: QtBot, fake_time: FakeTime, sample_path: Path, settings: QSettings
) -> ReaderWindow:
    def factory() -> tuple[Player | None, str | None]:
        return FailingPlayer(now=fake_time), None

    w = ReaderWindow(PlayerProxy(ClockPlayer(now=fake_time)), factory, settings)
    qtbot.addWidget(w)
    assert w.open_transcript(sample_path)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: not w.is_loading())
    return w


def test_a_bad_recording_leaves_a_working_reader(
    qtbot: QtBot, failing_window: ReaderWindow, tmp_path: Path
) -> None:
    w = failing_window
    fake = tmp_path / "talk.mp3"
    fake.write_text("not audio at all")
    w.player.seek(60_000)
    assert not w.open_media(fake)
    assert "talk.mp3" in w.banner.text()
    qtbot.waitUntil(w.player.is_silent)  # back on the silent clock, where it was
    assert w.player.state() is PlayerState.PAUSED and w.player.position() == 60_000
    assert w.panel.currentWidget() is w.panel.none_page
    assert w.panel.none_title.text() == "The recording could not be played"
    assert "silent clock" in w.panel.none_detail.text()  # and now it is true
    row = w.model.current_row()
    qtbot.keyClick(w.view, Qt.Key.Key_Down)
    assert w.model.current_row() == row + 1
    qtbot.keyClick(w.view, Qt.Key.Key_Space)
    assert w.player.is_playing()
    assert w.player.duration() == w.transcript.duration_ms  # runs to the transcript's end


def test_the_failure_is_forgotten_with_another_transcript(
    qtbot: QtBot, failing_window: ReaderWindow, tmp_path: Path, sample_path: Path
) -> None:
    w = failing_window
    fake = tmp_path / "talk.mp3"
    fake.write_text("not audio at all")
    assert not w.open_media(fake)
    qtbot.waitUntil(w.player.is_silent)
    other = tmp_path / "other.txt"
    other.write_bytes(sample_path.read_bytes())
    assert w.open_transcript(other)
    assert w.panel.none_title.text() == "No recording opened"


def test_a_missing_recording_keeps_the_place_and_a_later_seek(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, sample_path: Path, tmp_path: Path
) -> None:
    """A load that fails at once (no such file) left the clock at 0: the place was
    saved as 0 at quit, and `--at` was lost."""
    from reader.core.state import PositionStore
    from reader.player.factory import create_vlc_player
    from reader.player.vlc_backend import vlc

    if vlc is None:
        pytest.skip("libVLC is not installed")
    store = PositionStore(tmp_path / "positions.json")
    player = PlayerProxy(ClockPlayer(now=fake_time))
    w = ReaderWindow(player, lambda: create_vlc_player("adummy", "dummy"), settings, store)
    qtbot.addWidget(w)
    assert w.open_transcript(sample_path)
    w.player.seek(90_000)
    assert not w.open_media(tmp_path / "nowhere.opus")
    assert w.player.is_silent() and w.player.position() == 90_000
    w.player.seek(600_000)  # what --at does next
    assert w.player.position() == 600_000
    w.close()
    saved = PositionStore(tmp_path / "positions.json").get(sample_path)
    assert saved is not None and saved.position_ms == 600_000
