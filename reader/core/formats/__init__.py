"""File formats: one module per format, chosen by content, not by extension.

Each format module has `NAME`, `sniff(text) -> bool` and
`parse(text, path) -> Transcript`; writers (where a format has one) have
`dump(transcript) -> str`.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from reader.core.errors import TranscriptError
from reader.core.formats import plain, srt, vtt, whisper_json, whisper_txt
from reader.core.model import Transcript
from reader.core.textio import read_text

# Most specific first: the first whose sniff() says yes parses the file.
# JSON and WebVTT announce themselves in their first characters; SubRip needs an
# `H:MM:SS,mmm -->` line at a line start, which neither Whisper text
# (`[0.00 --> 8.66]`) nor stamped plain text has; plain text accepts the most.
READERS: list[ModuleType] = [whisper_json, vtt, srt, whisper_txt, plain]


def detect(text: str) -> ModuleType | None:
    for module in READERS:
        if module.sniff(text):
            return module
    return None


def parse_text(text: str, path: str | Path | None = None) -> Transcript:
    if not text.strip():
        raise TranscriptError(path, "the file is empty")
    module = detect(text)
    if module is None:
        first = next(i for i, line in enumerate(text.split("\n"), 1) if line.strip())
        raise TranscriptError(path, "not a transcript format this reader knows", first)
    transcript: Transcript = module.parse(text, path)
    return transcript


def load(path: str | Path) -> Transcript:
    """Read a transcript file of any known format. Raises TranscriptError."""
    return parse_text(read_text(path), path)
