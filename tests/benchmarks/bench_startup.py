"""Start-up: process start to the window painted with the transcript loaded.

"First paint" is the first frame with transcript lines drawn in it (the
view's first_painted signal fires only once rows are on screen).

Compares, in one run: a bare PySide6 window (the baseline), the reader on the
sample, and the reader on a generated 31,000-line (~10 h) transcript. Prints
medians, ratios against the targets and peak memory.

    .venv/bin/python tests/benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen import SAMPLE, long_transcript

BARE = r"""
import os, resource, sys, time
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
class W(QMainWindow):
    def paintEvent(self, e):
        super().paintEvent(e)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"painted {time.time():.6f} maxrss_kb {rss}", flush=True)
        print(f"loaded {time.time():.6f} maxrss_kb {rss}", flush=True)
        os._exit(0)
app = QApplication(sys.argv[:1])
w = QMainWindow.__new__(W); W.__init__(w)
w.setCentralWidget(QLabel("bare"))
w.resize(1200, 760)
w.show()
app.exec()
"""


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds to first paint, seconds to fully loaded, peak RSS in KiB)."""
    start = time.time()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    marks: dict[str, tuple[float, int]] = {}
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] in ("painted", "loaded"):
            marks[parts[0]] = (float(parts[1]), int(parts[3]))
    if len(marks) != 2:
        raise SystemExit(f"no paint from {cmd}: {out.stderr.strip()[-500:]}")
    return marks["painted"][0] - start, marks["loaded"][0] - start, marks["loaded"][1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["TRANSCRIPT_READER_BENCH_EXIT_ON_PAINT"] = "1"
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        # A first start, as on a new machine: no saved settings or positions.
        env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = tmp
        big = long_transcript(Path(tmp) / "ten hours.txt")
        cases = {
            "bare PySide6 window": [py, "-c", BARE],
            "reader, sample (2,233 lines)": [py, "-m", "reader.app", str(SAMPLE)],
            "reader, 31,000 lines": [py, "-m", "reader.app", str(big)],
        }
        for cmd in cases.values():  # warm the page cache and Qt's font cache
            run_once(cmd, env)
        times: dict[str, list[float]] = {k: [] for k in cases}
        loaded: dict[str, list[float]] = {k: [] for k in cases}
        rss: dict[str, list[int]] = {k: [] for k in cases}
        for _ in range(args.runs):  # interleaved, so drift hits all cases alike
            for name, cmd in cases.items():
                t, t_all, r = run_once(cmd, env)
                times[name].append(t)
                loaded[name].append(t_all)
                rss[name].append(r)
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs}, medians")
    med = {k: statistics.median(v) for k, v in times.items()}
    peak = {k: max(v) / 1024 for k, v in rss.items()}
    print(f"  {'':32s} {'first paint':>12s} {'all loaded':>12s} {'peak RSS':>10s}")
    for k in cases:
        print(
            f"  {k:32s} {med[k] * 1000:9.1f} ms {statistics.median(loaded[k]) * 1000:9.1f} ms"
            f" {peak[k]:7.1f} MB"
        )
    bare, sample, big_t = med.values()
    bare_mb, _, big_mb = peak.values()
    r1, r2, extra = sample / bare, big_t / sample, big_mb - bare_mb

    def verdict(ok: bool) -> str:
        return "OK" if ok else "MISSED"

    print(f"sample / bare window (first paint):  {r1:.2f}x (target <= 1.30x) {verdict(r1 <= 1.3)}")
    print(f"31,000 lines / sample (first paint): {r2:.2f}x (target <= 1.20x) {verdict(r2 <= 1.2)}")
    print(
        f"31,000 lines peak memory above bare: {extra:.1f} MB (target <= 60 MB) "
        f"{verdict(extra <= 60)}"
    )


if __name__ == "__main__":
    main()
