"""File formats: one module per format, chosen by content, not by extension.

Each format module has `NAME`, `sniff(text) -> bool` and
`parse(text, path) -> Transcript`; writers (where a format has one) have
`dump(transcript) -> str`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

from reader.core.errors import TranscriptError
from reader.core.model import Transcript
from reader.core.textio import read_text

# Most specific first: the first whose sniff() says yes parses the file.
# Whisper text needs `[0.00 --> 8.66]` at a line start (or its own header and
# dashed line), which no other format has; JSON and WebVTT announce themselves
# in their first characters; SubRip needs an `H:MM:SS,mmm -->` line at a line
# start, which stamped plain text lacks; plain text accepts the most.
# Modules are imported on first use: their regexes cost start-up time.
READER_NAMES = ("whisper_txt", "whisper_json", "vtt", "srt", "plain")


def _reader(name: str) -> ModuleType:
    return importlib.import_module(f"reader.core.formats.{name}")


def __getattr__(name: str) -> Any:
    if name == "READERS":  # every reader module, in detection order
        return [_reader(n) for n in READER_NAMES]
    raise AttributeError(name)


def detect(text: str) -> ModuleType | None:
    for name in READER_NAMES:
        module = _reader(name)
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
