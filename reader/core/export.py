"""Writing a transcript out: one entry per output format."""

from __future__ import annotations

import json
from collections.abc import Callable

from reader.core.model import Transcript


def to_json(transcript: Transcript) -> str:
    h = transcript.header
    data = {
        "header": {
            "title": h.title,
            "video_id": h.video_id,
            "modified": h.modified.isoformat() if h.modified else None,
        },
        "segments": [
            {
                "start": seg.start_ms / 1000,
                "end": seg.end_ms / 1000,
                "text": seg.text,
                **({"speaker": seg.speaker} if seg.speaker else {}),
            }
            for seg in transcript.segments
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


WRITERS: dict[str, Callable[[Transcript], str]] = {"json": to_json}
FORMATS = tuple(WRITERS)


def dumps(transcript: Transcript, fmt: str) -> str:
    return WRITERS[fmt](transcript)
