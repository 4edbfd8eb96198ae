"""`transcript-reader convert FILE --to srt|vtt|txt|json|md [-o OUT]`.

The input format is found from the content. Without --to, the format comes
from the -o file name ending. Output goes to stdout, or atomically to OUT.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.core import export
from reader.core.atomic import write_text_atomic
from reader.core.formats import load


def add_parser(sub: Any) -> None:
    p = sub.add_parser("convert", help="print or write a transcript in another format")
    p.add_argument("file", help="transcript file (SRT, WebVTT, Whisper text/JSON, stamped text)")
    p.add_argument(
        "--to", choices=export.FORMATS, help="output format (default: from the -o file name)"
    )
    p.add_argument("-o", "--output", help="write here (atomically) instead of to stdout")


def run(args: argparse.Namespace) -> int:
    from reader.cli import UsageError

    fmt = args.to or _format_from_name(args.output)
    if fmt is None:
        if args.output:
            known = ", ".join(export.SUFFIXES)
            raise UsageError(f"cannot tell the format from {args.output!r}: use --to ({known})")
        raise UsageError("say which format to write with --to")
    transcript = load(args.file)
    text = export.dumps(transcript, fmt)
    if args.output:
        try:
            write_text_atomic(args.output, text)
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)
    for line in transcript.issues.describe().splitlines():
        print(f"transcript-reader: {args.file}: {line}", file=sys.stderr)
    return 0


def _format_from_name(output: str | None) -> str | None:
    return export.SUFFIXES.get(Path(output).suffix.lower()) if output else None
