"""The sample's Whisper text format, parsed from the real seed and from crafted files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import load, parse_text


def test_seed_parses_exactly(sample_path: Path) -> None:
    t = load(sample_path)
    assert len(t) == 2233
    assert t.format_name == "whisper-txt"
    assert t.header.title == (
        "Grok-3 daagt OpenAI uit + NYT omarmt AI + exclusief interview met "
        "Rick Lamers (Groq) ｜ AI Report"
    )
    assert t.header.video_id == "xDCa0xgymMY"
    assert t.header.modified == datetime(2025, 2, 20, 6, 59, 25)
    first, last = t[0], t[-1]
    assert (first.start_ms, first.end_ms) == (0, 8660)
    assert first.text.startswith("Welkom bij AI Report, de Nederlandse podcast")
    assert first.text.endswith("ons leven en de samenleving.")
    assert (last.start_ms, last.end_ms, last.text) == (6751520, 6781500, "TV Gelderland 2021")
    # The one line written with a single space after the bracket keeps its text.
    assert t[-2].text == "ợper needed met bikers."
    assert t.issues.skipped == 0


def test_seed_lookup_by_time(sample_path: Path) -> None:
    t = load(sample_path)
    assert t.index_at(-1) == -1
    assert t.index_at(0) == 0
    assert t.index_at(9060) == 1
    assert t.index_at(8900) == 0  # in the pause after line 0 it stays current
    assert t.index_at(10**9) == len(t) - 1
    starts = t.starts
    assert starts == sorted(starts)


def test_times_past_an_hour_and_ten_thousand_seconds() -> None:
    t = parse_text("[3599.99 --> 3600.5]  a\n[10000.25 --> 10001]  b\n[12345.678 --> 12346.7]  c\n")
    assert [(s.start_ms, s.end_ms) for s in t] == [
        (3599990, 3600500),
        (10000250, 10001000),
        (12345678, 12346700),
    ]


def test_header_is_optional_and_time_may_carry_microseconds() -> None:
    t = parse_text("[1.0 --> 2.0]  only a line\n")
    assert t.header.title is None and len(t) == 1
    t = parse_text(
        "Video title: T\nLast modified time: 2025-02-20 06:59:25.123456\n---\n[0 --> 1]  x\n"
    )
    assert t.header.title == "T"
    assert t.header.modified == datetime(2025, 2, 20, 6, 59, 25, 123456)


def test_header_without_dashes_is_still_read() -> None:
    t = parse_text("Video title: Plain\nYoutube video code: abc-def_123\n[0 --> 1]  x\n")
    assert (t.header.title, t.header.video_id) == ("Plain", "abc-def_123")
    assert t.issues.skipped == 0


def test_bad_lines_are_skipped_and_reported(tmp_path: Path) -> None:
    lines = ["[0.00 --> 1.00]  good"] + [f"garbage {i}" for i in range(7)] + ["[2 --> 3]  also"]
    path = tmp_path / "t.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    t = load(path)
    assert [s.text for s in t] == ["good", "also"]
    assert t.issues.skipped == 7
    assert t.issues.first_lines == (2, 3, 4, 5, 6)
    assert "skipped 7 lines" in t.issues.describe() and "line 2, 3, 4, 5, 6, …" in (
        t.issues.describe()
    )


def test_truncated_file_keeps_what_parses(tmp_path: Path, sample_path: Path) -> None:
    data = sample_path.read_bytes()
    cut = data[: data.index(b"[20.88 -->") + 7]  # ends mid-timestamp
    path = tmp_path / "cut.txt"
    path.write_bytes(cut)
    t = load(path)
    assert len(t) == 4
    assert t.issues.skipped == 1


def test_out_of_order_lines_are_sorted() -> None:
    t = parse_text("[5 --> 6]  b\n[1 --> 2]  a\n[9 --> 9.5]  c\n")
    assert [s.text for s in t] == ["a", "b", "c"]


def test_end_before_start_is_clamped() -> None:
    t = parse_text("[5 --> 4]  odd\n")
    assert (t[0].start_ms, t[0].end_ms) == (5000, 5000)


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"just some words\nand more\n", "line 1"),
    ],
)
def test_unreadable_files_name_the_file(tmp_path: Path, content: bytes, needle: str) -> None:
    path = tmp_path / "bad file.txt"
    path.write_bytes(content)
    with pytest.raises(TranscriptError) as err:
        load(path)
    assert str(path) in str(err.value)
    assert needle in str(err.value)


def test_header_only_file_names_first_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "h.txt"
    path.write_text("Video title: x\n---\nnot a line\n[broken --> 1]  y\n", encoding="utf-8")
    with pytest.raises(TranscriptError, match=r"h\.txt, line 3"):
        load(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError, match="no such file"):
        load(tmp_path / "nope.txt")
    with pytest.raises(TranscriptError, match="is a folder"):
        load(tmp_path)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_unicode_encodings_with_bom(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "t.txt"
    path.write_text("Video title: Café ｜ test\n---\n[0 --> 1]  één\r\n", encoding=encoding)
    if encoding == "utf-16-be":  # Python writes no BOM for explicit byte orders
        path.write_bytes(b"\xfe\xff" + path.read_bytes())
    t = load(path)
    assert t.header.title == "Café ｜ test"
    assert t[0].text == "één"


def test_legacy_8bit_falls_back_to_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes("[0 --> 1]  Caf\xe9 \u20ac5 na\xefef\n".encode("cp1252"))
    assert load(path)[0].text == "Café €5 naïef"


def test_mostly_utf8_with_a_broken_byte_keeps_the_utf8(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    good = "[0 --> 1]  één café ｜ ok\n".encode()
    path.write_bytes(good + b"[1 --> 2]  bad \xff byte\n" + good)
    t = load(path)
    assert t[0].text == "één café ｜ ok"
    assert t[2].text == "bad \ufffd byte"  # sorted after the two at 0 s


def test_text_is_kept_verbatim_including_markup() -> None:
    t = parse_text("[0 --> 1]  <b>not bold</b> & <i>x</i>\n")
    assert t[0].text == "<b>not bold</b> & <i>x</i>"


def test_a_time_of_thousands_of_digits_is_a_line_that_does_not_parse() -> None:
    from reader.core.formats.whisper_txt import parse

    huge = "9" * 5000  # int() refuses 4,300+ digits: it raised out of the parser
    t = parse(f"[0.00 --> 1.00]  hallo\n[{huge}.00 --> 1.00]  x\n", "big.txt")
    assert [s.text for s in t] == ["hallo"] and t.issues.skipped == 1
