"""Search speed on a 10-hour, 31,000-line transcript, against a naive rapidfuzz scan.

Run: .venv/bin/python tests/benchmarks/bench_search.py [--lines N] [--repeat N]

The transcript is the sample's lines repeated with speech-recognition-like noise (a
few percent of words get a wrong, missing or extra letter, so the vocabulary grows
as in a long recording) and times spread over ten hours. It is written in the
sample's format and loaded through the normal parser. Each query is timed cold
(no cached word look-ups) several times; the baseline is
rapidfuzz.process.extract with fuzz.partial_ratio over the raw lines, once each.
Target: median at most 20 ms per query.
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from rapidfuzz import fuzz, process, utils

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.core.formats import load  # noqa: E402
from reader.core.search import SearchIndex  # noqa: E402

SAMPLE = ROOT / "seeds" / "000_75b06cd9797ac295.txt"
HOURS = 10

QUERIES = {
    "one word": ["grok", "wietse", "nvidia", "deepseek", "claude", "modellen", "open", "mod"],
    "multi-word": [
        "rick lamers",
        "open ai",
        "grok met een q",
        "chat gpt",
        "open source modellen",
        "new york times rechtszaak",
    ],
    "misspelled": ["groq", "wietze", "lamerz", "deepseak", "antropic", "nvidea", "chatgtp"],
}


def perturb(text: str, rng: random.Random, rate: float) -> str:
    words = text.split(" ")
    for i, word in enumerate(words):
        if len(word) >= 4 and word.isalpha() and rng.random() < rate:
            at = rng.randrange(len(word))
            kind = rng.randrange(3)
            letter = rng.choice(string.ascii_lowercase)
            if kind == 0:
                word = word[:at] + letter + word[at + 1 :]
            elif kind == 1:
                word = word[:at] + word[at + 1 :]
            else:
                word = word[:at] + letter + word[at:]
            words[i] = word
    return " ".join(words)


def make_transcript(lines: int, path: Path) -> None:
    source = load(SAMPLE)
    rng = random.Random(1)
    step = HOURS * 3600 / lines
    out = ["Video title: search benchmark", "", "------------------ ", ""]
    for i in range(lines):
        seg = source[i % len(source)]
        text = seg.text if i < len(source) else perturb(seg.text, rng, 0.04)
        start = i * step
        out.append(f"[{start:.2f} --> {start + step * 0.95:.2f}]  {text}")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def timed(fn: object, *args: object, **kwargs: object) -> float:
    t0 = time.perf_counter()
    fn(*args, **kwargs)  # type: ignore[operator]
    return time.perf_counter() - t0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=31_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        make_transcript(args.lines, path)
        t0 = time.perf_counter()
        transcript = load(path)
        parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    index = SearchIndex(transcript, cache_size=0)
    build_s = time.perf_counter() - t0
    tracemalloc.start()
    kept = SearchIndex(transcript)
    index_mb = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    del kept
    texts = [s.text for s in transcript.segments]
    hours = transcript.duration_ms / 3_600_000
    print(f"transcript: {len(transcript)} lines, {hours:.1f} h, parsed in {parse_s:.2f} s")
    print(
        f"index build: {build_s:.2f} s, {index.vocabulary_size} distinct words, "
        f"about {index_mb:.0f} MB"
    )

    ours_all: list[float] = []
    naive_all: list[float] = []
    print(f"\n{'query':28} {'hits':>5} {'median ms':>10} {'p95 ms':>8} {'naive ms':>9}")
    for category, queries in QUERIES.items():
        ours_cat: list[float] = []
        for query in queries:
            runs = [timed(index.search, query) * 1000 for _ in range(args.repeat)]
            naive = timed(
                process.extract,
                query,
                texts,
                scorer=fuzz.partial_ratio,
                processor=utils.default_process,
                limit=None,
                score_cutoff=80,
            )
            hits = len(index.search(query))
            ours_cat += runs
            naive_all.append(naive * 1000)
            print(
                f"{query:28} {hits:5d} {statistics.median(runs):10.2f} "
                f"{pct(runs, 0.95):8.2f} {naive * 1000:9.1f}"
            )
        ours_all += ours_cat
        print(
            f"  -> {category}: median {statistics.median(ours_cat):.2f} ms, "
            f"p95 {pct(ours_cat, 0.95):.2f} ms\n"
        )

    long_query = " ".join(texts[100:110])[:300]
    long_runs = [timed(index.search, long_query) * 1000 for _ in range(3)]
    print(f"300-character query: median {statistics.median(long_runs):.1f} ms")
    warm = SearchIndex(transcript)
    typing = ["g", "gr", "gro", "grok", "grok m", "grok me", "grok met", "grok met e"]
    typing_runs = [timed(warm.search, q) * 1000 for q in typing]
    print(f"typing 'grok met e' letter by letter (cached words): max {max(typing_runs):.1f} ms")

    ours_median = statistics.median(ours_all)
    naive_median = statistics.median(naive_all)
    print(
        f"\noverall: median {ours_median:.2f} ms, p95 {pct(ours_all, 0.95):.2f} ms "
        f"over {len(ours_all)} timed searches (target <= 20 ms)"
    )
    print(
        f"naive partial_ratio scan: median {naive_median:.1f} ms "
        f"-> index is {naive_median / ours_median:.0f}x faster"
    )
    return 0 if ours_median <= 20 else 1


if __name__ == "__main__":
    sys.exit(main())
