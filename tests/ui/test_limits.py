"""Times past what Qt's int slider carries (2^31 ms, ~596 h): refused by name, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from reader.app import main
from reader.core.timefmt import MAX_TIME_MS
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.ui.window.window import ReaderWindow
from tests.ui.conftest import no_vlc


def test_a_cue_past_the_limit_is_named_and_the_window_works(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    srt = tmp_path / "far.srt"
    srt.write_text(
        "1\n00:00:01,000 --> 00:00:03,000\nHallo.\n\n"
        "2\n99999:00:00,000 --> 99999:00:02,000\nVeel te laat.\n\n"
        "3\n00:00:04,000 --> 00:00:06,000\nDag.\n",
        encoding="utf-8",
    )
    w = ReaderWindow(PlayerProxy(ClockPlayer()), no_vlc, settings)
    qtbot.addWidget(w)
    assert w.open_transcript(srt)
    w.show()
    assert w.is_complete() and w.transcript is not None
    assert all(s.end_ms <= MAX_TIME_MS for s in w.transcript)
    assert "far.srt" in w.banner.text() and "(line 6)" in w.banner.text()  # its time line
    assert w.transport.slider.maximum() == w.player.duration() <= MAX_TIME_MS
    assert w.close()


def test_a_length_past_the_limit_is_clamped_in_the_slider(
    qtbot: QtBot, settings: QSettings, sample_path: Path
) -> None:
    player = PlayerProxy(ClockPlayer())
    w = ReaderWindow(player, no_vlc, settings)
    qtbot.addWidget(w)
    assert w.open_transcript(sample_path)
    player.set_nominal_length(359_996_400_000)  # a recording that claims to be 100,000 h
    player.seek(359_996_400_000)
    assert w.transport.slider.maximum() == player.duration() <= MAX_TIME_MS
    assert w.transport.slider.value() <= MAX_TIME_MS
    assert w.close()


def test_at_past_the_limit_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["talk.txt", "--at", "99999:00:00", "--media", "x.opus"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "596:31:23" in err
