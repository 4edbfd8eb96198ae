"""The side area beside the transcript: the player, and search results when no video shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.player.clock_player import ClockPlayer
from reader.ui.window.window import ReaderWindow


class VideoPlayer(ClockPlayer):
    """A backend with a picture: what the window sees of a playing video."""

    def is_silent(self) -> bool:
        return False

    def has_video(self) -> bool:
        return True


def find(qtbot: QtBot, w: ReaderWindow, text: str) -> None:
    qtbot.keyClick(w.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = w.search
    assert search is not None and search.is_open()
    qtbot.keyClicks(search.field, text)
    qtbot.waitUntil(lambda: not search.is_pending() and bool(search.hits()), timeout=3000)


def test_results_go_to_the_side_area_when_no_video_shows(
    qtbot: QtBot, window: ReaderWindow
) -> None:
    height = window.view.height()
    find(qtbot, window, "groq")
    search = window.search
    assert search is not None
    assert window.side.current_key() == "search"
    assert window.side.currentWidget() is search.results_view
    assert search.results_view.isVisible() and search.results_view.model().rowCount() > 0
    # The transcript keeps its height: only the search field sits above it.
    qtbot.waitUntil(lambda: window.view.height() >= height - search.field.height() - 12)
    # A hit listed in the side area still shows its line in the transcript.
    qtbot.keyClick(search.field, Qt.Key.Key_Return)
    assert search.current_hit() == 0
    window.parts.resume_following()  # Escape: search closes, its tab goes
    assert not window.side.has_panel("search")
    assert window.side.current_key() == "player" and not search.results_view.isVisible()


def test_results_stay_under_the_search_field_while_a_video_shows(
    qtbot: QtBot, window: ReaderWindow, tmp_path: Path
) -> None:
    find(qtbot, window, "groq")
    search = window.search
    assert search is not None and window.side.has_panel("search")
    video = VideoPlayer()
    video.load(tmp_path / "talk.mp4")
    window.player.set_backend(video)  # the picture appears: results make way for it
    assert not window.side.has_panel("search")
    assert window.side.current_key() == "player"
    assert search.results_view.parent() is search and search.results_view.isVisible()
    assert search.results_view.height() < window.view.height()  # capped, as before
    window.player.set_backend(ClockPlayer())  # no picture any more: back to the side
    assert window.side.current_key() == "search"


def test_the_tab_bar_shows_only_with_more_than_the_player(
    qtbot: QtBot, window: ReaderWindow
) -> None:
    assert window.side.count() == 1 and not window.side.tabBar().isVisible()
    find(qtbot, window, "groq")
    assert window.side.count() == 2 and window.side.tabBar().isVisible()


def test_the_tab_the_user_picked_stays_in_front(
    qtbot: QtBot, window: ReaderWindow, sample_path: Path
) -> None:
    find(qtbot, window, "groq")
    window.side.setCurrentIndex(0)  # the user looks at the player again
    window.player.play()  # the panel refreshes as playback changes
    window.player.pause()
    assert window.side.current_key() == "player"
    window.parts.open_search()  # asking for the search again shows its results
    assert window.side.current_key() == "search"
