"""Reading transcript files as text: BOMs, UTF-16, legacy 8-bit, binary refusal."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import BinaryIO

from reader.core.errors import TranscriptError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# A well-formed multi-byte UTF-8 sequence; many of these mean "UTF-8 with a few bad bytes".
_UTF8_MULTI = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
READ_PIECE = 8 * 1024 * 1024
MAX_BYTES = 512 * 1024 * 1024
_BINARY = "looks like a binary file, not a text transcript"


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a transcript file, a pipe or a device, refusing more than MAX_BYTES.

    The limit counts bytes actually read, not the size the file claims
    (/dev/zero and pipes claim 0), and an opening of NUL bytes is refused at once.
    """
    p = Path(path)
    try:
        if p.is_dir():
            raise TranscriptError(p, "is a folder, not a transcript file")
        with p.open("rb") as f:
            return read_stream(f, p)
    except FileNotFoundError:
        raise TranscriptError(p, "no such file") from None
    except PermissionError:
        raise TranscriptError(p, "permission denied") from None
    except OSError as exc:
        raise TranscriptError(p, exc.strerror or str(exc)) from None


def read_stream(f: BinaryIO, name: str | Path) -> bytes:
    """Everything left in an open binary stream (standard input, say), up to MAX_BYTES."""
    peek = getattr(f, "peek", None)
    if peek is not None and _binary_opening(peek(8192)[:8192]):
        raise TranscriptError(name, _BINARY)
    # In pieces: one read(MAX_BYTES + 1) has the buffer allocate all 512 MiB first,
    # which fails under an address-space limit even for a small file.
    pieces, size = [], 0
    while size <= MAX_BYTES:
        piece = f.read(min(READ_PIECE, MAX_BYTES + 1 - size))
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    data = pieces[0] if len(pieces) == 1 else b"".join(pieces)
    if len(data) > MAX_BYTES:
        limit = MAX_BYTES // 2**20
        raise TranscriptError(name, f"is too large to be a transcript (over {limit} MiB)")
    return data


def _binary_opening(head: bytes) -> bool:
    return b"\x00" in head and not head.startswith(tuple(bom for bom, _ in _BOMS))


def decode(data: bytes, path: str | Path | None = None) -> str:
    """Decode transcript bytes to text with universal newlines.

    UTF-8 (BOM or not) and BOM-marked UTF-16/32 are exact; anything else that
    is not UTF-8 is read as Windows-1252, the usual legacy encoding of
    subtitle files. Binary data is refused rather than shown as garbage.
    """
    text = _decode_raw(data, path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def utf8_chunks(
    data: bytes, path: str | Path | None = None, size: int = 4 * 2**20
) -> Iterator[str] | None:
    """decode(data) in pieces of about `size` bytes, each ending at a line end, so a
    huge file never exists as one string; None unless the data is UTF-8 (then use
    decode). Raises TranscriptError for binary data, as decode does."""
    if data.startswith(codecs.BOM_UTF8):
        start = len(codecs.BOM_UTF8)
    elif data.startswith(tuple(bom for bom, _ in _BOMS)):
        return None
    else:
        start = 0
        _refuse_binary(data[:65536], path)
    cuts = [start]
    while cuts[-1] < len(data):
        end = data.find(b"\n", cuts[-1] + size)
        cuts.append(len(data) if end < 0 else end + 1)
    try:
        for a, b in pairwise(cuts):
            data[a:b].decode("utf-8")  # all of it, before the first piece is used
    except UnicodeDecodeError:
        return None
    return (
        data[a:b].decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        for a, b in pairwise(cuts)
    )


def _refuse_binary(sample: bytes, path: str | Path | None) -> None:
    if b"\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise TranscriptError(path, _BINARY)


def _decode_raw(data: bytes, path: str | Path | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise TranscriptError(
                    path, f"is not valid {encoding.upper()} ({exc.reason})"
                ) from None
    _refuse_binary(data[:65536], path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    valid = len(_UTF8_MULTI.findall(data))
    if valid >= 3:
        # Mostly UTF-8 with a few broken bytes (a truncated or spliced file):
        # keep the good text and mark the bad bytes.
        return data.decode("utf-8", errors="replace")
    del bad_at
    return data.decode("cp1252", errors="replace")


def read_text(path: str | Path) -> str:
    return decode(read_bytes(path), path)
