"""The find panel on the real sample: hits listed best first, marked, stepped and played."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout
from pytestqt.qtbot import QtBot

from reader.core.search import SearchIndex
from reader.player.base import PlayerState
from reader.ui.search.panel import LIMIT, MAX_SHARE, SearchPanel
from reader.ui.search.results import SEGMENT_ROLE, SPANS_ROLE, snippet
from reader.ui.transcript.model import MATCH_ROLE
from reader.ui.window.window import ReaderWindow


@pytest.fixture
def panel(qtbot: QtBot, window: ReaderWindow) -> SearchPanel:
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    p = SearchPanel(window.model, window.view, window.player, window)
    box = window.centralWidget().layout()
    assert isinstance(box, QVBoxLayout)
    box.insertWidget(1, p)  # under the banner, above the transcript
    p.open_search()
    return p


def search(qtbot: QtBot, panel: SearchPanel, text: str) -> None:
    panel.field.clear()
    qtbot.keyClicks(panel.field, text)
    qtbot.waitUntil(lambda: not panel.is_pending(), timeout=2000)


def lines_with(w: ReaderWindow, needle: str) -> set[int]:
    """Lines holding `needle`, ignoring case: a plain-Python cross-check."""
    return {i for i, s in enumerate(w.transcript.segments) if needle in s.text.lower()}


def marks(w: ReaderWindow) -> dict[int, tuple[tuple[int, int], ...]]:
    """Every row's search marks, as the transcript delegate sees them."""
    out = {}
    for row in range(w.model.rowCount()):
        spans = w.model.index(row).data(MATCH_ROLE)
        if spans:
            out[row] = spans
    return out


def marked_words(w: ReaderWindow) -> set[str]:
    return {
        w.model.index(row).data()[a:b].lower() for row, spans in marks(w).items() for a, b in spans
    }


def listed(panel: SearchPanel) -> list[int]:
    r = panel.results
    return [r.index(i).data(SEGMENT_ROLE) for i in range(r.rowCount())]


def selected_rows(w: ReaderWindow) -> list[int]:
    return [i.row() for i in w.view.selectionModel().selectedIndexes()]


def row_visible(w: ReaderWindow, row: int) -> bool:
    rect = w.view.visualRect(w.model.index(row))
    return rect.height() > 0 and w.view.viewport().rect().contains(rect.center())


def test_typing_lists_hits_best_first_and_marks_them(
    qtbot: QtBot, window: ReaderWindow, panel: SearchPanel
) -> None:
    qtbot.keyClicks(panel.field, "grok")
    # Debounced: nothing is searched per keystroke, only after the pause.
    assert panel.is_pending() and not panel.hits()
    qtbot.waitUntil(lambda: not panel.is_pending(), timeout=2000)
    expected = SearchIndex(window.transcript).search("grok", limit=LIMIT + 1)
    assert len(expected) <= LIMIT
    assert listed(panel) == [h.index for h in expected]
    assert all(a.score >= b.score for a, b in pairwise(panel.hits()))  # best first
    # Every spelling the recogniser used is found, and only found words are marked.
    for spelling in ("grok", "grog", "grock"):
        assert lines_with(window, spelling) <= set(listed(panel)), spelling
    assert marks(window) == {h.index: h.spans for h in expected}
    assert {"grok", "grog", "grock"} <= marked_words(window)
    assert panel.count_label.text() == f"{len(expected)} matches"
    # The list shows the time and the line, with the spans on its own (maybe cut) text.
    first = panel.results.index(0)
    text, spans = snippet(window.transcript[expected[0].index].text, expected[0].spans)
    assert first.data() == text and first.data(SPANS_ROLE) == spans
    assert {first.data()[a:b].lower() for a, b in spans} <= {"grok", "grog", "grock", "groq"}
    assert panel.results_view.isVisible()
    assert 0 < panel.results_view.height() <= MAX_SHARE * window.view.height() * 1.8


