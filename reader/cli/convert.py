"""`transcript-reader convert FILE --to FORMAT [-o OUT]`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reader.core import export
from reader.core.atomic import write_text_atomic
from reader.core.formats import load


def add_parser(sub: Any) -> None:
    p = sub.add_parser("convert", help="print or write a transcript in another format")
    p.add_argument("file", help="transcript file (any supported format)")
    p.add_argument("--to", required=True, choices=export.FORMATS, help="output format")
    p.add_argument("-o", "--output", help="write here (atomically) instead of stdout")


def run(args: argparse.Namespace) -> int:
    transcript = load(args.file)
    text = export.dumps(transcript, args.to)
    if args.output:
        write_text_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    for line in transcript.issues.describe().splitlines():
        print(f"transcript-reader: {args.file}: {line}", file=sys.stderr)
    return 0
