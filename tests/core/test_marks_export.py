"""Marks exported as Markdown, Readwise CSV, Anki TSV and JSON, each read back;
hostile text from transcripts and notes; file names; writing; audio clips."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from reader.core.marks.clips import PAD_MS, clip_name, cut_clip
from reader.core.marks.export import (
    ANKI_COLUMNS,
    FORMATS,
    LOST_NOTE,
    READWISE_COLUMNS,
    SUFFIX,
    file_name,
    is_unchanged_export,
    render,
    spreadsheet_safe,
    write_notes,
)
from reader.core.marks.types import Mark, MarkedDocument

HOSTILE = '=HYPERLINK("x") | # * _ [ ] < > \\ ` ~ $ ^ == %% &amp; 50%'
NOTE = '-2\n# not a heading\n1. not a list\n\n@x\tafter a tab\n+1 "quoted", comma'
TITLE = 'Grok ｜ AI: "the" #1 --- report'
CREATED = 1_700_000_000.0
TODAY = date(2025, 3, 1)

DOC = MarkedDocument(7, Path("/shows/Grok ｜ AI [xDCa0xgymMY].txt"), TITLE, "xDCa0xgymMY", 3)
PLAIN_DOC = MarkedDocument(8, Path("/shows/talk.srt"), "Talk", None, 1)
MARKS = [
    Mark(1, 3, 3, 246_000, 250_500, HOSTILE, NOTE, ("machine learning", "#ai"), None, CREATED),
    Mark(2, 4, 5, 3_723_500, 3_725_000, "+1 first line\nsecond line", created=CREATED + 60),
    Mark(3, 9, 9, 4_000_000, 4_001_000, "@gone", "kept anyway", ("ai",), lost=True),
]


def _unescape_md(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def _front_matter(text: str) -> tuple[dict[str, object], str]:
    """A small YAML reader for what the exporter writes: `key: "json-like string"`,
    bare dates, and a `tags:` block list. Returns the fields and the body."""
    lines = text.split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    fields: dict[str, object] = {}
    key = ""
    for line in lines[1:end]:
        if line.startswith("  - "):
            fields.setdefault(key, [])
            assert isinstance(fields[key], list)
            fields[key].append(json.loads(line[4:]))  # type: ignore[union-attr]
            continue
        key, sep, value = line.partition(": ")
        if not sep:
            key = line.removesuffix(":")
            continue
        fields[key] = json.loads(value) if value.startswith('"') else value
    return fields, "\n".join(lines[end + 1 :])


# Markdown


def test_markdown_front_matter_reads_back() -> None:
    text = render("md", [(DOC, MARKS)], today=TODAY)
    fields, _ = _front_matter(text)
    assert fields["title"] == 'Grok | AI: "the" #1 --- report'  # yt-dlp's ｜ read as |
    assert fields["source"] == "https://youtu.be/xDCa0xgymMY"
    assert fields["transcript"] == str(DOC.path)
    assert fields["exported"] == "2025-03-01"
    assert fields["tags"] == ["machine-learning", "ai"]
    assert text.count("\n---\n") == 1  # the title's `---` stays inside its quotes


def test_markdown_title_with_newline_and_controls_stays_in_front_matter() -> None:
    path = Path('/odd/a: "b"\n---\n\tc\u2028 #d.txt')
    doc = DOC._replace(title='a: b\n---\nc: "d"\x07 #e', path=path)
    fields, body = _front_matter(render("md", [(doc, MARKS[:1])], today=TODAY))
    assert fields["title"] == 'a: b --- c: "d" #e'
    assert fields["transcript"] == str(path)
    head = render("md", [(doc, MARKS[:1])]).split("\n---\n")[0]
    assert head.splitlines() == head.split("\n")  # no U+2028 or other line break bare
    assert body.lstrip().startswith('# a: b --- c: "d" \\#e')


def test_markdown_marks_are_quotes_with_time_links_and_escaped_text() -> None:
    _, body = _front_matter(render("md", [(DOC, MARKS)], today=TODAY))
    quotes = [line for line in body.split("\n") if line.startswith("> ")]
    assert len(quotes) == 3
    first = re.fullmatch(r"> \[(\d\d:\d\d)\]\((\S+)\) (.*)", quotes[0])
    assert first is not None
    assert first.group(1, 2) == ("04:06", "https://youtu.be/xDCa0xgymMY?t=246")
    escaped = first.group(3)
    assert _unescape_md(escaped) == HOSTILE
    # Every special character is escaped: none stands bare.
    assert not re.search(r"(?<!\\)[`*_\[\]<>#|~=%$^&]", re.sub(r"\\.", "", escaped))
    assert quotes[1] == (
        "> [1:02:03](https://youtu.be/xDCa0xgymMY?t=3723) +1 first line second line"
    )
    assert "Source: <https://youtu.be/xDCa0xgymMY>" in body


def test_markdown_note_lines_tags_and_lost_marks() -> None:
    _, body = _front_matter(render("md", [(DOC, MARKS)], today=TODAY))
    blocks = body.split("\n\n")
    at = next(i for i, b in enumerate(blocks) if b.startswith("> [04:06]"))
    note_lines = blocks[at + 1].split("\n")
    assert note_lines == ["\\-2", "\\# not a heading", "1\\. not a list"]
    assert [_unescape_md(line) for line in note_lines] == NOTE.split("\n")[:3]
    assert _unescape_md(blocks[at + 2]) == '@x\tafter a tab\n+1 "quoted", comma'
    assert blocks[at + 2].split("\n")[1].startswith("\\+1")
    assert blocks[at + 3] == "#machine-learning #ai"
    lost = next(i for i, b in enumerate(blocks) if "@gone" in b)
    assert blocks[lost + 1] == f"*{LOST_NOTE}*"
    assert blocks[lost + 2] == "kept anyway"


def test_markdown_without_video_id_has_plain_times_and_the_transcript() -> None:
    text = render("md", [(PLAIN_DOC, MARKS[:1])], today=TODAY)
    fields, body = _front_matter(text)
    assert "source" not in fields
    assert "youtu" not in text
    assert "> [04:06] " in body
    assert "Transcript: /shows/talk.srt" in body


def test_markdown_several_documents_share_one_front_matter() -> None:
    text = render("md", [(DOC, MARKS[:1]), (PLAIN_DOC, MARKS[1:2])], today=TODAY)
    fields, body = _front_matter(text)
    assert fields["title"] == "Notes"
    headings = [line for line in body.split("\n") if line.startswith("# ")]
    assert headings == ['# Grok \\| AI: "the" \\#1 --- report', "# Talk"]
    assert "Transcript: /shows/Grok ｜ AI \\[xDCa0xgymMY\\].txt" in body


def test_an_edited_export_is_told_apart() -> None:
    text = render("md", [(DOC, MARKS)], today=TODAY)
    assert is_unchanged_export(text)
    assert not is_unchanged_export(text.replace("kept anyway", "kept anyway, and more"))
    assert not is_unchanged_export("# my own note\n")


# Readwise CSV


def test_readwise_csv_columns_and_values() -> None:
    rows = list(csv.reader(io.StringIO(render("csv", [(DOC, MARKS)]), newline="")))
    assert rows[0] == list(READWISE_COLUMNS)
    first = dict(zip(READWISE_COLUMNS, rows[1], strict=True))
    assert first["Highlight"] == "'" + HOSTILE
    assert first["Title"] == 'Grok | AI: "the" #1 --- report'
    assert first["Author"] == ""
    assert first["URL"] == "https://youtu.be/xDCa0xgymMY"
    assert first["Note"] == "'" + NOTE  # starts with -2: a formula to a spreadsheet
    assert first["Location"] == "246"
    assert first["Date"] == datetime.fromtimestamp(CREATED).strftime("%Y-%m-%d %H:%M:%S")
    second = dict(zip(READWISE_COLUMNS, rows[2], strict=True))
    assert second["Highlight"] == "'+1 first line second line"
    assert second["Location"] == "3723"
    lost = dict(zip(READWISE_COLUMNS, rows[3], strict=True))
    assert lost["Highlight"] == "'@gone"
    assert lost["Note"] == f"kept anyway\n\n({LOST_NOTE})"
    assert lost["Date"] == ""
    assert len(rows) == 4


def test_readwise_author_when_known() -> None:
    rows = list(csv.reader(io.StringIO(render("csv", [(DOC, MARKS[:1])], authors={7: "@AI"}))))
    assert rows[1][2] == "'@AI"


@pytest.mark.parametrize(
    "cell", ['=HYPERLINK("x")', "+1", "-2", "@x", "\tx", "\rx", "  =1+1", "＝1"]
)
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["", "plain", "1+1", "a=b", "'quoted", "# tag"])
def test_other_cells_are_kept(cell: str) -> None:
    assert spreadsheet_safe(cell) == cell


# Anki


def _anki_read(text: str) -> tuple[dict[str, str], list[list[str]]]:
    lines = text.split("\n")
    meta = {}
    while lines and lines[0].startswith("#"):
        key, _, value = lines.pop(0)[1:].partition(":")
        meta[key] = value
    return meta, list(csv.reader(io.StringIO("\n".join(lines)), delimiter="\t"))


def test_anki_header_and_fields_read_back() -> None:
    doc = DOC._replace(title="# Title\twith tab")
    text = render("anki", [(doc, MARKS)], clips={1: "clip-1.mp3"})
    meta, rows = _anki_read(text)
    assert meta["separator"] == "tab" and meta["html"] == "false"
    columns = meta["columns"].split("\t")
    assert columns == list(ANKI_COLUMNS)
    assert columns[int(meta["tags column"]) - 1] == "Tags"
    assert columns[int(meta["guid column"]) - 1] == "GUID"
    assert len(rows) == 3 and all(len(r) == len(ANKI_COLUMNS) for r in rows)
    first = dict(zip(ANKI_COLUMNS, rows[0], strict=True))
    assert first["Sentence"] == HOSTILE  # not neutralised: Anki runs no formulas
    assert first["Source"] == "# Title with tab [04:06] https://youtu.be/xDCa0xgymMY?t=246"
    assert first["Time"] == "04:06"
    assert first["Note"] == NOTE  # its tab and line breaks survive inside quotes
    assert first["Audio"] == "[sound:clip-1.mp3]"
    assert first["Tags"] == "machine-learning ai"
    assert len({r[-1] for r in rows}) == 3  # one GUID per mark
    assert dict(zip(ANKI_COLUMNS, rows[1], strict=True))["Audio"] == ""
    assert rows[2][3] == f"kept anyway\n({LOST_NOTE})"
    # No record starts with `#`, which Anki would skip as a comment: each starts quoted.
    body = "\n".join(text.split("\n")[len(meta) :])
    assert _record_starts(body) == ['"'] * 3


def _record_starts(body: str) -> list[str]:
    """The first character of each record (line breaks inside quotes do not end one)."""
    starts, quoted, at_start = [], False, True
    for ch in body:
        if at_start:
            starts.append(ch)
            at_start = False
        if ch == '"':
            quoted = not quoted
        elif ch == "\n" and not quoted:
            at_start = True
    return starts


def test_anki_sentence_starting_with_hash_is_not_a_comment() -> None:
    mark = MARKS[0]._replace(text="#1 hit")
    _, rows = _anki_read(render("anki", [(PLAIN_DOC, [mark])]))
    assert rows[0][0] == "#1 hit"
    assert rows[0][1] == "Talk [04:06]"


# JSON


def test_json_reads_back() -> None:
    data = json.loads(render("json", [(DOC, MARKS), (PLAIN_DOC, MARKS[:1])], clips={2: "c.mp3"}))
    assert [d["title"] for d in data] == ['Grok | AI: "the" #1 --- report', "Talk"]
    first = data[0]
    assert first["path"] == str(DOC.path) and first["video_id"] == "xDCa0xgymMY"
    assert first["url"] == "https://youtu.be/xDCa0xgymMY"
    marks = first["marks"]
    assert [(m["start"], m["end"]) for m in marks] == [
        (246.0, 250.5),
        (3723.5, 3725.0),
        (4000, 4001),
    ]
    assert marks[0]["text"] == HOSTILE and marks[0]["note"] == NOTE
    assert marks[0]["tags"] == ["machine learning", "#ai"]
    assert datetime.fromisoformat(marks[0]["created"]).timestamp() == CREATED
    assert marks[0]["url"] == "https://youtu.be/xDCa0xgymMY?t=246"
    assert [m["lost"] for m in marks] == [False, False, True]
    assert marks[2]["created"] is None
    assert marks[1]["clip"] == "c.mp3" and "clip" not in marks[0]
    assert data[1]["url"] is None and data[1]["marks"][0]["url"] is None


def test_json_keeps_a_file_name_that_is_not_utf8() -> None:
    odd = os.fsdecode(b"/shows/caf\xe9.srt")
    text = render("json", [(PLAIN_DOC._replace(path=Path(odd)), MARKS[:1])])
    text.encode("utf-8")
    assert json.loads(text)[0]["path"] == odd
    render("md", [(PLAIN_DOC._replace(path=Path(odd), title=""), MARKS[:1])]).encode("utf-8")


def test_every_format_renders_and_has_a_suffix() -> None:
    for fmt in FORMATS:
        assert render(fmt, [(DOC, MARKS)]).endswith("\n")
        assert SUFFIX[fmt].startswith(".")
    with pytest.raises(ValueError, match="unknown notes format"):
        render("docx", [(DOC, MARKS)])


# File names and writing

_UNSAFE = re.compile(r'[<>:"/\\|?*#^\[\]\x00-\x1f]')


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Grok ｜ AI Report", "Grok - AI Report.md"),
        ("A | B: C?", "A - B - C.md"),
        ("at 12:30 ⧸ part 2", "at 12-30 - part 2.md"),
        ('Say "hi" <now> [live] #3 *^', "Say 'hi' (now) (live) 3.md"),
        ("CON", "CON_.md"),
        ("...", "notes.md"),
        ("..hidden.", "hidden.md"),
    ],
)
def test_file_names(title: str, expected: str) -> None:
    assert file_name(DOC._replace(title=title), "md") == expected


def test_file_names_are_safe_and_short() -> None:
    for title in [TITLE, "a/b\\c\x00d\ne", "x" * 400, "é" * 300, HOSTILE]:
        for fmt in FORMATS:
            name = file_name(DOC._replace(title=title), fmt)
            assert not _UNSAFE.search(name), name
            assert name.endswith(SUFFIX[fmt])
            assert len(name.encode("utf-8")) <= 200
            assert name == name.strip() and not name.startswith(".")
    assert file_name(PLAIN_DOC._replace(title=""), "csv") == "talk.srt.csv"


def test_write_one_file_per_document(tmp_path: Path) -> None:
    twin = DOC._replace(id=9)
    items = [(DOC, MARKS[:1]), (twin, MARKS[1:2]), (PLAIN_DOC, MARKS[2:])]
    written = write_notes("md", items, tmp_path, per_document=True)
    names = sorted(p.name for p in written.paths)
    assert names == sorted(
        ["Grok - AI - 'the' 1 --- report.md", "Grok - AI - 'the' 1 --- report (2).md", "Talk.md"]
    )
    assert written.kept == []
    assert "1:02:03" in (tmp_path / "Grok - AI - 'the' 1 --- report (2).md").read_text()
    # Exported again with a new note: an unchanged export is replaced.
    changed = [(DOC, [MARKS[0]._replace(note="new thought")]), *items[1:]]
    again = write_notes("md", changed, tmp_path, per_document=True)
    assert len(again.paths) == 3
    first = tmp_path / "Grok - AI - 'the' 1 --- report.md"
    assert "new thought" in first.read_text()


def test_an_edited_or_foreign_file_is_kept(tmp_path: Path) -> None:
    write_notes("md", [(DOC, MARKS)], tmp_path, per_document=True)
    exported = tmp_path / file_name(DOC, "md")
    edited = exported.read_text(encoding="utf-8") + "\nMy own thoughts.\n"
    exported.write_text(edited, encoding="utf-8")
    mine = tmp_path / "Talk.md"
    mine.write_text("# Talk\n\nmy notes\n", encoding="utf-8")
    written = write_notes("md", [(DOC, MARKS), (PLAIN_DOC, MARKS)], tmp_path, per_document=True)
    assert written.paths == [] and written.kept == [exported, mine]
    assert exported.read_text(encoding="utf-8") == edited
    assert mine.read_text(encoding="utf-8") == "# Talk\n\nmy notes\n"


def test_write_one_file_and_a_missing_folder(tmp_path: Path) -> None:
    out = tmp_path / "notes.csv"
    out.write_text("old", encoding="utf-8")
    assert write_notes("csv", [(DOC, MARKS)], out, per_document=False).paths == [out]
    assert out.read_text(encoding="utf-8").startswith("Highlight,Title,")
    with pytest.raises(FileNotFoundError):
        write_notes("json", [(DOC, MARKS)], tmp_path / "no" / "x.json", per_document=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.csv"]  # no temporary left


# Audio clips

needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg not installed")


def _seconds(path: Path) -> float:
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return float(probe.stdout)


@pytest.fixture
def tone(tmp_path: Path) -> Path:
    path = tmp_path / "rec: a ｜ b.opus"  # a colon ffmpeg must not take for a protocol
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
         "sine=frequency=440:duration=6", "-c:a", "libopus", str(path)],
        check=True, timeout=60,
    )  # fmt: skip
    return path


@needs_ffmpeg
def test_cut_clip_from_a_real_recording(tone: Path, tmp_path: Path) -> None:
    out = tmp_path / "clips" / "a.mp3"
    out.parent.mkdir()
    problems: list[str] = []
    assert cut_clip(tone, 2000, 3500, out, problems=problems) == out
    assert problems == []
    assert _seconds(out) == pytest.approx((1500 + 2 * PAD_MS) / 1000, abs=0.08)
    assert [p.name for p in out.parent.iterdir()] == ["a.mp3"]


@needs_ffmpeg
def test_cut_clip_failures_say_why(tone: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.mp4"
    junk.write_text("not media", encoding="utf-8")
    problems: list[str] = []
    assert cut_clip(junk, 0, 1000, tmp_path / "b.mp3", problems=problems) is None
    assert len(problems) == 1 and problems[0].startswith("ffmpeg could not cut junk.mp4: ")
    assert cut_clip(tone, 0, 1000, tmp_path / "missing" / "c.mp3", problems=problems) is None
    assert len(problems) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.mp4", tone.name]


def test_cut_clip_without_ffmpeg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    problems: list[str] = []
    assert cut_clip(tmp_path / "x.wav", 0, 1000, tmp_path / "x.mp3", problems=problems) is None
    assert problems == ["ffmpeg is not installed, so no audio clips were cut"]
    assert cut_clip(tmp_path / "x.wav", 0, 1000, tmp_path / "x.mp3") is None


def test_clip_names_are_plain_and_stable() -> None:
    assert clip_name(DOC, MARKS[0]) == "xDCa0xgymMY-00246-1.mp3"
    name = clip_name(PLAIN_DOC._replace(title="Café ｜ Ünïcode: 日本"), MARKS[1])
    assert name == "Cafe-Unicode-03723-2.mp3"
    assert clip_name(PLAIN_DOC._replace(title="日本"), MARKS[1]) == "transcript-03723-2.mp3"
