"""Paragraph reading mode: lines joined, every sentence still clickable and highlighted."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt
from pytestqt.qtbot import QtBot

from reader.player.base import PlayerState
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.ui.startup.rowpaint import ACCENT, PAD_X, PAD_Y
from reader.ui.transcript.model import CURRENT_ROLE, SENTENCE_ROLE
from reader.ui.window.window import ReaderWindow
from tests.ui.conftest import FakeTime, no_vlc, wait_laid_out


def _point_at_char(w: ReaderWindow, row: int, char: int) -> QPoint:
    """Where character `char` of paragraph `row` is drawn, via the delegate's own layout."""
    index = w.model.index(row)
    rect = w.view.visualRect(index)
    delegate = w.view.itemDelegate()
    font = w.view.font()
    rows = delegate.rows
    layout, _ = rows.layout(index.data(), font, rows.text_width(rect.width(), font))
    line = layout.lineForTextPosition(char)
    x0 = rect.left() + PAD_X + ACCENT + delegate.time_width(font)
    x, _ = line.cursorToX(char)
    return QPoint(int(x0 + x + 2), int(rect.top() + PAD_Y + line.y() + line.height() / 2))


def test_toggle_joins_lines_and_keeps_the_highlight(
    qtbot: QtBot, window: ReaderWindow, fake_time: FakeTime
) -> None:
    t = window.transcript
    window.player.seek(t[40].start_ms)
    qtbot.keyClick(window.view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert window.model.paragraph_mode()
    assert 200 < window.model.rowCount() < 1000  # 2,233 lines read as a few hundred paragraphs
    row = window.model.row_of_segment(40)
    index = window.model.index(row)
    assert index.data(CURRENT_ROLE)
    start, end = index.data(SENTENCE_ROLE)
    assert index.data()[start:end] == t[40].text
    # Playing on moves the marked sentence within or across paragraphs.
    window.player.play()
    fake_time.t += (t[41].start_ms - t[40].start_ms) / 1000 + 0.01
    window.player.backend.tick()
    assert window.model.current_row() == 41
    row41 = window.model.row_of_segment(41)
    start, end = window.model.index(row41).data(SENTENCE_ROLE)
    assert window.model.index(row41).data()[start:end] == t[41].text
    qtbot.keyClick(window.view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == len(t)


def test_click_on_a_sentence_inside_a_paragraph_seeks_to_it(
    qtbot: QtBot, window: ReaderWindow
) -> None:
    window.prefs.set_paragraph_mode(True)
    wait_laid_out(qtbot, window, window.model.rowCount() - 1)
    row = 3
    index = window.model.index(row)
    window.view.scrollTo(index)
    para_first = window.model.segment_at(row)
    target = para_first + 2  # the third sentence of the paragraph
    start, _ = window.model.segment_span(target)
    pos = _point_at_char(window, row, start + 1)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.player.position() == window.transcript[target].start_ms
    assert window.player.state() is PlayerState.PLAYING


def test_paragraph_mode_is_remembered(
    qtbot: QtBot, window: ReaderWindow, settings: QSettings, fake_time: FakeTime, sample_path
) -> None:
    window.prefs.set_paragraph_mode(True)
    again = ReaderWindow(PlayerProxy(ClockPlayer(now=fake_time)), no_vlc, settings)
    qtbot.addWidget(again)
    again.open_transcript(sample_path)
    assert again.model.paragraph_mode()
    assert again.actions_by_name["paragraphs"].isChecked()


def test_a_sentence_click_while_layout_runs_plays_that_sentence(
    qtbot: QtBot, window: ReaderWindow, tmp_path
) -> None:
    from tests.benchmarks.gen import long_transcript

    window.prefs.set_paragraph_mode(True)
    window.open_transcript(long_transcript(tmp_path / "long.txt", 31_000))
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    view, model = window.view, window.model
    view.reveal(2000)
    drawn = dict(view.unlaid_rows())  # batched layout has not reached row 2000
    assert 2000 in drawn and not view.visualRect(model.index(2000)).isValid()
    rect = drawn[2000]
    pos = QPoint(rect.left() + 120, rect.bottom() - 8)  # on the paragraph's last line
    offset = view.char_at(2000, pos)
    wanted = model.segment_at(2000, offset)
    assert wanted != model.segment_at(2000, 0)  # not the paragraph's first sentence
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.player.position() == window.transcript[wanted].start_ms
