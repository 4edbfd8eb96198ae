"""File formats: one module per format, chosen by content, not by extension.

Each format module is a `FormatReader` (`NAME`, `sniff(text) -> bool`,
`parse(text, path) -> Transcript`); a module that writes its format too is also
a `FormatWriter` (`dump(transcript) -> str`). Modules satisfy these Protocols
structurally: mypy checks each one where the registry below imports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from reader.core.errors import TranscriptError
from reader.core.model import Transcript
from reader.core.textio import read_text

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


class FormatReader(Protocol):
    """What a format module offers for reading (a module is one as it stands)."""

    @property
    def NAME(self) -> str: ...  # a module constant, spelt as the modules spell it

    def sniff(self, text: str) -> bool:
        """Whether `text` (a file's opening or all of it) looks like this format."""
        ...

    def parse(self, text: str, path: str | Path | None = None) -> Transcript:
        """The transcript in `text`; raises TranscriptError naming `path`."""
        ...


class FormatWriter(Protocol):
    """What a format module offers for writing its format."""

    @property
    def NAME(self) -> str: ...

    def dump(self, transcript: Transcript) -> str: ...


# The registry: each reader imported on first use (its regexes cost start-up
# time), through a function that names the module so mypy checks it is a
# FormatReader.
def _whisper_txt() -> FormatReader:
    from reader.core.formats import whisper_txt

    return whisper_txt


def _whisper_json() -> FormatReader:
    from reader.core.formats import whisper_json

    return whisper_json


def _vtt() -> FormatReader:
    from reader.core.formats import vtt

    return vtt


def _srt() -> FormatReader:
    from reader.core.formats import srt

    return srt


def _plain() -> FormatReader:
    from reader.core.formats import plain

    return plain


# Most specific first: the first whose sniff() says yes parses the file.
# Whisper text needs `[0.00 --> 8.66]` at a line start (or its own header and
# dashed line), which no other format has; JSON and WebVTT announce themselves
# in their first characters; SubRip needs an `H:MM:SS,mmm -->` line at a line
# start, which stamped plain text lacks; plain text accepts the most.
_IMPORTERS: dict[str, Callable[[], FormatReader]] = {
    "whisper_txt": _whisper_txt,
    "whisper_json": _whisper_json,
    "vtt": _vtt,
    "srt": _srt,
    "plain": _plain,
}
READER_NAMES = tuple(_IMPORTERS)  # module names, in detection order
_loaded: dict[str, FormatReader] = {}


def get_reader(name: str) -> FormatReader:
    """The reader module `name` (one of READER_NAMES), imported on first use."""
    reader = _loaded.get(name)
    if reader is None:
        reader = _loaded[name] = _IMPORTERS[name]()
    return reader


if TYPE_CHECKING:
    READERS: list[FormatReader]  # every reader, in detection order (imports them all)
else:

    def __getattr__(name: str) -> list[FormatReader]:
        if name == "READERS":
            return [get_reader(n) for n in READER_NAMES]
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def detect(text: str) -> FormatReader | None:
    """The first reader, in detection order, whose sniff() claims `text`; readers
    after it are not imported."""
    for name in READER_NAMES:
        reader = get_reader(name)
        if reader.sniff(text):
            return reader
    return None


def parse_text(text: str, path: str | Path | None = None) -> Transcript:
    if not text.strip():
        raise TranscriptError(path, "the file is empty")
    reader = detect(text)
    if reader is None:
        first = next(i for i, line in enumerate(text.split("\n"), 1) if line.strip())
        raise TranscriptError(path, "not a transcript format this reader knows", first)
    return reader.parse(text, path)


def load(path: str | Path) -> Transcript:
    """Read a transcript file of any known format. Raises TranscriptError."""
    return parse_text(read_text(path), path)
