"""A single cue of a megabyte: the window shows it, finds in it and stays responsive.

Painting it whole, with a format range per search hit, pinned a core for
minutes; a row now lays out at most MAX_ROW_CHARS and draws MAX_MARKS marks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from pytestqt.qtbot import QtBot

from reader.ui.search.results import MAX_SNIPPET, snippet
from reader.ui.startup.rowpaint import MAX_MARKS, MAX_ROW_CHARS, RowPainter, shown_text
from reader.ui.window.window import ReaderWindow

WORDS = "een twee drie vier vijf zes zeven acht negen tien elf".split()


def giant(path: Path, words: int = 180_000) -> Path:
    text = " ".join(WORDS[i % len(WORDS)] for i in range(words))
    path.write_text(
        f"1\n00:00:00,000 --> 00:10:00,000\n{text}\n\n2\n00:10:00,000 --> 00:10:05,000\nKort.\n",
        encoding="utf-8",
    )
    return path


def test_a_row_lays_out_a_bounded_part_of_a_giant_line(qapp: object) -> None:
    text = "woord " * 200_000
    shown = shown_text(text)
    assert shown.startswith(text[:MAX_ROW_CHARS]) and len(shown) < MAX_ROW_CHARS + 40
    assert f"{len(text) - MAX_ROW_CHARS:,} more characters" in shown
    assert shown_text("kort") == "kort"
    layout, _ = RowPainter().layout(text, QFont(), 600)
    assert layout.text() == shown


def test_marks_drawn_in_one_row_are_bounded(qapp: object) -> None:
    spans = tuple((i * 6, i * 6 + 5) for i in range(100_000))
    formats = RowPainter().format_ranges(QPalette(), None, (5, 9), spans)
    assert len(formats) <= MAX_MARKS + 1
    assert all(f.start + f.length <= MAX_ROW_CHARS for f in formats)


def test_a_hit_in_a_giant_line_is_listed_short() -> None:
    text = "x" * 1_000_000
    shown, spans = snippet(text, ((500_000, 500_001), (900_000, 900_002)))
    assert len(shown) <= MAX_SNIPPET + 1 and spans[0][0] < MAX_SNIPPET


def test_find_in_a_giant_line_keeps_the_window_usable(
    qtbot: QtBot, window: ReaderWindow, tmp_path: Path
) -> None:
    assert window.open_transcript(giant(tmp_path / "giant.srt"))
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.search
    assert search is not None
    qtbot.keyClicks(search.field, "e")
    qtbot.waitUntil(lambda: not search.is_pending() and bool(search.hits()), timeout=10_000)
    image = window.grab()  # paints the giant row with its marks, and the results
    assert not image.isNull()
    qtbot.keyClick(search.field, Qt.Key.Key_Escape)
    qtbot.keyClick(window.view, Qt.Key.Key_Down)
    assert window.model.current_row() == 1
