"""`transcript-reader pair` through reader.cli.main: output, exit codes, JSON shape."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from reader.cli import main

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_75b06cd9797ac295.txt"
TITLE = (
    "Grok-3 daagt OpenAI uit + NYT omarmt AI + exclusief interview met Rick Lamers (Groq)"
    " ｜ AI Report"
)
VID = "xDCa0xgymMY"


def seed_copy(folder: Path, name: str = "transcript.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(SEED, folder / name))


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\0")
    return path


def test_found_by_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = seed_copy(tmp_path)
    media = touch(tmp_path / f"{TITLE} [{VID}].opus")
    touch(tmp_path / f"{TITLE} [{VID}].info.json")
    assert main(["pair", str(t)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == str(media)
    assert out[1] == "matched by id, score 100.0"


def test_sample_naming_found_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = seed_copy(tmp_path, f"{TITLE} [{VID}].wav.txt")
    wav = touch(tmp_path / f"{TITLE} [{VID}].wav")
    assert main(["pair", str(t)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [str(wav), "matched by name, score 100.0"]


def test_media_dir_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = seed_copy(tmp_path / "text")
    media = touch(tmp_path / "media #1" / f"20250220 - {TITLE}.m4a")
    code = main(["pair", str(t), "--media-dir", str(tmp_path / "media #1"), "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["transcript"] == str(t)
    assert data["choice"] == str(media)
    assert data["reason"] == "title"
    assert data["score"] >= 95
    assert data["ambiguous"] is False
    assert data["candidates"][0] == {"path": str(media), "reason": "title", "score": data["score"]}
    assert data["notes"] == []


def test_nothing_matched_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = seed_copy(tmp_path)
    touch(tmp_path / "DeepSeek R1 schudt de markt op ｜ AI Report [Q1w2e3r4t5y].opus")
    touch(tmp_path / "Grok-3 daagt OpenAI uit ｜ AI Report.opus")  # a shorter, other episode
    assert main(["pair", str(t)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == f"no recording found for {t}"
    # The near miss is shown; the file with another video's id is not.
    assert "Grok-3 daagt OpenAI uit ｜ AI Report.opus" in captured.out
    assert "DeepSeek" not in captured.out


def test_nothing_matched_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = seed_copy(tmp_path)
    assert main(["pair", str(t), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["choice"] is None and data["reason"] is None
    assert data["candidates"] == [] and data["ambiguous"] is False


def test_ambiguous_lists_candidates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = tmp_path / "notes.txt"
    t.write_text(
        "Video title: Weekly AI news episode 12\n------\n[0.00 --> 1.00]  Hallo\n", encoding="utf-8"
    )
    # Two different files, equally close to the title: the user has to say which.
    a = touch(tmp_path / "Weekly AI news, episode 12 (part 1).mp3")
    b = touch(tmp_path / "Weekly AI news, episode 12 (part 2).mp3")
    touch(tmp_path / "Weekly AI news, episode 9.mp3")
    assert main(["pair", str(t)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == str(a)
    assert "ambiguous" in out[1]
    assert out[2] == "candidates:"
    assert out[3].endswith(str(a)) and out[4].endswith(str(b))


def test_missing_media_dir_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = seed_copy(tmp_path)
    assert main(["pair", str(t), "--media-dir", str(tmp_path / "gone")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "gone" in err


def test_bad_transcript_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "song.mp3.txt"
    bad.write_text("not a transcript at all\n", encoding="utf-8")
    touch(tmp_path / "song.mp3")
    assert main(["pair", str(bad)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "song.mp3.txt" in err
    assert main(["pair", str(tmp_path / "missing.txt")]) == 2


def test_min_score_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = seed_copy(tmp_path)
    touch(tmp_path / "Grok-3 daagt OpenAI uit + NYT omarmt AI ｜ AI Report.mp3")
    assert main(["pair", str(t)]) == 1
    assert main(["pair", str(t), "--min-score", "60"]) == 0
    assert "matched by title" in capsys.readouterr().out
    assert main(["pair", str(t), "--min-score", "120"]) == 2


def test_name_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = seed_copy(tmp_path)
    raw = os.fsencode(tmp_path) + b"/caf\xe9 " + TITLE.encode() + b".mp3"
    try:
        open(raw, "wb").close()
    except OSError:
        pytest.skip("this file system only takes UTF-8 names")
    assert main(["pair", str(t)]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith("caf\ufffd " + TITLE + ".mp3")
    assert main(["pair", str(t), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert os.fsencode(data["choice"]) == raw  # exact bytes survive the JSON
