"""Which file names are recordings rather than transcripts."""

from __future__ import annotations

from pathlib import Path

AUDIO_EXTENSIONS = frozenset(
    ".opus .ogg .oga .m4a .mp3 .wav .flac .aac .wma .mka .aiff .aif .amr .ac3 .weba".split()
)
VIDEO_EXTENSIONS = frozenset(
    ".webm .mp4 .mkv .mov .avi .m4v .mpg .mpeg .ts .wmv .flv .3gp .ogv".split()
)
MEDIA_EXTENSIONS = AUDIO_EXTENSIONS | VIDEO_EXTENSIONS


def is_media(path: str | Path) -> bool:
    return Path(path).suffix.lower() in MEDIA_EXTENSIONS
