"""Detection by content: every sample file goes to its own reader, whatever its name."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import (
    READER_NAMES,
    READERS,
    detect,
    get_reader,
    load,
    parse_text,
    whisper_txt,
)

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


def test_readers_are_imported_on_first_use_in_detection_order() -> None:
    """Detection imports the readers it tries, in order, and none after the one
    that claims the text (their regexes cost start-up time)."""
    code = (
        "import sys\n"
        "import reader.core.formats as f\n"
        "def loaded():\n"
        "    return [n for n in f.READER_NAMES if f'{f.__name__}.{n}' in sys.modules]\n"
        "print(loaded())\n"
        "print(f.detect('WEBVTT\\n\\n00:01.000 --> 00:02.000\\nhi\\n').NAME, loaded())\n"
        "print(f.detect('1\\n00:00:01,000 --> 00:00:02,000\\nhi\\n').NAME, loaded())\n"
    )
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert run.stdout.splitlines() == [
        "[]",
        "vtt ['whisper_txt', 'whisper_json', 'vtt']",
        "srt ['whisper_txt', 'whisper_json', 'vtt', 'srt']",
    ]


def test_the_registry_gives_each_reader_once_in_detection_order() -> None:
    assert [get_reader(n) for n in READER_NAMES] == READERS
    assert [r.NAME for r in READERS] == ["whisper-txt", "whisper-json", "vtt", "srt", "plain"]
    assert detect("[0.00 --> 1.00]  hello") is get_reader("whisper_txt") is whisper_txt
    with pytest.raises(KeyError):
        get_reader("docx")
