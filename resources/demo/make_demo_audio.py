#!/usr/bin/env python3
"""Make a synthetic demo recording for the sample transcript.

The real recording is not ours to ship, so each transcript line is spoken by
espeak-ng (Dutch voice) and placed at its own start time. A line whose speech
would run into the next line's start is spoken faster (espeak-ng -s), up to
MAX_SPEEDUP; only beyond that is it cut short with a fade. The PCM is streamed
in time order into one ffmpeg process that encodes Ogg Opus, so the 1 h 53 min
track never needs a big filter graph or a temporary WAV file.

Only this script needs espeak-ng and ffmpeg; the app does not.

    python resources/demo/make_demo_audio.py [--seed PATH] [--out PATH] [--limit-seconds N]
"""

from __future__ import annotations

import argparse
import array
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # run as a plain script from a checkout

from reader.core.errors import TranscriptError  # noqa: E402
from reader.core.formats import load  # noqa: E402
from reader.core.model import Transcript  # noqa: E402

DEFAULT_SEED = REPO / "seeds" / "000_75b06cd9797ac295.txt"
RATE = 22050  # espeak-ng's native output rate; we keep it until ffmpeg resamples
BASE_WPM = 175  # espeak-ng's default speaking rate
MAX_SPEEDUP = 2.0  # 350 wpm: fast but still intelligible for espeak-ng
AMPLITUDE = 70  # espeak-ng -a (default 100 nearly clips on some lines; Opus then overshoots)
LOUD = 300  # |sample| above this is speech when trimming espeak's edge silence
TAIL_MS = 20  # silence kept after the last loud sample
FADE_MS = 30  # fade-out when a line has to be cut short
JOBS = 2  # espeak-ng processes at once (the machine has 2 cores)
OPUS_ARGS = ["-ar", "16000", "-c:a", "libopus", "-b:a", "12k", "-application", "voip"]
COMMENT = "Synthetic espeak-ng speech generated from the transcript; not the original recording"
PCM_FORMAT = "s16le" if sys.byteorder == "little" else "s16be"


class ToolError(Exception):
    """A tool is missing or failed; main() prints it as one line."""


@dataclass(frozen=True)
class Line:
    start: int  # sample offset of the line's start
    slot: int  # samples until the next line starts (or the track ends)
    text: str


@dataclass(frozen=True)
class Clip:
    samples: array.array[int]
    speedup: float  # espeak-ng rate relative to BASE_WPM
    truncated: bool


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    try:
        _check_tools()
        transcript = load(args.seed)
        return _make(transcript, args)
    except (ToolError, TranscriptError) as exc:
        print(f"make_demo_audio: {exc}", file=sys.stderr)
        return 2


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED, help="transcript to speak")
    parser.add_argument("--out", type=Path, help="output .opus (default: beside this script)")
    parser.add_argument(
        "--limit-seconds", type=float, help="only the first N seconds (for quick tests)"
    )
    args = parser.parse_args(argv)
    if args.out is None:
        args.out = Path(__file__).resolve().parent / f"{args.seed.stem}.opus"
    if args.limit_seconds is not None and args.limit_seconds <= 0:
        parser.error("--limit-seconds must be positive")
    return args


def _check_tools() -> None:
    for tool in ("espeak-ng", "ffmpeg"):
        if shutil.which(tool) is None:
            raise ToolError(f"{tool} not found on PATH; install it (e.g. apt install {tool})")


def plan(transcript: Transcript, end_ms: int) -> list[Line]:
    """Lines starting before end_ms, each with the room it has before the next."""
    starts = [_samples(s.start_ms) for s in transcript.segments if s.start_ms < end_ms]
    bounds = [*starts[1:], _samples(end_ms)]
    return [
        Line(start, max(0, bound - start), seg.text.strip())
        for start, bound, seg in zip(starts, bounds, transcript.segments, strict=False)
    ]


def _samples(ms: int) -> int:
    return round(ms * RATE / 1000)


def _make(transcript: Transcript, args: argparse.Namespace) -> int:
    began = time.monotonic()
    end_ms = transcript.duration_ms
    if args.limit_seconds is not None:
        end_ms = min(end_ms, round(args.limit_seconds * 1000))
    lines = plan(transcript, end_ms)
    title = f"{transcript.title or args.seed.stem} (synthetic speech demo)"
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    print(f"speaking {len(lines)} lines, {end_ms / 1000:.1f} s, into {out}", flush=True)
    clips = _encode(_synthesise(lines, began), lines, _samples(end_ms), title, partial)
    partial.replace(out)
    _report(clips, out, time.monotonic() - began)
    return 0