def test_typing_keeps_the_windows_one_key_shortcuts_out(
    qtbot: QtBot, window: ReaderWindow, panel: SearchPanel
) -> None:
    # Space plays, L loops, [ ] change speed, Left/Right skip: not while typing a query.
    qtbot.keyClicks(panel.field, "Play loop [x]?")
    qtbot.keyClick(panel.field, Qt.Key.Key_Left)
    qtbot.keyClick(panel.field, Qt.Key.Key_Right)
    assert panel.field.text() == "Play loop [x]?"
    assert window.player.state() is not PlayerState.PLAYING
    assert window.player.position() == 0 and window.player.rate() == 1.0
    assert not window.actions_by_name["loop"].isChecked()


def test_a_misspelled_name_finds_the_real_spelling(
    qtbot: QtBot, window: ReaderWindow, panel: SearchPanel
) -> None:
    search(qtbot, panel, "Wietze")  # the guest is Wietse
    assert lines_with(window, "wietse") <= set(listed(panel))
    assert "wietse" in marked_words(window)
    # The podcast is "with Groq" in its title only; in speech it came out as Grok, Grog, Grock.
    search(qtbot, panel, "Groq")
    assert not lines_with(window, "groq")
    assert {"grok", "grog", "grock"} <= marked_words(window)
    # The right name also finds the recogniser's one "Bietse", ranked below every "Wietse".
    search(qtbot, panel, "Wietse")
    assert lines_with(window, "wietse") | lines_with(window, "bietse") <= set(listed(panel))
    assert listed(panel)[-1] in lines_with(window, "bietse")


