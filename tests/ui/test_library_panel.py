"""The library panel with real widgets, a real worker thread and a fake store."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from reader.core.state import PositionStore
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.ui.library.model import HIT_ROLE, PATH_ROLE, PROBLEM_ROLE, START_ROLE
from reader.ui.library.panel import LibraryPanel
from reader.ui.window.window import ReaderWindow
from tests.helpers.fake_library import FakeLibrary
from tests.ui.conftest import FakeTime, no_vlc

SRT = (
    "1\n00:00:01,000 --> 00:00:03,000\nZwarteveen zei het al.\n\n"
    "2\n00:00:04,000 --> 00:00:06,000\nTot ziens, Xylofoon.\n"
)
SAMPLE_TITLE = (
    "Grok-3 daagt OpenAI uit + NYT omarmt AI + exclusief interview met Rick Lamers (Groq)"
    " | AI Report"  # yt-dlp's fullwidth bar shown as the bar it stands for
)


@pytest.fixture
def channel(tmp_path: Path, sample_path: Path) -> Path:
    folder = tmp_path / "channel"
    folder.mkdir()
    (folder / "Aflevering 1 ｜ Show [xDCa0xgymMY].wav.txt").write_bytes(sample_path.read_bytes())
    (folder / "tweede.srt").write_text(SRT, encoding="utf-8")
    (folder / "kapot.txt").write_bytes(b"\x00\x01binary")
    return folder


@pytest.fixture
def lib_window(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, tmp_path: Path, channel: Path
) -> tuple[ReaderWindow, dict[str, object]]:
    shared: dict[str, object] = {"folders": [channel], "episodes": {}, "problems": []}
    store = PositionStore(tmp_path / "positions.json")
    w = ReaderWindow(
        PlayerProxy(ClockPlayer(now=fake_time)),
        no_vlc,
        settings,
        store,
        library=lambda: FakeLibrary(shared),
    )
    qtbot.addWidget(w)
    w.show()
    yield w, shared
    w.close()


def open_library_window(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, open_library: object
) -> ReaderWindow:
    """A reader window on the silent clock with its library shown."""
    player = PlayerProxy(ClockPlayer(now=fake_time))
    w = ReaderWindow(player, no_vlc, settings, library=open_library)  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.show()
    w.show_library()
    return w


def panel_of(w: ReaderWindow) -> LibraryPanel:
    panel = w.parts.library_panel
    assert panel is not None
    return panel


def listed(
    qtbot: QtBot, lib_window: tuple[ReaderWindow, dict[str, object]]
) -> tuple[ReaderWindow, LibraryPanel]:
    """The window's library shown, with the channel's two episodes listed."""
    w, _ = lib_window
    w.show_library()
    panel = panel_of(w)
    qtbot.waitUntil(lambda: panel.model.episode_count() == 2)
    return w, panel


def titles(panel: LibraryPanel) -> list[str]:
    m = panel.model
    rows = (m.index(r, 0) for r in range(m.rowCount()))
    return [i.data() for i in rows if not i.data(PROBLEM_ROLE)]


def test_ctrl_l_shows_every_transcript_in_the_folders(
    qtbot: QtBot, lib_window: tuple[ReaderWindow, dict[str, object]]
) -> None:
    w, _ = lib_window
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    panel = panel_of(w)
    assert w.side.current_key() == "library" and panel.isVisible()
    qtbot.waitUntil(lambda: panel.model.episode_count() == 2)
    assert sorted(titles(panel)) == [SAMPLE_TITLE, "tweede"]
    assert "1 file could not be read" in panel.status.text()
    assert "kapot.txt" in panel.status.toolTip()
    last = panel.model.index(panel.model.rowCount() - 1, 0)  # listed, with the reason
    assert last.data(PROBLEM_ROLE) and "kapot.txt: " in last.data() and "binary" in last.data()


def test_typing_searches_every_transcript_grouped_by_episode(
    qtbot: QtBot, lib_window: tuple[ReaderWindow, dict[str, object]]
) -> None:
    _w, panel = listed(qtbot, lib_window)
    qtbot.keyClicks(panel.field, "zwarteveen")
    qtbot.waitUntil(panel.is_searching)
    assert titles(panel) == ["tweede  (1 line)"]
    hit = panel.model.index(0, 0, panel.model.index(0, 0))
    assert hit.data(HIT_ROLE) and hit.data(START_ROLE) == 1_000
    assert hit.data() == "Zwarteveen zei het al."
    panel.field.clear()  # back to browsing every episode
    assert not panel.is_searching() and len(titles(panel)) == 2


def test_a_found_line_opens_its_episode_there_ready_to_play(
    qtbot: QtBot, lib_window: tuple[ReaderWindow, dict[str, object]], channel: Path
) -> None:
    w, panel = listed(qtbot, lib_window)
    qtbot.keyClicks(panel.field, "xylofoon")
    qtbot.waitUntil(panel.is_searching)
    hit = panel.model.index(0, 0, panel.model.index(0, 0))
    panel.tree.activated.emit(hit)  # what Enter or a double-click on it does
    assert w.transcript_path == channel / "tweede.srt"
    assert w.player.position() == 4_000 and not w.player.is_playing()
    assert w.model.current_row() == 1


def test_an_episode_opens_where_it_was_left(
    qtbot: QtBot, lib_window: tuple[ReaderWindow, dict[str, object]], channel: Path
) -> None:
    w, _ = lib_window
    srt = channel / "tweede.srt"
    assert w.open_transcript(srt)
    w.player.seek(4_500)
    assert w.open_transcript(w.document.path.parent / "Aflevering 1 ｜ Show [xDCa0xgymMY].wav.txt")
    w.show_library()
    panel = panel_of(w)
    qtbot.waitUntil(lambda: panel.model.episode_count() == 2)
    row = next(r for r in range(2) if panel.model.index(r, 0).data(PATH_ROLE) == str(srt))
    assert panel.model.index(row, 3).data() == "75 %"  # listened: 4.5 of 6 s
    panel.tree.activated.emit(panel.model.index(row, 0))
    assert w.transcript_path == srt and w.player.position() == 4_500


def test_a_newer_query_cancels_the_older(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, channel: Path
) -> None:
    shared: dict[str, object] = {"folders": [channel], "episodes": {}, "problems": []}
    gate = threading.Event()  # holds every search open until set (or cancelled)
    stores: list[FakeLibrary] = []

    def open_library() -> FakeLibrary:
        stores.append(FakeLibrary(shared))
        stores[-1].gate = gate
        return stores[-1]

    w = open_library_window(qtbot, settings, fake_time, open_library)
    panel = panel_of(w)
    qtbot.waitUntil(lambda: panel.model.episode_count() == 2)

    def searched() -> list[str]:  # by the search thread's store, whichever it is
        return [q for store in stores for q in store.searches]

    qtbot.keyClicks(panel.field, "zwart")
    qtbot.waitUntil(lambda: searched() == ["zwart"])  # held open in the thread
    panel.field.clear()
    qtbot.keyClicks(panel.field, "xylofoon")
    qtbot.waitUntil(lambda: searched() == ["zwart", "xylofoon"])  # the first gave way
    assert not panel.is_searching()  # nothing of the cancelled query was shown
    gate.set()
    qtbot.waitUntil(panel.is_searching)
    assert titles(panel) == ["tweede  (1 line)"]
    assert panel.model.index(0, 0, panel.model.index(0, 0)).data() == "Tot ziens, Xylofoon."
    w.close()


def test_a_new_file_in_a_watched_folder_appears(
    qtbot: QtBot, lib_window: tuple[ReaderWindow, dict[str, object]], channel: Path
) -> None:
    _w, panel = listed(qtbot, lib_window)
    (channel / "derde.srt").write_text(SRT, encoding="utf-8")
    qtbot.waitUntil(lambda: panel.model.episode_count() == 3)


def test_closing_the_window_stops_the_thread_and_closes_the_store(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, channel: Path
) -> None:
    shared: dict[str, object] = {"folders": [channel], "episodes": {}, "problems": []}
    opened: list[FakeLibrary] = []

    def open_library() -> FakeLibrary:
        opened.append(FakeLibrary(shared))
        return opened[-1]

    w = open_library_window(qtbot, settings, fake_time, open_library)
    qtbot.waitUntil(lambda: len(opened) >= 2)  # this thread's and a worker's
    w.close()
    assert all(store.closed for store in opened)


def test_a_new_library_starts_with_the_media_folders(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, channel: Path
) -> None:
    from reader.ui.media.media_dirs import save_dirs

    save_dirs(settings, [str(channel)])
    shared: dict[str, object] = {"folders": [], "episodes": {}, "problems": []}
    w = open_library_window(qtbot, settings, fake_time, lambda: FakeLibrary(shared))
    assert shared["folders"] == [channel]
    qtbot.waitUntil(lambda: panel_of(w).model.episode_count() == 2)
    w.close()


def test_a_new_file_in_a_subfolder_appears(
    qtbot: QtBot, lib_window: tuple[ReaderWindow, dict[str, object]], channel: Path
) -> None:
    season = channel / "seizoen 2"
    season.mkdir()
    _w, panel = listed(qtbot, lib_window)
    (season / "vierde.srt").write_text(SRT, encoding="utf-8")
    qtbot.waitUntil(lambda: panel.model.episode_count() == 3)


def test_down_from_the_field_then_enter_opens_a_found_line(
    qtbot: QtBot, lib_window: tuple[ReaderWindow, dict[str, object]], channel: Path
) -> None:
    w, panel = listed(qtbot, lib_window)
    qtbot.keyClicks(panel.field, "xylofoon")
    qtbot.waitUntil(panel.is_searching)
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)  # into the list: the episode
    assert panel.tree.hasFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)  # its found line
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert w.transcript_path == channel / "tweede.srt" and w.player.position() == 4_000


def test_what_the_store_has_to_say_is_said(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, channel: Path
) -> None:
    shared: dict[str, object] = {"folders": [channel], "episodes": {}, "problems": []}

    def open_library() -> FakeLibrary:
        store = FakeLibrary(shared)
        store.warnings = ["The library index x could not be used; kept it as y."]
        return store

    w = open_library_window(qtbot, settings, fake_time, open_library)
    assert "could not be used" in w.banner.text()
    w.close()


def test_removing_every_folder_sticks(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, channel: Path
) -> None:
    from reader.ui.media.media_dirs import save_dirs

    save_dirs(settings, [str(channel)])
    shared: dict[str, object] = {"folders": [], "episodes": {}, "problems": []}
    for round_ in range(2):
        w = open_library_window(qtbot, settings, fake_time, lambda: FakeLibrary(shared))
        if round_ == 0:
            assert shared["folders"] == [channel]  # seeded once from the media folders
            shared["folders"] = []  # the user removes it
        else:
            assert shared["folders"] == []  # and it stays removed
        w.close()


def test_enter_right_after_typing_opens_the_first_hit_once_found(
    qtbot: QtBot, lib_window: tuple[ReaderWindow, dict[str, object]], channel: Path
) -> None:
    w, panel = listed(qtbot, lib_window)
    qtbot.keyClicks(panel.field, "xylofoon")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)  # before the pause and the answer
    qtbot.waitUntil(lambda: w.transcript_path == channel / "tweede.srt")
    assert w.player.position() == 4_000


def test_a_rescan_that_changed_nothing_keeps_the_results(
    qtbot: QtBot, lib_window: tuple[ReaderWindow, dict[str, object]]
) -> None:
    _w, panel = listed(qtbot, lib_window)
    qtbot.keyClicks(panel.field, "xylofoon")
    qtbot.waitUntil(panel.is_searching)
    hit = panel.model.index(0, 0, panel.model.index(0, 0))
    panel.tree.setCurrentIndex(hit)
    with qtbot.waitSignal(panel.scanned):
        panel.rescan()  # as coming back to the front does
    assert panel.is_searching() and panel.tree.currentIndex() == hit


def test_a_search_during_a_long_scan_is_answered_at_once(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, channel: Path
) -> None:
    """Scans and searches had one thread: typing during a first index waited for it."""
    shared: dict[str, object] = {"folders": [channel], "episodes": {}, "problems": []}
    scanning = threading.Event()
    release = threading.Event()

    class SlowScan(FakeLibrary):
        def scan(self, progress=None, cancel=None):  # type: ignore[no-untyped-def]
            report = super().scan(progress, cancel)
            scanning.set()
            while not release.wait(0.01) and not (cancel is not None and cancel()):
                pass
            return report

    w = open_library_window(qtbot, settings, fake_time, lambda: SlowScan(shared))
    panel = panel_of(w)
    qtbot.waitUntil(scanning.is_set)  # the scan has indexed and now holds its thread
    qtbot.keyClicks(panel.field, "xylofoon")
    qtbot.waitUntil(panel.is_searching)  # answered while the scan still runs
    assert titles(panel) == ["tweede  (1 line)"]
    release.set()
    w.close()