def _synthesise(lines: list[Line], began: float) -> Iterator[Clip]:
    """Clips in line order, made by JOBS espeak-ng processes at a time."""
    with ThreadPoolExecutor(max_workers=JOBS) as pool:
        for done, clip in enumerate(pool.map(fit, lines), 1):
            if done % 250 == 0 or done == len(lines):
                elapsed = time.monotonic() - began
                print(f"  {done}/{len(lines)} lines spoken ({elapsed:.0f} s)", flush=True)
            yield clip


def _encode(
    clips: Iterator[Clip], lines: list[Line], total: int, title: str, path: Path
) -> list[Clip]:
    """Stream silence and clips at their sample offsets into one ffmpeg encoder."""
    command = [
        "ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
        "-f", PCM_FORMAT, "-ar", str(RATE), "-ac", "1", "-i", "pipe:0",
        *OPUS_ARGS, "-metadata", f"title={title}", "-metadata", f"comment={COMMENT}",
        "-f", "opus", str(path),
    ]  # fmt: skip
    done: list[Clip] = []
    with subprocess.Popen(command, stdin=subprocess.PIPE) as ffmpeg:
        assert ffmpeg.stdin is not None
        cursor = 0
        try:
            for line, clip in zip(lines, clips, strict=True):
                _write_silence(ffmpeg.stdin, line.start - cursor)
                ffmpeg.stdin.write(clip.samples.tobytes())
                cursor = line.start + len(clip.samples)
                done.append(clip)
            _write_silence(ffmpeg.stdin, total - cursor)
            ffmpeg.stdin.close()
        except BrokenPipeError:
            pass
        code = ffmpeg.wait()
    if code != 0:
        raise ToolError(f"ffmpeg failed with exit code {code} while encoding {path}")
    return done


def _write_silence(stream: IO[bytes], count: int) -> None:
    chunk = 2 * RATE  # one second of zero samples at a time
    remaining = 2 * max(0, count)
    while remaining > 0:
        step = min(chunk, remaining)
        stream.write(bytes(step))
        remaining -= step


def fit(line: Line) -> Clip:
    """Speak a line so it ends before its slot does: faster if needed, cut if still too long."""
    if not line.text or line.slot == 0:
        return Clip(array.array("h"), 1.0, False)
    samples = speak(line.text, BASE_WPM)
    speedup = 1.0
    for _ in range(3):  # espeak's length is only roughly inverse to its rate
        if len(samples) <= line.slot or speedup >= MAX_SPEEDUP:
            break
        speedup = min(MAX_SPEEDUP, speedup * len(samples) / line.slot * 1.03)
        samples = speak(line.text, round(BASE_WPM * speedup))
    truncated = len(samples) > line.slot
    if truncated:
        samples = samples[: line.slot]
        _fade_out(samples)
    return Clip(samples, speedup, truncated)


def speak(text: str, wpm: int) -> array.array[int]:
    """espeak-ng's Dutch voice as 16-bit samples at RATE, edge silence trimmed."""
    # Text goes through stdin so a line starting with "-" is never read as an option.
    result = subprocess.run(
        ["espeak-ng", "-v", "nl", "-a", str(AMPLITUDE), "-s", str(wpm), "--stdout"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    wav = result.stdout
    if result.returncode != 0 or wav[:4] != b"RIFF":
        message = result.stderr.decode("utf-8", "replace").strip() or "no WAV output"
        raise ToolError(f"espeak-ng failed on {text[:40]!r}: {message}")
    # espeak-ng streams its WAV with placeholder sizes, so read from the data chunk to the end.
    rate = int.from_bytes(wav[24:28], "little")
    if rate != RATE:
        raise ToolError(f"espeak-ng produced {rate} Hz, expected {RATE} Hz")
    data = wav.find(b"data", 12)
    samples = array.array("h")
    payload = wav[data + 8 :]
    samples.frombytes(payload[: len(payload) // 2 * 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return _trim(samples)


def _trim(samples: array.array[int]) -> array.array[int]:
    first = next((i for i, v in enumerate(samples) if abs(v) > LOUD), len(samples))
    last = next((i for i in range(len(samples) - 1, first - 1, -1) if abs(samples[i]) > LOUD), -1)
    return samples[first : last + 1 + RATE * TAIL_MS // 1000]


def _fade_out(samples: array.array[int]) -> None:
    length = min(len(samples), RATE * FADE_MS // 1000)
    base = len(samples) - length
    for k in range(length):
        samples[base + k] = int(samples[base + k] * (length - k) / length)


def _report(clips: list[Clip], out: Path, seconds: float) -> None:
    faster = [c.speedup for c in clips if c.speedup > 1.0]
    cut = sum(c.truncated for c in clips)
    top = max(faster, default=1.0)
    size = out.stat().st_size / 1e6
    print(f"done in {seconds:.0f} s: {out} ({size:.2f} MB), {len(clips)} lines")
    print(f"  {len(faster)} sped up (max {top:.2f}x), {cut} cut short at the next line")


if __name__ == "__main__":
    sys.exit(main())
