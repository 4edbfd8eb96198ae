"""The app under signals and special inputs: closes as Quit does, never a traceback or a hang."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from reader.app import close_on_signals
from reader.core.state import PositionStore
from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.ui.window.window import ReaderWindow
from tests.ui.conftest import no_vlc

ROOT = Path(__file__).resolve().parents[2]
APP = [sys.executable, "-c", "import sys; from reader.cli import main; sys.exit(main())"]


@pytest.fixture
def default_handlers() -> object:
    saved = {n: signal.getsignal(n) for n in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    yield
    signal.set_wakeup_fd(-1)
    for number, handler in saved.items():
        signal.signal(number, handler)


@pytest.mark.usefixtures("default_handlers")
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_closes_the_window_and_saves_the_place(
    qtbot: QtBot, settings: QSettings, tmp_path: Path, sample_path: Path, number: int
) -> None:
    store = PositionStore(tmp_path / "positions.json")
    w = ReaderWindow(PlayerProxy(ClockPlayer()), no_vlc, settings, store)
    qtbot.addWidget(w)
    assert w.open_transcript(sample_path)
    w.show()
    close_on_signals(w)
    w.player.seek(123_000)
    os.kill(os.getpid(), number)
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
    saved = PositionStore(tmp_path / "positions.json").get(sample_path)
    assert saved is not None and saved.position_ms == 123_000


def run_app(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = dict(os.environ, QT_QPA_PLATFORM="offscreen", **env)
    environ["XDG_CONFIG_HOME"] = environ["XDG_DATA_HOME"] = str(tmp_path)
    return subprocess.run(
        [*APP, *args],
        env=environ,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_pipe_as_the_transcript_is_refused_before_the_window_waits_on_it(
    tmp_path: Path,
) -> None:
    fifo = tmp_path / "talk.txt"
    os.mkfifo(fifo)  # nobody writes to it: opening it for reading would block
    done = run_app([str(fifo)], tmp_path, TRANSCRIPT_READER_BENCH_EXIT_ON_PAINT="1")
    assert done.returncode == 0  # the window came up complete (the bench mark exits it)
    assert "talk.txt" in done.stderr and "not a regular file" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.8, 1.5])
def test_a_signal_at_any_moment_of_start_up_ends_cleanly(
    tmp_path: Path, sample_path: Path, delay: float
) -> None:
    """Fault injection: TERM while modules load, the first frame paints, libVLC
    starts or plays. The process ends by the signal or by closing, never by a
    crash, a hang or a traceback."""
    environ = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRANSCRIPT_READER_AOUT="adummy")
    environ["XDG_CONFIG_HOME"] = environ["XDG_DATA_HOME"] = str(tmp_path)
    media = ROOT / "resources" / "demo" / f"{sample_path.stem}.opus"
    proc = subprocess.Popen(
        [*APP, str(sample_path), "--media", str(media)],
        env=environ,
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        proc.wait(timeout=delay)  # the moment chosen for the signal; it may not come
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode in (0, -signal.SIGTERM), err[-2000:]
    assert "Traceback" not in err and "Assertion" not in err
    positions = tmp_path / "transcript-reader" / "positions.json"
    if proc.returncode == 0 and positions.exists():  # closed as Quit does: valid JSON
        json.loads(positions.read_text())
