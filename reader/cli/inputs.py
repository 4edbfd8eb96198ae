"""Reading the transcript a command names: a file, a pipe (`<(...)`), or `-` for standard input."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from itertools import chain
from typing import Protocol

from reader.core.formats import load, parse_text
from reader.core.model import ParseIssues, Segment, Transcript
from reader.core.textio import decode, read_bytes, read_stream, utf8_chunks

STDIN = "-"
STDIN_NAME = "<stdin>"
# Above this size a Whisper text file is read as columns (no Segment per line):
# ~150 MB instead of ~600 MB for an 80 MB file. Smaller files take the usual path.
COLUMNS_BYTES = 8 * 2**20


class Lines(Protocol):
    """What `search` needs of a transcript: Transcript and whisper_txt.Columns both are."""

    issues: ParseIssues

    def __len__(self) -> int: ...
    def __getitem__(self, index: int) -> Segment: ...


def load_input(name: str) -> Transcript:
    """The transcript in `name`; raises TranscriptError naming it."""
    if name != STDIN:
        return load(name)
    data = read_stream(sys.stdin.buffer, STDIN_NAME)
    return parse_text(decode(data, STDIN_NAME), STDIN_NAME)


def load_lines(name: str) -> tuple[Lines, Sequence[str]]:
    """The transcript in `name` and the text of each of its lines; a huge Whisper
    text file comes as columns. Raises TranscriptError naming it."""
    shown = shown_name(name)
    data = read_stream(sys.stdin.buffer, shown) if name == STDIN else read_bytes(name)
    if len(data) > COLUMNS_BYTES:
        from reader.core.formats import whisper_txt

        chunks = utf8_chunks(data, shown)
        first = next(chunks, "") if chunks is not None else ""
        if chunks is not None and first.strip() and whisper_txt.sniff(first):
            del data
            columns = whisper_txt.parse_columns(chain([first], chunks), shown)
            return columns, columns.texts
    transcript = parse_text(decode(data, shown), shown)
    return transcript, [s.text for s in transcript.segments]


def shown_name(name: str) -> str:
    return STDIN_NAME if name == STDIN else name


def warn_issues(name: str, transcript: Transcript | Lines) -> None:
    """What the parser skipped or changed, as one warning line on stderr naming the file."""
    described = " ".join(transcript.issues.describe().split())
    if described:
        print(f"transcript-reader: {shown_name(name)}: warning: {described}", file=sys.stderr)
