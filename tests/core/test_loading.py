"""Opening a file for the window: plan_open reads it once and says what to show first;
OpenPlan.rest() gives the whole parse from the same bytes."""

from __future__ import annotations

import codecs
import os
import threading
from pathlib import Path

import pytest

from reader.core import loading
from reader.core.errors import TranscriptError
from reader.core.export import dumps
from reader.core.formats import load
from reader.core.loading import AROUND_ROWS, PREFIX_BYTES, OpenPlan, plan_open
from reader.core.model import ParseIssues, Transcript
from tests.benchmarks.gen import long_transcript


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """31,000 Whisper lines over ten hours (~2.4 MB)."""
    return long_transcript(tmp_path_factory.mktemp("big") / "ten hours.txt")


@pytest.fixture(params=["read whole", "read in stages"])
def stages(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Both ways a large file is read: all at once, or in parts (as a file over
    WHOLE_READ_BYTES is), by lowering the threshold."""
    staged = request.param == "read in stages"
    if staged:
        monkeypatch.setattr(loading, "WHOLE_READ_BYTES", 64 * 1024)
    return staged


def copy_of(path: Path, to: Path) -> Path:
    to.write_bytes(path.read_bytes())
    return to


def assert_a_part_of(first: Transcript, full: Transcript) -> int:
    """`first` holds exactly the whole parse's rows over its range; returns where."""
    at = full.segments.index(first[0])
    assert first.segments == full.segments[at : at + len(first)]
    assert (first.header, first.source, first.format_name) == (
        full.header,
        full.source,
        full.format_name,
    )
    assert first.issues == ParseIssues()
    return at


def test_a_small_file_is_read_whole_with_its_issues(sample_path: Path, tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    lines = sample_path.read_bytes()[: PREFIX_BYTES - 100].rsplit(b"\n", 1)[0]
    small.write_bytes(lines + b"\nnot a line of this format\n")
    assert small.stat().st_size <= PREFIX_BYTES
    plan = plan_open(small, resume_ms=10**9)
    assert plan.complete and not plan.around
    assert plan.first == load(small) and plan.first.issues.skipped == 1
    assert plan.length_ms == plan.first.duration_ms
    assert plan.rest() is plan.first
    assert plan.path == small


@pytest.mark.parametrize("which", ["sample", "31,000 lines"])
def test_a_large_file_shows_its_opening_and_its_real_end(
    sample_path: Path, big: Path, tmp_path: Path, stages: bool, which: str
) -> None:
    path = copy_of(sample_path if which == "sample" else big, tmp_path / "t.txt")
    full = load(path)
    plan = plan_open(path)
    assert not plan.complete and not plan.around
    assert 10 < len(plan.first) < 1000
    assert assert_a_part_of(plan.first, full) == 0
    assert (
        plan.length_ms == full.duration_ms > (9 * 3_600_000 if path.stat().st_size > 10**6 else 0)
    )
    assert plan.rest() == full
    assert plan.rest() is plan.rest()  # parsed once
    again = plan_open(path)
    path.unlink()  # read whole: the rest is in memory; in stages: it is read now
    if stages:
        with pytest.raises(TranscriptError, match="no such file"):
            again.rest()
    else:
        assert again.rest() == full


def test_the_opening_drops_its_cue_cut_short_and_the_rest_says_what_was_skipped(
    big: Path, tmp_path: Path
) -> None:
    data = big.read_bytes()
    cut = data.index(b"\n", 2000) + 1
    path = tmp_path / "t.txt"
    path.write_bytes(data[:cut] + b"garbled line\n" + data[cut:])
    plan = plan_open(path)
    full = load(path)
    assert full.issues.skipped == 1 and plan.first.issues == ParseIssues()
    assert assert_a_part_of(plan.first, full) == 0
    assert full.issues.first_lines[0] < len(plan.first)  # the bad line is in the opening
    assert plan.rest().issues == full.issues


def test_a_place_in_the_opening_shows_the_opening(big: Path) -> None:
    full = load(big)
    opening = plan_open(big).first
    for row in (0, 10, len(opening) - AROUND_ROWS - 1):
        plan = plan_open(big, full[row].start_ms + 300)
        assert plan.first == opening and not plan.around and not plan.complete


def test_a_place_far_in_shows_the_whole_parse_rows_around_it(
    sample_path: Path, big: Path, stages: bool
) -> None:
    """A window reopened far into a large file shows its place without the whole
    parse: the rows read around it are exactly the whole parse's rows there."""
    for path in (sample_path, big):
        full = load(path)
        for row in [*range(150, len(full), len(full) // 37), len(full) - 2]:
            at = full[row].start_ms + 300
            plan = plan_open(path, at)
            assert plan.around and not plan.complete, (path, row)
            first = assert_a_part_of(plan.first, full)
            place = plan.first.index_at(at)
            assert first + place == row
            assert place >= AROUND_ROWS
            assert len(plan.first) - place > AROUND_ROWS or first + len(plan.first) == len(full)
            assert plan.length_ms == full.duration_ms
        assert plan.rest() == full


def test_long_lines_near_the_start_read_a_window(big: Path, tmp_path: Path) -> None:
    """~150 bytes a line (CJK text): fewer rows than AROUND_ROWS in the opening, so a
    place just past it is read around."""
    cjk = {ord(c): chr(0x4E00 + i) for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")}
    head, body = big.read_text(encoding="utf-8").split("------------------", 1)
    path = tmp_path / "cjk.txt"
    path.write_text(head + "------------------" + body.translate(cjk), encoding="utf-8")
    full = load(path)
    assert len(plan_open(path).first) < AROUND_ROWS
    plan = plan_open(path, full[10].start_ms)
    assert plan.around
    assert assert_a_part_of(plan.first, full) == 0


@pytest.mark.parametrize("fmt", ["srt", "vtt", "md"])
def test_other_formats_open_with_their_opening_or_whole_at_a_place_far_in(
    big: Path, tmp_path: Path, stages: bool, fmt: str
) -> None:
    """Only Whisper text is read around a place; a cue format resumed past its
    opening is parsed whole, so that the first frame shows the place."""
    path = tmp_path / f"t.{fmt}"
    path.write_text(dumps(load(big), fmt), encoding="utf-8")
    full = load(path)
    plan = plan_open(path)
    assert not plan.complete and assert_a_part_of(plan.first, full) == 0
    assert plan.length_ms == full.duration_ms
    far = plan_open(path, full[20_000].start_ms)
    assert far.complete and not far.around
    assert far.first == full == far.rest()
    assert far.length_ms == full.duration_ms


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
    ],
)
def test_a_utf16_or_utf32_file_is_read_whole(
    sample_path: Path, tmp_path: Path, stages: bool, encoding: str, bom: bytes
) -> None:
    text = sample_path.read_text(encoding="utf-8").replace("\n", "\r\n", 40)
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + (text + "\nnot a line\n").encode(encoding))
    plan = plan_open(path, resume_ms=3_000_000)
    assert plan.complete
    assert plan.first == load(path) and len(plan.first) == 2233
    assert plan.first.issues.skipped == 1


def test_an_opening_that_does_not_parse_parses_the_whole_file(big: Path, tmp_path: Path) -> None:
    """Whisper JSON: its opening is cut mid-object, so the first frame waits for all of it."""
    path = tmp_path / "t.json"
    path.write_text(dumps(load(big), "json"), encoding="utf-8")
    plan = plan_open(path)
    assert plan.complete and plan.first == load(path) and len(plan.first) == 31_000
    assert plan.length_ms == plan.first.duration_ms


def test_an_end_that_does_not_parse_parses_the_whole_file(big: Path, tmp_path: Path) -> None:
    """Zeros left at the end by a crash: the length is only known from the whole parse."""
    path = tmp_path / "t.txt"
    path.write_bytes(big.read_bytes() + b"\0" * 5000)
    plan = plan_open(path)
    assert plan.complete and plan.first == load(path)
    assert plan.first.issues.skipped == 1 and len(plan.first) == 31_000
    assert plan.length_ms == plan.first.duration_ms


def test_a_damaged_stretch_around_the_place_parses_the_whole_file(
    big: Path, tmp_path: Path, stages: bool
) -> None:
    full = load(big)
    data = bytearray(big.read_bytes())
    at = len(data) * 20_000 // 31_000
    data[at : at + 4096] = b"\0" * 4096
    path = tmp_path / "t.txt"
    path.write_bytes(bytes(data))
    plan = plan_open(path, full[20_000].start_ms)
    assert plan.complete and plan.first == load(path)


def test_the_rest_is_parsed_from_the_bytes_already_read(big: Path, tmp_path: Path) -> None:
    """The file changed or went away between plan_open and rest(): the rest is the
    file as it was read, consistent with what the first frame showed."""
    full = load(big)
    path = copy_of(big, tmp_path / "t.txt")
    plan = plan_open(path, full[20_000].start_ms)
    path.write_text("[0.00 --> 1.00]  something else\n", encoding="utf-8")
    assert plan.rest().segments == full.segments
    plan = plan_open(copy_of(big, path))
    path.unlink()
    assert plan.rest().segments == full.segments


@pytest.mark.parametrize(
    ("how", "message"), [("rewritten", "changed while it was being opened"), ("removed", "no such")]
)
def test_a_file_read_in_stages_that_changed_is_not_mixed_with_what_was_shown(
    big: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str, message: str
) -> None:
    monkeypatch.setattr(loading, "WHOLE_READ_BYTES", 64 * 1024)
    path = copy_of(big, tmp_path / "t.txt")
    plan = plan_open(path, load(big)[20_000].start_ms)
    if how == "rewritten":  # one time in the opening shown
        path.write_bytes(big.read_bytes().replace(b"[1", b"[2", 1))
    else:
        path.unlink()
    with pytest.raises(TranscriptError, match=message):
        plan.rest()


def test_a_file_read_in_stages_may_have_grown(
    big: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lines added at the end (a transcript still being written): the parts shown
    are still the file's, and the rest has the new lines too."""
    monkeypatch.setattr(loading, "WHOLE_READ_BYTES", 64 * 1024)
    path = copy_of(big, tmp_path / "t.txt")
    plan = plan_open(path)
    with path.open("ab") as f:
        f.write(b"[40000.00 --> 40001.00]  one more\n")
    assert plan.rest().segments == (*load(big).segments, *load(path).segments[-1:])


def test_a_pipe_is_refused_without_being_opened(tmp_path: Path) -> None:
    """Opening a FIFO with no writer blocks: it is refused from its stat first."""
    fifo = tmp_path / "talk.txt"
    os.mkfifo(fifo)
    raised: list[BaseException] = []

    def attempt() -> None:
        try:
            plan_open(fifo)
        except BaseException as exc:  # handed to the test's thread
            raised.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():  # blocked in open(): let it go, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("plan_open blocked on a FIFO")
    assert len(raised) == 1 and isinstance(raised[0], TranscriptError)
    assert "is not a regular file" in str(raised[0])


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused(device: str) -> None:
    with pytest.raises(TranscriptError, match="is not a regular file"):
        plan_open(device)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x00\x01\x02 binary" * 5000, "binary"),
        (b"Dear diary,\ntoday nothing happened.\n" * 1000, "not a transcript format"),
    ],
)
def test_what_cannot_be_opened_says_why(
    tmp_path: Path, stages: bool, content: bytes | None, message: str
) -> None:
    path = tmp_path / "t.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(TranscriptError, match=message):
        plan_open(path)
    with pytest.raises(TranscriptError, match="folder"):
        plan_open(tmp_path)


def test_a_file_too_large_is_refused_before_it_is_read(
    big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core import textio

    monkeypatch.setattr(loading, "WHOLE_READ_BYTES", 64 * 1024)
    monkeypatch.setattr(loading, "MAX_BYTES", 1024 * 1024)
    monkeypatch.setattr(textio, "MAX_BYTES", 1024 * 1024)
    with pytest.raises(TranscriptError, match="too large"):
        plan_open(big)


def test_a_path_given_as_text_gives_the_same_transcript_as_load(
    big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(big.parent)
    plan = plan_open(f"./{big.name}")
    assert isinstance(plan, OpenPlan) and plan.path == Path(big.name)
    assert plan.rest() == load(f"./{big.name}")
    assert plan.first.source == f"./{big.name}"
