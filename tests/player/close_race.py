"""Open real media, play, and close at once (twice), again and again: issue 15.1.

Run in a subprocess by test_vlc_close.py, so that a crash in libVLC fails a
test instead of killing pytest:

    python tests/player/close_race.py WAV ROUNDS [proxy]

Each round makes a player, loads WAV, plays it and closes it after a delay
that walks through libVLC's start-up (0 to ~30 ms, then with the event loop
turned in between), then closes it again, the way the window's closeEvent
and then app.py both closed it. Exits 0 and prints "ok N" when all rounds ran.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop

from reader.player.clock_player import ClockPlayer
from reader.player.proxy import PlayerProxy
from reader.player.vlc_backend import VlcOptions, VlcPlayer


def _spin(app: QCoreApplication, seconds: float) -> None:
    """Turn the event loop for about `seconds` (queued libVLC events arrive)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def _churn() -> list[bytearray]:
    """Allocate what a window's teardown might: freed C memory gets reused."""
    return [bytearray(b"\x01" * n) for n in range(64, 16384, 48) for _ in range(4)]


def main() -> int:
    wav, rounds = sys.argv[1], int(sys.argv[2])
    faulthandler.enable()  # a crash prints where it happened
    faulthandler.dump_traceback_later(float(os.environ.get("CLOSE_RACE_HANG_S", "45")), exit=True)
    through_proxy = len(sys.argv) > 3 and sys.argv[3] == "proxy"
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    for i in range(rounds):
        vlc_player = VlcPlayer(VlcOptions(aout="adummy", vout="dummy"))
        player = PlayerProxy(ClockPlayer()) if through_proxy else vlc_player
        if isinstance(player, PlayerProxy):
            player.set_backend(vlc_player)
        player.load(wav)
        if i % 3 == 1:
            _spin(app, 0.002 * (i % 15))  # parsing under way
        player.play()
        if i % 3 == 2:
            _spin(app, 0.003 * (i % 11))  # libVLC starting, maybe playing
        if i % 4 == 3:
            player.seek(1000)
        player.close()  # the window's closeEvent
        junk = _churn()  # the window's teardown reuses memory libVLC freed
        player.close()  # app.py, after the event loop returned
        del junk
        _spin(app, 0.001)  # events posted before close arrive now
    print(f"ok {rounds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
