"""The spoken word is marked inside its line, and the player wakes exactly when it changes."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reader.core.words import timeline
from reader.ui.transcript.model import WORD_ROLE
from reader.ui.window.window import ReaderWindow
from tests.ui.conftest import FakeTime


def test_words_advance_through_a_long_line(
    qtbot: QtBot, window: ReaderWindow, fake_time: FakeTime
) -> None:
    t = window.transcript
    row = max(range(len(t)), key=lambda i: t[i].duration_ms)  # the sample's longest run-on
    seg = t[row]
    assert seg.duration_ms > 20_000
    window.player.seek(seg.start_ms)
    window.player.play()
    spans = []
    wakes = 0
    while window.player.position() < seg.end_ms - 50:
        wanted = window.player.next_update_ms()
        assert wanted is not None and wanted > window.player.position()
        # Jump the fake clock straight to the moment the player asked to wake.
        fake_time.t += (wanted - window.player.position()) / 1000
        window.player.backend.tick()
        wakes += 1
        span = window.model.index(window.model.row_of_segment(row)).data(WORD_ROLE)
        if window.model.current_row() == row and span is not None:
            spans.append(tuple(span))
    words = timeline(seg).spans
    assert spans[0] == words[0]
    # Every word was lit in order, each exactly once.
    distinct = [s for i, s in enumerate(spans) if i == 0 or s != spans[i - 1]]
    assert distinct == words
    # Woken for words, seconds and slider pixels: far fewer than a 60 Hz tick.
    assert wakes < seg.duration_ms / 1000 * 10


def test_word_marks_in_paragraph_mode(qtbot: QtBot, window: ReaderWindow) -> None:
    t = window.transcript
    window.prefs.set_paragraph_mode(True)
    window.player.seek(t[40].start_ms + 1)
    prow = window.model.row_of_segment(40)
    text = window.model.index(prow).data()
    start, end = window.model.index(prow).data(WORD_ROLE)
    first = t[40].text.split()[0]
    assert text[start:end] == first
