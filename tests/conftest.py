"""Shared fixtures. Qt runs offscreen; every Qt warning fails a test (pyproject)."""

from __future__ import annotations

import math
import os
import struct
import wave
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# libVLC in tests: no sound card, no video window.
os.environ.setdefault("TRANSCRIPT_READER_AOUT", "adummy")
os.environ.setdefault("TRANSCRIPT_READER_VOUT", "dummy")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "000_75b06cd9797ac295.txt"


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


def write_tone_wav(path: Path, seconds: float, rate: int = 16000) -> Path:
    """A real WAV file: a quiet tone, so libVLC has something to decode."""
    frames = int(seconds * rate)
    samples = (int(6000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(frames))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", s) for s in samples))
    return path


@pytest.fixture
def tone_wav(tmp_path: Path) -> Path:
    # Odd characters on purpose: '#', '%', a space and the fullwidth bar of yt-dlp names.
    return write_tone_wav(tmp_path / "tone #1 100% ｜ test [abcdefghijk].wav", 8.0)


# Waits are on conditions; their limits only say when to give up. A loaded
# machine (CI beside other jobs) can take several times as long as a quiet one,
# so no wait gives up before this, whatever a test asked for.
GENEROUS_WAIT_MS = 30_000


@pytest.fixture(autouse=True)
def generous_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    from pytestqt.qtbot import QtBot

    wait_until, wait_signal = QtBot.waitUntil, QtBot.waitSignal

    def patient_wait_until(self: QtBot, callback: object, *, timeout: int = 5000) -> None:
        wait_until(self, callback, timeout=max(timeout, GENEROUS_WAIT_MS))  # type: ignore[arg-type]

    def patient_wait_signal(self: QtBot, signal: object = None, **kw: object) -> object:
        kw["timeout"] = max(int(kw.get("timeout", 5000)), GENEROUS_WAIT_MS)  # type: ignore[call-overload]
        return wait_signal(self, signal, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(QtBot, "waitUntil", patient_wait_until)
    monkeypatch.setattr(QtBot, "waitSignal", patient_wait_signal)
