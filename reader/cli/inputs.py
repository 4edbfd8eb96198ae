"""Reading the transcript a command names: a file, a pipe (`<(...)`), or `-` for standard input."""

from __future__ import annotations

import sys

from reader.core.formats import load, parse_text
from reader.core.model import Transcript
from reader.core.textio import decode, read_stream

STDIN = "-"
STDIN_NAME = "<stdin>"


def load_input(name: str) -> Transcript:
    """The transcript in `name`; raises TranscriptError naming it."""
    if name != STDIN:
        return load(name)
    data = read_stream(sys.stdin.buffer, STDIN_NAME)
    return parse_text(decode(data, STDIN_NAME), STDIN_NAME)


def shown_name(name: str) -> str:
    return STDIN_NAME if name == STDIN else name


def warn_issues(name: str, transcript: Transcript) -> None:
    """What the parser skipped or changed, as one warning line on stderr naming the file."""
    described = " ".join(transcript.issues.describe().split())
    if described:
        print(f"transcript-reader: {shown_name(name)}: warning: {described}", file=sys.stderr)
