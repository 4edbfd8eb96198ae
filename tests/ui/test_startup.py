"""The staged start: a light first frame, then the whole window, with nothing moving."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.app import build_parser, parse_args
from reader.core.state import PositionStore
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.ui.window.window import ReaderWindow
from tests.ui.conftest import FakeTime, no_vlc, wait_laid_out

ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh interpreter: what has PySide6 built by the first frame?
PROBE = r"""
import json, os, sys
import reader.app as app

def mark(what, exit_now=False):
    import PySide6.QtCore as core, PySide6.QtWidgets as widgets
    print(json.dumps({
        "what": what,
        "qt_namespace": "Qt" in vars(core),
        "qstyle": "QStyle" in vars(widgets),
        "list": "QListView" in vars(widgets),
        "list_module": any(m.startswith("reader.ui.transcript.") for m in sys.modules),
    }), flush=True)
    if what == "loaded":
        os._exit(0)

app._bench_mark = mark
app.main([sys.argv[1]])
"""


@pytest.mark.parametrize("paragraphs", [False, True])
def test_first_frame_builds_no_qt_namespace_style_or_list(
    sample_path: Path, tmp_path: Path, paragraphs: bool
) -> None:
    """Each of these costs start-up time (the Qt namespace alone ~12 ms): a
    `Qt.` or a list type on the first frame's path makes this fail."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRANSCRIPT_READER_BENCH_EXIT_ON_PAINT="1")
    env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = str(tmp_path)
    if paragraphs:  # the app's own settings file (QSettings' native format here)
        conf = tmp_path / "transcript-reader" / "Transcript Reader.conf"
        conf.parent.mkdir()
        conf.write_text("[view]\nparagraphs=true\n")
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(sample_path)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    marks = {m["what"]: m for m in map(json.loads, out.stdout.splitlines())}
    assert set(marks) == {"painted", "loaded"}, out.stderr
    first = marks["painted"]
    assert not first["qt_namespace"] and not first["qstyle"]
    assert not first["list"] and not first["list_module"]
    # Once the window is complete, they are all there: the probe would see them.
    assert marks["loaded"]["qt_namespace"] and marks["loaded"]["list"]


def staged_window(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, path: Path, **kw: object
) -> ReaderWindow:
    player = PlayerProxy(ClockPlayer(now=fake_time))
    w = ReaderWindow(player, no_vlc, settings, staged=True, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(w)
    assert w.open_transcript(path)
    assert not w.has_list() and not w.is_complete()
    return w


def list_area(w: ReaderWindow) -> QImage:
    """What the left pane shows, less the scroll bar's strip (its handle grows
    as the list lays rows out)."""
    image = w.shell.left.grab().toImage()
    if w.has_list():
        bar = w.view.verticalScrollBar().width()
    else:
        first = w.shell.first_frame
        assert first is not None
        bar = first.scroll_bar_width()
    return image.copy(QRect(0, 0, image.width() - bar, image.height()))


def differing_pixels(a: QImage, b: QImage) -> int:
    assert a.size() == b.size()
    return sum(
        a.pixel(x, y) != b.pixel(x, y) for y in range(0, a.height()) for x in range(a.width())
    )


@pytest.fixture
def restore_theme() -> Iterator[None]:
    """The theme is the application's: put the default back for later tests."""
    yield
    from PySide6.QtWidgets import QApplication

    from reader.ui.startup.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "system")


