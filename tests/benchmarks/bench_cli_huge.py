"""`transcript-reader search` on one huge transcript: wall time and peak memory.

Run: .venv/bin/python tests/benchmarks/bench_cli_huge.py [--lines N] [--query Q ...]

Writes a 1,000,000-line (about 80 MB) transcript in the sample's Whisper text
format to a temporary folder: the sample's lines repeated with a few percent
of words misspelt (so the vocabulary grows as in a long recording). Then runs
the installed command on it once per query, each in a fresh process, and
prints its wall time and peak RSS (from wait4) next to two baselines measured
in the same run: `wc -l FILE` and a Python process that reads and decodes the
file. Budget: at most 10 s and 400 MB per search.
"""

from __future__ import annotations

import argparse
import os
import random
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "seeds" / "000_75b06cd9797ac295.txt"
CLI = Path(sys.executable).with_name("transcript-reader")
BUDGET_S, BUDGET_MB = 10.0, 400.0
QUERIES = ("grok", "rick lamers", "deepseak", "open ai")


def _perturb(text: str, rng: random.Random, rate: float) -> str:
    words = text.split(" ")
    for i, word in enumerate(words):
        if len(word) >= 4 and word.isalpha() and rng.random() < rate:
            at = rng.randrange(len(word))
            letter = rng.choice(string.ascii_lowercase)
            kind = rng.randrange(3)
            if kind == 0:
                word = word[:at] + letter + word[at + 1 :]
            elif kind == 1:
                word = word[:at] + word[at + 1 :]
            else:
                word = word[:at] + letter + word[at:]
            words[i] = word
    return " ".join(words)


def make_file(path: Path, lines: int) -> None:
    sample = SAMPLE.read_text(encoding="utf-8")
    body = [ln.split("]", 1)[1].strip() for ln in sample.splitlines() if ln.startswith("[")]
    rng = random.Random(1)
    step_cs = 150  # 1.5 s a line: a million lines is 417 hours
    with path.open("w", encoding="utf-8") as out:
        out.write("Video title: huge benchmark\n\n------------------ \n\n")
        for i in range(lines):
            text = body[i % len(body)]
            if i >= len(body):
                text = _perturb(text, rng, 0.04)
            start = i * step_cs
            end = start + step_cs * 9 // 10
            out.write(f"[{start // 100}.{start % 100:02d} --> {end // 100}.{end % 100:02d}]  ")
            out.write(text + "\n")


def measure(argv: list[str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit status) of one command, its output discarded."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--query", action="append", help="query to time (repeatable)")
    args = ap.parse_args()
    queries = args.query or list(QUERIES)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "huge.txt"
        t0 = time.perf_counter()
        make_file(path, args.lines)
        size_mb = path.stat().st_size / 1e6
        took = time.perf_counter() - t0
        print(f"file: {args.lines} lines, {size_mb:.0f} MB, written in {took:.1f} s")
        read = "import sys; open(sys.argv[1], 'rb').read().decode('utf-8')"
        rows = [
            ("baseline: wc -l", ["wc", "-l", str(path)]),
            ("baseline: python read+decode", [sys.executable, "-c", read, str(path)]),
        ]
        rows += [(f"search {q!r}", [str(CLI), "search", str(path), q]) for q in queries]
        print(f"\n{'command':34} {'seconds':>8} {'peak MB':>8} {'exit':>5}")
        worst_s = worst_mb = 0.0
        for label, argv in rows:
            seconds, mb, code = measure(argv)
            print(f"{label:34} {seconds:8.2f} {mb:8.0f} {code:5d}")
            if label.startswith("search"):
                worst_s, worst_mb = max(worst_s, seconds), max(worst_mb, mb)
    ok = worst_s <= BUDGET_S and worst_mb <= BUDGET_MB
    print(
        f"\nslowest search {worst_s:.2f} s, largest {worst_mb:.0f} MB "
        f"(budget {BUDGET_S:.0f} s, {BUDGET_MB:.0f} MB): {'ok' if ok else 'OVER'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
