"""Audio clips of marked lines for Anki cards, cut with ffmpeg when it is installed.

Never required: without ffmpeg, or when it fails on a recording, there is no clip
and the caller is told why in one line; the notes are exported all the same.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

from reader.core.marks.types import Mark, MarkedDocument

PAD_MS = 150  # a little before and after, so a clip does not start or end mid-word
TIMEOUT_S = 60.0
_SLUG_JUNK = re.compile(r"[^A-Za-z0-9]+")


def clip_name(doc: MarkedDocument, mark: Mark) -> str:
    """A plain-ASCII name, the same on every export (Anki keys its media by name)."""
    base = doc.video_id or unicodedata.normalize("NFKD", doc.title or doc.path.stem)
    slug = _SLUG_JUNK.sub("-", base.encode("ascii", "ignore").decode()).strip("-")[:40]
    return f"{slug or 'transcript'}-{mark.start_ms // 1000:05d}-{mark.id}.mp3"


def cut_clip(
    media: Path,
    start_ms: int,
    end_ms: int,
    out: Path,
    *,
    problems: list[str] | None = None,
    timeout: float = TIMEOUT_S,
) -> Path | None:
    """Cut `media` from start_ms to end_ms into the MP3 file `out` (replaced whole,
    never half-written). Returns `out`, or None with the reason appended to
    `problems`: ffmpeg missing, failing or too slow."""
    exe = shutil.which("ffmpeg")
    if exe is None:
        return _fail(problems, "ffmpeg is not installed, so no audio clips were cut")
    start = max(0, start_ms - PAD_MS)
    length = max(100, end_ms + PAD_MS - start)
    out = Path(os.path.abspath(out))
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part.mp3")
    # `file:` keeps ffmpeg from reading `a:b.mp3` as protocol `a`; no shell, no stdin.
    command = [
        exe, "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
        "-ss", f"{start / 1000:.3f}", "-i", f"file:{os.path.abspath(media)}",
        "-t", f"{length / 1000:.3f}", "-map", "0:a:0", "-vn", "-sn", "-dn",
        "-c:a", "libmp3lame", "-q:a", "4", f"file:{tmp}",
    ]  # fmt: skip
    try:
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=timeout,
            check=False,
        )
        if done.returncode == 0 and tmp.is_file() and tmp.stat().st_size > 0:
            os.replace(tmp, out)
            return out
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = said[-1] if said else f"exit status {done.returncode}"
        return _fail(problems, f"ffmpeg could not cut {media.name}: {reason}")
    except subprocess.TimeoutExpired:
        return _fail(problems, f"ffmpeg took over {timeout:g} s on {media.name}; no clip")
    except OSError as exc:
        return _fail(problems, f"cannot cut a clip into {out.parent}: {exc.strerror or exc}")
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _fail(problems: list[str] | None, reason: str) -> Path | None:
    if problems is not None:
        problems.append(reason)
    return None
