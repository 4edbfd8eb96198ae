"""`transcript-reader mark` and `notes` through reader.cli.main and as real processes,
with the real marks store in a temporary data folder."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reader.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXE = ROOT / ".venv" / "bin" / "transcript-reader"
WHISPER = """Video title: Grok ｜ AI Report: "live" #3
Youtube video code: xDCa0xgymMY

------------------

[1.00 --> 4.00]  Welcome to the show.
[246.00 --> 250.50]  =HYPERLINK("x") is | a # test
[251.00 --> 255.00]  -2 is the last line.
"""
SRT = "1\n00:00:01,000 --> 00:00:02,500\nRik Lamers van Groq\n"


@pytest.fixture(autouse=True)
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("TRANSCRIPT_READER_DATA_DIR", str(folder))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "xdg"))
    return folder


@pytest.fixture
def talk(tmp_path: Path) -> Path:
    folder = tmp_path / "shows"
    folder.mkdir()
    path = folder / "Grok ｜ AI Report [xDCa0xgymMY].txt"
    path.write_text(WHISPER, encoding="utf-8")
    return path


@pytest.fixture
def short(tmp_path: Path) -> Path:
    path = tmp_path / "shows" / "short.srt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(SRT, encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _one_error_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("transcript-reader: "), err
    assert "Traceback" not in err
    return err


def test_mark_then_notes_in_markdown(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "mark", str(talk), "--at", "4:07", "--note", "so true",
                          "--tag", "ai", "--tag", "machine learning")  # fmt: skip
    assert (code, err) == (0, "")
    assert out == (
        'marked 4:06-4:10: "=HYPERLINK("x") is | a # test" with a note, '
        "tagged ai, machine learning\n"
    )
    code, out, err = _run(capsys, "notes", str(talk))
    assert code == 0
    assert err == "1 mark of 1 transcript\n"
    assert out.startswith('---\ntitle: "Grok | AI Report: \\"live\\" #3"\n')
    assert (
        '> [04:06](https://youtu.be/xDCa0xgymMY?t=246) \\=HYPERLINK("x") is \\| a \\# test' in out
    )
    assert "\n\nso true\n\n#ai #machine-learning\n" in out


def test_mark_a_range_and_export_json(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "mark", str(talk), "--at", "246.5", "--to", "0:04:12")
    assert code == 0 and out.startswith("marked 4:06-4:15 (2 lines): ")
    assert _run(capsys, "mark", str(talk), "--at", "0")[0] == 0  # before any line: the first
    code, out, _ = _run(capsys, "notes", str(talk), "--to", "json")
    assert code == 0
    [doc] = json.loads(out)
    assert doc["video_id"] == "xDCa0xgymMY" and doc["path"] == str(talk)
    spans = [(m["start"], m["end"]) for m in doc["marks"]]
    assert spans == [(1.0, 4.0), (246.0, 255.0)]
    assert "-2 is the last line." in doc["marks"][1]["text"]


def test_marks_follow_a_moved_file(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "mark", str(talk), "--at", "2", "--note", "first")[0] == 0
    moved = talk.with_name("renamed.txt")
    talk.rename(moved)
    code, out, _ = _run(capsys, "notes", str(moved), "--to", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1][0] == "Welcome to the show." and rows[1][4] == "first"


def test_notes_formats_from_the_output_name(
    talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "mark", str(talk), "--at", "4:11", "--note", "@me")[0] == 0
    out = tmp_path / "cards.tsv"
    code, printed, err = _run(capsys, "notes", str(talk), "-o", str(out))
    assert (code, printed, err) == (0, "", f"1 mark of 1 transcript to {out}\n")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("#separator:tab\n#html:false\n")
    rows = list(csv.reader(io.StringIO(text.split("\n", 5)[5]), delimiter="\t"))
    assert rows[0][:4] == ["-2 is the last line.", rows[0][1], "04:11", "@me"]
    sheet = tmp_path / "highlights.csv"
    assert _run(capsys, "notes", str(talk), "-o", str(sheet))[0] == 0
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    assert rows[1][0] == "'-2 is the last line." and rows[1][4] == "'@me"


def test_notes_all_one_file_per_episode(
    talk: Path, short: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "mark", str(talk), "--at", "4:06")[0] == 0
    assert _run(capsys, "mark", str(short), "--at", "1.5", "--tag", "groq")[0] == 0
    vault = tmp_path / "vault"
    code, _, err = _run(capsys, "notes", "--all", "-o", str(vault))
    assert code == 0 and err == f"2 marks of 2 transcripts to {vault}\n"
    names = sorted(p.name for p in vault.iterdir())
    assert len(names) == 2 and names[0] == "Grok - AI Report - 'live' 3.md"
    assert names[1].startswith("short") and names[1].endswith(".md")
    assert "#groq" in (vault / names[1]).read_text(encoding="utf-8")
    # An episode's file edited in the vault is kept; the others are exported again.
    edited = vault / names[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nmine\n", encoding="utf-8")
    code, _, err = _run(capsys, "notes", "--all", "-o", str(vault))
    assert code == 0
    assert err.startswith(f"transcript-reader: kept {edited}: it was changed since")
    assert edited.read_text(encoding="utf-8").endswith("\nmine\n")
    code, out, _ = _run(capsys, "notes", "--all", "--to", "json")
    assert code == 0 and len(json.loads(out)) == 2


def test_no_marks_exits_1(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "notes", str(talk))
    assert (code, out) == (1, "")
    assert _one_error_line(err) == f"transcript-reader: no marks in {talk}\n"
    code, out, err = _run(capsys, "notes", "--all")
    assert (code, out, err) == (1, "", "transcript-reader: no marks in any transcript\n")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--at", "4:99"], "--at: not a valid time: '4:99'"),
        (["--at", "1:00:00"], "--at 1:00:00 is past the end of"),
        (["--at", "10", "--to", "5"], "--to 5 is before --at 10"),
        (["--at", "10", "--to", "9999"], "--to 9999 is past the end of"),
        (["--at", "999999999999"], "past 596:31:23"),
    ],
)
def test_mark_refuses_bad_times(
    talk: Path, args: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "mark", str(talk), *args)
    assert (code, out) == (2, "")
    assert says in _one_error_line(err)


def test_missing_files_and_unwritable_outputs_exit_2(
    talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "missing.srt")
    for argv in (["mark", missing, "--at", "1"], ["notes", missing]):
        code, _, err = _run(capsys, *argv)
        assert code == 2 and "missing.srt" in _one_error_line(err)
    assert _run(capsys, "mark", str(talk), "--at", "1")[0] == 0
    for out in (tmp_path / "no" / "notes.md", tmp_path):
        code, printed, err = _run(capsys, "notes", str(talk), "-o", str(out))
        assert (code, printed) == (2, "")
        assert _one_error_line(err).startswith("transcript-reader: cannot write ")
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    code, _, err = _run(capsys, "notes", "--all", "-o", str(afile / "sub"))
    assert code == 2 and "afile" in _one_error_line(err)
    for argv in (["notes"], ["notes", str(talk), "--all"], ["notes", str(talk), "--clips", "c"]):
        code, _, err = _run(capsys, *argv)
        assert code == 2
        _one_error_line(err)


def test_a_store_that_cannot_be_opened_is_one_line(
    talk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("TRANSCRIPT_READER_DATA_DIR", str(blocker))
    for argv in (["mark", str(talk), "--at", "1"], ["notes", str(talk)], ["notes", "--all"]):
        code, _, err = _run(capsys, *argv)
        assert code == 2, argv
        _one_error_line(err)


def test_real_processes_share_the_store(talk: Path, data: Path, tmp_path: Path) -> None:
    env = {**os.environ, "TRANSCRIPT_READER_DATA_DIR": str(data)}

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(EXE), *argv], env=env, capture_output=True, text=True, timeout=120, check=False
        )

    marked = run("mark", str(talk), "--at", "4:06", "--note", "from a shell")
    assert (marked.returncode, marked.stderr) == (0, "")
    assert marked.stdout.startswith("marked 4:06-4:10: ")
    done = run("notes", str(talk), "--to", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["marks"][0]["note"] == "from a shell"
    bad = run("mark", str(talk), "--at", "later")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr == (
        "transcript-reader: --at: not a valid time: 'later' (use seconds, MM:SS or H:MM:SS)\n"
    )
    none = run("notes", str(tmp_path / "nothing.srt"))
    assert none.returncode == 2 and "Traceback" not in none.stderr


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg not installed")
def test_anki_clips_cut_from_the_paired_recording(
    talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recording = talk.with_name("Grok ｜ AI Report [xDCa0xgymMY].opus")  # found by its id
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
         "sine=frequency=300:duration=260", "-c:a", "libopus", "-b:a", "16k", str(recording)],
        check=True, timeout=120,
    )  # fmt: skip
    assert _run(capsys, "mark", str(talk), "--at", "4:06")[0] == 0
    clips = tmp_path / "clips"
    code, out, err = _run(capsys, "notes", str(talk), "--to", "anki", "--clips", str(clips))
    assert code == 0, err
    [clip] = clips.iterdir()
    assert re.fullmatch(r"xDCa0xgymMY-00246-\d+\.mp3", clip.name) and clip.stat().st_size > 0
    row = next(csv.reader(io.StringIO(out.split("\n", 5)[5]), delimiter="\t"))
    assert row[4] == f"[sound:{clip.name}]"


def test_clips_without_a_recording_still_export(
    talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "mark", str(talk), "--at", "4:06")[0] == 0
    code, out, err = _run(
        capsys, "notes", str(talk), "--to", "anki", "--clips", str(tmp_path / "c")
    )
    assert code == 0
    assert f"no recording found for {talk}" in err
    row = next(csv.reader(io.StringIO(out.split("\n", 5)[5]), delimiter="\t"))
    assert row[4] == ""


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "mark" in out and "notes" in out
