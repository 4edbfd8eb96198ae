"""`transcript-reader convert FILE --to srt|vtt|txt|json|md [-o OUT] [--force]`.

The input format is found from the content; FILE may be `-` for standard input
or a pipe. Without --to, the format comes from the -o file name ending. Output
goes to stdout (also with `-o -`), or to OUT as editors write files: replaced
atomically, keeping its permissions, through a symlink to its target; a device
or pipe is written directly. A missing folder is an error, and so is OUT being
the input file itself unless --force is given.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from reader.cli.inputs import STDIN, load_input, warn_issues
from reader.core import export
from reader.core.atomic import write_text_atomic


def add_parser(sub: Any) -> None:
    p = sub.add_parser("convert", help="print or write a transcript in another format")
    p.add_argument(
        "file",
        help="transcript file (SRT, WebVTT, Whisper text/JSON, stamped text); - for stdin",
    )
    p.add_argument(
        "--to", choices=export.FORMATS, help="output format (default: from the -o file name)"
    )
    p.add_argument(
        "-o", "--output", help="write here (atomically) instead of to stdout; - for stdout"
    )
    p.add_argument("--force", action="store_true", help="allow -o to replace the input file itself")


def run(args: argparse.Namespace) -> int:
    from reader.cli import UsageError

    output = None if args.output in (None, STDIN) else args.output
    fmt = args.to or _format_from_name(output)
    if fmt is None:
        if output:
            known = ", ".join(export.SUFFIXES)
            raise UsageError(f"cannot tell the format from {output!r}: use --to ({known})")
        raise UsageError("say which format to write with --to")
    if output and not args.force and _same_file(args.file, output):
        raise UsageError(
            f"{output} is the input file: pass --force to replace it with the conversion"
        )
    transcript = load_input(args.file)
    text = export.dumps(transcript, fmt)
    if output:
        try:
            write_text_atomic(output, text, make_folders=False)
        except FileNotFoundError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror}") from None
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    warn_issues(args.file, transcript)
    return 0


def _same_file(source: str, output: str) -> bool:
    if source == STDIN:
        return False
    try:
        return os.path.samefile(source, output)
    except (OSError, ValueError):
        return False  # either does not exist (yet): no file to lose


def _format_from_name(output: str | None) -> str | None:
    return export.SUFFIXES.get(Path(output).suffix.lower()) if output else None
