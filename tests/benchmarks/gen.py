"""Generated transcripts for benchmarks: the sample's lines repeated to any length."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "seeds" / "000_75b06cd9797ac295.txt"


def long_transcript(path: Path, lines: int = 31_000) -> Path:
    """About ten hours of speech in the sample's own format, times strictly rising."""
    body = [ln for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.startswith("[")]
    head = SAMPLE.read_text(encoding="utf-8").split("\n[", 1)[0]
    out = [head.rstrip("\n"), ""]
    t = 0.0
    for i in range(lines):
        line = body[i % len(body)]
        text = line.split("]", 1)[1].strip()
        start, end = (float(x) for x in line[1 : line.index("]")].split("-->"))
        length = max(0.3, end - start)
        out.append(f"[{t:.2f} --> {t + length:.2f}]  {text}")
        t += length + 0.15
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path
