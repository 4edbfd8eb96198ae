"""How far the on-screen position is from the audio libVLC actually plays.

bench_clock compares the clock with libVLC's time reports; this one checks
those reports against the sound. libVLC's audio callbacks (its "amem"
output) hand over every block of samples with the instant it is due to be
heard (pts on libVLC's monotonic clock, the same as time.monotonic() here).
Each block is found in the reference signal (seeded noise, decoded the same
way) by cross-correlation, which gives "media time M is heard at instant t"
for the whole run. At every libVLC report the script compares:

  libVLC   the time libVLC reported      minus the media time heard then
  clock    what our clock showed then    minus the media time heard then

Positive: the screen is ahead of the voice. A real sound card adds its own
latency, which libVLC compensates for with the output's delay; the callbacks
have none, so this is the schedule libVLC means the listener to hear.

    .venv/bin/python tests/benchmarks/bench_audio_sync.py   (needs numpy, ffmpeg)
"""

from __future__ import annotations

import bisect
import ctypes
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402

from reader.player.base import PlayerState  # noqa: E402
from reader.player.vlc_backend import VlcOptions, VlcPlayer, vlc  # noqa: E402

RATE = 48_000
SECONDS = 40
PROBE = 480  # 10 ms of samples located per block


def make_media(tmp: Path) -> dict[str, tuple[Path, np.ndarray]]:
    """Seeded noise as WAV and Ogg/Opus, each with the samples a decoder gives."""
    rng = np.random.default_rng(1)
    noise = np.convolve(rng.standard_normal(RATE * SECONDS), np.ones(4) / 4, mode="same")
    pcm = (noise / np.abs(noise).max() * 0.7 * 32767).astype(np.int16)
    wav = tmp / "noise.wav"
    with wave.open(str(wav), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())
    opus = tmp / "noise.opus"
    ffmpeg = ["ffmpeg", "-loglevel", "error"]
    subprocess.run(
        [*ffmpeg, "-i", str(wav), "-c:a", "libopus", "-b:a", "96k", str(opus)], check=True
    )
    decoded = subprocess.run(
        [*ffmpeg, "-i", str(opus), "-f", "s16le", "-ac", "1", "-ar", str(RATE), "-"],
        capture_output=True,
        check=True,
    ).stdout
    return {
        "WAV": (wav, pcm.astype(np.float32)),
        "Opus": (opus, np.frombuffer(decoded, np.int16).astype(np.float32)),
    }


