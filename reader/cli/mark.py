"""`transcript-reader mark FILE --at TIME [--to TIME] [--note TEXT] [--tag T]...`.

Marks the line spoken at TIME (through the line spoken at TO) in the marks store,
the same one the window uses, and prints one line saying what was marked. Between
two lines the earlier one is meant (it is what the window shows as current);
before the first line, the first. A bad time, a time past the end, a missing file
or a store that cannot be written: one line on stderr, exit 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from reader.cli import UsageError
from reader.core.formats import load
from reader.core.marks import Attached, Mark, MarksError, MarksStore
from reader.core.model import Transcript
from reader.core.timefmt import format_time, parse_time

SHOWN_CHARS = 60


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "mark",
        help="mark the line spoken at a time, with an optional note and tags",
        description="Mark the line spoken at --at (through the one spoken at --to) in the "
        "marks store the reader window shows. Times: seconds (246), m:ss (4:06) or "
        "h:mm:ss (1:02:03.5).",
    )
    p.add_argument("file", help="transcript file (any supported format)")
    p.add_argument("--at", required=True, metavar="TIME", help="a time in the line to mark")
    p.add_argument("--to", metavar="TIME", help="mark every line through the one at this time")
    p.add_argument("--note", default="", metavar="TEXT", help="a note to keep with the mark")
    p.add_argument(
        "--tag", action="append", default=[], metavar="T", help="a tag (repeat for more)"
    )


def run(args: argparse.Namespace) -> int:
    if args.file == "-":
        raise UsageError("mark needs a transcript file, not standard input")
    at = _time("--at", args.at)
    to = _time("--to", args.to) if args.to is not None else at
    if to < at:
        raise UsageError(f"--to {args.to} is before --at {args.at}")
    transcript = load(args.file)
    first, last = _lines(transcript, args, at, to)
    tags = [t.strip() for t in args.tag if t.strip()]
    try:
        store = MarksStore()
        try:
            attached = store.attach(Path(os.path.abspath(args.file)), transcript)
            mark = store.add(attached.doc, transcript, first, last, note=args.note, tags=tags)
            warnings = store.take_warnings()
        finally:
            store.close()
    except (MarksError, ValueError) as exc:  # the store names its file; ValueError: bad input
        raise UsageError(str(exc)) from None
    for line in [*warnings, *_attach_news(attached, args.file)]:
        print(f"transcript-reader: {line}", file=sys.stderr)
    print(describe(mark, transcript))
    return 0


def _time(option: str, text: str) -> int:
    try:
        return parse_time(text)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _lines(transcript: Transcript, args: argparse.Namespace, at: int, to: int) -> tuple[int, int]:
    """The first and last line to mark: those spoken at `at` and `to`."""
    if not transcript.segments:
        raise UsageError(f"{args.file}: no lines to mark")
    end = transcript.duration_ms
    for option, text, ms in (("--at", args.at, at), ("--to", args.to, to)):
        if ms > end:
            length = format_time(end, always_hours=True)
            raise UsageError(f"{option} {text} is past the end of {args.file} ({length})")
    return max(0, transcript.index_at(at)), max(0, transcript.index_at(to))


def describe(mark: Mark, transcript: Transcript) -> str:
    """`marked 0:04:06-0:04:12 (2 lines): "Text..." with a note, tagged a, b`."""
    hours = transcript.duration_ms >= 3_600_000
    start = format_time(mark.start_ms, always_hours=hours)
    end = format_time(mark.end_ms, always_hours=hours)
    count = mark.last - mark.first + 1
    lines = f" ({count} lines)" if count > 1 else ""
    text = " ".join(mark.text.split())
    if len(text) > SHOWN_CHARS:
        text = text[: SHOWN_CHARS - 1].rstrip() + "…"
    extra = " with a note" if mark.note.strip() else ""
    if mark.tags:
        extra += ", tagged " + ", ".join(mark.tags)
    return f'marked {start}-{end}{lines}: "{text}"{extra}'


def _attach_news(attached: Attached, name: str) -> list[str]:
    """What opening the transcript did to its marks when it had changed."""
    out = []
    if attached.moved:
        out.append(f"{name}: changed since it was marked; {attached.moved} marks placed again")
    if attached.lost:
        out.append(
            f"{name}: {attached.lost} marks could not be placed in the changed text "
            "(kept; `notes` exports them)"
        )
    return out
