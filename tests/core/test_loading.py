"""Opening large files in two steps: the opening's parse and the end's probe."""

from __future__ import annotations

from pathlib import Path

from reader.core.formats import load
from reader.core.loading import AROUND_ROWS, PREFIX_BYTES, probe_end_ms, read_around, read_prefix
from tests.benchmarks.gen import long_transcript


def test_a_large_file_opens_with_its_first_lines_and_its_real_end(tmp_path: Path) -> None:
    path = long_transcript(tmp_path / "ten hours.txt", 31_000)
    full = load(path)
    opening = read_prefix(path)
    assert opening is not None
    assert 10 < len(opening) < 1000
    assert opening.segments == full.segments[: len(opening)]
    assert probe_end_ms(path) == full.duration_ms > 9 * 3_600_000


def test_a_small_file_is_read_whole(sample_path: Path, tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_bytes(sample_path.read_bytes()[:PREFIX_BYTES])
    assert read_prefix(small) is None  # parsed whole, in one step


def test_probe_end_of_srt_and_of_an_unreadable_tail(tmp_path: Path) -> None:
    cues = [
        f"{i + 1}\n00:{i // 60:02d}:{i % 60:02d},000 --> 00:{i // 60:02d}:{i % 60:02d},900\n"
        f"line {i}\n"
        for i in range(3000)
    ]
    srt = tmp_path / "a.srt"
    srt.write_text("\n".join(cues), encoding="utf-8")
    assert probe_end_ms(srt) == load(srt).duration_ms == (49 * 60 + 59) * 1000 + 900
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"[1.0 --> 2.0]  hello\n" + b"\x00\x01 not a transcript\n" * 2000)
    assert probe_end_ms(junk) is None
    assert probe_end_ms(tmp_path / "missing.txt") is None


def test_read_around_a_place_gives_the_full_parse_rows_there(
    sample_path: Path, tmp_path: Path
) -> None:
    """A window reopened far into a large file shows its place without the full
    parse: the rows read around it are exactly the full parse's rows there."""
    from tests.benchmarks.gen import long_transcript  # the 31,000-line (~10 h) file

    big = long_transcript(tmp_path / "ten hours.txt")
    for path in (sample_path, big):
        full, opening, length = load(path), read_prefix(path), probe_end_ms(path)
        assert opening is not None and length
        for row in [*range(150, len(full), len(full) // 37), len(full) - 2]:
            at = full[row].start_ms + 300
            around = read_around(opening, path, at, length)
            assert around is not None, (path, row)
            first = full.segments.index(around[0])
            assert around.segments == full.segments[first : first + len(around)]
            place = around.index_at(at)
            assert around[place] == full[full.index_at(at)]
            assert place >= AROUND_ROWS
            assert len(around) - place > AROUND_ROWS or first + len(around) == len(full)
            assert around.header == full.header  # the window title, the panel


def test_read_around_is_only_for_whisper_text(tmp_path: Path) -> None:
    srt = tmp_path / "talk.srt"
    cues = [
        f"{i}\n00:{i // 60:02d}:{i % 60:02d},000 --> 00:{i // 60:02d}:{i % 60:02d},900\nline {i}\n"
        for i in range(1, 3000)
    ]
    srt.write_text("\n".join(cues), encoding="utf-8")
    opening = read_prefix(srt)
    assert opening is not None
    assert read_around(opening, srt, 2_000_000, probe_end_ms(srt) or 0) is None
