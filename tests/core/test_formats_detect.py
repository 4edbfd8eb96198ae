"""Detection by content: every sample file goes to its own reader, whatever its name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import READERS, detect, load, parse_text

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"

SAMPLES = {
    "sample.srt": "srt",
    "sample.vtt": "vtt",
    "youtube_auto.vtt": "vtt",
    "openai_whisper.json": "whisper-json",
    "whisperx_segments.json": "whisper-json",
    "words_only.json": "whisper-json",
    "stamped.txt": "plain",
    "youtube_panel.txt": "plain",
    "whisper_cpp.txt": "plain",
    "whisper.txt": "whisper-txt",
}


@pytest.mark.parametrize(("name", "fmt"), sorted(SAMPLES.items()))
def test_each_sample_is_detected_even_when_renamed(name, fmt, tmp_path):
    renamed = tmp_path / "transcript.dat"
    shutil.copy(DATA / name, renamed)
    assert load(renamed).format_name == fmt
    # Only its own reader claims a sample among the ones listed before it.
    claims = [m.NAME for m in READERS if m.sniff((DATA / name).read_text(encoding="utf-8-sig"))]
    assert claims[0] == fmt


def test_every_sample_has_a_test():
    assert {p.name for p in DATA.iterdir()} == set(SAMPLES)


def test_seed_transcript_stays_whisper_txt(sample_path):
    t = load(sample_path)
    assert (t.format_name, len(t)) == ("whisper-txt", 2233)


def test_unknown_text_names_the_first_line():
    with pytest.raises(TranscriptError) as info:
        parse_text("\n\nDear diary,\ntoday nothing happened.\n", "diary.txt")
    assert info.value.line == 3
    assert detect("Dear diary") is None


def test_empty_file(tmp_path):
    p = tmp_path / "empty.srt"
    p.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(TranscriptError, match="empty"):
        load(p)
