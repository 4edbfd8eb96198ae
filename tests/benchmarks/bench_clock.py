"""How close the on-screen position is to libVLC's time, against raw polling.

Plays a generated 40 s tone as WAV and as Ogg/Opus through the real VlcPlayer
(dummy audio output) at 1x and 2x, with seeks and a pause. Ground truth is
libVLC's MediaPlayerTimeChanged event: libVLC raises it on its input thread
at the very moment it updates the time that get_time() returns, and our
callback stamps it with time.monotonic() there, so the pair (stamp, new
time) is the most exact statement of "media time T at instant t" libVLC
offers. A fast (1 ms) poll of get_time() runs alongside to check that: it
sees each change a little after the event, never before.

At each such instant the script compares:
  raw poll  what a UI polling get_time() every 16 ms / 50 ms would show then
            (the last value its poll read; pooled over 8 poll phases);
  clock     what our interpolating clock would show at that instant, computed
            before the report is applied to it.
Reports the clock's seek guard rejects as stale are left out of both.

    .venv/bin/python tests/benchmarks/bench_clock.py [--seconds-1x N]
"""

from __future__ import annotations

import argparse
import bisect
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402

from reader.player.base import PlayerState  # noqa: E402
from reader.player.vlc_backend import VlcOptions, VlcPlayer  # noqa: E402
from tests.conftest import write_tone_wav  # noqa: E402

TARGET_P95_MS = 15
POLLS_MS = (16, 50)
PHASES = 8


@dataclass
class Report:
    stamp: float
    ms: int
    shown: int  # the clock's on-screen position at `stamp`, before this report
    fresh: bool  # first report after play, seek or resume


class ProbePlayer(VlcPlayer):
    """The real backend, noting what its clock showed at each libVLC report."""

    def __init__(self) -> None:
        super().__init__(VlcOptions(aout="adummy", vout="dummy"))
        self.reports: list[Report] = []
        self.fresh = True

    def _on_time(self, ms: int, stamp: float) -> None:
        playing = self._state is PlayerState.PLAYING
        shown = self._clock.peek(stamp)
        super()._on_time(ms, stamp)
        if playing and self._seek_guard is None:  # accepted by the guard
            self.reports.append(Report(stamp, ms, shown, self.fresh))
            self.fresh = False


class Poller(threading.Thread):
    """get_time() every millisecond; keeps (monotonic, value) at each change."""

    def __init__(self, player: VlcPlayer) -> None:
        super().__init__(daemon=True)
        self.player = player
        self.samples: list[tuple[float, int]] = []
        self.stop = threading.Event()

    def run(self) -> None:
        last = None
        while not self.stop.is_set():
            value = self.player.vlc_time()
            t = time.monotonic()
            if value != last:
                self.samples.append((t, value))
                last = value
            time.sleep(0.001)


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_state(player: VlcPlayer, state: PlayerState, timeout_ms: int = 5000) -> None:
    deadline = time.monotonic() + timeout_ms / 1000
    while player.state() is not state:
        if time.monotonic() > deadline:
            raise SystemExit(f"player never reached {state}")
        wait(5)


def run_case(media: Path, rate: float, seconds: float) -> tuple[list[Report], Poller]:
    """Play `seconds` of wall time with two seeks and a pause; return the reports."""
    p = ProbePlayer()
    p.load(media)
    wait(300)
    p.set_rate(rate)
    poller = Poller(p)
    poller.start()
    p.play()
    wait_state(p, PlayerState.PLAYING)
    s = seconds
    # (wall second, action): a seek forward, a seek back, a pause and resume.
    plan = [
        (0.2 * s, lambda: p.seek(25_000)),
        (0.45 * s, lambda: p.seek(3_000)),
        (0.65 * s, p.pause),
        (0.7 * s, p.play),
        (s, None),
    ]
    start = time.monotonic()
    for at, action in plan:
        wait(max(0, int((start + at - time.monotonic()) * 1000)))
        if action is not None:
            action()
            p.fresh = True
    poller.stop.set()
    poller.join()
    p.close()
    return p.reports, poller


def raw_poll_errors(reports: list[Report], samples: list[tuple[float, int]], every_ms: int):
    """|new time - what a poll every `every_ms` last read| at each report instant."""
    times = [t for t, _ in samples]
    errors: list[float] = []
    for r in reports:
        for k in range(PHASES):
            # The last poll at or before the report; the phase slides it back.
            polled_at = r.stamp - (k + 0.5) * every_ms / 1000 / PHASES
            i = bisect.bisect_right(times, polled_at) - 1
            if i >= 0:
                errors.append(abs(r.ms - samples[i][1]))
    return errors


def poll_lag(reports: list[Report], samples: list[tuple[float, int]]) -> list[float]:
    """How long after each event the 1 ms poll first saw the same value (ms)."""
    lags = []
    for r in reports:
        for t, v in samples:
            if v == r.ms and t >= r.stamp - 0.05:
                lags.append((t - r.stamp) * 1000)
                break
    return lags


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def row(name: str, values: list[float]) -> str:
    return (
        f"  {name:22s} n={len(values):4d}  p50 {pct(values, 0.5):6.1f}  "
        f"p95 {pct(values, 0.95):6.1f}  max {max(values, default=float('nan')):6.1f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds-1x", type=float, default=30.0, help="wall time per 1x run")
    args = ap.parse_args()
    if shutil.which("ffmpeg") is None:
        raise SystemExit("ffmpeg is needed to make the Ogg/Opus copy")
    app = QCoreApplication(sys.argv[:1])  # noqa: F841 - the event loop lives here
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        wav = write_tone_wav(Path(tmp) / "tone.wav", 40.0)
        opus = Path(tmp) / "tone.opus"
        subprocess.run(
            ["ffmpeg", "-loglevel", "error", "-i", str(wav), "-c:a", "libopus", str(opus)],
            check=True,
        )
        for media in (wav, opus):
            for rate in (1.0, 2.0):
                seconds = args.seconds_1x if rate == 1.0 else args.seconds_1x * 0.7
                reports, poller = run_case(media, rate, seconds)
                steps = [b.ms - a.ms for a, b in zip(reports, reports[1:]) if not b.fresh]
                clock = [abs(r.shown - r.ms) for r in reports]
                steady = [abs(r.shown - r.ms) for r in reports if not r.fresh]
                signed = [r.shown - r.ms for r in reports if not r.fresh]
                lags = poll_lag(reports, poller.samples)
                print(
                    f"{media.suffix[1:].upper()} at {rate:g}x: {len(reports)} reports, "
                    f"median step {statistics.median(steps):.0f} ms of media; "
                    f"1 ms poll saw each {pct(lags, 0.5):.1f} ms (p95 {pct(lags, 0.95):.1f}) "
                    f"after the event"
                )
                raws = {}
                for every in POLLS_MS:
                    raws[every] = raw_poll_errors(reports, poller.samples, every)
                    print(row(f"raw poll {every} ms", raws[every]))
                print(row("clock, all reports", clock))
                print(row("clock, steady", steady))
                print(f"  clock bias (median signed, steady): {statistics.median(signed):+.1f} ms")
                p95 = pct(clock, 0.95)
                worst = max(worst, p95)
                ratio = pct(raws[16], 0.95) / max(p95, 0.5)
                print(f"  raw 16 ms p95 / clock p95: {ratio:.1f}x")
    verdict = "OK" if worst <= TARGET_P95_MS else "MISSED"
    print(f"worst clock p95 {worst:.1f} ms (target <= {TARGET_P95_MS} ms) {verdict}")


if __name__ == "__main__":
    main()
