"""Quote, link and export from the window on the sample, read back with the real readers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core import atomic, export
from reader.core.formats import load
from reader.core.model import Transcript
from reader.core.paragraphs import ParagraphIndex
from reader.ui.window.quoting import FILTERS, QuoteActions, format_for
from reader.ui.window.window import ReaderWindow
from tests.ui.conftest import wait_laid_out

VID = "xDCa0xgymMY"


@pytest.fixture
def actions(qtbot: QtBot, window: ReaderWindow) -> QuoteActions:
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    assert len(window.transcript) == 2233
    return window.parts.quotes


def select_rows(w: ReaderWindow, *rows: int) -> None:
    selection = QItemSelection()
    for row in rows:
        index = w.model.index(row)
        selection.select(index, index)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    w.view.selectionModel().select(selection, flags)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of its own: the window's settings file lives in tmp_path."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def clipboard() -> str:
    return QGuiApplication.clipboard().text()


# --- quotes -----------------------------------------------------------------------


def test_copy_quote_of_selected_lines(window: ReaderWindow, actions: QuoteActions) -> None:
    t = window.transcript
    select_rows(window, 12, 13, 14, 40)
    assert actions.copy_quote()
    expected = export.quote([t[12], t[13], t[14], t[40]], t.header)
    assert clipboard() == expected
    # Checked by hand against the file: lines 13-15 and 41 of the sample, 63.60 to 159.06 s.
    assert clipboard() == (
        '"Ja, dus dat is die andere Grok, niet Grok met een K, maar Grok met een Q.'
        " En dat gaat wel weer ook, onder andere, over Grok met een K. Yes!"
        ' de vrijheid wiet ze om jou te laten openen." — '
        "Grok-3 daagt OpenAI uit + NYT omarmt AI + exclusief interview met Rick Lamers (Groq)"
        " ｜ AI Report [1:03–2:39]"
    )


def test_copy_quote_of_lines_picked_with_the_mouse(
    qtbot: QtBot, window: ReaderWindow, actions: QuoteActions
) -> None:
    t = window.transcript
    wait_laid_out(qtbot, window, window.model.rowCount() - 1)

    def click(row: int, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        pos = window.view.visualRect(window.model.index(row)).center()
        qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, mods, pos)
        qtbot.wait(QApplication.doubleClickInterval() + 50)  # two clicks, not a double-click

    click(3)  # a plain click also plays from there
    click(6, Qt.KeyboardModifier.ShiftModifier)
    click(9, Qt.KeyboardModifier.ControlModifier)
    actions.copy_quote()
    assert clipboard() == export.quote([t[3], t[4], t[5], t[6], t[9]], t.header)


def test_copy_quote_in_paragraph_mode_takes_whole_paragraphs(
    window: ReaderWindow, actions: QuoteActions
) -> None:
    t = window.transcript
    window.prefs.set_paragraph_mode(True)
    paragraphs = ParagraphIndex.build(t.segments)
    select_rows(window, 5, 6)
    actions.copy_quote()
    first, last = paragraphs[5].first, paragraphs[6].last
    assert last - first >= 2  # paragraphs of several lines, so this is not line mode
    assert clipboard() == export.quote(t.segments[first : last + 1], t.header)
    # What the user saw in those rows is what was quoted.
    shown = f"{window.model.index(5).data()} {window.model.index(6).data()}"
    assert clipboard().startswith(f'"{shown}" — ')


def test_copy_quote_without_selection_takes_the_spoken_line(
    window: ReaderWindow, actions: QuoteActions
) -> None:
    t = window.transcript
    window.view.clearSelection()
    window.player.seek(t[30].start_ms + 200)
    assert window.model.current_row() == 30
    actions.copy_quote()
    assert clipboard() == export.quote([t[30]], t.header)
    window.prefs.set_paragraph_mode(True)  # still the spoken line, not its paragraph
    actions.copy_quote()
    assert clipboard() == export.quote([t[30]], t.header)


# --- links ------------------------------------------------------------------------


def test_copy_link_at_the_playing_position(window: ReaderWindow, actions: QuoteActions) -> None:
    window.player.seek(754_321)
    assert actions.copy_link()
    assert clipboard() == f"https://youtu.be/{VID}?t=754"


def test_copy_link_without_video_id_says_so(
    window: ReaderWindow, actions: QuoteActions, tmp_path: Path
) -> None:
    QGuiApplication.clipboard().setText("before")
    srt = tmp_path / "zonder id.srt"
    srt.write_text(
        "1\n00:00:00,000 --> 00:00:02,000\nEen\n\n2\n00:00:02,000 --> 00:00:04,000\nTwee\n"
    )
    assert window.open_transcript(srt)
    assert not actions.copy_link()
    assert "no video id" in window.banner.text()
    assert clipboard() == "before"


# --- export -----------------------------------------------------------------------


def _rows(t: Transcript, speaker: bool = True) -> list[tuple[int, int, str, str | None]]:
    return [(s.start_ms, s.end_ms, s.text, s.speaker if speaker else None) for s in t]


def _same(fmt: str, back: Transcript, expected: Transcript) -> None:
    if fmt == "md":  # the readable document keeps whole seconds only
        assert [s.text for s in back] == [s.text for s in expected]
        assert [s.start_ms // 1000 for s in back] == [s.start_ms // 1000 for s in expected]
    elif fmt == "srt":  # no speakers in SubRip (the sample has none anyway)
        assert _rows(back) == _rows(expected, speaker=False)
    else:
        assert back.segments == expected.segments
    if fmt in ("vtt", "txt", "json"):
        assert back.header.video_id == VID
        assert back.header.title == expected.header.title


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_export_whole_transcript_reads_back(
    out: Path, window: ReaderWindow, actions: QuoteActions, sample_path: Path, fmt: str
) -> None:
    target = out / f"out.{fmt}"
    assert actions.export_to(target, selection_only=False)
    original = load(sample_path)
    back = load(target)
    assert len(back) == 2233
    _same(fmt, back, original)
    assert str(target) in window.banner.text()
    assert sorted(p.name for p in out.iterdir()) == [target.name]  # no temp left


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_export_selection_reads_back(
    out: Path, window: ReaderWindow, actions: QuoteActions, fmt: str
) -> None:
    t = window.transcript
    select_rows(window, *range(100, 110))
    target = out / f"part.{fmt}"
    assert actions.export_to(target, selection_only=True)
    expected = Transcript(t.segments[100:110], t.header)
    _same(fmt, load(target), expected)


def test_export_selection_of_paragraphs(
    out: Path, window: ReaderWindow, actions: QuoteActions
) -> None:
    t = window.transcript
    window.prefs.set_paragraph_mode(True)
    para = ParagraphIndex.build(t.segments)[10]
    select_rows(window, 10)
    target = out / "para.vtt"
    assert actions.export_to(target, selection_only=True)
    assert load(target).segments == t.segments[para.first : para.last + 1]


def test_export_asks_for_a_path_and_takes_the_format_from_the_filter(
    out: Path, window: ReaderWindow, actions: QuoteActions
) -> None:
    asked: list[tuple[Path, str, str]] = []

    answers = [(str(out / "notities"), FILTERS["md"]), ("", "")]

    def answer(suggested: Path, title: str, fmt: str) -> tuple[str, str]:
        asked.append((suggested, title, fmt))
        return answers[len(asked) - 1]

    actions.ask_save_path = answer
    assert actions.export(selection_only=False)
    assert load(out / "notities.md").segments[0].text == window.transcript[0].text
    (suggested, title, fmt) = asked[0]
    assert (suggested.name, title, fmt) == ("000_75b06cd9797ac295.srt", "Export Transcript", "srt")
    # The next export starts in that folder with that format.
    assert not actions.export(selection_only=False)  # cancelled: nothing written
    assert asked[1][0] == out / "000_75b06cd9797ac295.md" and asked[1][2] == "md"
    assert sorted(p.name for p in out.iterdir()) == ["notities.md"]


def test_export_selection_with_nothing_selected_says_so(
    window: ReaderWindow, actions: QuoteActions
) -> None:
    window.view.clearSelection()
    actions.ask_save_path = lambda *a: pytest.fail("no dialog without a selection")
    assert not actions.export(selection_only=True)
    assert "Nothing is selected" in window.banner.text()


def test_format_for_prefers_the_typed_extension() -> None:
    assert format_for("/x/notes.VTT", FILTERS["md"]) == (Path("/x/notes.VTT"), "vtt")
    assert format_for("/x/notes", FILTERS["json"]) == (Path("/x/notes.json"), "json")
    assert format_for("/x/notes.v2", "") == (Path("/x/notes.v2.srt"), "srt")


def test_suggestion_never_overwrites_the_open_transcript(
    out: Path, qtbot: QtBot, window: ReaderWindow, sample_path: Path
) -> None:
    source = out / "Titel [xDCa0xgymMY].wav.txt"
    source.write_bytes(sample_path.read_bytes())
    assert window.open_transcript(source)
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    actions = window.parts.quotes
    assert actions.suggested_path("srt", False) == out / "Titel [xDCa0xgymMY].srt"
    assert actions.suggested_path("txt", True) == out / "Titel [xDCa0xgymMY] (selection).txt"
    plain = out / "plain.txt"
    plain.write_bytes(sample_path.read_bytes())
    window.open_transcript(plain)
    assert actions.suggested_path("txt", False) == out / "plain (export).txt"


def test_export_while_loading_writes_every_line(
    out: Path, qtbot: QtBot, window: ReaderWindow, sample_path: Path
) -> None:
    actions = window.parts.quotes
    window.open_transcript(sample_path)
    assert window.is_loading() and len(window.transcript) < 2233  # only the opening so far
    assert actions.export_to(out / "all.json", selection_only=False)
    assert len(load(out / "all.json")) == 2233


# --- export failures ------------------------------------------------------------------


def test_export_into_unwritable_folder_is_a_banner(
    out: Path, window: ReaderWindow, actions: QuoteActions
) -> None:
    blocker = out / "a file"
    blocker.write_text("not a folder")
    target = blocker / "sub" / "out.srt"
    assert not actions.export_to(target, selection_only=False)
    message = window.banner.text()
    assert message.startswith(f"Could not export to {target}")
    assert "Traceback" not in message
    assert blocker.read_text() == "not a folder"
    assert sorted(p.name for p in out.iterdir()) == ["a file"]
    # The window carries on: the next export and a quote still work.
    assert actions.export_to(out / "ok.srt", selection_only=False)
    assert len(load(out / "ok.srt")) == 2233
    assert actions.copy_quote()


def test_failed_write_leaves_no_partial_file(
    out: Path, window: ReaderWindow, actions: QuoteActions, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = out / "keep.srt"
    old.write_text("earlier export")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    assert not actions.export_to(old, selection_only=False)
    assert "No space left on device" in window.banner.text()
    assert str(old) in window.banner.text()
    assert old.read_text() == "earlier export"  # the old file is untouched
    assert os.listdir(out) == ["keep.srt"]  # and the temporary file is gone


def test_export_into_a_missing_folder_is_refused(
    out: Path, window: ReaderWindow, actions: QuoteActions
) -> None:
    target = out / "not made yet" / "out.srt"
    assert not actions.export_to(target, selection_only=False)
    assert window.banner.text().startswith(f"Could not export to {target}")
    assert not (out / "not made yet").exists()  # nothing made behind the user's back