@pytest.mark.usefixtures("restore_theme")
@pytest.mark.parametrize(
    ("resume_row", "theme", "text_size", "paragraphs"),
    [
        (0, "system", None, False),
        (120, "system", None, False),  # near the end of the opening that is read first
        (700, "system", None, False),
        (0, "dark", None, False),
        (40, "light", 1.4, False),
        (0, "system", None, True),  # paragraph mode: the same first frame, in paragraphs
        (700, "dark", None, True),
    ],
)
def test_the_list_takes_over_from_the_first_frame_to_the_pixel(
    qtbot: QtBot,
    settings: QSettings,
    fake_time: FakeTime,
    sample_path: Path,
    tmp_path: Path,
    resume_row: int,
    theme: str,
    text_size: float | None,
    paragraphs: bool,
) -> None:
    """From the top, a place resumed far in, the dark theme, a larger text, paragraphs."""
    settings.setValue("view/theme", theme)
    settings.setValue("view/paragraphs", paragraphs)
    if text_size is not None:
        settings.setValue("view/text_size", text_size)
    store = PositionStore(tmp_path / "positions.json")
    if resume_row:  # a saved place in the middle: drawn at the height it is revealed at
        from reader.core.formats import load

        t = load(sample_path)
        assert store.put(sample_path, t[resume_row].start_ms + 300) is None
    w = staged_window(qtbot, settings, fake_time, sample_path, positions=store)
    if resume_row > 200 and not paragraphs:  # past the opening: only around the place
        assert w.transcript is not None and 0 < w.transcript[0].start_ms < t[resume_row].start_ms
        assert len(w.transcript) < len(t)
    with qtbot.waitSignal(w.first_painted, timeout=5000):
        w.show()
    first = list_area(w)
    w.complete()
    assert w.has_list() and w.shell.first_frame is None
    taken_over = list_area(w)
    assert differing_pixels(first, taken_over) == 0
    # And once the list has laid its rows out and revealed the spoken one.
    qtbot.waitUntil(lambda: not w.is_loading())
    wait_laid_out(qtbot, w, w.model.rowCount() - 1)
    qtbot.waitUntil(lambda: not w.view.is_revealing(), timeout=5000)
    assert w.model.current_row() == (resume_row if resume_row else 0)
    assert w.model.paragraph_mode() == paragraphs
    laid_out = list_area(w)
    assert differing_pixels(first, laid_out) == 0


def test_staged_window_completes_itself_after_the_first_frame(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, sample_path: Path
) -> None:
    w = staged_window(qtbot, settings, fake_time, sample_path)
    assert w.transcript is not None and len(w.transcript) < 2233  # the opening, for now
    assert w.windowTitle().startswith("Grok-3 daagt OpenAI uit")
    with qtbot.waitSignal(w.completed, timeout=5000):
        w.show()
    qtbot.waitUntil(lambda: not w.is_loading())
    assert w.model.rowCount() == 2233
    assert w.transport.isVisible() and w.panel.isVisible()
    assert w.actions_by_name["play"].shortcut().toString() == "Space"
    # The transport bar's height is remembered, for the room kept for it next time.
    assert int(settings.value("layout/transport_height")) == w.transport.height()
    again = staged_window(qtbot, settings, FakeTime(), sample_path)
    assert again.shell.bottom_height() == w.transport.height()


def test_paragraph_mode_starts_with_a_first_frame_too(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, sample_path: Path
) -> None:
    """Paragraph mode goes through the same staged path: no list before the first frame."""
    settings.setValue("view/paragraphs", True)
    w = staged_window(qtbot, settings, fake_time, sample_path)
    with qtbot.waitSignal(w.completed, timeout=5000):
        w.show()
    assert w.model.paragraph_mode()
    assert w.actions_by_name["paragraphs"].isChecked()


def test_a_bad_file_in_a_staged_window_still_completes(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, tmp_path: Path
) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    player = PlayerProxy(ClockPlayer(now=fake_time))
    w = ReaderWindow(player, no_vlc, settings, staged=True)
    qtbot.addWidget(w)
    assert not w.open_transcript(bad)
    assert "empty.txt" in w.banner.label.text()
    w.show()
    w.complete()  # what the app does when there is no first frame to wait for
    assert w.is_complete() and w.model.rowCount() == 0


