"""No reader raises anything but TranscriptError, whatever it is given.

Random text, text made of format tokens (to reach deep into the parsers) and
random edits of the valid sample files; plus random bytes through decoding.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.errors import TranscriptError
from reader.core.formats import READERS, parse_text
from reader.core.model import Transcript
from reader.core.textio import decode

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"
SAMPLES = sorted((p.name, p.read_text(encoding="utf-8-sig")) for p in DATA.iterdir())
TOKENS = st.sampled_from(
    [
        "\n", "\n\n", " ", "\t", "-->", " --> ", "WEBVTT", "NOTE", "1", "00", "99", ":", ",",
        ".", "00:00:01,000", "01:02.5", "12:34", "[", "]", "(", ")", "**", "{", "}", '"',
        '"start"', '"end"', '"text"', '"word"', '"segments"', "1e999", "NaN", "-1", "null",
        "<i>", "</i>", "<v Ann>", "&amp;", "&", "<", ">", "{\\an8}", "\x00", "\ufeff", "é",
        "#", "Video: https://youtu.be/xDCa0xgymMY", "Modified: 2025-99-99", "2 minutes",
        "[0.00 --> 1.00]", "Video title: x", "------------------",
    ]
)  # fmt: skip


def check(parse, text):
    try:
        result = parse(text)
    except TranscriptError as exc:
        assert str(exc)  # names the file (or <input>) and a reason
        return
    assert isinstance(result, Transcript)
    assert len(result) > 0
    starts = [s.start_ms for s in result]
    assert starts == sorted(starts)
    assert all(s.end_ms >= s.start_ms >= 0 for s in result)
    if result.format_name != "whisper-txt":  # that reader keeps empty lines on purpose
        assert all(s.text.strip() for s in result)


@pytest.mark.parametrize("module", READERS, ids=lambda m: m.NAME)
@settings(max_examples=150, deadline=None)
@given(text=st.text())
def test_random_text(module, text):
    assert module.sniff(text) in (True, False)
    check(lambda t: module.parse(t, "fuzz"), text)


@pytest.mark.parametrize("module", READERS, ids=lambda m: m.NAME)
@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(TOKENS | st.text(max_size=5), max_size=60))
def test_token_soup(module, pieces):
    text = "".join(pieces)
    check(lambda t: module.parse(t, "fuzz"), text)
    check(parse_text, text)


@st.composite
def mutated_samples(draw):
    _, text = draw(st.sampled_from(SAMPLES))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        span = draw(st.integers(0, 20))
        kind = draw(st.sampled_from(["delete", "insert", "replace", "duplicate"]))
        if kind == "delete":
            text = text[:at] + text[at + span :]
        elif kind == "insert":
            text = text[:at] + draw(TOKENS | st.text(max_size=8)) + text[at:]
        elif kind == "replace":
            text = text[:at] + draw(st.text(max_size=span)) + text[at + span :]
        else:
            text = text[:at] + text[at : at + span] * 2 + text[at + span :]
    return text


@settings(max_examples=600, deadline=None)
@given(mutated_samples())
def test_mutated_samples(text):
    check(parse_text, text)
    for module in READERS:
        check(lambda t, m=module: m.parse(t, "fuzz"), text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_through_decoding(data):
    def parse_bytes(raw):
        return parse_text(decode(raw, "fuzz.bin"), "fuzz.bin")

    check(parse_bytes, data)
