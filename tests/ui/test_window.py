"""The reader window, offscreen, driven through its widgets with a fake clock."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractSlider, QLabel
from pytestqt.qtbot import QtBot

from reader.player.base import PlayerState
from reader.ui.transcript.model import TIME_TEXT_ROLE
from reader.ui.window.window import ReaderWindow
from tests.ui.conftest import FakeTime, wait_laid_out


def click_row(qtbot: QtBot, w: ReaderWindow, row: int, pos: QPoint | None = None) -> None:
    wait_laid_out(qtbot, w, row)
    w.view.scrollTo(w.model.index(row))
    rect = w.view.visualRect(w.model.index(row))
    at = pos if pos is not None else rect.center()
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=at)


def _row_visible(w: ReaderWindow, row: int) -> bool:
    rect = w.view.visualRect(w.model.index(row))
    return rect.height() > 0 and w.view.viewport().rect().intersects(rect)


def test_opens_the_sample(window: ReaderWindow) -> None:
    assert window.model.rowCount() == 2233
    assert window.windowTitle().startswith("Grok-3 daagt OpenAI uit")
    assert window.windowTitle().endswith("— Transcript Reader")
    assert window.player.duration() == 6781500  # the silent clock runs as long as the text
    assert window.panel.currentWidget() is window.panel.none_page
    assert not window.banner.isVisible()


def test_highlight_follows_playback_and_stays_in_view(
    qtbot: QtBot, window: ReaderWindow, fake_time: FakeTime
) -> None:
    p = window.player
    p.play()
    assert p.state() is PlayerState.PLAYING
    for seconds in (5, 60, 600, 3000):
        fake_time.t += seconds
        p.backend.tick()
        row = window.transcript.index_at(p.position())
        assert window.model.current_row() == row
        wait_laid_out(qtbot, window, row)
        qtbot.waitUntil(lambda r=row: _row_visible(window, r))
    assert window.transport.slider.value() == p.position()


def test_click_on_a_line_seeks_there_and_plays(qtbot: QtBot, window: ReaderWindow) -> None:
    row = 12
    click_row(qtbot, window, row)
    assert window.player.position() == window.transcript[row].start_ms
    assert window.player.state() is PlayerState.PLAYING
    assert window.model.current_row() == row


def test_click_on_the_time_also_seeks(qtbot: QtBot, window: ReaderWindow) -> None:
    row = 3
    wait_laid_out(qtbot, window, row)
    rect = window.view.visualRect(window.model.index(row))
    click_row(qtbot, window, row, QPoint(rect.left() + 20, rect.top() + 8))
    assert window.player.position() == window.transcript[row].start_ms


def test_slider_seek_moves_the_highlight_while_paused(qtbot: QtBot, window: ReaderWindow) -> None:
    slider = window.transport.slider
    assert window.player.state() is PlayerState.PAUSED
    middle = QPoint(slider.width() // 2, slider.height() // 2)
    qtbot.mouseMove(slider, middle)
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=middle)
    pos = window.player.position()
    assert abs(pos - window.player.duration() // 2) < window.player.duration() // 20
    assert window.player.state() is PlayerState.PAUSED
    assert window.model.current_row() == window.transcript.index_at(pos)
    assert window.transport.elapsed.text() != "0:00:00"


def test_space_and_arrows(qtbot: QtBot, window: ReaderWindow) -> None:
    window.activateWindow()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert window.player.state() is PlayerState.PLAYING
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert window.player.state() is PlayerState.PAUSED
    window.player.seek(60_000)
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert window.player.position() == 65_000
    qtbot.keyClick(window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert window.player.position() == 35_000


def test_user_scroll_stops_following_and_back_button_resumes(
    qtbot: QtBot, window: ReaderWindow, fake_time: FakeTime
) -> None:
    window.player.seek(1_000_000)
    row = window.model.current_row()
    wait_laid_out(qtbot, window, row)
    bar = window.view.verticalScrollBar()
    for _ in range(30):
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
    assert not window.view.is_following()
    assert window.back_button.isVisible()
    assert not _row_visible(window, row)
    window.player.seek(1_000_500)  # playback goes on; the view stays where the user put it
    assert not _row_visible(window, window.model.current_row())
    qtbot.mouseMove(window.back_button)
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    assert window.view.is_following()
    assert not window.back_button.isVisible()
    qtbot.waitUntil(lambda: _row_visible(window, window.model.current_row()))


def test_bad_transcript_keeps_the_window_usable(
    qtbot: QtBot, window: ReaderWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "broken #1.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    assert not window.open_transcript(bad)
    assert window.banner.isVisible()
    assert str(bad) in window.banner.label.text()
    assert window.model.rowCount() == 2233  # what was open stays open
    assert not window.open_transcript(tmp_path / "missing.txt")
    assert (
        "missing.txt" in window.banner.label.text() and "no such file" in window.banner.label.text()
    )
    window.player.play()  # still works
    assert window.player.state() is PlayerState.PLAYING


def test_skipped_lines_are_reported(qtbot: QtBot, window: ReaderWindow, tmp_path: Path) -> None:
    f = tmp_path / "partly.txt"
    f.write_text("[0 --> 1]  fine\nnonsense\n[2 --> 3]  fine too\n", encoding="utf-8")
    assert window.open_transcript(f)
    assert window.model.rowCount() == 2
    assert "skipped 1 line" in window.banner.label.text() and "line 2" in window.banner.label.text()
    assert window.windowTitle() == "partly — Transcript Reader"


def test_media_failure_is_reported(qtbot: QtBot, window: ReaderWindow, tmp_path: Path) -> None:
    assert not window.open_media(tmp_path / "x.opus")  # the factory has no libVLC here
    assert "Cannot play x.opus" in window.banner.label.text()
    assert window.model.rowCount() == 2233


def test_drop_a_transcript(qtbot: QtBot, window: ReaderWindow, tmp_path: Path) -> None:
    f = tmp_path / "dropped ｜ file.txt"
    f.write_text("[0 --> 1]  one\n[1 --> 2]  two\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.model.rowCount() == 2
    assert window.transcript_path == f


def test_text_from_files_is_never_rich_text(
    qtbot: QtBot, window: ReaderWindow, tmp_path: Path
) -> None:
    f = tmp_path / "markup.txt"
    f.write_text(
        "Video title: <b>Bold</b> & <i>co</i>\n---\n[0 --> 1]  <b>x</b> <img src=y>\n",
        encoding="utf-8",
    )
    assert window.open_transcript(f)
    assert window.model.index(0).data() == "<b>x</b> <img src=y>"
    assert window.windowTitle().startswith("<b>Bold</b> & <i>co</i>")
    labels = window.findChildren(QLabel)
    assert labels
    for label in labels:
        if label.text():
            assert label.textFormat() is Qt.TextFormat.PlainText, label.text()


def test_long_transcript_paints_its_opening_then_loads_the_rest(
    qtbot: QtBot, window: ReaderWindow, tmp_path: Path, fake_time: FakeTime
) -> None:
    from tests.benchmarks.gen import long_transcript

    big = long_transcript(tmp_path / "ten hours.txt", 31_000)
    assert window.open_transcript(big)
    assert window.is_loading()
    assert 10 < window.model.rowCount() < 1000  # the opening only, for the first paint
    # Its end was read too: times are in their final h:mm:ss form from the first
    # paint (no reflow when the rest arrives) and the length is already known.
    assert window.model.index(0).data(TIME_TEXT_ROLE) == "0:00:00"
    assert window.player.duration() > 9 * 3_600_000
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    assert window.model.rowCount() == 31_000
    assert window.player.duration() == window.transcript.duration_ms > 9 * 3_600_000
    # Far into the file: the highlight follows and the row is scrolled into view.
    window.player.seek(9 * 3_600_000)
    row = window.model.current_row()
    assert row == window.transcript.index_at(9 * 3_600_000) > 25_000
    qtbot.waitUntil(lambda: _row_visible(window, row), timeout=20_000)
    assert window.model.index(row).data(TIME_TEXT_ROLE).startswith("9:")


def test_partial_model_grows_in_place(qtbot: QtBot) -> None:
    from reader.core.formats import parse_text
    from reader.ui.transcript.model import TranscriptModel

    full = parse_text("".join(f"[{i} --> {i + 1}]  line {i}\n" for i in range(50)))
    head = parse_text("".join(f"[{i} --> {i + 1}]  line {i}\n" for i in range(10)))
    model = TranscriptModel(head)
    model.set_current(3)
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    model.extend_to(full)
    assert inserted == [(10, 49)]
    assert model.rowCount() == 50 and model.current_row() == 3


def _open_long_still_laying_out(qtbot: QtBot, window: ReaderWindow, tmp_path: Path) -> None:
    """Open a 31,000-line transcript; return while batched layout still runs."""
    from tests.benchmarks.gen import long_transcript

    window.open_transcript(long_transcript(tmp_path / "long.txt", 31_000))
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    last = window.model.index(window.model.rowCount() - 1)
    assert not window.view.visualRect(last).isValid()  # batched layout still running


def test_click_works_while_a_long_transcript_is_still_being_laid_out(
    qtbot: QtBot, window: ReaderWindow, tmp_path: Path
) -> None:
    _open_long_still_laying_out(qtbot, window, tmp_path)
    rect = window.view.visualRect(window.model.index(4))
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.player.position() == window.transcript[4].start_ms
    assert window.player.state() is PlayerState.PLAYING


def _ink_rows(window: ReaderWindow, height: int) -> int:
    """How many pixel rows of the list's top `height` px hold more than background."""
    image = window.view.viewport().grab().toImage()
    base = image.pixel(image.width() - 2, image.height() - 2)
    return sum(
        any(image.pixel(x, y) != base for x in range(0, image.width() - 20, 3))
        for y in range(min(height, image.height()))
    )