@pytest.mark.parametrize("argv", [[], ["talk.txt"], ["a #1 ｜ b [xyz].txt"]])
def test_a_lone_file_is_parsed_as_argparse_would(argv: list[str]) -> None:
    assert vars(parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_options_still_go_through_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_args(["t.txt", "--at", "1:00"]).at == "1:00"
    with pytest.raises(SystemExit):
        parse_args(["--nonsense"])
    assert "unrecognized arguments" in capsys.readouterr().err


def test_a_staged_window_reads_clicks_and_keys_once_complete(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, sample_path: Path
) -> None:
    from PySide6.QtCore import Qt

    w = staged_window(qtbot, settings, fake_time, sample_path)
    with qtbot.waitSignal(w.completed, timeout=5000):
        w.show()
    qtbot.waitUntil(lambda: not w.is_loading())
    w.activateWindow()
    qtbot.waitActive(w)
    wait_laid_out(qtbot, w, 12)
    rect = w.view.visualRect(w.model.index(12))
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.player.position() == w.transcript[12].start_ms
    assert w.player.is_playing() and w.model.current_row() == 12
    qtbot.keyClick(w.view, Qt.Key.Key_Space)
    assert not w.player.is_playing()


@pytest.mark.parametrize("staged", [True, False])
def test_a_remembered_speed_shows_in_the_transport_bar(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, sample_path: Path, staged: bool
) -> None:
    settings.setValue("playback/rate", 1.5)
    player = PlayerProxy(ClockPlayer(now=fake_time))
    w = ReaderWindow(player, no_vlc, settings, staged=staged)
    qtbot.addWidget(w)
    assert w.open_transcript(sample_path)
    with qtbot.waitSignal(w.first_painted, timeout=5000):
        w.show()
    qtbot.waitUntil(w.is_complete)
    assert player.rate() == 1.5 and w.transport.speed.currentData() == 1.5


def test_a_narrow_window_does_not_rewrap_when_the_panel_arrives(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, sample_path: Path
) -> None:
    w = staged_window(qtbot, settings, fake_time, sample_path)
    w.resize(560, 600)
    with qtbot.waitSignal(w.first_painted, timeout=5000):
        w.show()
    width = w.shell.left.width()
    first = list_area(w)
    w.complete()
    QApplication.processEvents()  # the layout requests the side area and bar posted
    assert w.shell.left.width() == width
    assert differing_pixels(first, list_area(w)) == 0


@pytest.fixture
def overlay_scroll_bars() -> Iterator[None]:
    """A style that lays scroll bars over the content, as macOS's does."""
    from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory

    class Overlay(QProxyStyle):
        def styleHint(self, hint, option=None, widget=None, data=None):  # type: ignore[no-untyped-def]
            if hint == QStyle.StyleHint.SH_ScrollBar_Transient:
                return 1
            return super().styleHint(hint, option, widget, data)

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    name = app.style().name()
    app.setStyle(Overlay(QStyleFactory.create("Fusion")))
    yield
    app.setStyle(name)


@pytest.mark.usefixtures("overlay_scroll_bars")
def test_with_overlay_scroll_bars_the_first_frame_learns_to_use_the_whole_width(
    qtbot: QtBot, settings: QSettings, fake_time: FakeTime, sample_path: Path
) -> None:
    once = staged_window(qtbot, settings, fake_time, sample_path)
    with qtbot.waitSignal(once.completed, timeout=5000):
        once.show()
    qtbot.waitUntil(lambda: once.view.has_painted())
    assert once.view.viewport().width() == once.view.width()  # the bar takes no room
    once.close()
    again = staged_window(qtbot, settings, FakeTime(), sample_path)
    with qtbot.waitSignal(again.first_painted, timeout=5000):
        again.show()
    assert again.shell.first_frame is not None
    assert not again.shell.first_frame.scroll_bar_shown()
    image = again.shell.left.grab().toImage()
    again.complete()
    bar = again.view.verticalScrollBar().width()  # over the rows: leave its strip out
    strip = QRect(0, 0, image.width() - bar, image.height())
    laid = again.shell.left.grab().toImage()
    assert differing_pixels(image.copy(strip), laid.copy(strip)) == 0


@pytest.mark.parametrize("paragraphs", [False, True])
def test_a_large_file_reopened_far_in_takes_over_to_the_pixel(
    qtbot: QtBot,
    settings: QSettings,
    fake_time: FakeTime,
    tmp_path: Path,
    paragraphs: bool,
) -> None:
    """Paragraphs built over a stretch of the file break elsewhere than the whole
    file's: in paragraph mode the first frame is drawn from the whole file."""
    from reader.core.formats import load
    from tests.benchmarks.gen import long_transcript

    big = long_transcript(tmp_path / "big.txt", 31_000)
    settings.setValue("view/paragraphs", paragraphs)
    store = PositionStore(tmp_path / "positions.json")
    assert store.put(big, load(big)[7_750].start_ms + 300) is None
    w = staged_window(qtbot, settings, fake_time, big, positions=store)
    with qtbot.waitSignal(w.first_painted):
        w.show()
    first = list_area(w)
    w.complete()
    assert differing_pixels(first, list_area(w)) == 0
