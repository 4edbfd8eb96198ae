"""Marking while listening, with real widgets and a real marks store (SQLite in tmp_path)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QPoint,
    QPointF,
    QSettings,
    Qt,
)
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.marks import MarksStore
from reader.core.paragraphs import ParagraphIndex
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.ui.notes.marking import NOT_AVAILABLE, STILL_READING, Marking
from reader.ui.startup.rowpaint import ACCENT, PAD_X, PAD_Y, RowMarks
from reader.ui.transcript.model import MARKS_ROLE
from reader.ui.window.window import ReaderWindow
from tests.ui.conftest import FakeTime, no_vlc, wait_laid_out

# The offscreen platform cannot raise a popup or let it grab the keyboard (the note
# editor is one); it says so, as it does for every window's size hints.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing"
)


@pytest.fixture
def episode(tmp_path: Path, sample_path: Path) -> Path:
    folder = tmp_path / "podcasts"
    folder.mkdir()
    path = folder / "Aflevering [xDCa0xgymMY].wav.txt"
    shutil.copyfile(sample_path, path)
    return path


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "marks.sqlite"


def open_window(
    qtbot: QtBot, fake_time: FakeTime, settings: QSettings, path: Path, store_path: Path
) -> ReaderWindow:
    store_path.parent.mkdir(exist_ok=True)
    player = PlayerProxy(ClockPlayer(now=fake_time))
    w = ReaderWindow(player, no_vlc, settings, marks=lambda: MarksStore(store_path))
    qtbot.addWidget(w)
    assert w.open_transcript(path)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitActive(w)
    qtbot.waitUntil(lambda: w.parts.marking.has_marks_open())
    return w


@pytest.fixture
def win(
    qtbot: QtBot, fake_time: FakeTime, settings: QSettings, episode: Path, store_path: Path
) -> ReaderWindow:
    w = open_window(qtbot, fake_time, settings, episode, store_path)
    yield w
    w.close()


def stored(store_path: Path, path: Path) -> list:
    """The marks the store holds for the transcript at `path`, read by a store of its own."""
    from reader.core.formats import load

    with MarksStore(store_path) as store:
        return store.marks(store.attach(path, load(path)).doc)


def marking(w: ReaderWindow) -> Marking:
    return w.parts.marking


def play_to(w: ReaderWindow, fake_time: FakeTime, ms: int) -> None:
    """Let the silent clock run to `ms`, ticking as its timer does."""
    w.player.play()
    while w.player.position() < ms:
        fake_time.t += 0.25
        w.player.backend.tick()
    w.player.pause()


def select_rows(w: ReaderWindow, *rows: int) -> None:
    selection = QItemSelection()
    for row in rows:
        selection.select(w.model.index(row), w.model.index(row))
    w.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def key(qtbot: QtBot, w: ReaderWindow, k: Qt.Key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(w.view, k, mods)


# --- marking from keys ----------------------------------------------------------------


def test_m_marks_the_line_being_spoken(
    qtbot: QtBot, win: ReaderWindow, fake_time: FakeTime, episode: Path, store_path: Path
) -> None:
    t = win.transcript
    play_to(win, fake_time, t[30].start_ms + 300)
    assert win.model.current_row() == 30
    key(qtbot, win, Qt.Key.Key_M)
    (mark,) = stored(store_path, episode)
    assert (mark.first, mark.last, mark.chars, mark.text) == (30, 30, None, t[30].text)
    assert mark.start_ms == t[30].start_ms
    assert win.model.index(30).data(MARKS_ROLE) == RowMarks((), True, False)
    assert win.model.index(29).data(MARKS_ROLE) is None
    assert win.model.index(31).data(MARKS_ROLE) is None
    # The Notes tab came with the first mark, and lists it.
    assert win.side.current_key() == "notes"
    assert marking(win).notes.rowCount() == 1
    # Again on the same line: no second mark.
    key(qtbot, win, Qt.Key.Key_M)
    assert len(stored(store_path, episode)) == 1
    assert "Already marked" in win.banner.text()


def test_a_selection_marks_exactly_those_lines(
    qtbot: QtBot, win: ReaderWindow, episode: Path, store_path: Path
) -> None:
    t = win.transcript
    win.player.seek(t[200].start_ms)  # the spoken line is not what is marked
    select_rows(win, 12, 13, 14, 40)
    key(qtbot, win, Qt.Key.Key_M)
    marks = stored(store_path, episode)
    assert [(m.first, m.last, m.chars) for m in marks] == [(12, 14, None), (40, 40, None)]
    assert marks[0].text == " ".join(s.text for s in t.segments[12:15])
    assert not win.view.selectionModel().hasSelection()  # marked: the band shows now
    shown = [r for r in range(60) if win.model.index(r).data(MARKS_ROLE) is not None]
    assert shown == [12, 13, 14, 40]
    # One M, one undo step for both.
    key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(store_path, episode) == []
    assert all(win.model.index(r).data(MARKS_ROLE) is None for r in range(60))


def test_a_plain_click_is_not_a_selection_so_m_marks_the_spoken_line(
    qtbot: QtBot, win: ReaderWindow, fake_time: FakeTime, episode: Path, store_path: Path
) -> None:
    t = win.transcript
    wait_laid_out(qtbot, win, win.model.rowCount() - 1)
    pos = win.view.visualRect(win.model.index(3)).center()
    qtbot.mouseClick(win.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert win.player.position() == t[3].start_ms  # heard from there
    play_to(win, fake_time, t[5].start_ms + 100)
    key(qtbot, win, Qt.Key.Key_M)
    assert [(m.first, m.last) for m in stored(store_path, episode)] == [(5, 5)]


def test_in_paragraph_mode_a_picked_paragraph_marks_all_its_lines(
    qtbot: QtBot, win: ReaderWindow, episode: Path, store_path: Path
) -> None:
    t = win.transcript
    win.prefs.set_paragraph_mode(True)
    para = ParagraphIndex.build(t.segments)[6]
    assert para.last > para.first
    select_rows(win, 6)
    key(qtbot, win, Qt.Key.Key_M)
    (mark,) = stored(store_path, episode)
    assert (mark.first, mark.last) == (para.first, para.last)
    assert win.model.index(6).data(MARKS_ROLE) == RowMarks((), True, False)
    # Back in line mode every line of it shows the band.
    win.prefs.set_paragraph_mode(False)
    assert all(win.model.index(s).data(MARKS_ROLE) for s in range(para.first, para.last + 1))
    assert win.model.index(para.last + 1).data(MARKS_ROLE) is None


def test_one_spoken_line_inside_a_paragraph_is_a_band_behind_its_sentence(
    qtbot: QtBot, win: ReaderWindow, fake_time: FakeTime, episode: Path, store_path: Path
) -> None:
    t = win.transcript
    win.prefs.set_paragraph_mode(True)
    para = ParagraphIndex.build(t.segments)[6]
    seg = para.first + 1
    win.player.seek(t[seg].start_ms + 100)
    key(qtbot, win, Qt.Key.Key_M)
    (mark,) = stored(store_path, episode)
    assert (mark.first, mark.last) == (seg, seg)
    marks = win.model.index(6).data(MARKS_ROLE)
    assert not marks.whole and marks.spans == (para.span_of(seg),)


# --- words inside a line ----------------------------------------------------------------


def _char_point(w: ReaderWindow, row: int, char: int) -> QPoint:
    index = w.model.index(row)
    rect = w.view.visualRect(index)
    delegate = w.view.itemDelegate()
    font = w.view.font()
    rows = delegate.rows
    layout, _ = rows.layout(index.data(), font, rows.text_width(rect.width(), font))
    line = layout.lineForTextPosition(char)
    x0 = rect.left() + PAD_X + ACCENT + delegate.time_width(font)
    x, _ = line.cursorToX(char)
    return QPoint(int(x0 + x + 1), int(rect.top() + PAD_Y + line.y() + line.height() / 2))


def _mouse(w: ReaderWindow, kind: QEvent.Type, pos: QPoint, held: bool) -> None:
    left = Qt.MouseButton.LeftButton
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else left
    buttons = left if held else Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind, QPointF(pos), QPointF(w.view.viewport().mapToGlobal(pos)), button, buttons,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(w.view.viewport(), event)


def drag(w: ReaderWindow, start: QPoint, end: QPoint) -> None:
    _mouse(w, QEvent.Type.MouseButtonPress, start, True)
    for k in range(1, 6):
        _mouse(w, QEvent.Type.MouseMove, start + (end - start) * (k / 5), True)
    _mouse(w, QEvent.Type.MouseButtonRelease, end, False)


def test_words_dragged_over_inside_a_line_are_marked_as_a_word_range(
    qtbot: QtBot, win: ReaderWindow, episode: Path, store_path: Path
) -> None:
    t = win.transcript
    wait_laid_out(qtbot, win, win.model.rowCount() - 1)
    text = t[12].text
    words = text.split()
    a = len(words[0]) + 1 + 1  # inside the second word
    b = a + len(words[1]) + 2  # inside the third
    drag(win, _char_point(win, 12, a), _char_point(win, 12, b))
    assert win.player.position() == 0  # a drag over words does not seek
    picked = win.view.picked_words()
    lo = len(words[0]) + 1
    assert picked == (12, (lo, lo + len(words[1]) + 1 + len(words[2])))  # whole words
    assert not win.view.selectionModel().hasSelection()
    key(qtbot, win, Qt.Key.Key_Escape)  # dropped
    assert win.view.picked_words() is None
    drag(win, _char_point(win, 12, a), _char_point(win, 12, b))
    key(qtbot, win, Qt.Key.Key_M)
    (mark,) = stored(store_path, episode)
    assert (mark.first, mark.last, mark.chars) == (12, 12, picked[1])
    assert mark.text == f"{words[1]} {words[2]}"
    assert win.view.picked_words() is None
    assert win.model.index(12).data(MARKS_ROLE) == RowMarks((picked[1],), False, False)


def test_words_picked_inside_a_paragraph_mark_those_words_of_their_line(
    qtbot: QtBot, win: ReaderWindow, episode: Path, store_path: Path
) -> None:
    t = win.transcript
    win.prefs.set_paragraph_mode(True)
    wait_laid_out(qtbot, win, win.model.rowCount() - 1)
    para = ParagraphIndex.build(t.segments)[3]
    seg = para.first + 1
    base = para.span_of(seg)[0]
    words = t[seg].text.split()
    assert len(words) >= 3
    drag(win, _char_point(win, 3, base + 1), _char_point(win, 3, base + len(words[0]) + 2))
    key(qtbot, win, Qt.Key.Key_M)
    (mark,) = stored(store_path, episode)
    span = (0, len(words[0]) + 1 + len(words[1]))
    assert (mark.first, mark.last, mark.chars) == (seg, seg, span)
    marks = win.model.index(3).data(MARKS_ROLE)
    assert marks.spans == ((base, base + span[1]),) and not marks.whole
    # Dragged across two of its lines: those lines, whole.
    win.view.clear_picked()
    end = para.span_of(seg + 1)[0] + 2
    drag(win, _char_point(win, 3, base + len(words[0]) + 2), _char_point(win, 3, end))
    key(qtbot, win, Qt.Key.Key_M)
    assert [(m.first, m.last, m.chars) for m in stored(store_path, episode)][-1] == (
        seg,
        seg + 1,
        None,
    )


def test_a_drag_that_leaves_its_line_picks_lines_not_words(qtbot: QtBot, win: ReaderWindow) -> None:
    wait_laid_out(qtbot, win, win.model.rowCount() - 1)
    drag(win, _char_point(win, 12, 3), _char_point(win, 15, 3))
    assert win.view.picked_words() is None
    rows = sorted(i.row() for i in win.view.selectionModel().selectedIndexes())
    assert rows == [12, 13, 14, 15]


# --- notes ----------------------------------------------------------------------------


def test_n_opens_the_editor_and_escape_keeps_what_was_typed(
    qtbot: QtBot, win: ReaderWindow, episode: Path, store_path: Path
) -> None:
    t = win.transcript
    win.player.seek(t[30].start_ms + 100)
    key(qtbot, win, Qt.Key.Key_N)  # no mark yet: made, then its note
    editor = marking(win).editor()
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor.note_field, "Worth quoting")
    qtbot.keyClick(editor.note_field, Qt.Key.Key_Tab)
    assert editor.tags_field.hasFocus()
    qtbot.keyClicks(editor.tags_field, "#ai, to read")
    qtbot.keyClick(editor.tags_field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: marking(win).editor() is None)
    (mark,) = stored(store_path, episode)
    assert (mark.first, mark.note, mark.tags) == (30, "Worth quoting", ("ai", "to read"))
    assert win.model.index(30).data(MARKS_ROLE) == RowMarks((), True, True)  # the note's sign
    # N again on that line edits the same mark; Shift+Enter is a new line, Enter keeps.
    key(qtbot, win, Qt.Key.Key_N)
    editor = marking(win).editor()
    assert editor is not None and editor.note_field.toPlainText() == "Worth quoting"
    qtbot.keyClick(editor.note_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor.note_field, "and more")
    qtbot.keyClick(editor.note_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: marking(win).editor() is None)
    (mark,) = stored(store_path, episode)
    assert mark.note == "Worth quoting\nand more"
    # Undo takes the note back one step at a time, then the mark.
    key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(store_path, episode)[0].note == "Worth quoting"
    key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(store_path, episode)[0].note == ""
    key(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(store_path, episode) == []
    key(
        qtbot,
        win,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [m.note for m in stored(store_path, episode)] == [""]


def test_an_open_editor_keeps_its_text_when_the_window_closes(
    qtbot: QtBot, fake_time: FakeTime, settings: QSettings, episode: Path, store_path: Path
) -> None:
    w = open_window(qtbot, fake_time, settings, episode, store_path)
    w.player.seek(w.transcript[8].start_ms)
    key(qtbot, w, Qt.Key.Key_N)
    editor = marking(w).editor()
    assert editor is not None
    qtbot.keyClicks(editor.note_field, "half a thought")
    w.close()
    assert [m.note for m in stored(store_path, episode)] == ["half a thought"]


# --- staying --------------------------------------------------------------------------


def test_marks_stay_with_the_text_when_the_file_is_moved(
    qtbot: QtBot,
    fake_time: FakeTime,
    settings: QSettings,
    episode: Path,
    store_path: Path,
    tmp_path: Path,
) -> None:
    w = open_window(qtbot, fake_time, settings, episode, store_path)
    t = w.transcript
    select_rows(w, 50, 51)
    key(qtbot, w, Qt.Key.Key_M)
    w.player.seek(t[70].start_ms)
    key(qtbot, w, Qt.Key.Key_N)
    editor = marking(w).editor()
    qtbot.keyClicks(editor.note_field, "remember")
    qtbot.keyClick(editor.note_field, Qt.Key.Key_Escape)
    w.close()
    elsewhere = tmp_path / "moved" / "renamed.txt"
    elsewhere.parent.mkdir()
    shutil.copyfile(episode, elsewhere)
    episode.unlink()
    again = open_window(qtbot, fake_time, settings, elsewhere, store_path)
    notes = marking(again).notes
    assert [(m.first, m.last, m.note) for m in notes.marks()] == [
        (50, 51, ""),
        (70, 70, "remember"),
    ]
    assert again.model.index(51).data(MARKS_ROLE) == RowMarks((), True, False)
    assert again.model.index(70).data(MARKS_ROLE) == RowMarks((), True, True)
    assert again.side.has_panel("notes")
    assert again.side.current_key() == "player"  # listed, not pushed in front
    again.close()


def test_another_transcript_shows_its_own_marks(
    qtbot: QtBot, win: ReaderWindow, tmp_path: Path
) -> None:
    win.player.seek(win.transcript[4].start_ms)
    key(qtbot, win, Qt.Key.Key_M)
    other = tmp_path / "other.srt"
    other.write_text("1\n00:00:01,000 --> 00:00:02,000\nHallo.\n", encoding="utf-8")
    assert win.open_transcript(other)
    qtbot.waitUntil(lambda: marking(win).has_marks_open())
    assert marking(win).notes.rowCount() == 0
    assert win.model.index(0).data(MARKS_ROLE) is None
    assert not win.actions_by_name["undo"].isEnabled()  # nothing of the other one to undo


# --- painting -------------------------------------------------------------------------


def test_the_band_and_the_sign_are_painted(
    qtbot: QtBot, win: ReaderWindow, fake_time: FakeTime
) -> None:
    t = win.transcript
    wait_laid_out(qtbot, win, win.model.rowCount() - 1)
    win.player.seek(t[600].start_ms)  # the spoken line far away
    win.view.verticalScrollBar().setValue(0)
    win.view.set_following(False)
    select_rows(win, 5)
    key(qtbot, win, Qt.Key.Key_M)
    win.player.seek(t[8].start_ms)
    win.view.set_following(False)
    win.view.verticalScrollBar().setValue(0)
    key(qtbot, win, Qt.Key.Key_N)
    editor = marking(win).editor()
    qtbot.keyClicks(editor.note_field, "n")
    qtbot.keyClick(editor.note_field, Qt.Key.Key_Escape)
    win.player.seek(t[600].start_ms)
    win.view.set_following(False)
    win.view.verticalScrollBar().setValue(0)
    QApplication.sendEvent(win.view.viewport(), QEvent(QEvent.Type.Leave))  # no hover
    image = win.view.viewport().grab().toImage()

    def pixel(row: int, x: int, dy: float = 0.5) -> tuple[int, int, int]:
        rect = win.view.visualRect(win.model.index(row))
        c = image.pixelColor(x, int(rect.top() + rect.height() * dy))
        return (c.red(), c.green(), c.blue())

    right = win.view.viewport().width() - 12  # right of any text: the row's background
    plain, marked = pixel(4, right), pixel(5, right)
    assert marked != plain and marked[1] > marked[0]  # a green band
    assert pixel(6, right) == plain
    # The margin signs, in the gap between time and text: a bar; a dot for a note.
    gap = PAD_X + ACCENT + win.view.time_width() - 6
    assert pixel(4, gap) == plain
    assert pixel(5, gap, 0.8) != marked
    assert pixel(8, gap, 0.8) != pixel(5, gap, 0.8)  # the note's dot is on the first line only


# --- export ---------------------------------------------------------------------------


def test_export_notes_writes_a_file_that_parses_back(
    qtbot: QtBot, win: ReaderWindow, tmp_path: Path, settings: QSettings
) -> None:
    t = win.transcript
    win.player.seek(t[30].start_ms)
    key(qtbot, win, Qt.Key.Key_N)
    editor = marking(win).editor()
    qtbot.keyClicks(editor.note_field, '=SUM(A1) "quoted", too')
    qtbot.keyClick(editor.note_field, Qt.Key.Key_Escape)
    select_rows(win, 40, 41)
    key(qtbot, win, Qt.Key.Key_M)
    out = tmp_path / "out"
    out.mkdir()
    asked: list[tuple[Path, str]] = []

    def answer(name: str, chosen: str = ""):
        def ask(suggested: Path, title: str, filters: str, selected: str) -> tuple[str, str]:
            asked.append((suggested, selected))
            return str(out / name), chosen

        return ask

    exporter = marking(win).exporter
    exporter.ask_save_path = answer("notes.csv")
    win.actions_by_name["export_notes"].trigger()
    rows = list(csv.DictReader(io.StringIO((out / "notes.csv").read_text(encoding="utf-8"))))
    assert [r["Highlight"] for r in rows] == [t[30].text, f"{t[40].text} {t[41].text}"]
    assert rows[0]["Note"] == '\'=SUM(A1) "quoted", too'  # no formula for a spreadsheet
    assert rows[0]["URL"] == "https://youtu.be/xDCa0xgymMY"
    assert "Exported 2 marks as Readwise CSV" in win.banner.text()
    # The filter decides when the name has no known ending; the format is remembered.
    exporter.ask_save_path = answer("notes", "JSON (*.json)")
    win.actions_by_name["export_notes"].trigger()
    (doc,) = json.loads((out / "notes.json").read_text(encoding="utf-8"))
    assert [m["text"] for m in doc["marks"]] == [rows[0]["Highlight"], rows[1]["Highlight"]]
    assert doc["marks"][0]["url"] == f"https://youtu.be/xDCa0xgymMY?t={t[30].start_ms // 1000}"
    exporter.ask_save_path = answer("x.md")
    win.actions_by_name["export_notes"].trigger()
    assert asked[-1][0].suffix == ".json" and asked[-1][0].parent == out
    md = (out / "x.md").read_text(encoding="utf-8")
    assert md.startswith("---\n") and "\n> [" in md


def test_export_to_a_folder_that_is_gone_says_so(
    qtbot: QtBot, win: ReaderWindow, tmp_path: Path
) -> None:
    win.player.seek(win.transcript[3].start_ms)
    key(qtbot, win, Qt.Key.Key_M)
    exporter = marking(win).exporter
    exporter.ask_save_path = lambda *_: (str(tmp_path / "gone" / "notes.md"), "")
    assert not marking(win).export_notes()
    assert "Could not export the notes" in win.banner.text() and "gone" in win.banner.text()


# --- when marking cannot be done ------------------------------------------------------


def test_without_a_store_marking_says_so(qtbot: QtBot, window: ReaderWindow) -> None:
    key(qtbot, window, Qt.Key.Key_M)
    assert window.banner.text() == NOT_AVAILABLE
    assert not window.side.has_panel("notes")


def test_while_the_rest_is_read_marking_says_why(
    qtbot: QtBot, win: ReaderWindow, episode: Path
) -> None:
    marking(win).show_document(episode, None)  # as while a large file's rest is read
    key(qtbot, win, Qt.Key.Key_M)
    assert win.banner.text() == STILL_READING


def test_a_store_that_cannot_be_opened_is_said_and_the_window_goes_on(
    qtbot: QtBot, fake_time: FakeTime, settings: QSettings, episode: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not a folder"
    blocker.write_text("x")
    player = PlayerProxy(ClockPlayer(now=fake_time))
    w = ReaderWindow(player, no_vlc, settings, marks=lambda: MarksStore(blocker / "marks.sqlite"))
    qtbot.addWidget(w)
    assert w.open_transcript(episode)
    w.show()
    qtbot.waitUntil(lambda: "Marks cannot be kept" in w.banner.text())
    assert "not a folder" in w.banner.text()
    key(qtbot, w, Qt.Key.Key_M)
    assert "Marks cannot be kept" in w.banner.text()
    key(qtbot, w, Qt.Key.Key_Down)  # the window still reads
    w.close()


def test_marks_made_elsewhere_show_when_the_window_comes_back(
    qtbot: QtBot, win: ReaderWindow, episode: Path, store_path: Path
) -> None:
    """Another window, or `transcript-reader mark` bound to a key, marked meanwhile."""
    from reader.core.formats import load

    with MarksStore(store_path) as other:
        t = load(episode)
        other.add(other.attach(episode, t).doc, t, 77, 78, note="from the command line")
    assert marking(win).notes.rowCount() == 0
    QApplication.sendEvent(win, QEvent(QEvent.Type.WindowActivate))
    assert [(m.first, m.note) for m in marking(win).notes.marks()] == [
        (77, "from the command line")
    ]
    assert win.model.index(78).data(MARKS_ROLE) == RowMarks((), True, True)
    assert win.side.has_panel("notes")
