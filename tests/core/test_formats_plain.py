"""Plain text with inline stamps: brackets, parentheses, bare, panel copies, ranges, Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import load, plain

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"


def rows(transcript):
    return [(s.start_ms, s.end_ms, s.text, s.speaker) for s in transcript.segments]


def test_stamped_lines_and_paragraphs():
    t = load(DATA / "stamped.txt")
    assert t.format_name == "plain"
    assert rows(t) == [
        (0, 5000, "Welcome everyone.", None),
        (5000, 754_000, "Second speaker starts and continues on a new line.", None),
        (754_000, 3_723_000, "Much later, a bare stamp with a dash.", None),
        # last: 16 characters at 67 ms each
        (3_723_000, 3_723_000 + 16 * 67, "Over an hour in.", None),
    ]
    assert t.header.title == "Weekly meeting notes"
    assert (t.issues.skipped, t.issues.first_lines) == (1, (10,))  # [12:99]


def test_video_site_transcript_panel():
    t = load(DATA / "youtube_panel.txt")
    assert rows(t) == [
        (0, 4000, "hey everyone welcome back", None),
        (4000, 75_000, "today we are looking at two things", None),  # "4 seconds" dropped
        (75_000, 76_000, "last line", None),  # short text: the 1 s minimum
    ]


def test_whisper_cpp_ranges_keep_their_ends():
    t = load(DATA / "whisper_cpp.txt")
    assert rows(t) == [
        (0, 2500, "And so my fellow Americans,", None),
        (2500, 5120, "ask not what your country can do for you.", None),
    ]


def test_out_of_order_stamps_end_at_the_next_in_time():
    t = plain.parse("[0:10] b\n[0:00] a\n[0:20] c\n")
    assert rows(t) == [
        (0, 10_000, "a", None),
        (10_000, 20_000, "b", None),
        (20_000, 21_000, "c", None),
    ]


def test_markdown_stamps_speakers_and_escapes():
    text = (
        "# A \\*great\\* talk\n\nVideo: https://www.youtube.com/watch?v=xDCa0xgymMY&t=3\n"
        "Modified: 2025-02-20 06:59:25\n\n"
        "**[0:00]** one \\_two\\_\n\n**[1:00:05] Dr. Who:** three\n"
    )
    t = plain.parse(text)
    assert rows(t) == [
        (0, 3_605_000, "one _two_", None),
        (3_605_000, 3_606_000, "three", "Dr. Who"),
    ]
    h = t.header
    assert (h.title, h.video_id, str(h.modified)) == (
        "A *great* talk",
        "xDCa0xgymMY",
        "2025-02-20 06:59:25",
    )


def test_a_colon_after_a_plain_stamp_is_not_a_speaker():
    assert rows(plain.parse("[0:01] Note: this is text\n")) == [
        (1000, 1000 + 18 * 67, "Note: this is text", None)
    ]


def test_long_minutes_without_hours():
    assert plain.parse("123:45 late in a long video\n")[0].start_ms == (123 * 60 + 45) * 1000


@pytest.mark.parametrize("text", ["just prose\nwith no stamps\n", "12:3 nope\n", "ab12:34 x\n"])
def test_not_plain(text):
    assert not plain.sniff(text)


def test_only_bad_stamps_raise_with_line():
    with pytest.raises(TranscriptError) as info:
        plain.parse("title\n[0:75] bad\n", "p.txt")
    assert info.value.line == 2
