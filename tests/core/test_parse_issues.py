"""What the tolerant parsers change is said once: out of order, reversed, impossible times."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.formats import parse_text
from reader.core.model import ParseIssues
from reader.core.timefmt import MAX_TIME_MS, format_time, parse_time


def test_clean_issues_say_nothing() -> None:
    assert ParseIssues().describe() == ""
    assert ParseIssues() == ParseIssues(0, ())
    assert ParseIssues(2, (3, 4)).skipped == 2
    assert ParseIssues(2, (3, 4)).first_lines == (3, 4)
    assert ParseIssues(2, (3, 4)).describe() == "skipped 2 lines that did not parse (line 3, 4)"


def test_limit_is_the_one_the_messages_name() -> None:
    assert MAX_TIME_MS == 2**31 - 1
    assert format_time(MAX_TIME_MS) == "596:31:23"
    issues = ParseIssues(notes=(("impossible", 1, (9,)),))
    assert format_time(MAX_TIME_MS) in issues.describe()


@pytest.mark.parametrize("text", ["99999:00:00", "596:31:24", "2147484"])
def test_parse_time_refuses_past_the_limit(text: str) -> None:
    with pytest.raises(ValueError, match="past 596:31:23, the longest the reader handles"):
        parse_time(text)


def test_parse_time_takes_the_limit_itself() -> None:
    assert parse_time("596:31:23") == 2_147_483_000
    assert parse_time("2147483.647") == MAX_TIME_MS


WHISPER = """\
[0.00 --> 2.00]  one
[20.00 --> 18.00]  ends before it starts
[10.00 --> 12.00]  out of order
[11.00 --> 12.00]  still before the 20 s cue
[359996400.00 --> 359996401.00]  past the limit
[30.00 --> 31.00]  last
"""


def test_whisper_text_names_each_change() -> None:
    t = parse_text(WHISPER)
    assert [s.text for s in t] == [
        "one",
        "out of order",
        "still before the 20 s cue",
        "ends before it starts",
        "last",
    ]
    assert t[3].start_ms == t[3].end_ms == 20_000  # zero length
    assert all(s.end_ms <= MAX_TIME_MS for s in t)
    assert t.issues.noted("reversed") == (1, (2,))
    assert t.issues.noted("unordered") == (2, (3, 4))
    assert t.issues.noted("impossible") == (1, (5,))
    described = t.issues.describe()
    assert "\n" not in described
    assert "1 cue ended before it started and is shown as zero length (line 2)" in described
    assert "2 cues out of order were sorted into time order (line 3, 4)" in described
    assert "1 line had an impossible time" in described and "(line 5)" in described


PLAIN = """\
[0:01] first
[99999:00:00] a stamp far too large
[-1:00] a negative stamp
[0:05] second
[999:00:00] also too large, but a stamp
[0:03] out of order
"""


def test_plain_text_says_which_stamps_became_text() -> None:
    t = parse_text(PLAIN)
    assert [s.text for s in t] == [
        "first [99999:00:00] a stamp far too large [-1:00] a negative stamp",
        "out of order",
        "second",
    ]
    assert t.issues.noted("merged") == (2, (2, 3))
    assert t.issues.noted("impossible") == (1, (5,))
    assert t.issues.noted("unordered") == (1, (6,))
    assert "2 lines with impossible time stamps were kept as text of the line before" in (
        t.issues.describe()
    )


SRT = """\
1
00:00:05,000 --> 00:00:06,000
second

2
00:00:01,000 --> 00:00:02,000
first

3
00:00:09,000 --> 00:00:08,000
reversed

4
99999:00:00,000 --> 99999:00:01,000
impossible
"""


def test_srt_names_changes_on_either_path() -> None:
    t = parse_text(SRT)
    assert [s.text for s in t] == ["first", "second", "reversed"]
    assert t.issues.noted("unordered") == (1, (6,))
    assert t.issues.noted("reversed") == (1, (10,))
    assert t.issues.noted("impossible") == (1, (14,))
    # The canonical fast path alone (no impossible cue): same notes.
    fast = parse_text(SRT.split("\n4\n")[0])
    assert fast.issues.noted("unordered") == (1, (6,))
    assert fast.issues.noted("reversed") == (1, (10,))


def test_vtt_names_changes() -> None:
    text = (
        "WEBVTT\n\n00:05.000 --> 00:06.000\nsecond\n\n00:01.000 --> 00:02.000\nfirst\n\n"
        "99999:00:00.000 --> 99999:00:01.000\nimpossible\n\n"
        "00:07.000 --> 00:08.000\nkaraoke <99999:00:00.000>word\n"
    )
    t = parse_text(text)
    assert [s.text for s in t] == ["first", "second", "karaoke word"]
    assert t.issues.noted("unordered") == (1, (6,))
    assert t.issues.noted("impossible") == (1, (9,))


def test_whisper_json_names_changes() -> None:
    data = {
        "segments": [
            {"start": 5.0, "end": 6.0, "text": "second"},
            {"start": 1.0, "end": 2.0, "text": "first"},
            {"start": 9.0, "end": 8.0, "text": "reversed"},
            {"start": 359996400.0, "end": 359996401.0, "text": "impossible"},
        ]
    }
    t = parse_text(json.dumps(data, indent=1))
    assert [s.text for s in t] == ["first", "second", "reversed"]
    assert t.issues.noted("unordered")[0] == 1
    assert t.issues.noted("reversed")[0] == 1
    assert t.issues.noted("impossible") == (1, (18,))  # left out, its line named
    assert t.issues.skipped == 0


def test_clean_files_report_nothing(sample_path: Path) -> None:
    from reader.core.formats import load

    assert load(sample_path).issues == ParseIssues()


@pytest.mark.parametrize("command", [["search", "{f}", "order"], ["convert", "{f}", "--to", "srt"]])
def test_cli_warns_once_on_stderr_naming_the_file(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "talk.txt"
    path.write_text(WHISPER, encoding="utf-8")
    assert main([a.format(f=path) for a in command]) == 0
    err = capsys.readouterr().err
    warning = [line for line in err.splitlines() if "warning" in line]
    assert len(warning) == 1
    assert warning[0].startswith(f"transcript-reader: {path}: warning: ")
    assert "(line 2)" in warning[0] and "(line 3, 4)" in warning[0]
