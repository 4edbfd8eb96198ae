"""The synthetic demo recording: the generator script and the committed file."""

from __future__ import annotations

import array
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.core.formats import load

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "resources" / "demo" / "make_demo_audio.py"
SEED = REPO / "seeds" / "000_75b06cd9797ac295.txt"
DEMO = REPO / "resources" / "demo" / "000_75b06cd9797ac295.opus"
RATE = 16000  # rate we decode at for the energy checks
LOUD = 1000  # espeak speech measures RMS 1500-2800 here; encoded silence ~0
QUIET = 30  # a little room for codec noise around silence

needs_tools = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("espeak-ng", "ffmpeg", "ffprobe")),
    reason="espeak-ng, ffmpeg and ffprobe are needed to generate and inspect the demo audio",
)


def run_script(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def probe(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """ffprobe's format section and the file's only stream."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    data = json.loads(out)
    (stream,) = data["streams"]
    return data["format"], stream


def decode(path: Path) -> array.array[int]:
    command = ["ffmpeg", "-v", "error", "-i", str(path),
               "-f", "s16le", "-ac", "1", "-ar", str(RATE), "-"]  # fmt: skip
    pcm = subprocess.run(
        command,
        capture_output=True,
        check=True,
    ).stdout
    samples = array.array("h")
    samples.frombytes(pcm)
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def rms(samples: array.array[int], start_s: float, end_s: float) -> float:
    window = samples[round(start_s * RATE) : round(end_s * RATE)]
    if not window:
        return 0.0
    return math.sqrt(sum(v * v for v in window) / len(window))


@needs_tools
def test_first_minute_is_mono_opus_with_speech_at_each_start(tmp_path: Path) -> None:
    out = tmp_path / "demo.opus"
    result = run_script("--limit-seconds", "60", "--out", out)
    assert result.returncode == 0, result.stderr
    fmt, stream = probe(out)
    assert stream["codec_name"] == "opus"
    assert stream["channels"] == 1
    assert float(fmt["duration"]) == pytest.approx(60.0, abs=0.5)
    assert "synthetic" in stream["tags"]["title"].lower()

    samples = decode(out)
    starts = [s.start_ms / 1000 for s in load(SEED).segments if s.start_ms < 59_700 and s.text]
    assert len(starts) >= 10
    loud = [t for t in starts if rms(samples, t, t + 0.3) > LOUD]
    assert len(loud) >= 0.9 * len(starts), f"speech missing after {sorted(set(starts) - set(loud))}"


@needs_tools
def test_lines_are_placed_squeezed_and_silent_in_gaps(tmp_path: Path) -> None:
    seed = tmp_path / "tiny.txt"
    long_line = (
        "Dit is een hele lange zin die met gewone snelheid veel meer dan een seconde duurt, "
        "dus die moet sneller of korter worden."
    )
    seed.write_text(
        "[0.00 --> 1.00]  Ja.\n"
        "[5.00 --> 8.00] \n"  # empty text: silence
        f"[10.00 --> 11.00]  {long_line}\n"
        "[11.50 --> 12.00] \n"
        "[20.00 --> 21.00]  Nee, dank je.\n"
        "[24.00 --> 25.00] \n",
        encoding="utf-8",
    )
    out = tmp_path / "tiny.opus"
    result = run_script("--seed", seed, "--out", out)
    assert result.returncode == 0, result.stderr
    assert float(probe(out)[0]["duration"]) == pytest.approx(25.0, abs=0.3)
    samples = decode(out)

    for start in (0.0, 10.0, 20.0):
        assert rms(samples, start, start + 0.3) > LOUD, f"no speech at {start}"
    assert rms(samples, 10.9, 11.4) > LOUD  # the long line is squeezed to fill its slot
    assert rms(samples, 1.5, 9.9) < QUIET  # after "Ja." and through the empty line
    assert rms(samples, 11.55, 19.95) < QUIET  # the long line stopped before 11.5 s
    assert rms(samples, 22.5, 25.0) < QUIET


def test_missing_espeak_is_one_clear_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path / "x.opus")],
        capture_output=True,
        text=True,
        env={"PATH": str(tmp_path)},  # an empty directory: no espeak-ng, no ffmpeg
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "espeak-ng not found" in result.stderr
    assert not (tmp_path / "x.opus").exists()


@pytest.mark.skipif(shutil.which("ffprobe") is None, reason="ffprobe is needed to read the demo")
def test_committed_demo_matches_the_transcript() -> None:
    assert DEMO.is_file(), f"{DEMO} is missing; run {SCRIPT.relative_to(REPO)}"
    assert DEMO.stat().st_size < 12.5e6
    fmt, stream = probe(DEMO)
    assert stream["codec_name"] == "opus"
    assert stream["channels"] == 1
    end_s = load(SEED).duration_ms / 1000
    assert float(fmt["duration"]) == pytest.approx(end_s, abs=1.5)
    assert "synthetic" in stream["tags"]["comment"].lower()
