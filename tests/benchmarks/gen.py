"""Generated transcripts for benchmarks: the sample's lines repeated to any length."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "seeds" / "000_75b06cd9797ac295.txt"


def long_transcript(path: Path, lines: int = 31_000, hours: float = 10.0) -> Path:
    """`lines` of the sample's text spread over `hours`, in the sample's own format."""
    body = [ln for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.startswith("[")]
    head = SAMPLE.read_text(encoding="utf-8").split("\n[", 1)[0]
    out = [head.rstrip("\n"), ""]
    t = 0.0
    step = hours * 3600 / lines  # each line's share of the time
    for i in range(lines):
        line = body[i % len(body)]
        text = line.split("]", 1)[1].strip()
        out.append(f"[{t:.2f} --> {t + step * 0.9:.2f}]  {text}")
        t += step
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path
