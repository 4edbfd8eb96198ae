"""`transcript-reader pair FILE [--media-dir DIR ...] [--json]`: find a transcript's recording.

Prints the chosen file on the first line (so `| head -1` gives a path), then how
it matched. When close title matches make the choice ambiguous it still prints the
best one, says so, lists the ranked candidates and exits 0. Exit 1 when nothing
matched, 2 for a bad transcript or a missing media folder.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reader.cli import UsageError
from reader.core.formats import load
from reader.core.pairing import THRESHOLD, PairResult, find_media


def add_parser(sub: Any) -> None:
    p = sub.add_parser("pair", help="find the media file for a transcript")
    p.add_argument("file", help="transcript file (any supported format)")
    p.add_argument(
        "--media-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="also look in this folder (repeatable); the transcript's folder is always searched",
    )
    p.add_argument(
        "--min-score",
        type=float,
        default=THRESHOLD,
        help=f"lowest title-match score to accept (0-100, default {THRESHOLD:g})",
    )
    p.add_argument("--json", action="store_true", help="print a JSON object")


def run(args: argparse.Namespace) -> int:
    for folder in args.media_dir:
        try:
            found = Path(folder).is_dir()
        except OSError as exc:
            raise UsageError(f"--media-dir {folder}: {exc.strerror or exc}") from None
        if not found:
            raise UsageError(f"--media-dir {folder}: no such folder")
    if not 0 <= args.min_score <= 100:
        raise UsageError(f"--min-score {args.min_score:g}: must be between 0 and 100")
    transcript = load(args.file)
    result = find_media(args.file, transcript.header, args.media_dir, threshold=args.min_score)
    for note in result.notes:
        print(f"transcript-reader: {note}", file=sys.stderr)
    if args.json:
        print(_json_text(to_json(args.file, result)))
    else:
        _print_text(args.file, result, args.min_score)
    return 0 if result.choice is not None else 1


def to_json(transcript: str, result: PairResult) -> dict[str, Any]:
    return {
        "transcript": transcript,
        "choice": str(result.choice) if result.choice is not None else None,
        "reason": result.reason,
        "score": result.score,
        "ambiguous": result.ambiguous,
        "candidates": [
            {"path": str(c.path), "reason": c.reason, "score": c.score} for c in result.candidates
        ],
        "notes": list(result.notes),
    }


def _print_text(transcript: str, result: PairResult, min_score: float) -> None:
    if result.choice is None:
        print(f"no recording found for {_printable(transcript)}")
        if result.candidates:
            print(f"closest (below the minimum title score of {min_score:g}):")
            _print_candidates(result)
        return
    print(_printable(str(result.choice)))
    line = f"matched by {result.reason}, score {result.score:.1f}"
    if result.ambiguous:
        line += "; ambiguous: other files match almost as well"
    print(line)
    if result.ambiguous:
        print("candidates:")
        _print_candidates(result)


def _print_candidates(result: PairResult) -> None:
    for c in result.candidates:
        print(f"  {c.score:5.1f}  {c.reason:<5}  {_printable(str(c.path))}")


def _json_text(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A file name that is not valid UTF-8: \udcXX escapes keep it exact for
        # a reader that undoes them (Python's os.fsencode does).
        text = json.dumps(data, ensure_ascii=True, indent=2)
    return text


def _printable(text: str) -> str:
    """A file name that is not valid UTF-8 shown with U+FFFD instead of crashing print()."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text
