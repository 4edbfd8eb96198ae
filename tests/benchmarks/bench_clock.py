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
Reports the clock's seek guard rejects as stale are left out of both, and so
is the echo libVLC gives of a seek's target the moment it is asked (our own
request repeated, not a time libVLC measured); its next report, where the
playback really resumed, is counted.

    .venv/bin/python tests/benchmarks/bench_clock.py [--seconds N]
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
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
    fresh: bool  # one of the first two reports after play, seek, resume or a rate change


class ProbePlayer(VlcPlayer):
    """The real backend, noting what its clock showed at each libVLC report."""

    def __init__(self) -> None:
        super().__init__(VlcOptions(aout="adummy", vout="dummy"))
        self.reports: list[Report] = []
        self.seeks: list[tuple[float, int]] = []  # a raw-polling UI shows these too
        self.fresh = 2
        self.poller = Poller(self)

    def _on_time(self, ms: int, stamp: float) -> None:
        playing = self._state is PlayerState.PLAYING and not self._is_echo(ms)
        shown = self._clock.peek(stamp)
        super()._on_time(ms, stamp)
        if playing and self._seek_guard is None:  # accepted by the guard
            self.reports.append(Report(stamp, ms, shown, self.fresh > 0))
            self.fresh = max(0, self.fresh - 1)

    def seek(self, ms: int) -> None:
        asked = time.monotonic()  # libVLC may report the target before seek() returns
        super().seek(ms)
        self.seeks.append((asked, self.position()))


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


def run_case(media: Path, rate: float | None, seconds: float) -> ProbePlayer:
    """Play `seconds` of wall time with seeks and a pause (rate None: 1x, 2x, 1x)."""
    p = ProbePlayer()
    p.load(media)
    wait(300)
    p.set_rate(rate or 1.0)
    p.poller.start()
    p.play()
    wait_state(p, PlayerState.PLAYING)
    s = seconds
    # (wall second, action): a seek forward, a seek back, a pause and resume.
    plan: list[tuple[float, Callable[[], None] | None]] = [
        (0.2 * s, lambda: p.seek(25_000)),
        (0.45 * s, lambda: p.seek(3_000)),
        (0.65 * s, p.pause),
        (0.7 * s, p.play),
        (s, None),
    ]
    if rate is None:
        plan = [(0.3 * s, lambda: p.set_rate(2.0)), (0.6 * s, lambda: p.set_rate(1.0)), (s, None)]
    start = time.monotonic()
    for at, action in plan:
        wait(max(0, int((start + at - time.monotonic()) * 1000)))
        if action is not None:
            action()
            p.fresh = 2
    p.poller.stop.set()
    p.poller.join()
    p.close()
    return p


def raw_poll_errors(p: ProbePlayer, reports: list[Report], every_ms: int) -> list[float]:
    """|new time - what a poll every `every_ms` last showed| at each report instant.

    A raw-polling UI shows the last get_time() it read, or the target of a seek
    made since then; each report is tried at PHASES poll phases.
    """
    samples, seeks = p.poller.samples, p.seeks
    sample_t, seek_t = [t for t, _ in samples], [t for t, _ in seeks]
    errors: list[float] = []
    for r in reports:
        for k in range(PHASES):
            # The last poll at or before the report; the phase slides it back.
            polled_at = r.stamp - (k + 0.5) * every_ms / 1000 / PHASES
            i = bisect.bisect_right(sample_t, polled_at) - 1
            changed_at, shown = samples[i] if i >= 0 else (0.0, 0)
            j = bisect.bisect_right(seek_t, r.stamp) - 1
            if j >= 0 and seek_t[j] > changed_at:  # a seek since is shown at once
                shown = seeks[j][1]
            errors.append(abs(r.ms - shown))
    return errors


def poll_lag(p: ProbePlayer) -> list[float]:
    """How long after each event the 1 ms poll first saw the same value (ms)."""
    lags = []
    for r in p.reports:
        for t, v in p.poller.samples:
            if v == r.ms and t >= r.stamp - 0.05:
                lags.append((t - r.stamp) * 1000)
                break
    return lags


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def stats(values: list[float]) -> str:
    return (
        f"{pct(values, 0.5):6.0f} {pct(values, 0.95):6.0f} {max(values, default=float('nan')):6.0f}"
    )


def report_case(name: str, p: ProbePlayer) -> tuple[float, float]:
    """Print one case's table; return the clock's p95 over steady and over all reports."""
    reports = p.reports
    sets = {
        "steady": [r for r in reports if not r.fresh],
        "after event": [r for r in reports if r.fresh],
        "all": reports,
    }
    steps = [b.ms - a.ms for a, b in itertools.pairwise(reports) if not b.fresh]
    lags = poll_lag(p)
    print(
        f"{name}: {len(reports)} reports, median step {statistics.median(steps):.0f} ms of "
        f"media; a 1 ms poll saw each {pct(lags, 0.5):.1f} ms (p95 {pct(lags, 0.95):.1f}) "
        "after its event"
    )
    head = "".join(f" | {k} (n={len(v)})".ljust(24) for k, v in sets.items())
    print(f"  {'error, ms':16s}{head}")
    print(f"  {'':16s}" + " | p50    p95    max  " * 3)
    for every in POLLS_MS:
        cells = " | ".join(stats(raw_poll_errors(p, v, every)) for v in sets.values())
        print(f"  {f'raw poll {every} ms':16s} | {cells}")
    clock = {k: [float(abs(r.shown - r.ms)) for r in v] for k, v in sets.items()}
    print(f"  {'clock':16s} | " + " | ".join(stats(v) for v in clock.values()))
    signed = [r.shown - r.ms for r in sets["steady"]]
    raw_p95 = pct(raw_poll_errors(p, sets["steady"], 16), 0.95)
    steady_p95, all_p95 = pct(clock["steady"], 0.95), pct(clock["all"], 0.95)
    print(
        f"  clock bias (median signed, steady) {statistics.median(signed):+.0f} ms; "
        f"raw 16 ms p95 / clock p95 (steady): {raw_p95 / max(steady_p95, 1.0):.0f}x"
    )
    return steady_p95, all_p95


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=30.0, help="wall time of each 1x run")
    args = ap.parse_args()
    if shutil.which("ffmpeg") is None:
        raise SystemExit("ffmpeg is needed to make the Ogg/Opus copy")
    app = QCoreApplication(sys.argv[:1])  # noqa: F841 - the event loop lives here
    worst_steady = worst_all = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        wav = write_tone_wav(Path(tmp) / "tone.wav", 40.0)
        opus = Path(tmp) / "tone.opus"
        subprocess.run(
            ["ffmpeg", "-loglevel", "error", "-i", str(wav), "-c:a", "libopus", str(opus)],
            check=True,
        )
        for media in (wav, opus):
            for rate in (1.0, 2.0, None):
                seconds = args.seconds * (0.6 if rate == 2.0 else 1.0)
                label = "1x -> 2x -> 1x" if rate is None else f"{rate:g}x, 2 seeks + pause"
                steady, every = report_case(
                    f"{media.suffix[1:].upper()} {label}", run_case(media, rate, seconds)
                )
                worst_steady, worst_all = max(worst_steady, steady), max(worst_all, every)
    for name, worst in (("steady", worst_steady), ("all reports", worst_all)):
        verdict = "OK" if worst <= TARGET_P95_MS else "MISSED"
        print(f"worst clock p95, {name}: {worst:.0f} ms (target <= {TARGET_P95_MS} ms) {verdict}")


if __name__ == "__main__":
    main()
