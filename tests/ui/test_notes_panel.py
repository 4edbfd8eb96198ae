"""The Notes panel with real widgets and a real marks store: listing, jumping, removing
with Undo, editing in place, lost marks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from reader.core.marks import Mark
from reader.core.timefmt import format_time
from reader.ui.notes.editor import parse_tags
from reader.ui.notes.model import MARK_ROLE, TIME_TEXT_ROLE, NotesModel
from reader.ui.notes.panel import EMPTY, NotesPanel
from reader.ui.transcript.model import MARKS_ROLE
from reader.ui.window.window import ReaderWindow
from tests.ui.conftest import FakeTime
from tests.ui.test_marking import open_window, select_rows, stored

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing"
)


@pytest.fixture
def episode(tmp_path: Path, sample_path: Path) -> Path:
    path = tmp_path / "Aflevering [xDCa0xgymMY].wav.txt"
    shutil.copyfile(sample_path, path)
    return path


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "marks.sqlite"


@pytest.fixture
def win(
    qtbot: QtBot, fake_time: FakeTime, settings: QSettings, episode: Path, store_path: Path
) -> ReaderWindow:
    w = open_window(qtbot, fake_time, settings, episode, store_path)
    t = w.transcript
    select_rows(w, 100)
    w.parts.mark()
    w.player.seek(t[20].start_ms + 50)
    w.parts.edit_note()
    editor = w.parts.marking.editor()
    qtbot.keyClicks(editor.note_field, "a <b>bold</b> claim")
    qtbot.keyClicks(editor.tags_field, "idea")
    qtbot.keyClick(editor.note_field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: w.parts.marking.editor() is None)
    w.activateWindow()  # the offscreen platform does not give it back after a popup
    qtbot.waitActive(w)
    yield w
    w.close()


def panel_of(w: ReaderWindow) -> NotesPanel:
    assert w.side.has_panel("notes")
    return w.parts.marking.panel


def card_center(panel: NotesPanel, row: int):
    return panel.list.visualRect(panel.model.index(row)).center()


def test_the_panel_lists_time_text_note_and_tags(win: ReaderWindow) -> None:
    t = win.transcript
    panel = panel_of(win)
    model = panel.model
    assert model.rowCount() == 2
    first, second = (model.index(r).data(MARK_ROLE) for r in range(2))
    # In time order, whatever order they were made in.
    assert (first.first, second.first) == (20, 100)
    hours = t.duration_ms >= 3_600_000
    assert model.index(0).data(TIME_TEXT_ROLE) == format_time(t[20].start_ms, always_hours=hours)
    assert model.index(0).data() == t[20].text
    assert (first.note, first.tags) == ("a <b>bold</b> claim", ("idea",))
    tip = model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Note: a <b>bold</b> claim" in tip and "#idea" in tip
    assert panel.status.text() == "2 marks"
    assert panel.list.sizeHintForRow(0) > panel.list.sizeHintForRow(1)  # the note's lines


def test_a_click_on_a_card_jumps_there_and_enter_plays(qtbot: QtBot, win: ReaderWindow) -> None:
    t = win.transcript
    panel = panel_of(win)
    win.side.add_panel("notes", "Notes", panel)
    qtbot.waitUntil(lambda: panel.list.visualRect(panel.model.index(1)).height() > 0)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=card_center(panel, 1))
    assert win.player.position() == t[100].start_ms
    assert not win.player.is_playing()
    assert win.model.current_row() == 100
    qtbot.keyClick(panel.list, Qt.Key.Key_Up)  # the list's key, not the window's Up
    assert win.player.position() == t[100].start_ms
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert win.player.position() == t[20].start_ms
    assert win.player.is_playing()


def test_delete_removes_and_ctrl_z_brings_it_back_with_its_note(
    qtbot: QtBot, win: ReaderWindow, episode: Path, store_path: Path
) -> None:
    panel = panel_of(win)
    win.side.add_panel("notes", "Notes", panel)
    panel.list.setFocus()
    panel.list.setCurrentIndex(panel.model.index(0))
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert [m.first for m in stored(store_path, episode)] == [100]
    assert panel.model.rowCount() == 1
    assert win.model.index(20).data(MARKS_ROLE) is None
    assert win.actions_by_name["undo"].text() == "&Undo Remove Mark"
    qtbot.keyClick(panel.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = [m for m in stored(store_path, episode) if m.first == 20]
    assert [(m.note, m.tags) for m in back] == [("a <b>bold</b> claim", ("idea",))]
    assert panel.model.rowCount() == 2
    assert win.model.index(20).data(MARKS_ROLE) is not None
    # Both, then Redo removes both again.
    panel.list.selectAll()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert stored(store_path, episode) == [] and panel.status.text() == EMPTY
    qtbot.keyClick(panel.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(stored(store_path, episode)) == 2
    win.actions_by_name["redo"].trigger()
    assert stored(store_path, episode) == []


def test_f2_edits_a_note_in_place_and_escape_keeps_it(
    qtbot: QtBot, win: ReaderWindow, episode: Path, store_path: Path
) -> None:
    panel = panel_of(win)
    win.side.add_panel("notes", "Notes", panel)
    panel.list.setFocus()
    panel.list.setCurrentIndex(panel.model.index(1))
    qtbot.keyClick(panel.list, Qt.Key.Key_F2)
    editor = panel.list.findChild(QPlainTextEdit)
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor, "my own words")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.list.state() != panel.list.State.EditingState)
    notes = {m.first: m.note for m in stored(store_path, episode)}
    assert notes == {20: "a <b>bold</b> claim", 100: "my own words"}
    assert panel.model.index(1).data(MARK_ROLE).note == "my own words"
    assert win.model.index(100).data(MARKS_ROLE).note  # the list's sign is the note's now
    # A double-click edits too; Enter keeps; Ctrl+Z (in the list) undoes it.
    qtbot.waitUntil(lambda: panel.list.findChild(QPlainTextEdit) is None)  # deleted later
    rect = panel.list.visualRect(panel.model.index(0))
    # A real double-click is a click, then the double-click event (all QTest sends).
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = panel.list.findChild(QPlainTextEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "shorter")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.list.state() != panel.list.State.EditingState)
    assert {m.first: m.note for m in stored(store_path, episode)}[20] == "shorter"
    qtbot.keyClick(panel.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {m.first: m.note for m in stored(store_path, episode)}[20] == "a <b>bold</b> claim"


def test_n_in_the_list_opens_the_note_editor_of_the_picked_card(
    qtbot: QtBot, win: ReaderWindow, episode: Path, store_path: Path
) -> None:
    panel = panel_of(win)
    win.side.add_panel("notes", "Notes", panel)
    panel.list.setFocus()
    panel.list.setCurrentIndex(panel.model.index(1))
    win.player.seek(win.transcript[500].start_ms)  # not the spoken line's: the card's
    qtbot.keyClick(panel.list, Qt.Key.Key_N)
    editor = win.parts.marking.editor()
    assert editor is not None and editor.note_field.toPlainText() == ""
    qtbot.keyClicks(editor.note_field, "for card two")
    qtbot.keyClick(editor.note_field, Qt.Key.Key_Return)
    assert {m.first: m.note for m in stored(store_path, episode)}[100] == "for card two"
    assert len(stored(store_path, episode)) == 2


SRT = "".join(
    f"{i}\n00:00:{2 * i:02d},000 --> 00:00:{2 * i + 1:02d},000\n{text}\n\n"
    for i, text in enumerate(["Eerste zin.", "Tweede zin hier.", "Derde zin."], 1)
)


def test_a_mark_lost_in_a_changed_transcript_is_kept_and_flagged(
    qtbot: QtBot, fake_time: FakeTime, settings: QSettings, tmp_path: Path, store_path: Path
) -> None:
    talk = tmp_path / "talk.srt"
    talk.write_text(SRT, encoding="utf-8")
    w = open_window(qtbot, fake_time, settings, talk, store_path)
    w.player.seek(4_100)
    w.parts.mark()
    assert [m.first for m in stored(store_path, talk)] == [1]
    w.close()
    # Re-transcribed: that line is gone, nothing like it anywhere.
    talk.write_text(SRT.replace("Tweede zin hier.", "Iets heel anders.").replace(":04,", ":14,"))
    again = open_window(qtbot, fake_time, settings, talk, store_path)
    panel = panel_of(again)
    (mark,) = panel.model.marks()
    assert mark.lost and mark.text == "Tweede zin hier."
    assert "1 not found in the changed transcript" in panel.status.text()
    assert "could not be placed" in again.banner.text()
    assert all(again.model.index(r).data(MARKS_ROLE) is None for r in range(3))
    again.close()


# --- pieces ---------------------------------------------------------------------------


def test_tags_are_words_or_comma_separated() -> None:
    assert parse_tags("#ai  later #ai") == ("ai", "later")
    assert parse_tags("to read, #ai,, ") == ("to read", "ai")
    assert parse_tags("") == ()


def test_the_model_keeps_time_order_as_marks_come_and_go(qtbot: QtBot) -> None:
    model = NotesModel()
    a, b, c = (Mark(i, i, i, ms, ms + 500, f"t{i}") for i, ms in ((1, 900), (2, 100), (3, 500)))
    model.set_marks([a, b])
    assert [m.id for m in model.marks()] == [2, 1]
    assert model.put(c) == 1
    assert model.put(c._replace(note="n")) == 1 and model.mark_at(1).note == "n"
    assert model.drop(2) and not model.drop(2)
    assert [m.id for m in model.marks()] == [3, 1]
    seen: list[tuple[int, str]] = []
    model.note_edited.connect(lambda i, note: seen.append((i, note)))
    model.setData(model.index(1), "  typed  ")
    assert seen == [(1, "typed")] and model.mark_at(1).note == ""  # the store decides
    assert QApplication.instance() is not None