def test_rows_are_drawn_while_a_long_transcript_is_still_being_laid_out(
    qtbot: QtBot, window: ReaderWindow, tmp_path: Path
) -> None:
    # QListView's batched layout draws no row until it has placed all of
    # them (most of a second for 31,000 lines); the view draws them meanwhile.
    _open_long_still_laying_out(qtbot, window, tmp_path)
    assert _ink_rows(window, 300) > 100  # text, not an empty list


def test_a_resumed_line_is_drawn_where_it_will_stay(
    qtbot: QtBot, window: ReaderWindow, tmp_path: Path
) -> None:
    from tests.benchmarks.gen import long_transcript

    window.open_transcript(long_transcript(tmp_path / "long.txt", 31_000))
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    view = window.view
    view.reveal(400)  # as a resumed position does, before layout has reached it
    drawn = dict(view.unlaid_rows())
    assert 400 in drawn and 0 not in drawn
    wait_laid_out(qtbot, window, window.model.rowCount() - 1)
    qtbot.waitUntil(lambda: view.visualRect(window.model.index(400)).top() == drawn[400].top())


def test_highlight_changes_do_not_restart_layout(
    qtbot: QtBot, window: ReaderWindow, tmp_path: Path
) -> None:
    """Word marks change several times a second; they must only repaint.

    (Signalling them as dataChanged made QListView lay every row out again,
    and restart a batched layout before it could finish.)
    """
    from tests.benchmarks.gen import long_transcript

    window.open_transcript(long_transcript(tmp_path / "long.txt", 31_000))
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    words = iter(range(10**6))

    def next_word() -> None:
        i = next(words)
        window.model.set_current(3, (i % 5, i % 5 + 1))

    timer = QTimer()
    timer.timeout.connect(next_word)
    timer.start(10)
    last = window.model.index(window.model.rowCount() - 1)
    qtbot.waitUntil(lambda: window.view.visualRect(last).isValid(), timeout=15_000)
    timer.stop()


