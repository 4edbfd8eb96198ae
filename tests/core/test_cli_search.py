"""`transcript-reader search` through reader.cli.main: output lines, JSON, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader.cli import main

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_75b06cd9797ac295.txt"
LINE = re.compile(r"^\[(\d+):(\d\d):(\d\d)\] +(\d+\.\d)  (.+)$")


def test_text_output_best_first_with_times(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(SEED), "rick lamers", "--limit", "2"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 2
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed)
    # [59.46 --> 63.30] and [6663.16 --> 6663.88] in the file.
    assert lines[0] == (
        "[0:00:59] 100.0  En plus Wietse die gaat Rick Lamers van Grok met een Q interviewen."
    )
    assert lines[1] == "[1:51:03] 100.0  Rick Lamers."
    count = re.fullmatch(r"(\d+) lines match \(showing 2\)\n", captured.err)
    assert count and int(count.group(1)) > 2


def test_misspelled_query_finds_the_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(SEED), "Cloude"]) == 0
    out = capsys.readouterr().out
    assert "het overtreft Claude" in out
    assert "Cloud 3.5 Sonnet" in out
    scores = [float(m.group(4)) for m in map(LINE.match, out.splitlines()) if m]
    assert scores == sorted(scores, reverse=True)


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(SEED), "rick lamers", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) > 2
    first = rows[0]
    assert set(first) == {"index", "start", "end", "score", "text", "spans"}
    assert (first["index"], first["start"], first["end"], first["score"]) == (11, 59.46, 63.3, 100)
    assert [first["text"][a:b] for a, b in first["spans"]] == ["Rick", "Lamers"]
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_exact_flag_and_quotes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(SEED), "open ai", "--exact", "--json"]) == 0
    flagged = json.loads(capsys.readouterr().out)
    assert main(["search", str(SEED), '"open ai"', "--json"]) == 0
    quoted = json.loads(capsys.readouterr().out)
    assert flagged == quoted
    assert all("open ai" in r["text"].lower() for r in flagged)
    assert not any("OpenAI" in r["text"] and "open ai" not in r["text"].lower() for r in flagged)


def test_no_hits_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(SEED), "kubernetes"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no lines match 'kubernetes'" in captured.err
    assert main(["search", str(SEED), "kubernetes", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == []
    assert main(["search", str(SEED), "   "]) == 1


def test_bad_file_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(tmp_path / "missing.txt"), "grok"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.txt" in err
    junk = tmp_path / "junk.txt"
    junk.write_text("no timestamps here\njust words\n", encoding="utf-8")
    assert main(["search", str(junk), "grok"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_bad_limit_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(SEED), "grok", "--limit", "0"]) == 2
    assert "--limit" in capsys.readouterr().err


def test_non_latin_transcript(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ru.txt"
    path.write_text(
        "[0.00 --> 2.00]  Привет, мир!\n[2.00 --> 4.50]  Москва зимой.\n[4.50 --> 6.00]  東京\n",
        encoding="utf-8",
    )
    assert main(["search", str(path), "москва"]) == 0
    assert capsys.readouterr().out == "[0:00:02] 100.0  Москва зимой.\n"
    assert main(["search", str(path), "東京", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["index"], r["text"], r["spans"]) for r in rows] == [(2, "東京", [[0, 2]])]


def test_endless_device_is_refused_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "/dev/zero", "x"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "transcript-reader: /dev/zero: looks like a binary file, not a text transcript\n"
    )


def test_a_pipe_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as f:
            f.write(SEED.read_bytes())

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        assert main(["search", str(fifo), "rick lamers", "--limit", "1"]) == 0
    finally:
        writer.join()
    assert capsys.readouterr().out.startswith("[0:00:59] 100.0  En plus Wietse")


def test_bad_limit_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["search", str(SEED), "x", "--limit", "many"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--limit" in err and "Traceback" not in err
