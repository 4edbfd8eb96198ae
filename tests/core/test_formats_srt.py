"""SubRip reader: the sample file exactly, leniency, skipped lines, and fast == general path."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.errors import TranscriptError
from reader.core.formats import load, parse_text, srt
from reader.core.model import Segment

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"


def rows(transcript):
    return [(s.start_ms, s.end_ms, s.text) for s in transcript.segments]


def test_sample_file_exactly():
    t = load(DATA / "sample.srt")  # UTF-8 BOM and CRLF line ends
    assert t.format_name == "srt"
    assert rows(t) == [
        (1000, 3500, "Hello there, General Kenobi."),  # two lines joined, <i>/<b> gone
        (2000, 5000, "Overlaps the first two"),  # out of file order: sorted in
        (4000, 6000, "Top line"),  # "." before ms, coordinates, {\an8} and <font> gone
        (7250, 9000, "No number on this cue"),
        (9500, 9500, "End before start"),  # end raised to the start
        (14500, 15250, "Short stamps"),  # 0:00:14,5 is 14.5 s; the empty cue 8 is dropped
    ]
    # 61 seconds: the timing line and its text; then the stray line.
    assert t.issues.skipped == 3
    assert t.issues.first_lines == (14, 15, 21)
    assert all(s.speaker is None and s.words is None for s in t.segments)


def test_cues_without_blank_lines_or_numbers():
    text = (
        "00:00:01,000 --> 00:00:02,000\nfirst\n"
        "2\n00:00:02,000 --> 00:00:03,000\nsecond\n42\n"
        "00:00:03,000 --> 00:00:04,000\nthird"
    )
    # "42" right before a timing line is read as that cue's number, as players do.
    assert rows(srt.parse(text)) == [
        (1000, 2000, "first"),
        (2000, 3000, "second"),
        (3000, 4000, "third"),
    ]


def test_digits_as_text_stay_text():
    text = "1\n00:00:01,000 --> 00:00:02,000\n42\n\n2\n00:00:02,000 --> 00:00:03,000\n1984\n"
    assert rows(srt.parse(text)) == [(1000, 2000, "42"), (2000, 3000, "1984")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<I>Upper</I> case tags", "Upper case tags"),
        ('<font face="Arial" color=red>x</font> y', "x y"),
        ("<u>under</u><s>struck</s>", "understruck"),
        ("{\\an8}{\\pos(10,20)}moved", "moved"),
        ("a < b and c > d", "a < b and c > d"),  # not tags: kept
        ("  spaced  \n\t tabbed \n", "spaced tabbed"),
        ("<i>\n</i>only second line", "only second line"),
    ],
)
def test_cleaning(body, expected):
    t = srt.parse(f"1\n00:00:00,000 --> 00:00:01,000\n{body}\n")
    assert [s.text for s in t] == [expected]


def test_long_hours_and_large_times():
    t = srt.parse("1\n123:59:59,999 --> 124:00:00,000\nlate\n")
    assert rows(t) == [(((123 * 60 + 59) * 60 + 59) * 1000 + 999, 124 * 3_600_000, "late")]


def test_nothing_parses_names_file_and_first_bad_line():
    text = "\n\n1\n00:00:99,000 --> 00:01:00,000\nbad seconds\n"
    with pytest.raises(TranscriptError) as info:
        srt.parse(text, "broken.srt")
    assert info.value.line == 4
    assert "broken.srt, line 4" in str(info.value)


def test_only_empty_cues_is_an_error():
    with pytest.raises(TranscriptError):
        srt.parse("1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:02,000 --> 00:00:03,000\n")


def test_detected_by_content_not_name(tmp_path):
    p = tmp_path / "subtitles.txt"
    p.write_text("1\n00:00:01,000 --> 00:00:02,000\nHi\n", encoding="utf-8")
    assert load(p).format_name == "srt"
    assert parse_text("00:00:01.000 --> 00:00:02.000\nHi\n").format_name == "srt"


def test_fast_path_is_taken_for_clean_files():
    text = "1\n00:00:01,000 --> 00:00:02,000\n<i>a</i>\nb\n\n2\n00:00:03,000 --> 00:00:04,000\nc\n"
    fast = srt._fast_segments(text)
    assert fast is not None
    assert fast == srt.general_segments(text)[0]
    # Built in bulk, but real Segments (tuples would compare equal too).
    assert all(type(s) is Segment for s in fast)
    assert (fast[1].text, fast[1].speaker, fast[1].words) == ("c", None, None)


# --- the fast path must agree with the general one on every input it accepts ---

_LINES = st.sampled_from(
    [
        "Hello there",
        "  padded  ",
        "<i>italic</i>",
        "{\\an8}top",
        "42",
        "",
        " ",
        "\t",
        "x\u00a0",
        "\u00a0",
        "<b></b>",
        "a --> b",
        "7",
        "00:00:05,000 --> 00:00:06,000",
        "00:00:05.5 --> 00:00:06,000",
        "stray",
        "héllo wörld",
    ]
)


@st.composite
def srt_like(draw):
    parts = []
    for number in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            parts.append(str(number + 1) + draw(st.sampled_from(["", " ", "\t"])))
        start = draw(st.integers(0, 99 * 3_600_000))
        end = start + draw(st.integers(-2000, 10_000))
        sep = draw(st.sampled_from([",", "."]))

        def clock(ms, sep=sep):
            ms = max(0, min(ms, 99 * 3_600_000 + 3_599_999))
            h, r = divmod(ms, 3_600_000)
            m, r = divmod(r, 60_000)
            s, f = divmod(r, 1000)
            return f"{h:02d}:{m:02d}:{s:02d}{sep}{f:03d}"

        arrow = draw(st.sampled_from([" --> ", "-->", "  -->\t"]))
        parts.append(draw(st.sampled_from(["", " "])) + clock(start) + arrow + clock(end))
        parts.extend(draw(st.lists(_LINES, max_size=3)))
        parts.extend([""] * draw(st.integers(0, 2)))
    return "\n".join(parts)


@settings(max_examples=400, deadline=None)
@given(srt_like())
def test_fast_path_agrees_with_general_path(text):
    fast = srt._fast_segments(text)
    general, issues = srt.general_segments(text)
    if fast is not None:
        assert fast == general
        assert issues.count == 0
