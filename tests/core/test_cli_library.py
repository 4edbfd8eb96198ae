"""`transcript-reader search FOLDER …` and `transcript-reader library …` through
reader.cli.main, with the library's index in an isolated data folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_75b06cd9797ac295.txt"


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("TRANSCRIPT_READER_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "transcript-reader" / "library.sqlite3"


@pytest.fixture
def shows(tmp_path: Path) -> Path:
    folder = tmp_path / "shows"
    folder.mkdir()
    shutil.copy(SEED, folder / "Grok ｜ AI Report [xDCa0xgymMY].wav.txt")
    (folder / "short.srt").write_text(
        "1\n00:00:01,000 --> 00:00:02,500\nRik Lamers van Groq\n", encoding="utf-8"
    )
    return folder


def test_search_a_folder_json(
    shows: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", str(shows), "rick lamers", "--json"]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert {"file", "title", "start", "end", "text", "score"} <= set(rows[0])
    first = rows[0]
    assert first["file"].endswith("[xDCa0xgymMY].wav.txt")
    assert first["title"].endswith("(Groq) | AI Report")
    assert (first["start"], first["end"], first["score"]) == (59.46, 63.3, 100.0)
    srt = [r for r in rows if r["file"].endswith("short.srt")]
    assert [(r["start"], r["end"], r["text"]) for r in srt] == [(1.0, 2.5, "Rik Lamers van Groq")]
    assert captured.err == "12 lines match in 2 episodes (showing 4)\n"  # 11 + 1, 3 + 1 shown
    assert data_home.exists()  # indexed in the library's own file, under XDG_DATA_HOME
    assert main(["library", "list", "--json"]) == 0  # searched, not added to the library
    assert json.loads(capsys.readouterr().out)["folders"] == []


def test_search_a_folder_text_limit_exact_and_no_hits(
    shows: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", str(shows), "groq", "--limit", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len([line for line in out if line.startswith("  [")]) == 2
    assert main(["search", str(shows), '"Rik Lamers"', "--json"]) == 0
    assert [r["text"] for r in json.loads(capsys.readouterr().out)] == ["Rik Lamers van Groq"]
    assert main(["search", str(shows), "rik lamers", "--exact", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["search", str(shows), "kubernetes"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "no lines match 'kubernetes'" in captured.err
    assert main(["search", str(shows), "kubernetes", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == []


def test_search_a_folder_sees_changes(shows: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(shows), "walrus"]) == 1
    (shows / "new.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nthe walrus\n", "utf-8")
    capsys.readouterr()
    assert main(["search", str(shows), "walrus", "--json"]) == 0
    assert [r["text"] for r in json.loads(capsys.readouterr().out)] == ["the walrus"]
    (shows / "new.srt").unlink()
    assert main(["search", str(shows), "walrus"]) == 1


def test_bad_files_warn_and_bad_input_exits_2(
    shows: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (shows / "junk.txt").write_text("no times here\n", encoding="utf-8")
    assert main(["search", str(shows), "groq"]) == 0
    err = capsys.readouterr().err
    assert "warning: skipped" in err and "junk.txt" in err
    assert main(["search", str(shows), "groq", "--limit", "0"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["library", "add", str(tmp_path / "missing")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["library", "remove", str(tmp_path)]) == 2
    assert "not a library folder" in capsys.readouterr().err


def test_a_damaged_index_is_said_once_and_search_goes_on(
    shows: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_home.parent.mkdir(parents=True)
    data_home.write_bytes(b"garbage" * 1000)
    assert main(["search", str(shows), "groq"]) == 0
    err = capsys.readouterr().err
    assert "damaged" in err and len(list(data_home.parent.glob("*.corrupt-*"))) == 1


def test_library_add_list_reindex_remove(shows: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (shows / "junk.txt").write_text("no times here\n", encoding="utf-8")
    assert main(["library", "add", str(shows)]) == 0
    assert "library: 2 added, 1 unreadable" in capsys.readouterr().err
    assert main(["library", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["folders"] == [{"folder": str(shows.resolve()), "episodes": 2}]
    assert [Path(p["file"]).name for p in listed["problems"]] == ["junk.txt"]
    assert main(["library", "list"]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"{shows.resolve()}\t2 episodes\n" and "junk.txt" in captured.err
    assert main(["library", "reindex"]) == 0
    assert "2 changed" in capsys.readouterr().err
    assert main(["library", "remove", str(shows)]) == 0
    assert "2 removed" in capsys.readouterr().err
    assert main(["library", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"folders": [], "problems": []}
