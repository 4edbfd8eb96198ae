"""libVLC's settings, what to install when it is missing, and options per file.

No vlc import here: `vlc_backend` is the only module that imports vlc.
"""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path

# libVLC 3's own Ogg and FLAC demuxers land a seek made at a speed other than
# 1x up to two seconds away from the target, and the audio really jumps there;
# its WAV demuxer reports a time 50 ms ahead of the audio it plays (both
# checked against the samples libVLC's audio callbacks deliver). libavformat's
# demuxer lands within a few tens of ms at every speed and reports the time
# of the audio being played, so these files use it.
AVFORMAT_SUFFIXES = frozenset(
    {".ogg", ".oga", ".opus", ".ogv", ".ogx", ".spx", ".flac", ".wav", ".wave"}
)


class VlcUnavailable(RuntimeError):
    """libVLC could not be loaded; the message says what to install."""


def install_hint() -> str:
    if sys.platform.startswith("linux"):
        return "install VLC's library: sudo apt install libvlc5 vlc-plugin-base"
    if sys.platform == "darwin":
        return "install VLC: brew install --cask vlc (or from videolan.org)"
    if sys.platform == "win32":
        return "install 64-bit VLC from videolan.org"
    return "install libVLC 3 for this platform"


@dataclass(frozen=True)
class VlcOptions:
    """libVLC settings; each can come from the environment or the command line."""

    aout: str | None = None  # e.g. "adummy" for no sound card
    vout: str | None = None  # e.g. "xcb_x11" where GL crashes, "dummy" headless
    extra: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_env(cls, aout: str | None = None, vout: str | None = None) -> VlcOptions:
        env = os.environ
        extra = tuple(shlex.split(env.get("TRANSCRIPT_READER_VLC_ARGS", "")))
        return cls(
            aout or env.get("TRANSCRIPT_READER_AOUT") or None,
            vout or env.get("TRANSCRIPT_READER_VOUT") or None,
            extra,
        )

    def args(self) -> list[str]:
        args = ["--quiet", "--no-video-title-show", "--no-xlib", "--no-sub-autodetect-file"]
        if self.aout:
            args.append(f"--aout={self.aout}")
        if self.vout:
            args.append(f"--vout={self.vout}")
        return args + list(self.extra)

    def media_options(self, path: Path) -> list[str]:
        """Per-file options: libavformat demuxes the files libVLC's own demuxers
        seek badly in, unless the user chose a demuxer."""
        chosen = any(a.startswith("--demux") for a in self.extra)
        if not chosen and path.suffix.lower() in AVFORMAT_SUFFIXES:
            return [":demux=avformat,any"]
        return []
