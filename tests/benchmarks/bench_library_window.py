"""Start-up of the library window: 1,000 episodes listed, against the single-transcript start.

Builds a library of 1,000 short episodes (yt-dlp names, Whisper text) in a temp
dir, indexes it once, then starts `transcript-reader --library` and the reader
on the sample alternately (first starts, no settings but the library), and
prints the medians: time to the frame with the library's list vs time to the
sample's first frame (target <= 1.5x), and peak memory above a bare PySide6
window (target <= 150 MB).

    .venv/bin/python tests/benchmarks/bench_library_window.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import bench_startup as bench
from gen import SAMPLE


def make_library(folder: Path, episodes: int = 1000) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    head, body = lines[:5], lines[5:]
    for n in range(episodes):
        title = f"Aflevering {n + 1} over AI ｜ AI Report"
        vid = f"{n:011d}"
        start = (n * 37) % max(1, len(body) - 200)
        text = "\n".join([f"Video title: {title}", f"Youtube video code: {vid}", *head[2:]])
        (folder / f"{title} [{vid}].wav.txt").write_text(
            text + "\n" + "\n".join(body[start : start + 200]) + "\n", encoding="utf-8"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    py = sys.executable
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRANSCRIPT_READER_BENCH_EXIT_ON_PAINT="1")
    with tempfile.TemporaryDirectory() as tmp:
        shows, data = Path(tmp) / "shows", Path(tmp) / "data"
        shows.mkdir()
        make_library(shows)
        lib_env = dict(env, XDG_DATA_HOME=str(data))
        from reader.core.library import Library

        os.environ["XDG_DATA_HOME"] = str(data)
        store = Library()
        store.add_folder(shows)
        report = store.scan()
        store.close()
        print(f"library: {report.added} episodes indexed")
        db = next(data.rglob("library.sqlite3"))
        cases = {
            "bare PySide6 window": ([py, "-c", bench.BARE], env),
            "reader, sample": ([py, "-m", "reader.app", str(SAMPLE)], env),
            "library, 1,000 episodes": ([py, "-m", "reader.app", "--library"], lib_env),
        }

        def run(name: str) -> bench.Run:
            cmd, case_env = cases[name]
            with tempfile.TemporaryDirectory() as home:
                run_env = dict(case_env, XDG_CONFIG_HOME=home)
                if name.startswith("library"):  # a copy: each start finds it as left
                    copy = Path(home) / "transcript-reader" / "library.sqlite3"
                    copy.parent.mkdir(parents=True)
                    shutil.copy(db, copy)
                    run_env["XDG_DATA_HOME"] = home
                else:
                    run_env["XDG_DATA_HOME"] = home
                return bench._run(cmd, run_env)

        for name in cases:
            run(name)  # warm caches
        runs: dict[str, list[bench.Run]] = {k: [] for k in cases}
        order = list(cases)
        for _ in range(args.runs):
            random.Random(3).shuffle(order)
            for name in order:
                runs[name].append(run(name))
    for name, rs in runs.items():
        print(
            f"  {name:26s} first frame {statistics.median(r.paint for r in rs) * 1000:6.1f} ms"
            f"  peak RSS {max(r.rss_kb for r in rs) / 1024:6.1f} MB"
        )
    bare, sample, library = runs.values()
    ratio = statistics.median(
        lib.paint / one.paint for lib, one in zip(library, sample, strict=True)
    )
    extra = (max(r.rss_kb for r in library) - max(r.rss_kb for r in bare)) / 1024
    print(f"library list / sample first frame: {ratio:.2f}x (target <= 1.5x)")
    print(f"library peak memory above bare: {extra:.1f} MB (target <= 150 MB)")


if __name__ == "__main__":
    main()
