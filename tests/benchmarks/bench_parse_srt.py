"""Parse speed of our SubRip reader against the `srt`, `pysrt` and `pysubs2` packages.

Run as a script (`.venv/bin/python tests/benchmarks/bench_parse_srt.py`); it
generates one 31,000-cue file, parses it with each library side by side and
prints the best of several runs and our speed-up over the fastest other one.
Target: at least 4x. The other libraries come from the `bench` extra.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.core.formats import srt as ours

CUES = 31_000
RUNS = 5
WORDS = (
    "we gaan het vandaag hebben over kunstmatige intelligentie and what it means for "
    "the way people work live and learn dat is toch wel een mooi record okay so "
    "let me explain why this matters so much right now"
).split()


def stamp(ms: int) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, milli = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{milli:03d}"


def generate(cues: int = CUES, seed: int = 31) -> str:
    """A film-like subtitle file: 1-2 lines per cue, some italics, a few ASS overrides."""
    rng = random.Random(seed)
    out: list[str] = []
    t = 0
    for number in range(1, cues + 1):
        start = t + rng.randint(0, 600)
        end = start + rng.randint(900, 5500)
        t = end
        lines = [" ".join(rng.choices(WORDS, k=rng.randint(3, 8)))]
        if rng.random() < 0.4:
            lines.append(" ".join(rng.choices(WORDS, k=rng.randint(2, 8))))
        if rng.random() < 0.07:
            lines = [f"<i>{line}</i>" for line in lines]
        if rng.random() < 0.01:
            lines[0] = "{\\an8}" + lines[0]
        out.append(f"{number}\n{stamp(start)} --> {stamp(end)}\n" + "\n".join(lines) + "\n")
    return "\n".join(out)


def best_of(fn: Callable[[], object], runs: int = RUNS) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    text = generate()
    transcript = ours.parse(text, "bench.srt")
    assert len(transcript) == CUES, len(transcript)
    contenders: dict[str, Callable[[], object]] = {}
    try:
        import srt

        contenders["srt"] = lambda: list(srt.parse(text))
    except ImportError:
        print("srt: not installed")
    try:
        import pysrt

        contenders["pysrt"] = lambda: pysrt.from_string(text)
    except ImportError:
        print("pysrt: not installed")
    try:
        import pysubs2

        contenders["pysubs2"] = lambda: pysubs2.SSAFile.from_string(text, format_="srt")
    except ImportError:
        print("pysubs2: not installed")
    print(f"{CUES} cues, {len(text) / 1e6:.1f} MB, best of {RUNS} runs")
    ours_s = best_of(lambda: ours.parse(text, "bench.srt"))
    print(f"{'ours':10s} {ours_s * 1000:8.1f} ms")
    general_s = best_of(lambda: ours.general_segments(text))
    print(f"{'ours/gen.':10s} {general_s * 1000:8.1f} ms  (cue-by-cue path, used for messy files)")
    times = {name: best_of(fn) for name, fn in contenders.items()}
    for name, seconds in times.items():
        print(f"{name:10s} {seconds * 1000:8.1f} ms  ours is {seconds / ours_s:.1f}x faster")
    if not times:
        return 1
    fastest = min(times, key=times.__getitem__)
    ratio = times[fastest] / ours_s
    verdict = "meets" if ratio >= 4 else "MISSES"
    print(f"speed-up over the fastest other ({fastest}): {ratio:.2f}x, {verdict} the 4x target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
