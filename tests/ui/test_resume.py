"""Reopening a transcript returns to where the user left off."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from reader.core.state import PositionStore
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.ui.window.window import ReaderWindow
from tests.ui.conftest import FakeTime, no_vlc


def _window(qtbot: QtBot, store: PositionStore, settings: QSettings, now: FakeTime) -> ReaderWindow:
    w = ReaderWindow(PlayerProxy(ClockPlayer(now=now)), no_vlc, settings, store)
    qtbot.addWidget(w)
    return w


def test_position_is_saved_on_pause_and_close_and_restored(
    qtbot: QtBot, tmp_path: Path, sample_path: Path, settings: QSettings, fake_time: FakeTime
) -> None:
    store_file = tmp_path / "state" / "positions.json"
    first = _window(qtbot, PositionStore(store_file), settings, fake_time)
    assert first.open_transcript(sample_path)
    assert first.player.position() == 0  # never opened before
    first.player.seek(754_000)
    first.player.play()
    fake_time.t += 10
    first.player.backend.tick()
    first.player.pause()
    assert store_file.is_file()
    assert PositionStore(store_file).get(sample_path).position_ms == 764_000  # type: ignore[union-attr]
    first.player.seek(1_000_000)
    first.close()

    second = _window(qtbot, PositionStore(store_file), settings, fake_time)
    assert second.open_transcript(sample_path)
    assert second.player.position() == 1_000_000
    assert second.model.current_row() == second.transcript.index_at(1_000_000)


def test_switching_transcripts_saves_the_one_left(
    qtbot: QtBot, tmp_path: Path, sample_path: Path, settings: QSettings, fake_time: FakeTime
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("[0 --> 5]  a\n[5 --> 10]  b\n", encoding="utf-8")
    w = _window(qtbot, PositionStore(tmp_path / "p.json"), settings, fake_time)
    w.open_transcript(sample_path)
    w.player.seek(42_000)
    w.open_transcript(other)
    assert w.player.position() == 0
    w.player.seek(7_000)
    w.open_transcript(sample_path)
    assert w.player.position() == 42_000
    w.open_transcript(other)
    assert w.player.position() == 7_000


def test_a_moved_transcript_still_resumes(
    qtbot: QtBot, tmp_path: Path, sample_path: Path, settings: QSettings, fake_time: FakeTime
) -> None:
    old = tmp_path / "old folder" / "talk.txt"
    old.parent.mkdir()
    shutil.copy(sample_path, old)
    store = PositionStore(tmp_path / "p.json")
    w = _window(qtbot, store, settings, fake_time)
    w.open_transcript(old)
    w.player.seek(300_000)
    w.close()
    new = tmp_path / "renamed folder" / "talk.txt"
    old.parent.rename(new.parent)
    again = _window(qtbot, PositionStore(tmp_path / "p.json"), settings, fake_time)
    again.open_transcript(new)
    assert again.player.position() == 300_000


def test_a_corrupt_state_file_means_defaults_and_is_kept(
    qtbot: QtBot, tmp_path: Path, sample_path: Path, settings: QSettings, fake_time: FakeTime
) -> None:
    store_file = tmp_path / "positions.json"
    store_file.write_bytes(b'{"version": 1, "entries": {"x": [tru')
    w = _window(qtbot, PositionStore(store_file), settings, fake_time)
    w.show()
    assert w.open_transcript(sample_path)
    assert w.player.position() == 0
    assert "positions.json is damaged" in w.banner.text()  # said, and still showing
    w.player.seek(5_000)
    w.close()  # saving now writes a good file and keeps the damaged one aside
    kept = list(tmp_path.glob("positions.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b'{"version": 1')
    assert PositionStore(store_file).get(sample_path).position_ms == 5_000  # type: ignore[union-attr]
