"""Without libVLC the reader still reads, and says what to install."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

import reader.player.vlc_backend as backend
from reader.player.clock_player import ClockPlayer
from reader.player.factory import create_vlc_player
from reader.player.proxy import PlayerProxy
from reader.ui.window.window import ReaderWindow


def test_missing_libvlc_is_explained_and_the_transcript_reads(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    sample_path: Path,
    settings: QSettings,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(backend, "vlc", None)
    monkeypatch.setattr(backend, "_IMPORT_ERROR", "Cannot find libvlc lib")
    player, why = create_vlc_player("adummy", "dummy")
    assert player is None
    assert why is not None and "libvlc5" in why and "apt" in why

    w = ReaderWindow(
        PlayerProxy(ClockPlayer()), lambda: create_vlc_player("adummy", "dummy"), settings
    )
    qtbot.addWidget(w)
    assert w.open_transcript(sample_path)
    media = tmp_path / "talk.opus"
    media.write_bytes(b"x")
    assert not w.open_media(media)
    assert "libvlc5" in w.banner.label.text() and "talk.opus" in w.banner.label.text()
    assert w.model.rowCount() > 0
    w.player.play()  # the silent clock still runs
    assert w.player.is_playing()
