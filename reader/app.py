"""The GUI entry point: `transcript-reader [TRANSCRIPT] [--media FILE] [--at TIME]`."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import stat
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.timefmt import parse_time

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from reader.core.library import Library
    from reader.core.marks import MarksStore
    from reader.player.base import Player

ROOT = Path(__file__).resolve().parent.parent
ICON = ROOT / "resources" / "icons" / "transcript-reader.png"


def default_sample() -> tuple[Path | None, Path | None]:
    """The bundled sample transcript and its synthetic demo recording, when present."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    if not seeds:
        return None, None
    media = ROOT / "resources" / "demo" / f"{seeds[0].stem}.opus"
    return seeds[0], media if media.is_file() else None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="transcript-reader",
        description="Read a transcript while its recording plays. "
        "Commands: convert, search, pair (see transcript-reader COMMAND --help).",
    )
    p.add_argument("transcript", nargs="?", help="transcript file (default: the bundled sample)")
    p.add_argument("--media", help="the recording (audio or video)")
    p.add_argument(
        "--library", action="store_true", help="open the library of all your transcripts"
    )
    p.add_argument("--at", help="start position: 754, 12:34 or 1:02:03")
    p.add_argument("--aout", help="libVLC audio output, e.g. adummy for no sound card")
    p.add_argument("--vout", help="libVLC video output, e.g. xcb_x11 or dummy")
    return p


def parse_args(argv: list[str]) -> argparse.Namespace:
    # Nothing or a lone file (what a file manager and the .desktop entry pass)
    # needs no parser: building one costs ~2.5 ms of start-up, mostly gettext
    # looking for translations of its help texts.
    if len(argv) <= 1 and not any(a.startswith("-") for a in argv):
        transcript = argv[0] if argv else None
        return argparse.Namespace(
            transcript=transcript, media=None, at=None, aout=None, vout=None, library=False
        )
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        at_ms = parse_time(args.at) if args.at else None
    except ValueError as exc:
        print(f"transcript-reader: --at: {exc}", file=sys.stderr)
        return 2
    transcript, media = Path(args.transcript) if args.transcript else None, None
    if args.media:
        media = Path(args.media)
    elif transcript is None and not args.library:
        transcript, media = default_sample()
    return run_window(transcript, media, at_ms, args.aout, args.vout, args.library)


def _import_core_first(transcript: Path | None) -> None:
    """The pure-Python modules the first frame needs, imported before PySide6:
    it reads the source of every module imported after it (its __feature__
    check), ~0.15 ms a module of start-up time. That includes the format
    module that will read `transcript`, found from the file's opening."""
    import reader.core.formats
    import reader.core.loading
    import reader.core.mediatypes
    import reader.core.state
    import reader.core.words
    from reader.core.errors import TranscriptError
    from reader.core.textio import decode

    if transcript is not None:
        try:
            if not stat.S_ISREG(os.stat(transcript).st_mode):
                return  # a pipe would block before the window shows; the window refuses it
            with open(transcript, "rb") as f:
                reader.core.formats.detect(decode(f.read(4096), transcript))
        except (OSError, TranscriptError):
            pass  # the window says what is wrong with it


def run_window(
    transcript: Path | None,
    media: Path | None,
    at_ms: int | None,
    aout: str | None,
    vout: str | None,
    library: bool = False,
) -> int:
    # Until the window can close itself (after_complete), Ctrl+C or a TERM just
    # ends the process, as for any program; never a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    _import_core_first(transcript)
    # Qt is imported here so that the headless commands never pay for it.
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reader.core.state import PositionStore
    from reader.player.clock_player import ClockPlayer
    from reader.player.proxy import PlayerProxy
    from reader.ui.window.window import ReaderWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Transcript Reader")
    app.setOrganizationName("transcript-reader")
    app.setDesktopFileName("transcript-reader")

    def create_vlc_player() -> tuple[Player | None, str | None]:
        from reader.player.factory import create_vlc_player  # after the first frame

        return create_vlc_player(aout, vout)

    player = PlayerProxy(ClockPlayer())

    # Staged: the first frame shows the transcript; the rest is built right after.
    def open_library() -> Library:
        from reader.core.library import Library  # on first use: File > Library

        return Library()

    def open_marks() -> MarksStore:
        from reader.core.marks import MarksStore  # once the window is on screen

        return MarksStore()

    window = ReaderWindow(
        player,
        create_vlc_player,
        positions=PositionStore(),
        staged=True,
        library=open_library,
        marks=open_marks,
    )
    # Benchmarks: report the first frame and the complete window, then exit
    # ("first": exit at the first frame, for counting instructions to it).
    bench_mode = os.environ.get("TRANSCRIPT_READER_BENCH_EXIT_ON_PAINT", "")
    bench = bool(bench_mode)
    if bench:  # runs inside the paint; the follow-up work waits for the event loop
        window.first_painted.connect(lambda: _bench_mark("painted", bench_mode == "first"))
    if transcript is not None and not window.open_transcript(transcript):
        print(f"transcript-reader: {window.banner.label.text()}", file=sys.stderr)

    def after_complete() -> None:
        if ICON.is_file():
            from PySide6.QtGui import QIcon

            app.setWindowIcon(QIcon(str(ICON)))  # decoding the PNG costs start-up time
        if bench:
            window.repaint()  # the whole window, complete, in one more frame
            if library:
                _bench_mark("painted")  # the library's list is that frame's text
            _bench_mark("loaded")
            os._exit(0)
        close_on_signals(window)
        # libVLC starts after the transcript is on screen: it costs start-up time.
        if media is not None:
            window.open_media(media)  # also says what is wrong with it
        elif transcript is not None:
            window.find_recording()  # the one used last time, or found by name/id/title
        if at_ms is not None:
            player.seek(at_ms)
            window.view.set_following(True)

    # After the complete window is on screen (it completes itself after its first frame).
    window.completed.connect(lambda: QTimer.singleShot(0, after_complete))
    if library:
        # No transcript's opening to show first: the first frame is the library's list.
        window.complete()
        window.show_library()
    window.show()
    code = app.exec()
    player.close()
    return code


def close_on_signals(window: QWidget) -> None:
    """Ctrl+C, TERM and HUP close the window as its Quit does: the place in the
    transcript is saved and libVLC shut down in order. Python only runs signal
    handlers between bytecodes, so the signal also wakes Qt's loop through a
    socket (no polling)."""
    import socket

    from PySide6.QtCore import QSocketNotifier

    receive, send = socket.socketpair()
    for end in (receive, send):
        end.setblocking(False)
    signal.set_wakeup_fd(send.fileno())
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, lambda *_args: None)  # the wakeup fd does the work
    notifier = QSocketNotifier(receive.fileno(), QSocketNotifier.Type.Read, window)

    def on_signal() -> None:
        with contextlib.suppress(OSError):
            receive.recv(64)
        window.close()

    def forget() -> None:
        signal.set_wakeup_fd(-1)
        receive.close()
        send.close()

    notifier.activated.connect(on_signal)
    window.destroyed.connect(forget)


def _bench_mark(what: str, exit_now: bool = False) -> None:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    print(f"{what} {time.time():.6f} maxrss_kb {usage.ru_maxrss} cpu {cpu:.6f}", flush=True)
    if exit_now:
        os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
