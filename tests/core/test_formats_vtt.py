"""WebVTT reader: the sample exactly, header, skipped blocks, voices, entities."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import load, parse_text, vtt
from reader.core.model import Word

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"


def rows(transcript):
    return [(s.start_ms, s.end_ms, s.text, s.speaker) for s in transcript.segments]


def test_sample_file_exactly():
    t = load(DATA / "sample.vtt")
    assert t.format_name == "vtt"
    assert rows(t) == [
        (1000, 4000, "Hello & welcome to the show", "Alice"),  # id, settings, <v.loud>, &amp;
        (4500, 6000, "Thanks <3, Alice", "Bob"),  # &lt; decoded after tags are removed
        (6000, 9000, "Ready? Bob: Yes.", "Alice"),  # a second voice stays visible
        (9000, 9000, "Karaoke style > words", None),  # inline stamp and <c> gone
        (12000, 13000, "Tot ziens", None),  # <lang>
    ]
    assert t.header.title == "Sample talk"
    assert t.header.extra == (("Kind", "captions"), ("Language", "en"))
    # NOTE, STYLE and REGION are skipped silently; the block with "->" is not a cue.
    assert t.issues.skipped == 3
    assert t.issues.first_lines == (31, 32, 33)


def test_header_fields_of_our_writer():
    text = (
        "WEBVTT\nTitle: De podcast\nVideo-Id: xDCa0xgymMY\nModified: 2025-02-20 06:59:25\n\n"
        "00:00.000 --> 00:01.000\nhoi\n"
    )
    h = vtt.parse(text).header
    assert (h.title, h.video_id, str(h.modified)) == (
        "De podcast",
        "xDCa0xgymMY",
        "2025-02-20 06:59:25",
    )


def test_cue_right_under_the_magic_line():
    t = vtt.parse("WEBVTT\n00:00:01.000 --> 00:00:02.000\nno blank line before me\n")
    assert rows(t) == [(1000, 2000, "no blank line before me", None)]


def test_bad_minutes_skips_the_timing_line():
    t = vtt.parse("WEBVTT\n\n00:61.000 --> 00:62.000\nx\n\n00:01.000 --> 00:02.000\ny\n")
    assert rows(t) == [(1000, 2000, "y", None)]
    assert t.issues.first_lines == (3, 4)  # the timing line and its text


def test_needs_magic_and_a_cue():
    assert not vtt.sniff("00:01.000 --> 00:02.000\nx\n")
    assert not vtt.sniff("WEBVTTX\n")
    with pytest.raises(TranscriptError) as info:
        vtt.parse("WEBVTT\n\nNOTE nothing else\n", "empty.vtt")
    assert "empty.vtt" in str(info.value)


def test_detected_by_content(tmp_path):
    p = tmp_path / "captions.srt"  # wrong extension on purpose
    p.write_text("\ufeffWEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Hi\n", encoding="utf-8")
    t = load(p)
    assert t.format_name == "vtt"
    assert rows(t) == [(1000, 2000, "Hi", "Ann")]
    assert parse_text("WEBVTT\n\n00:01.000 --> 00:02.000\nx\n").format_name == "vtt"


def test_youtube_auto_captions_roll_up_once_with_word_times():
    t = load(DATA / "youtube_auto.vtt")
    # Lines of one space stay inside their cue; repeated roll-up lines are read once.
    assert rows(t) == [
        (0, 2869, "hey everyone welcome back", None),
        (2879, 5749, "to the channel", None),
        (5759, 7000, "so", None),
    ]
    assert t[0].words == (
        Word(0, 480, "hey"),
        Word(480, 960, "everyone"),
        Word(960, 1439, "welcome"),
        Word(1439, 2869, "back"),
    )
    assert t[1].words == (
        Word(2879, 3280, "to"),
        Word(3280, 3520, "the"),
        Word(3520, 5749, "channel"),
    )
    assert t[2].words is None  # one untimed word: nothing to add
    assert t.issues.skipped == 0


def test_a_timing_line_inside_a_block_starts_a_new_cue():
    t = vtt.parse("WEBVTT\n\n00:01.000 --> 00:02.000\none\n \n00:03.000 --> 00:04.000\ntwo\n")
    assert rows(t) == [(1000, 2000, "one", None), (3000, 4000, "two", None)]


def test_repeated_lines_stay_in_ordinary_files():
    t = vtt.parse("WEBVTT\n\n00:01.000 --> 00:02.000\nLa la\n\n00:02.000 --> 00:03.000\nLa la\n")
    assert [s.text for s in t] == ["La la", "La la"]
