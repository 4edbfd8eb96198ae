"""The search, quote and pairing pieces reached through the window's own keys and menus."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from reader.core.export import quote
from reader.player.base import Player
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.ui.transcript.model import MATCH_ROLE
from reader.ui.window.window import ReaderWindow
from tests.ui.conftest import FakeTime


def test_ctrl_f_searches_and_escape_closes(qtbot: QtBot, window: ReaderWindow) -> None:
    assert window.search is None  # not built until asked for
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.search
    assert panel is not None and panel.is_open()
    qtbot.keyClicks(panel.field, "Lamers")
    qtbot.waitUntil(lambda: bool(panel.hits()), timeout=5000)
    marked = [r for r in range(window.model.rowCount()) if window.model.index(r).data(MATCH_ROLE)]
    assert marked and all("amer" in window.transcript[r].text for r in marked[:3])
    qtbot.keyClick(window.view, Qt.Key.Key_F3)
    assert not window.view.is_following()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not panel.is_open()
    assert window.view.is_following()
    assert not any(window.model.index(r).data(MATCH_ROLE) for r in marked)


def test_ctrl_c_copies_the_current_line_as_a_quote(qtbot: QtBot, window: ReaderWindow) -> None:
    t = window.transcript
    window.player.seek(t[30].start_ms)
    window.view.clearSelection()
    qtbot.keyClick(window.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == quote([t[30]], t.header)


def test_opening_a_transcript_finds_its_recording(
    qtbot: QtBot, tmp_path: Path, sample_path: Path, settings: QSettings, fake_time: FakeTime
) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    text = folder / "Grok-3 daagt OpenAI uit ｜ AI Report [xDCa0xgymMY].wav.txt"
    shutil.copy(sample_path, text)
    media = folder / "Grok-3 daagt OpenAI uit ｜ AI Report [xDCa0xgymMY].opus"
    media.write_bytes(b"not decoded by this test")
    (folder / "Other episode ｜ AI Report [abcdefghijk].opus").write_bytes(b"x")

    def fake_backend() -> tuple[Player | None, str | None]:
        return ClockPlayer(now=fake_time), None

    w = ReaderWindow(PlayerProxy(ClockPlayer(now=fake_time)), fake_backend, settings)
    qtbot.addWidget(w)
    w.show()
    assert w.open_any(text)
    qtbot.waitUntil(lambda: w.player.media() == media, timeout=5000)
