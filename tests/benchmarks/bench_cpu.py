"""CPU cost of the reader's playback tick, over libVLC playing the same audio.

Each case runs in its own process and measures that process's CPU time
(all threads, libVLC's included) over the same stretch of playback of the
demo recording, with libVLC's dummy audio and video outputs:

  libVLC alone      python-vlc playing the file, the main thread asleep
  VlcPlayer         our backend and its 16 ms tick in a Qt event loop, no window
  reader window     a real offscreen ReaderWindow on the sample transcript, the
                    tick driving the highlight, follow-scrolling and transport

The overhead is (reader window - libVLC alone) as a share of one core.

    .venv/bin/python tests/benchmarks/bench_cpu.py [--seconds N] [--profile]

--profile also runs the window case under cProfile (main thread only, where
all of our tick runs) and prints the functions costing the most time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "seeds" / "000_75b06cd9797ac295.txt"
DEMO = ROOT / "resources" / "demo" / "000_75b06cd9797ac295.opus"
TARGET_PCT = 1.0
WARMUP_S = 2.0  # loading, preparsing and first layout are not the tick


def child_vlc_alone(seconds: float) -> dict[str, float]:
    import vlc

    instance = vlc.Instance(["--quiet", "--aout=adummy", "--vout=dummy", "--no-xlib"])
    mp = instance.media_player_new()
    media = instance.media_new_path(str(DEMO))
    media.add_option(":demux=avformat,any")  # as VlcPlayer opens Ogg files
    mp.set_media(media)
    mp.play()
    time.sleep(WARMUP_S)
    return measure(lambda: time.sleep(seconds), lambda: mp.get_time())


def child_player(seconds: float, window: bool, profile: bool) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.player.factory import create_vlc_player

    app = QApplication(sys.argv[:1])

    def run_loop(s: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(s * 1000), loop.quit)
        loop.exec()

    if window:
        from reader.player.clock_player import ClockPlayer
        from reader.player.proxy import PlayerProxy
        from reader.ui.window.window import ReaderWindow

        tmp = tempfile.mkdtemp()
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        w = ReaderWindow(
            PlayerProxy(ClockPlayer()), lambda: create_vlc_player("adummy", "dummy"), settings
        )
        w.show()
        assert w.open_transcript(SAMPLE)
        assert w.open_media(DEMO)
        player = w.player
    else:
        backend, why = create_vlc_player("adummy", "dummy")
        if backend is None:
            raise SystemExit(why)
        player = backend
        player.load(DEMO)
    player.play()
    run_loop(WARMUP_S)
    if not player.is_playing():
        raise SystemExit(f"not playing after {WARMUP_S} s: {player.state()}")
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        result = measure(lambda: run_loop(seconds), player.position)
        prof.disable()
        stats = pstats.Stats(prof, stream=sys.stderr)
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(25)
    else:
        result = measure(lambda: run_loop(seconds), player.position)
    del app
    return result


def measure(run: object, position: object) -> dict[str, float]:
    start_pos = position()  # type: ignore[operator]
    wall, cpu = time.monotonic(), time.process_time()
    run()  # type: ignore[operator]
    cpu, wall = time.process_time() - cpu, time.monotonic() - wall
    played = (position() - start_pos) / 1000  # type: ignore[operator]
    return {"cpu_s": cpu, "wall_s": wall, "played_s": played}


def run_child(case: str, seconds: float, profile: bool = False) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", case, "--seconds", str(seconds)]
    if profile:
        cmd.append("--profile")
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 120)
    if profile:
        Path(tempfile.gettempdir(), "bench_cpu_profile.txt").write_text(out.stderr)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"{case} failed: {out.stderr.strip()[-800:]}")
    result: dict[str, float] = json.loads(lines[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--child", choices=("alone", "player", "window"))
    args = ap.parse_args()
    if args.child == "alone":
        print(json.dumps(child_vlc_alone(args.seconds)))
        return
    if args.child:
        print(json.dumps(child_player(args.seconds, args.child == "window", args.profile)))
        return
    print(f"{args.seconds:g} s of {DEMO.name} with libVLC's dummy outputs; CPU of the process")
    results = {}
    for case, name in (
        ("alone", "libVLC alone"),
        ("player", "VlcPlayer + tick"),
        ("window", "reader window"),
    ):
        r = results[case] = run_child(case, args.seconds)
        pct = 100 * r["cpu_s"] / r["wall_s"]
        print(
            f"  {name:18s} cpu {r['cpu_s']:6.2f} s over {r['wall_s']:5.1f} s wall "
            f"({pct:5.2f}% of a core), played {r['played_s']:5.1f} s"
        )
    base = results["alone"]["cpu_s"] / results["alone"]["wall_s"]
    for case, name in (("player", "VlcPlayer + tick"), ("window", "reader window")):
        over = 100 * (results[case]["cpu_s"] / results[case]["wall_s"] - base)
        print(f"  overhead of {name:18s} {over:+5.2f}% of one core")
    over = 100 * (results["window"]["cpu_s"] / results["window"]["wall_s"] - base)
    verdict = "OK" if over <= TARGET_PCT else "MISSED"
    print(f"reader window overhead {over:.2f}% of one core (target <= {TARGET_PCT:g}%) {verdict}")
    if args.profile:
        run_child("window", args.seconds, profile=True)
        print(f"profile of the window case: {tempfile.gettempdir()}/bench_cpu_profile.txt")


if __name__ == "__main__":
    main()