def test_enter_and_f3_step_through_hits_and_wrap(
    qtbot: QtBot, window: ReaderWindow, panel: SearchPanel
) -> None:
    search(qtbot, panel, "Lamerz")
    hits = [h.index for h in panel.hits()]
    assert set(hits) == lines_with(window, "lamers") and len(hits) == 2
    position = window.player.position()
    for expected in (0, 1, 0):  # Enter from the field, wrapping at the end
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
        assert panel.current_hit() == expected
        assert panel.results_view.currentIndex().row() == expected
        assert selected_rows(window) == [hits[expected]]
        assert panel.count_label.text() == f"{expected + 1} of 2"
    assert not window.view.is_following()
    qtbot.waitUntil(lambda: row_visible(window, hits[0]), timeout=5000)
    panel.next_hit()
    qtbot.waitUntil(lambda: row_visible(window, hits[1]), timeout=5000)
    panel.next_hit()
    assert panel.current_hit() == 0
    panel.previous_hit()  # wraps back to the last
    assert panel.current_hit() == 1
    qtbot.keyClick(panel.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert panel.current_hit() == 0
    assert window.player.position() == position  # stepping never seeks
    assert panel.field.hasFocus()


def test_next_hit_searches_at_once_without_waiting_for_the_pause(
    qtbot: QtBot, window: ReaderWindow, panel: SearchPanel
) -> None:
    qtbot.keyClicks(panel.field, "lamers")
    assert panel.is_pending()
    panel.next_hit()
    assert not panel.is_pending()
    assert selected_rows(window) == [panel.hits()[0].index]


def test_click_on_a_result_shows_the_line_without_seeking(
    qtbot: QtBot, window: ReaderWindow, panel: SearchPanel
) -> None:
    search(qtbot, panel, "wietse")
    hits = [h.index for h in panel.hits()]
    rect = panel.results_view.visualRect(panel.results.index(2))
    qtbot.mouseClick(panel.results_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.current_hit() == 2
    assert selected_rows(window) == [hits[2]]
    assert not window.view.is_following()
    qtbot.waitUntil(lambda: row_visible(window, hits[2]), timeout=5000)
    assert window.player.position() == 0
    assert window.player.state() is not PlayerState.PLAYING
    # Arrows in the list choose the next hit; the window's Down (next line) stays out.
    qtbot.keyClick(panel.results_view, Qt.Key.Key_Down)
    assert panel.current_hit() == 3 and selected_rows(window) == [hits[3]]
    assert window.player.position() == 0


def test_arrows_in_the_field_move_through_the_list(
    qtbot: QtBot, window: ReaderWindow, panel: SearchPanel
) -> None:
    search(qtbot, panel, "wietse")
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    assert panel.current_hit() == 1
    qtbot.keyClick(panel.field, Qt.Key.Key_Up)
    assert panel.current_hit() == 0
    assert selected_rows(window) == [panel.hits()[0].index]
    assert window.player.position() == 0 and panel.field.hasFocus()


def test_double_click_or_enter_on_a_result_plays_from_there(
    qtbot: QtBot, window: ReaderWindow, panel: SearchPanel
) -> None:
    search(qtbot, panel, "wietse")
    hits = [h.index for h in panel.hits()]
    rect = panel.results_view.visualRect(panel.results.index(1))
    # A real double-click is a click, then the double-click event (all QTest sends).
    viewport = panel.results_view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.player.position() == 0
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.player.position() == window.transcript[hits[1]].start_ms
    assert window.player.state() is PlayerState.PLAYING
    assert window.model.current_row() == hits[1]
    assert window.view.is_following()
    window.player.pause()
    qtbot.keyClick(panel.results_view, Qt.Key.Key_Down)
    qtbot.keyClick(panel.results_view, Qt.Key.Key_Return)
    assert window.player.position() == window.transcript[hits[2]].start_ms
    assert window.player.state() is PlayerState.PLAYING
    assert panel.is_open()


def test_escape_closes_clears_marks_and_follows_again(
    qtbot: QtBot, window: ReaderWindow, panel: SearchPanel
) -> None:
    search(qtbot, panel, "lamers")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert marks(window) and not window.view.is_following()
    with qtbot.waitSignal(panel.closed, timeout=1000):
        qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert not panel.is_open() and not panel.isVisible()
    assert panel.count_label.text() == ""
    assert marks(window) == {}
    assert window.view.is_following()
    assert window.view.hasFocus()
    # Reopening brings the query and its marks back, its text selected for retyping.
    panel.open_search()
    assert panel.field.selectedText() == "lamers"
    assert set(marks(window)) == {h.index for h in panel.hits()} != set()
    # Escape in the list closes too.
    panel.results_view.setFocus()
    qtbot.keyClick(panel.results_view, Qt.Key.Key_Escape)
    assert not panel.is_open() and marks(window) == {}


def test_exact_toggle_and_quotes_find_only_the_literal_text(
    qtbot: QtBot, window: ReaderWindow, panel: SearchPanel
) -> None:
    search(qtbot, panel, "open ai")
    fuzzy = set(listed(panel))
    literal = lines_with(window, "open ai")
    assert literal and literal < fuzzy  # fuzzy also finds "OpenAI", "Open Air" …
    qtbot.mouseClick(panel.exact_button, Qt.MouseButton.LeftButton)
    assert panel.exact_button.isChecked()
    assert set(listed(panel)) == literal
    assert marked_words(window) == {"open ai"}
    assert panel.count_label.text() == f"{len(literal)} matches"
    qtbot.mouseClick(panel.exact_button, Qt.MouseButton.LeftButton)
    assert set(listed(panel)) == fuzzy
    search(qtbot, panel, '"open ai"')
    assert set(listed(panel)) == literal


def test_more_than_the_limit_says_so(
    qtbot: QtBot, window: ReaderWindow, panel: SearchPanel
) -> None:
    search(qtbot, panel, '"e"')
    assert len(lines_with(window, "e")) > LIMIT
    assert panel.results.rowCount() == LIMIT == len(marks(window))
    assert panel.count_label.text() == f"{LIMIT}+ matches"
    room = window.view.height() + panel.results_view.height()
    assert panel.results_view.height() <= MAX_SHARE * room + 4


def test_empty_query_lists_and_marks_nothing(
    qtbot: QtBot, window: ReaderWindow, panel: SearchPanel
) -> None:
    search(qtbot, panel, "grok")
    assert marks(window)
    qtbot.keyClick(panel.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.field, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: not panel.is_pending(), timeout=2000)
    assert panel.field.text() == ""
    assert not panel.hits() and panel.results.rowCount() == 0 and marks(window) == {}
    assert panel.count_label.text() == "" and not panel.results_view.isVisible()
    search(qtbot, panel, "   ")
    assert not panel.hits() and marks(window) == {} and panel.count_label.text() == ""
    panel.next_hit()  # nothing to step to: no error, nothing selected
    assert panel.current_hit() == -1


def test_no_matches_is_said(qtbot: QtBot, window: ReaderWindow, panel: SearchPanel) -> None:
    search(qtbot, panel, "xylofoonqq")
    assert not panel.hits() and marks(window) == {}
    assert panel.count_label.text() == "No matches"
    assert not panel.results_view.isVisible()


def test_paragraph_mode_marks_and_reveals_the_paragraph(
    qtbot: QtBot, window: ReaderWindow, panel: SearchPanel
) -> None:
    window.prefs.set_paragraph_mode(True)
    search(qtbot, panel, "lamers")
    hits = [h.index for h in panel.hits()]
    rows = {window.model.row_of_segment(s) for s in hits}
    assert rows != set(hits)  # paragraphs, not lines
    assert set(marks(window)) == rows
    assert "lamers" in marked_words(window)
    panel.next_hit()
    panel.next_hit()
    row = window.model.row_of_segment(hits[1])
    assert selected_rows(window) == [row]
    qtbot.waitUntil(lambda: row_visible(window, row), timeout=5000)
    # Back to lines while searching: the marks follow the rows.
    window.prefs.set_paragraph_mode(False)
    qtbot.waitUntil(lambda: not panel.is_pending(), timeout=2000)
    assert set(marks(window)) == set(hits)


def test_another_transcript_is_searched_afresh(
    qtbot: QtBot, window: ReaderWindow, panel: SearchPanel, tmp_path: Path
) -> None:
    search(qtbot, panel, "wietse")
    assert len(panel.hits()) > 2
    other = tmp_path / "other.txt"
    other.write_text(
        "[0.00 --> 1.00]  Hallo Wietse.\n[1.00 --> 2.00]  Niets.\n[2.00 --> 3.00]  Dag Wietse.\n",
        encoding="utf-8",
    )
    assert window.open_transcript(other)
    assert listed(panel) == [] and panel.count_label.text() == ""  # old hits gone at once
    qtbot.waitUntil(lambda: not panel.is_pending(), timeout=2000)
    assert sorted(listed(panel)) == [0, 2]
    assert set(marks(window)) == {0, 2}


def test_a_long_transcript_is_searched_again_once_fully_loaded(
    qtbot: QtBot, window: ReaderWindow, panel: SearchPanel, tmp_path: Path
) -> None:
    from tests.benchmarks.gen import long_transcript

    window.open_transcript(long_transcript(tmp_path / "long.txt", 31_000))
    assert window.is_loading()
    opening = window.model.rowCount()
    panel.field.setText('"wietse"')
    panel.next_hit()  # searches the opening at once
    assert panel.hits() and all(h.index < opening for h in panel.hits())
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    qtbot.waitUntil(lambda: not panel.is_pending(), timeout=5000)
    assert set(listed(panel)) == lines_with(window, "wietse")
    assert max(listed(panel)) > 10 * opening


def test_a_long_line_is_shown_from_shortly_before_its_first_match() -> None:
    text = "Een heel lange aanloop van woorden voordat eindelijk de naam Wietse valt, en dan meer."
    start = text.index("Wietse")
    shown, spans = snippet(text, ((start, start + 6), (text.index("meer"), len(text) - 1)))
    assert shown.startswith("…") and shown.endswith("dan meer.")
    assert shown[1:] in text and shown[1] != " " and text[text.index(shown[1:]) - 1] == " "
    assert [shown[a:b] for a, b in spans] == ["Wietse", "meer"]
    assert len(shown[: spans[0][0]]) <= 1 + 24  # a short lead-in before the match
    # Near the start: the whole line, spans untouched.
    assert snippet("Wietse zegt iets.", ((0, 6),)) == ("Wietse zegt iets.", ((0, 6),))
