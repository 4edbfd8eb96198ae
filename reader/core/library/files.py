"""Finding the transcripts in a library folder and reading one into what the index keeps.

A folder is walked recursively (hidden entries and symlinked folders skipped);
recordings and other obviously binary files are skipped by extension, as are
yt-dlp's side files (`.info.json`, `.description`). Everything else is read as a
transcript: what is not one becomes a Problem, named with the TranscriptError message.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from reader.core.errors import TranscriptError
from reader.core.formats import parse_text
from reader.core.mediatypes import MEDIA_EXTENSIONS
from reader.core.model import Header
from reader.core.pairing import find_media
from reader.core.pairing_names import as_written, clean_id, title_stem, trailing_id
from reader.core.search_text import fold
from reader.core.textio import decode, read_bytes

_OTHER_BINARY = frozenset(
    (
        ".jpg .jpeg .png .webp .gif .bmp .tif .tiff .ico .svg .pdf .zip .gz .tgz .bz2 .xz .7z "
        ".rar .tar .zst .exe .dll .so .dylib .bin .iso .dmg .sqlite .sqlite3 .db .db-wal "
        ".db-shm .pyc .class .jar .woff .woff2 .ttf .otf .doc .docx .xls .xlsx .ppt .pptx "
        ".odt .epub .mobi .alac .ape .caf .wv .part .ytdl .temp .tmp .lock"
    ).split()
)
SKIPPED_EXTENSIONS = MEDIA_EXTENSIONS | _OTHER_BINARY
# yt-dlp's companions of a download: metadata, not transcripts.
SKIPPED_ENDINGS = (".info.json", ".live_chat.json", ".description", ".annotations.xml")

_WORD = re.compile(r"[^\W\d_]+|\d+")  # as search_text.tokens
_ASCII_JOINT = re.compile(r"[A-Za-z][0-9]|[0-9][A-Za-z]")
# ASCII folded for words: capitals to small letters, anything not a letter or digit to a
# space; applied to FTS word strings (ours, or raw ASCII lines) it leaves their words.
_LOWER_WORDS = str.maketrans(
    {chr(c): chr(c).lower() if chr(c).isalnum() else " " for c in range(128)}
)


class Stat(NamedTuple):
    size: int
    mtime_ns: int


class Entry(NamedTuple):
    """A transcript as the index keeps it."""

    title: str
    video_id: str | None
    date: datetime | None
    duration_ms: int
    media: Path | None
    starts: list[int]
    ends: list[int]
    texts: list[str]


def is_candidate(name: str) -> bool:
    """Whether a file of this name may be a transcript (not media, not known binary)."""
    lower = name.lower()
    if lower.startswith(".") or lower.endswith(SKIPPED_ENDINGS):
        return False
    return os.path.splitext(lower)[1] not in SKIPPED_EXTENSIONS


def walk(folder: Path) -> dict[str, Stat]:
    """Transcript candidates under `folder` (recursively): absolute path -> size, mtime.
    Unreadable subfolders are skipped; raises OSError when `folder` itself is."""
    found: dict[str, Stat] = {}
    pending = [str(folder)]
    first = True
    while pending:
        here = pending.pop()
        try:
            entries = list(os.scandir(here))
        except OSError:
            if first:
                raise
            continue
        first = False
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                    continue
                if not is_candidate(entry.name):
                    continue
                st = entry.stat()
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                found[entry.path] = Stat(st.st_size, st.st_mtime_ns)
    return found


def read_entry(path: Path, media_dirs: Sequence[Path] = ()) -> Entry:
    """The transcript at `path` as the index keeps it; raises TranscriptError."""
    transcript = parse_text(decode(read_bytes(path), path), path)
    segments = transcript.segments
    if not segments:
        raise TranscriptError(path, "has no timed lines")
    header = transcript.header
    pairing = find_media(path, header, media_dirs)
    return Entry(
        title=display_title(path, header),
        video_id=clean_id(header.video_id) or trailing_id(path.stem),
        date=header.modified,
        duration_ms=max(s.end_ms for s in segments),
        media=None if pairing.ambiguous else pairing.choice,
        starts=[s.start_ms for s in segments],
        ends=[s.end_ms for s in segments],
        texts=[s.text for s in segments],
    )


def display_title(path: Path, header: Header) -> str:
    """The header's title, else the file name's title part (`Title [id].wav.txt` ->
    `Title`), with yt-dlp's substitutions shown as the characters they replace."""
    title = (header.title or "").strip() or title_stem(path.stem).strip() or path.name
    return as_written(title)


def fts_words(text: str) -> str:
    """What the FTS table indexes for a line: its words as search_text.tokens finds them
    in the folded text. The table's `ascii` tokenizer lower-cases ASCII and splits at
    ASCII non-alphanumerics, so an ASCII line whose letters and digits never touch is
    given as it is; any other line as its folded words joined by spaces."""
    if text.isascii() and not _ASCII_JOINT.search(text):
        return text
    return " ".join(_WORD.findall(fold(text).text))


def terms_of(words: Iterable[str]) -> set[str]:
    """The distinct terms in some fts_words strings (what the tokenizer makes of them)."""
    return set(" ".join(words).translate(_LOWER_WORDS).split())