class ListeningPlayer(VlcPlayer):
    """The real backend with libVLC's audio delivered to us instead of a device."""

    def __init__(self) -> None:
        super().__init__(VlcOptions(aout="adummy", vout="dummy"))
        self.blocks: list[tuple[float, float, np.ndarray | None]] = []  # (due, arrived, pcm)
        self.reports: list[tuple[float, int, int]] = []  # (stamp, libVLC ms, clock ms)

        @vlc.CallbackDecorators.AudioPlayCb  # type: ignore[misc]
        def play(_data: Any, samples: Any, count: int, pts: int) -> None:
            pcm = np.frombuffer(ctypes.string_at(samples, count * 2), np.int16).copy()
            self.blocks.append((pts / 1e6, time.monotonic(), pcm))

        @vlc.CallbackDecorators.AudioFlushCb  # type: ignore[misc]
        def flush(_data: Any, _pts: int) -> None:
            self.blocks.append((0.0, time.monotonic(), None))

        self._callbacks = (play, flush)  # ctypes must keep them alive
        self._mp.audio_set_callbacks(play, None, None, flush, None, None)
        self._mp.audio_set_format("S16N", RATE, 1)

    def _on_time(self, ms: int, stamp: float) -> None:
        if self._state is PlayerState.PLAYING and not self._is_echo(ms):
            self.reports.append((stamp, ms, self._clock.peek(stamp)))
        super()._on_time(ms, stamp)


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def heard(p: ListeningPlayer, ref: np.ndarray, rate: float) -> list[tuple[float, float]]:
    """(instant, media ms heard then) for every block found in the reference."""
    energy = np.sqrt(np.convolve(ref * ref, np.ones(PROBE), mode="valid"))
    spectrum_n = 1 << int(np.ceil(np.log2(len(ref) + PROBE)))
    ref_spectrum = np.fft.rfft(ref, spectrum_n)

    def locate(block: np.ndarray, guess: int | None) -> tuple[int, float]:
        probe = block[:PROBE].astype(np.float32)
        norm = float(np.sqrt((probe * probe).sum())) + 1e-9
        if guess is not None:
            lo, hi = max(0, guess - 4800), min(len(ref) - PROBE, guess + 4800)
            if hi > lo:
                c = np.correlate(ref[lo : hi + PROBE], probe, mode="valid")
                c = c / (energy[lo : hi + 1] * norm + 1e-9)
                i = int(np.argmax(c))
                if c[i] > 0.4:
                    return lo + i, float(c[i])
        c = np.fft.irfft(ref_spectrum * np.conj(np.fft.rfft(probe, spectrum_n)), spectrum_n)
        c = c[: len(energy)] / (energy * norm + 1e-9)
        i = int(np.argmax(c))
        return i, float(c[i])

    timeline: list[tuple[float, float]] = []
    guess: int | None = None
    for due, arrived, block in p.blocks:
        if block is None:  # a flush: what was queued and not yet due is never heard
            timeline = [(t, ms) for t, ms in timeline if t <= arrived]
            guess = None
            continue
        if len(block) < PROBE or np.abs(block[:PROBE]).max() < 100:
            continue
        at, score = locate(block, guess)
        if score < 0.4:
            guess = None
            continue
        timeline.append((due, at / RATE * 1000))
        guess = at + int(len(block) * rate)
    return sorted(timeline)


def errors(
    p: ListeningPlayer, timeline: list[tuple[float, float]], rate: float
) -> tuple[list[float], list[float]]:
    instants = [t for t, _ in timeline]
    vlc_err: list[float] = []
    clock_err: list[float] = []
    for stamp, ms, shown in p.reports:
        i = bisect.bisect_right(instants, stamp) - 1
        if i < 0 or stamp - instants[i] > 0.05:
            continue  # no block heard just before: paused, seeking or buffering
        audio = timeline[i][1] + (stamp - instants[i]) * 1000 * rate
        if abs(ms - audio) > 500:
            continue  # across a seek: the block heard was from before it
        vlc_err.append(ms - audio)
        clock_err.append(shown - audio)
    return vlc_err, clock_err


def run(media: Path, ref: np.ndarray, rate: float) -> tuple[list[float], list[float]]:
    p = ListeningPlayer()
    p.load(media)
    wait(300)
    p.set_rate(rate)
    p.play()
    for seek_to in (25_000, 3_000):
        wait(5000)
        p.seek(seek_to)
    wait(5000)
    p.close()
    return errors(p, heard(p, ref, rate), rate)


def summary(values: list[float]) -> str:
    if not values:
        return "no reports matched"
    ordered = sorted(values)
    p5, p95 = ordered[int(0.05 * len(ordered))], ordered[int(0.95 * len(ordered)) - 1]
    return f"median {statistics.median(values):+5.0f}  p5 {p5:+5.0f}  p95 {p95:+5.0f} ms"


def main() -> None:
    if vlc is None or shutil.which("ffmpeg") is None:
        raise SystemExit("needs libVLC and ffmpeg")
    app = QCoreApplication(sys.argv[:1])  # noqa: F841 - the event loop lives here
    with tempfile.TemporaryDirectory() as tmp:
        for name, (media, ref) in make_media(Path(tmp)).items():
            for rate in (1.0, 2.0):
                vlc_err, clock_err = run(media, ref, rate)
                print(f"{name} {rate:g}x, 2 seeks: {len(clock_err)} reports")
                print(f"  libVLC's time - audio heard   {summary(vlc_err)}")
                print(f"  clock on screen - audio heard {summary(clock_err)}")


if __name__ == "__main__":
    main()
