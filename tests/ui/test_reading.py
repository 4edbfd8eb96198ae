"""Reading comfort: keys, loop, learner mode, text size and remembered settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QTableWidget
from pytestqt.qtbot import QtBot

from reader.player.base import PlayerState
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.ui.window.window import ReaderWindow
from tests.ui.conftest import FakeTime, no_vlc, wait_laid_out


def _key(
    qtbot: QtBot,
    w: ReaderWindow,
    key: Qt.Key,
    mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(w.view, key, mods)


def _advance(w: ReaderWindow, fake_time: FakeTime, seconds: float, step: float = 0.016) -> None:
    """Let the silent clock run, ticking like the 16 ms timer would."""
    end = fake_time.t + seconds
    while fake_time.t < end:
        fake_time.t = min(end, fake_time.t + step)
        w.player.backend.tick()


def test_up_down_step_between_lines(qtbot: QtBot, window: ReaderWindow) -> None:
    t = window.transcript
    window.player.seek(t[10].start_ms + 500)
    _key(qtbot, window, Qt.Key.Key_Down)
    assert window.player.position() == t[11].start_ms
    _key(qtbot, window, Qt.Key.Key_Up)
    _key(qtbot, window, Qt.Key.Key_Up)
    assert window.player.position() == t[9].start_ms
    window.player.seek(0)
    _key(qtbot, window, Qt.Key.Key_Up)  # stays on the first line
    assert window.player.position() == 0


def test_speed_keys_and_speed_is_remembered(
    qtbot: QtBot, window: ReaderWindow, settings: QSettings, fake_time: FakeTime
) -> None:
    qtbot.keyClicks(window.view, "]]")
    assert window.player.rate() == 1.25
    assert window.transport.speed.currentText() == "1.25×"
    qtbot.keyClicks(window.view, "[[[[")  # 1.1, 1, 0.9, 0.75
    assert window.player.rate() == 0.75
    window.player.set_volume(35)
    settings.sync()
    again = ReaderWindow(PlayerProxy(ClockPlayer(now=fake_time)), no_vlc, settings)
    qtbot.addWidget(again)
    assert again.player.rate() == 0.75
    assert again.player.volume() == 35
    assert again.transport.volume.value() == 35


def test_text_size_keys_and_memory(
    qtbot: QtBot, window: ReaderWindow, settings: QSettings, fake_time: FakeTime
) -> None:
    base = window.view.font().pointSizeF()
    _key(qtbot, window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    _key(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font().pointSizeF() == base + 2
    again = ReaderWindow(PlayerProxy(ClockPlayer(now=fake_time)), no_vlc, settings)
    qtbot.addWidget(again)
    assert abs(again.view.font().pointSizeF() - (base + 2)) < 0.05
    _key(qtbot, window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font().pointSizeF() == base + 1
    _key(qtbot, window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font().pointSizeF() == base


def test_bad_settings_mean_defaults(qtbot: QtBot, tmp_path: Path, fake_time: FakeTime) -> None:
    ini = tmp_path / "bad.ini"
    ini.write_text(
        "[playback]\nrate=fast\nvolume=nan\n[view]\ntext_size=\x00\x01\n", encoding="latin-1"
    )
    s = QSettings(str(ini), QSettings.Format.IniFormat)
    w = ReaderWindow(PlayerProxy(ClockPlayer(now=fake_time)), no_vlc, s)
    qtbot.addWidget(w)
    assert w.player.rate() == 1.0 and w.player.volume() == 100


def test_loop_repeats_the_current_line(
    qtbot: QtBot, window: ReaderWindow, fake_time: FakeTime
) -> None:
    t = window.transcript
    line = t[20]
    window.player.seek(line.start_ms)
    window.player.play()
    _key(qtbot, window, Qt.Key.Key_L)
    assert window.modes.is_looping() and window.actions_by_name["loop"].isChecked()
    _advance(window, fake_time, (line.end_ms - line.start_ms) / 1000 * 2.5)
    # Still inside the looped line after more than two of its lengths.
    assert line.start_ms <= window.player.position() <= line.end_ms + 20
    assert window.model.current_row() == 20
    _key(qtbot, window, Qt.Key.Key_L)
    assert not window.modes.is_looping()
    _advance(window, fake_time, (line.end_ms - line.start_ms) / 1000 + 1)
    assert window.player.position() > line.end_ms


def test_learner_mode_pauses_at_the_end_of_each_line(
    qtbot: QtBot, window: ReaderWindow, fake_time: FakeTime
) -> None:
    t = window.transcript
    window.player.seek(t[5].start_ms)
    _key(qtbot, window, Qt.Key.Key_P)
    assert window.modes.is_learner()
    window.player.play()
    _advance(window, fake_time, 30)
    assert window.player.state() is PlayerState.PAUSED
    stop = window.player.position()
    # Stopped within a tick of where line 5 ends (or line 6 begins, if sooner).
    boundary = min(t[5].end_ms, t[6].start_ms)
    assert boundary <= stop <= boundary + 20
    window.player.play()
    _advance(window, fake_time, 30)
    assert window.player.state() is PlayerState.PAUSED
    boundary = min(t[6].end_ms, t[7].start_ms)
    assert boundary <= window.player.position() <= boundary + 20


def test_escape_returns_to_the_current_line(qtbot: QtBot, window: ReaderWindow) -> None:
    window.player.seek(2_000_000)
    window.view.set_following(False)
    assert window.back_button.isVisible()
    _key(qtbot, window, Qt.Key.Key_Escape)
    assert window.view.is_following()


def test_help_lists_the_shortcuts(qtbot: QtBot, window: ReaderWindow) -> None:
    _key(qtbot, window, Qt.Key.Key_F1)
    dialogs = [d for d in window.findChildren(QDialog) if d.isVisible()]
    assert len(dialogs) == 1
    t = dialogs[0].findChild(QTableWidget)
    rows = {t.item(r, 0).text(): t.item(r, 1).text() for r in range(t.rowCount())}
    assert rows["Loop Current Line"] == "L"
    assert rows["Play / Pause"] == "Space"
    assert "Ctrl++" in rows["Larger Text"]


def test_selecting_lines_pauses_following(
    qtbot: QtBot, window: ReaderWindow, fake_time: FakeTime
) -> None:
    def click(row: int, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        pos = window.view.visualRect(window.model.index(row)).center()
        qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, mods, pos)
        qtbot.wait(QApplication.doubleClickInterval() + 50)  # two clicks, not a double-click

    wait_laid_out(qtbot, window, window.model.rowCount() - 1)
    click(3)
    assert window.view.is_following()
    click(6, Qt.KeyboardModifier.ShiftModifier)
    assert not window.view.is_following()
    assert window.back_button.isVisible()
    rows = sorted(i.row() for i in window.view.selectionModel().selectedIndexes())
    assert rows == [3, 4, 5, 6]


def test_loop_ignores_a_line_without_length_and_ends_with_the_transcript(
    qtbot: QtBot, window: ReaderWindow, fake_time: FakeTime, tmp_path
) -> None:
    f = tmp_path / "zero.txt"
    f.write_text("[0 --> 2]  a\n[2 --> 4]  b\n[4.00 --> 4.00]  c\n", encoding="utf-8")
    window.player.seek(598_000)
    _key(qtbot, window, Qt.Key.Key_L)
    assert window.modes.is_looping()
    assert window.open_transcript(f)
    assert not window.modes.is_looping()  # the looped line belonged to the other text
    assert not window.actions_by_name["loop"].isChecked()
    window.player.seek(4_000)
    _key(qtbot, window, Qt.Key.Key_L)
    assert not window.modes.is_looping()  # zero length: nothing to repeat
    window.player.play()
    _advance(window, fake_time, 0.5)  # no recursion, no error


def test_resume_far_into_a_large_transcript(
    qtbot: QtBot, tmp_path, sample_path, settings: QSettings, fake_time: FakeTime
) -> None:
    from reader.core.state import PositionStore

    store = PositionStore(tmp_path / "p.json")
    store.put(sample_path, 3_000_000)
    w = ReaderWindow(PlayerProxy(ClockPlayer(now=fake_time)), no_vlc, settings, store)
    qtbot.addWidget(w)
    w.show()
    assert w.open_transcript(sample_path)
    # The saved place lies past the opening that is read first: the whole file is
    # read at once, so the first frame shows that place, not the opening.
    assert not w.is_loading() and len(w.transcript) == 2233
    assert w.player.position() == 3_000_000
    assert w.player.duration() == w.transcript.duration_ms
    assert w.transcript[w.model.current_row()].start_ms <= 3_000_000


def test_resuming_in_the_last_lines_stops_scrolling_once_laid_out(
    qtbot: QtBot, tmp_path, sample_path, settings: QSettings, fake_time: FakeTime
) -> None:
    """The last rows cannot be scrolled to the comfortable height: give up once
    every row is placed, instead of retrying every 30 ms for ever."""
    from reader.core.formats import load
    from reader.core.state import PositionStore
    from tests.ui.conftest import wait_laid_out

    t = load(sample_path)
    store = PositionStore(tmp_path / "p.json")
    store.put(sample_path, t[len(t) - 2].start_ms + 300)
    w = ReaderWindow(PlayerProxy(ClockPlayer(now=fake_time)), no_vlc, settings, store)
    qtbot.addWidget(w)
    assert w.open_transcript(sample_path)
    w.show()
    qtbot.waitUntil(lambda: not w.is_loading())
    wait_laid_out(qtbot, w, w.model.rowCount() - 1)
    # Nothing left to reveal means no more retries (each retry re-reveals the row).
    qtbot.waitUntil(lambda: not w.view.is_revealing(), timeout=3000)
    assert w.view.visualRect(w.model.index(len(t) - 2)).intersects(w.view.viewport().rect())
