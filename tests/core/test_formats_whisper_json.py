"""Whisper JSON reader: openai-whisper, WhisperX/faster-whisper lists, bare words, our export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core import export
from reader.core.errors import TranscriptError
from reader.core.formats import load, parse_text, whisper_json
from reader.core.model import Word

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"


def rows(transcript):
    return [(s.start_ms, s.end_ms, s.text, s.speaker) for s in transcript.segments]


def test_openai_whisper_with_words():
    t = load(DATA / "openai_whisper.json")
    assert t.format_name == "whisper-json"
    assert rows(t) == [(0, 1500, "Hello world.", None), (1800, 3250, "How are you?", None)]
    assert t[0].words == (Word(0, 620, "Hello"), Word(620, 1500, "world."))
    assert [w.text for w in t[1].words] == ["How", "are", "you?"]
    assert t.header.extra == (("language", "en"),)
    # Segment 2 has a string for a start: skipped, reported at the line its object opens.
    # Segment 3 is only a space: dropped without a report.
    assert (t.issues.skipped, t.issues.first_lines) == (1, (21,))


def test_whisperx_list_with_speakers_and_an_untimed_word():
    t = load(DATA / "whisperx_segments.json")
    assert rows(t) == [
        (10000, 12500, "Nine 10 eleven", "SPEAKER_00"),
        (13000, 14000, "Next.", "SPEAKER_01"),
    ]
    # "10" has no times: it fills the gap between its neighbours.
    assert t[0].words == (
        Word(10000, 10400, "Nine"),
        Word(10400, 11000, "10"),
        Word(11000, 12500, "eleven"),
    )
    assert t[1].words is None


def test_bare_words_are_grouped_into_sentences():
    t = load(DATA / "words_only.json")
    assert rows(t) == [(0, 700, "One two.", None), (3000, 3900, "Three four", None)]
    assert t[1].words == (Word(3000, 3400, "Three"), Word(3400, 3900, "four"))
    assert (t.issues.skipped, t.issues.first_lines) == (1, (6,))  # "word": 5


def test_bare_words_without_leading_spaces_get_spaces():
    words = [{"word": w, "start": i, "end": i + 0.5} for i, w in enumerate(["a", "b", "c."])]
    t = whisper_json.parse(json.dumps(words))
    assert rows(t) == [(0, 2500, "a b c.", None)]


def test_transformers_chunks():
    data = {
        "text": "x",
        "chunks": [
            {"timestamp": [0.5, 1.25], "text": " hi"},
            {"timestamp": [2.0, None], "text": " open end"},
        ],
    }
    assert rows(whisper_json.parse(json.dumps(data))) == [
        (500, 1250, "hi", None),
        (2000, 2000, "open end", None),
    ]


def test_our_json_export_reads_back_with_header_and_words(sample_path):
    original = load(sample_path)
    again = parse_text(export.to_json(original))
    assert again.format_name == "whisper-json"
    assert again.segments == original.segments
    assert again.header == original.header
    words = load(DATA / "openai_whisper.json")
    assert parse_text(export.to_json(words)).segments == words.segments


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('{"segments": [\n{"start": 1, "end": 2, "text": "x"}\n,,]}', 3),  # syntax error
        ('{"title": "no segments"}', 1),
        ('[{"start": -1, "end": 2, "text": "negative"}]', 1),
        ('{"segments": [\n  {"start": NaN, "end": 1, "text": "nan"},\n  {"start": 1e400}\n]}', 2),
        ("[" * 100000, 1),  # too deep for the json module: still a TranscriptError
    ],
)
def test_bad_json_raises_transcript_error_with_line(text, line):
    with pytest.raises(TranscriptError) as info:
        whisper_json.parse(text, "bad.json")
    assert info.value.line == line
    assert str(info.value).startswith("bad.json")


def test_sniff():
    assert whisper_json.sniff('  {"segments": []}')
    assert whisper_json.sniff("[\n  {")
    assert not whisper_json.sniff("[12:34] plain text")
    assert not whisper_json.sniff("[0.00 --> 1.00] whisper text")
