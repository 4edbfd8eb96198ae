"""Reopening a large file at a saved place: the first frame reads around it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from reader.core.formats import load
from reader.core.loading import plan_open
from reader.core.model import Transcript
from reader.core.state import PositionStore
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.ui.window.window import ReaderWindow
from tests.benchmarks.gen import long_transcript
from tests.ui.conftest import FakeTime, no_vlc


def left_at(tmp_path: Path, row: int, path: Path | None = None) -> tuple[Path, PositionStore]:
    path = path or long_transcript(tmp_path / "ten hours.txt")
    store = PositionStore(tmp_path / "positions.json")
    assert store.put(path, load(path)[row].start_ms + 300) is None
    return path, store


def staged(qtbot: QtBot, settings: QSettings, store: PositionStore) -> ReaderWindow:
    w = ReaderWindow(PlayerProxy(ClockPlayer(now=FakeTime())), no_vlc, settings, store, True)
    qtbot.addWidget(w)
    return w


@pytest.mark.parametrize("row", [0, 75, 85, 20_000, 30_999])
def test_the_first_frame_never_waits_for_the_whole_file(
    qtbot: QtBot, settings: QSettings, tmp_path: Path, row: int
) -> None:
    path, store = left_at(tmp_path, row)
    w = staged(qtbot, settings, store)
    assert w.open_transcript(path)
    t = w.transcript
    assert t is not None and len(t) < 31_000  # the opening, or a window of the file
    full = load(path)
    assert t[t.index_at(w.player.position())] == full[row]


def test_long_lines_near_the_start_read_a_window_too(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    """~150 bytes a line (CJK text): fewer rows than AROUND_ROWS in the opening."""
    src = long_transcript(tmp_path / "src.txt").read_text(encoding="utf-8")
    head, body = src.split("------------------", 1)
    cjk = {ord(c): chr(0x4E00 + i) for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")}
    lines = [
        ln if "]" not in ln else ln.split("]", 1)[0] + "]  " + ln.split("]", 1)[1].translate(cjk)
        for ln in body.split("\n")
    ]
    path = tmp_path / "cjk.txt"
    path.write_text(head + "------------------" + "\n".join(lines), encoding="utf-8")
    opening = plan_open(path)
    assert not opening.complete and len(opening.first) < 100
    for row in (0, 10):
        _, store = left_at(tmp_path, row, path)
        w = staged(qtbot, settings, store)
        assert w.open_transcript(path)
        assert w.transcript is not None and len(w.transcript) < 31_000


def test_a_damaged_stretch_far_in_opens_the_file_as_before(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    """Zeros left by a crash, inside the window read around the place: no traceback."""
    path, store = left_at(tmp_path, 20_000)
    data = bytearray(path.read_bytes())
    at = len(data) * 20_000 // 31_000
    data[at : at + 4096] = b"\0" * 4096
    path.write_bytes(bytes(data))
    w = staged(qtbot, settings, store)
    assert w.open_transcript(path)
    assert w.transcript is not None and len(w.transcript) > 0


def test_if_the_rest_cannot_be_read_the_window_stays(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    path, store = left_at(tmp_path, 20_000)
    # Damaged past what the opening and the window read, not past the whole parse.
    data = bytearray(path.read_bytes())
    data[20_000] = 0
    path.write_bytes(bytes(data))
    w = staged(qtbot, settings, store)
    assert w.open_transcript(path)
    shown = w.transcript
    assert shown is not None
    with qtbot.waitSignal(w.first_painted, timeout=5000):
        w.show()
    w.complete()
    assert w.model.rowCount() == len(shown)  # what was on screen stays there
    assert "Could not read all of the transcript" in w.banner.label.text()


def test_the_rest_comes_from_the_bytes_read_at_opening(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    """The file is read once: removed after opening, it is still listed whole."""
    path, store = left_at(tmp_path, 20_000)
    w = staged(qtbot, settings, store)
    assert w.open_transcript(path)
    with qtbot.waitSignal(w.first_painted, timeout=5000):
        w.show()
    path.unlink()
    w.complete()
    qtbot.waitUntil(lambda: not w.is_loading())
    assert w.model.rowCount() == 31_000


def test_the_whole_file_is_announced_once_the_window_is_complete(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    path, store = left_at(tmp_path, 20_000)
    w = staged(qtbot, settings, store)
    seen: list[tuple[int, bool]] = []
    w.transcript_loaded.connect(lambda t: seen.append((len(t), w.is_complete())))
    assert w.open_transcript(path)
    with qtbot.waitSignal(w.first_painted, timeout=5000):
        w.show()
    w.complete()
    qtbot.waitUntil(lambda: not w.is_loading())
    assert seen[-1] == (31_000, True)
    assert [n for n, _ in seen].count(31_000) == 1


def test_another_transcript_set_before_complete_is_the_one_listed(
    qtbot: QtBot, settings: QSettings, tmp_path: Path, sample_path: Path
) -> None:
    path, store = left_at(tmp_path, 20_000)
    w = staged(qtbot, settings, store)
    assert w.open_transcript(path)
    other: Transcript = load(sample_path)
    assert w.open_transcript(sample_path)
    w.complete()
    qtbot.waitUntil(lambda: not w.is_loading())
    assert w.model.rowCount() == len(other)


def test_a_file_whose_whole_cannot_be_read_leaves_the_open_one_as_it_was(
    qtbot: QtBot, settings: QSettings, tmp_path: Path, sample_path: Path
) -> None:
    """Once the window is complete a saved place far in means reading the whole
    file; when that fails, what was open stays open, for exports too."""
    path, store = left_at(tmp_path, 20_000)
    data = bytearray(path.read_bytes())
    data[30_000] = 0  # past the opening and the window around the place
    path.write_bytes(bytes(data))
    w = ReaderWindow(PlayerProxy(ClockPlayer(now=FakeTime())), no_vlc, settings, store)
    qtbot.addWidget(w)
    assert w.open_transcript(sample_path)
    w.show()
    qtbot.waitUntil(lambda: not w.is_loading())
    assert not w.open_transcript(path)
    assert "Could not open the transcript" in w.banner.text()
    assert w.transcript_path == sample_path and w.transcript is not None
    assert len(w.transcript) == w.model.rowCount() == 2233
