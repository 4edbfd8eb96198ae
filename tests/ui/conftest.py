"""A reader window on the silent clock with a fake time source: no sleeps, no libVLC."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from reader.player.base import Player
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.ui.window.window import ReaderWindow


class FakeTime:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


def no_vlc() -> tuple[Player | None, str | None]:
    return None, "libVLC is not used in this test"


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Settings in a temporary file: tests never touch the user's own."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(
    qtbot: QtBot, fake_time: FakeTime, sample_path: Path, settings: QSettings
) -> Iterator[ReaderWindow]:
    player = PlayerProxy(ClockPlayer(now=fake_time))
    w = ReaderWindow(player, no_vlc, settings)
    qtbot.addWidget(w)
    assert w.open_transcript(sample_path)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitActive(w)
    # The rest of a large file is read just after the first frame is on screen.
    qtbot.waitUntil(lambda: not w.is_loading())
    yield w
    w.close()


def wait_laid_out(qtbot: QtBot, w: ReaderWindow, row: int) -> None:
    """Batched layout runs in the background; wait until `row` has geometry."""
    idx = w.model.index(row)
    qtbot.waitUntil(lambda: w.view.visualRect(idx).height() > 0, timeout=5000)