def test_measured_heights_match_the_laid_out_text(qtbot: QtBot, window: ReaderWindow) -> None:
    """Single-line rows are measured by width alone; that must agree with a full layout."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    from reader.ui.startup.rowpaint import PAD_Y

    delegate = window.view.itemDelegate()
    option = QStyleOptionViewItem()
    option.font = window.view.font()
    width = delegate.rows.text_width(window.view.viewport().width(), option.font)
    delegate.invalidate()
    texts = [s.text for s in window.transcript]
    model = window.model
    for row in range(model.rowCount()):
        _, h = delegate.rows.layout(texts[row], option.font, width)
        assert delegate.sizeHint(option, model.index(row)).height() == int(h + 0.999) + 2 * PAD_Y


def test_narrowing_the_list_wraps_rows_anew_without_overlap(
    qtbot: QtBot, window: ReaderWindow
) -> None:
    """Dragging the splitter: rows placed at the old width overlapped their neighbours."""
    wait_laid_out(qtbot, window, 30)
    sizes = window.shell.splitter.sizes()
    window.shell.splitter.setSizes([sizes[0] - 260, sizes[1] + 260])
    view, model = window.view, window.model

    def stacked() -> bool:
        rects = [view.visualRect(model.index(r)) for r in range(30)]
        return all(a.bottom() < b.top() for a, b in pairwise(rects)) and all(
            r.height() == view.sizeHintForIndex(model.index(i)).height()
            for i, r in enumerate(rects)
        )

    qtbot.waitUntil(stacked)
