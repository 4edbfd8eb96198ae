"""Writers: exact output, read-back round trips (also property-based), quote, link, CLI convert."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.core import export
from reader.core.formats import load, parse_text
from reader.core.model import Header, Segment, Transcript, Word

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"
HEADER = Header("Een podcast", "xDCa0xgymMY", datetime(2025, 2, 20, 6, 59, 25))
SMALL = Transcript(
    (
        Segment(0, 8660, "Welkom bij <AI> & co", "Ann"),
        Segment(9060, 13_060, "Tweede *regel*\nover twee regels"),
        Segment(3_600_000, 3_601_005, "Na een uur"),
    ),
    HEADER,
)


def rows(transcript, speaker=True):
    return [(s.start_ms, s.end_ms, s.text, s.speaker if speaker else None) for s in transcript]


def test_srt_exact():
    assert export.to_srt(SMALL) == (
        "1\n00:00:00,000 --> 00:00:08,660\nWelkom bij <AI> & co\n\n"
        "2\n00:00:09,060 --> 00:00:13,060\nTweede *regel* over twee regels\n\n"
        "3\n01:00:00,000 --> 01:00:01,005\nNa een uur\n"
    )


def test_vtt_exact():
    assert export.to_vtt(SMALL) == (
        "WEBVTT\nTitle: Een podcast\nVideo-Id: xDCa0xgymMY\nModified: 2025-02-20 06:59:25\n\n"
        "00:00:00.000 --> 00:00:08.660\n<v Ann>Welkom bij &lt;AI&gt; &amp; co\n\n"
        "00:00:09.060 --> 00:00:13.060\nTweede *regel* over twee regels\n\n"
        "01:00:00.000 --> 01:00:01.005\nNa een uur\n"
    )


def test_txt_exact_and_read_back_by_the_whisper_reader():
    out = export.to_txt(SMALL)
    assert out == (
        "Video title: Een podcast\nYoutube video code: xDCa0xgymMY\n"
        "Last modified time: 2025-02-20 06:59:25\n\n------------------\n\n"
        "[0.00 --> 8.66]  Ann: Welkom bij <AI> & co\n"
        "[9.06 --> 13.06]  Tweede *regel* over twee regels\n"
        "[3600.00 --> 3601.005]  Na een uur\n"
    )
    back = parse_text(out)
    assert back.format_name == "whisper-txt"
    assert back.header == HEADER
    assert [(s.start_ms, s.end_ms) for s in back] == [(s.start_ms, s.end_ms) for s in SMALL]


def test_extra_header_fields_survive_vtt_and_txt():
    header = Header("T", extra=(("Kind", "captions"), ("Language", "en")))
    t = Transcript((Segment(0, 1000, "x"),), header)
    assert parse_text(export.to_vtt(t)).header == header
    assert parse_text(export.to_txt(t)).header == header


def test_txt_without_header_has_no_header_block():
    out = export.to_txt(Transcript((Segment(1500, 2000, "x"),)))
    assert out == "[1.50 --> 2.00]  x\n"


def test_md_exact_and_read_back_by_the_plain_reader():
    out = export.to_md(SMALL)
    assert out == (
        "# Een podcast\n\n"
        "Video: https://youtu.be/xDCa0xgymMY  \nModified: 2025-02-20 06:59:25\n\n"
        "**[0:00:00] Ann:** Welkom bij \\<AI\\> & co\n\n"
        "**[0:00:09]** Tweede \\*regel\\* over twee regels\n\n"
        "**[1:00:00]** Na een uur\n"
    )
    back = parse_text(out)
    assert back.format_name == "plain"
    assert back.header == HEADER
    assert [(s.start_ms, s.text, s.speaker) for s in back] == [
        (0, "Welkom bij <AI> & co", "Ann"),
        (9000, "Tweede *regel* over twee regels", None),
        (3_600_000, "Na een uur", None),
    ]


def test_json_keeps_words_and_extra():
    t = Transcript(
        (Segment(0, 1000, "a b", "S", (Word(0, 400, "a"), Word(400, 1000, "b"))),),
        Header(extra=(("language", "nl"),)),
    )
    data = json.loads(export.to_json(t))
    assert data["header"]["extra"] == {"language": "nl"}
    assert data["segments"][0]["words"] == [
        {"word": "a", "start": 0.0, "end": 0.4},
        {"word": "b", "start": 0.4, "end": 1.0},
    ]
    back = parse_text(export.to_json(t))
    assert back.segments == t.segments
    assert back.header == t.header


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir()))
def test_every_sample_round_trips_through_srt_and_vtt(name):
    original = load(DATA / name)
    via_srt = parse_text(export.to_srt(original))
    assert rows(via_srt) == rows(original, speaker=False)
    via_vtt = parse_text(export.to_vtt(original))
    assert rows(via_vtt) == rows(original)
    assert via_vtt.header.title == original.header.title


def test_seed_round_trips(sample_path):
    original = load(sample_path)
    assert parse_text(export.to_srt(original)).segments == original.segments
    assert parse_text(export.to_vtt(original)).segments == original.segments
    assert parse_text(export.to_txt(original)).segments == original.segments
    md = parse_text(export.to_md(original))
    assert [s.text for s in md] == [s.text for s in original]
    assert [s.start_ms // 1000 for s in md] == [s.start_ms // 1000 for s in original]


# --- property-based round trips over generated transcripts ---

_TEXT_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029")
_TEXT = st.text(_TEXT_CHARS, min_size=1, max_size=40).map(str.strip).filter(bool)
_SPEAKER = st.none() | st.text(_TEXT_CHARS, min_size=1, max_size=15).map(
    lambda s: " ".join(s.split())
).filter(bool)


@st.composite
def transcripts(draw):
    segments = []
    for _ in range(draw(st.integers(1, 8))):
        start = draw(st.integers(0, 200 * 3_600_000))
        end = start + draw(st.integers(0, 600_000))
        segments.append(Segment(start, end, draw(_TEXT), draw(_SPEAKER)))
    return Transcript(tuple(segments))


def _srt_safe(text):
    # SubRip has no escapes: text that is itself markup or a timing line cannot survive.
    from reader.core.formats import srt

    return srt.clean_text(text) == text and "-->" not in text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(transcripts())
def test_srt_round_trip_property(transcript):
    assume(all(_srt_safe(s.text) for s in transcript))
    back = parse_text(export.to_srt(transcript))
    assert back.format_name == "srt"
    assert rows(back) == rows(transcript, speaker=False)


@settings(max_examples=300, deadline=None)
@given(transcripts())
def test_vtt_round_trip_property(transcript):
    back = parse_text(export.to_vtt(transcript))
    assert back.format_name == "vtt"
    assert rows(back) == rows(transcript)


# --- quoting a selection and linking to the recording ---


def test_quote_with_title():
    segs = [Segment(754_000, 760_000, "Eerste deel,"), Segment(760_000, 771_500, "en verder.")]
    assert export.quote(segs, HEADER) == '"Eerste deel, en verder." — Een podcast [12:34–12:51]'


def test_quote_without_title_and_past_an_hour():
    segs = [Segment(3_599_000, 3_601_000, "over\nthe hour")]
    assert export.quote(segs, Header()) == '"over the hour" [0:59:59–1:00:01]'
    assert export.quote([], HEADER) == ""


def test_source_link():
    assert export.source_link(HEADER, 754_999) == "https://youtu.be/xDCa0xgymMY?t=754"
    assert export.source_link(HEADER, -5) == "https://youtu.be/xDCa0xgymMY?t=0"
    assert export.source_link(Header(), 1000) is None
    assert export.source_link(None, 1000) is None
    assert export.source_link(Header(video_id="not a video id"), 1000) is None


# --- the convert command ---


def test_convert_to_stdout(capsys):
    assert main(["convert", str(DATA / "sample.vtt"), "--to", "srt"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("1\n00:00:01,000 --> 00:00:04,000\nHello & welcome to the show\n")
    # The sample's bad block is reported on one line, without a traceback.
    assert err == (
        f"transcript-reader: {DATA / 'sample.vtt'}: warning: "
        "skipped 3 lines that did not parse (line 31, 32, 33); "
        "1 cue ended before it started and is shown as zero length (line 28)\n"
    )


def test_convert_writes_atomically_and_picks_format_from_name(tmp_path, capsys, monkeypatch):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "talk.vtt"
    replaced = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (replaced.append((a, b)), real_replace(a, b)))
    assert main(["convert", str(DATA / "whisper.txt"), "-o", str(target)]) == 0
    assert capsys.readouterr() == ("", "")
    assert target.read_text(encoding="utf-8").startswith("WEBVTT\nTitle: A short test\n")
    # Written to a temporary file beside the target, then renamed over it.
    assert len(replaced) == 1 and Path(replaced[0][0]).parent == target.parent
    assert [p.name for p in target.parent.iterdir()] == ["talk.vtt"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["convert", "missing.srt", "--to", "vtt"], "missing.srt: no such file"),
        (["convert", "{data}/sample.srt", "-o", "{tmp}/out.docx"], "cannot tell the format"),
        (["convert", "{data}/sample.srt"], "--to"),
        (
            ["convert", "{data}/sample.srt", "--to", "md", "-o", "{data}/sample.srt/x.md"],
            "cannot write",
        ),
    ],
)
def test_convert_errors_are_one_line(argv, message, tmp_path, capsys):
    argv = [a.format(data=DATA, tmp=tmp_path) for a in argv]
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_convert_refuses_unknown_content(tmp_path, capsys):
    p = tmp_path / "notes.srt"
    p.write_text("not a transcript at all\n", encoding="utf-8")
    assert main(["convert", str(p), "--to", "json"]) == 2
    assert capsys.readouterr().err == (
        f"transcript-reader: {p}, line 1: not a transcript format this reader knows\n"
    )
