"""The marks store on real SQLite files in tmp_path, with real transcripts."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core import export
from reader.core.formats import load, parse_text
from reader.core.marks import Mark, MarksError, MarksStore
from reader.core.marks import db as marks_db
from reader.core.model import Transcript

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_75b06cd9797ac295.txt"
SRT = ROOT / "tests" / "data" / "formats" / "sample.srt"


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Nothing here may touch the user's own data folder."""
    data = tmp_path / "data"
    monkeypatch.setenv("TRANSCRIPT_READER_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return data


@pytest.fixture
def store(own_data_dir: Path) -> MarksStore:
    s = MarksStore()
    yield s  # type: ignore[misc]
    s.close()


@pytest.fixture(scope="module")
def seed() -> Transcript:
    return load(SEED)


def whisper(path: Path, lines: list[tuple[float, str]]) -> Path:
    """A Whisper-format transcript of (start seconds, text) lines, each 2 s long."""
    body = "".join(f"[{at:.2f} --> {at + 2:.2f}]  {text}\n" for at, text in lines)
    path.write_text(body, encoding="utf-8")
    return path


# -- the basics -----------------------------------------------------------------------------


def test_the_store_is_opened_on_first_use_in_the_data_folder(
    own_data_dir: Path, seed: Transcript
) -> None:
    store = MarksStore()
    assert store.path == own_data_dir / "marks.sqlite"
    assert not own_data_dir.exists()  # constructing touches no disk
    doc = store.attach(SEED, seed).doc
    assert (own_data_dir / "marks.sqlite").is_file()
    mode = sqlite3.connect(own_data_dir / "marks.sqlite").execute("PRAGMA journal_mode").fetchone()
    assert mode == ("wal",)
    assert store.document(doc) is not None and store.take_warnings() == []
    store.close()


def test_importing_the_package_loads_neither_rapidfuzz_nor_sqlite() -> None:
    code = (
        "import sys, reader.core.marks; print('rapidfuzz' in sys.modules, 'sqlite3' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_add_update_remove_restore(store: MarksStore, seed: Transcript) -> None:
    attached = store.attach(SEED, seed)
    assert (attached.moved, attached.lost) == (0, 0)
    doc = attached.doc
    lines = store.add(
        doc, seed, 4, 6, note="Grok 3 nieuws", tags=[" ai ", "AI", "", "groq  nieuws"]
    )
    s = seed.segments
    assert lines.text == " ".join(x.text for x in s[4:7])
    assert (lines.start_ms, lines.end_ms) == (s[4].start_ms, s[6].end_ms)
    assert lines.tags == ("ai", "groq nieuws") and lines.chars is None and not lines.lost
    assert lines.created == lines.updated > 0
    words = store.add(doc, seed, 2, 2, chars=(9, 16))
    assert words.text == s[2].text[9:16] == "ondanks" and words.chars == (9, 16)
    assert store.marks(doc) == [words, lines]  # time order

    changed = store.update(lines.id, note="Over Grok", tags=["xai"])
    assert changed is not None and (changed.note, changed.tags) == ("Over Grok", ("xai",))
    assert changed.updated >= lines.updated and changed.created == lines.created
    assert store.update(lines.id, tags=["a"]).note == "Over Grok"  # type: ignore[union-attr]
    gone = store.remove(lines.id)
    assert gone is not None and gone.tags == ("a",)
    assert store.remove(lines.id) is None and store.update(lines.id, note="x") is None
    assert store.marks(doc) == [words]
    back = store.restore(doc, gone)
    assert back == gone and store.marks(doc) == [words, gone]  # same id, note, tags, times
    assert store.search("over grok")[0].mark == gone


def test_bad_arguments_are_value_errors(store: MarksStore, seed: Transcript) -> None:
    doc = store.attach(SEED, seed).doc
    n = len(seed.segments)
    for first, last in ((-1, 0), (0, n), (5, 4), (n, n)):
        with pytest.raises(ValueError):
            store.add(doc, seed, first, last)
    length = len(seed.segments[3].text)
    for chars in ((5, 5), (6, 5), (-1, 3), (0, length + 1)):
        with pytest.raises(ValueError):
            store.add(doc, seed, 3, 3, chars=chars)
    with pytest.raises(ValueError, match="one line"):
        store.add(doc, seed, 3, 4, chars=(0, 2))
    with pytest.raises(ValueError, match="no document"):
        store.add(doc + 1, seed, 3, 3)
    with pytest.raises(ValueError):
        store.add(doc, seed, 3, 3, tags="one tag")
    with pytest.raises(ValueError):
        store.restore(doc + 1, Mark(1, 0, 0, 0, 1, "x"))
    assert store.marks(doc) == []  # nothing half-written


def test_marks_persist_in_a_new_store_and_list_by_document(
    own_data_dir: Path, seed: Transcript, tmp_path: Path
) -> None:
    first = MarksStore()
    doc = first.attach(SEED, seed).doc
    made = [first.add(doc, seed, i, i, note=f"note {i}") for i in (30, 10, 20)]
    other_path = whisper(
        tmp_path / "Aflevering twee [dQw4w9WgXcQ].txt", [(0, "Hallo daar."), (3, "Tot ziens.")]
    )
    other = load(other_path)
    other_doc = first.attach(other_path, other).doc
    first.add(other_doc, other, 1, 1)
    first.close()

    again = MarksStore()
    assert again.marks(doc) == sorted(made, key=lambda m: m.start_ms)
    listed = {d.id: d for d in again.documents()}
    assert listed[doc].marks == 3 and listed[doc].video_id == "xDCa0xgymMY"
    assert listed[doc].title.startswith("Grok-3 daagt OpenAI uit") and listed[doc].path == SEED
    assert (listed[other_doc].title, listed[other_doc].video_id) == (
        "Aflevering twee",
        "dQw4w9WgXcQ",
    )
    assert [d.title for d in again.documents()] == ["Aflevering twee", listed[doc].title]
    fresh = again.attach(tmp_path / "empty.txt", Transcript(()))
    assert again.document(fresh.doc) is not None and fresh.doc not in {
        d.id for d in again.documents()
    }
    again.close()


# -- the same transcript elsewhere ----------------------------------------------------------


def test_a_moved_and_renamed_file_keeps_its_marks(store: MarksStore, tmp_path: Path) -> None:
    original = tmp_path / "a" / "talk.txt"
    original.parent.mkdir()
    shutil.copy(SEED, original)
    first = load(original)
    doc = store.attach(original, first).doc
    kept = store.add(doc, first, 100, 101, note="hier")
    moved = tmp_path / "b" / "renamed talk.txt"
    moved.parent.mkdir()
    shutil.move(original, moved)
    attached = store.attach(moved, load(moved))
    assert attached.doc == doc and store.marks(doc) == [kept]
    assert store.document(doc).path == moved  # type: ignore[union-attr]


def test_the_same_transcript_in_another_format_or_from_stdin_keeps_its_marks(
    store: MarksStore, tmp_path: Path
) -> None:
    srt = tmp_path / "talk.srt"
    shutil.copy(SRT, srt)
    as_srt = load(srt)
    doc = store.attach(srt, as_srt).doc
    kept = store.add(doc, as_srt, 1, 1, note="n")
    vtt = tmp_path / "elsewhere.vtt"
    vtt.write_text(export.to_vtt(as_srt), encoding="utf-8")
    as_vtt = load(vtt)
    assert as_vtt.format_name != as_srt.format_name
    assert store.attach(vtt, as_vtt).doc == doc
    piped = parse_text(srt.read_text(encoding="utf-8"))
    assert store.attach(Path("-"), piped).doc == doc
    assert store.document(doc).path == vtt  # type: ignore[union-attr]  # stdin names no file
    assert store.marks(doc) == [kept]


def test_an_edited_file_has_its_marks_placed_again_and_lost_ones_kept(
    store: MarksStore, seed: Transcript, tmp_path: Path
) -> None:
    lines = [(s.start_ms / 1000, s.text) for s in seed.segments[:60]]
    path = whisper(tmp_path / "talk.txt", lines)
    before = load(path)
    doc = store.attach(path, before).doc
    m10 = store.add(doc, before, 10, 10, note="tien")
    m20 = store.add(doc, before, 20, 21)
    m30 = store.add(doc, before, 30, 30, chars=(3, 20))  # zit die in Japan?
    m40 = store.add(doc, before, 40, 40)
    # Re-transcribed: two lines in front (everything 6 s later), line 30 begun
    # differently, line 40 gone.
    edited = [(0.0, "Een nieuw begin."), (3.0, "Nog een nieuwe regel.")]
    edited += [(at + 6, text) for at, text in lines if text != lines[40][1]]
    assert edited[32][1] == "Of zit die in Japan?"
    edited[32] = (edited[32][0], "Nou, of zit die in Japan?")
    whisper(path, edited)
    after = load(path)
    attached = store.attach(path, after)
    assert (attached.doc, attached.moved, attached.lost) == (doc, 3, 1)
    by_id = {m.id: m for m in store.marks(doc)}
    assert (by_id[m10.id].first, by_id[m10.id].note) == (12, "tien")
    assert by_id[m10.id].start_ms == m10.start_ms + 6000
    assert (by_id[m20.id].first, by_id[m20.id].last) == (22, 23)
    placed = by_id[m30.id]
    assert placed.first == 32 and not placed.lost
    a, b = placed.chars or (0, 0)
    assert (a, b) == (8, 25)  # the same words, found in the line
    assert by_id[m40.id] == m40._replace(lost=True)  # kept with its old place
    # Opening the same text again changes nothing; the line coming back finds it.
    assert store.attach(path, after) == (doc, 0, 0)
    edited.insert(42, (lines[40][0] + 6, lines[40][1]))
    whisper(path, edited)
    back = store.attach(path, load(path))
    assert (back.moved, back.lost) == (1, 0)
    assert {m.id: (m.first, m.lost) for m in store.marks(doc)}[m40.id] == (42, False)


def test_a_mark_added_on_an_older_text_is_placed_when_the_new_one_is_opened(
    store: MarksStore, tmp_path: Path
) -> None:
    lines = [(i * 3.0, f"Zin {i} over iets heel anders dan de rest, deel {i}.") for i in range(20)]
    path = whisper(tmp_path / "talk.txt", lines)
    old = load(path)
    doc = store.attach(path, old).doc
    whisper(path, [(0.0, "Ingevoegd.")] + [(at + 3, t) for at, t in lines])
    new = load(path)
    assert store.attach(path, new).doc == doc
    stale = store.add(doc, old, 5, 5)  # a window still showing the old text
    assert store.attach(path, new) == (doc, 1, 0)
    assert [m.first for m in store.marks(doc) if m.id == stale.id] == [6]


def test_another_recording_under_the_same_file_name_is_another_document(
    store: MarksStore, tmp_path: Path
) -> None:
    path = tmp_path / "episode.txt"
    path.write_text("Youtube video code: aaaaaaaaaaa\n\n[0.00 --> 2.00]  Een.\n", encoding="utf-8")
    first = store.attach(path, load(path)).doc
    store.add(first, load(path), 0, 0)
    path.write_text("Youtube video code: bbbbbbbbbbb\n\n[0.00 --> 2.00]  Twee.\n", encoding="utf-8")
    assert store.attach(path, load(path)).doc != first
    assert store.marks(first)[0].lost is False


# -- search ---------------------------------------------------------------------------------


def test_search_folds_case_and_accents_and_takes_words_in_any_order(
    store: MarksStore, seed: Transcript
) -> None:
    doc = store.attach(SEED, seed).doc
    cafe = store.add(doc, seed, 1, 1, note="Gesprek in het Café", tags=["Übersicht"])
    grok = store.add(doc, seed, 4, 4)  # "… Grok 3 van Elon Musk …"
    store.add(doc, seed, 9, 9, note="iets anders")
    assert [h.mark.id for h in store.search("cafe")] == [cafe.id]
    assert [h.mark.id for h in store.search("CAFÉ gesprek")] == [cafe.id]
    assert [h.mark.id for h in store.search("ubersicht")] == [cafe.id]  # tags
    assert [h.mark.id for h in store.search("musk grok")] == [grok.id]  # marked text
    assert store.search("grok cafe") == [] and store.search("  ") == []
    later = store.add(doc, seed, 12, 12, note="Ook over Grok")
    hits = store.search("grok")
    assert [h.mark.id for h in hits] == [later.id, grok.id]  # newest first
    assert hits[0].document.id == doc and hits[0].document.marks == 4
    assert len(store.search("grok", limit=1)) == 1


# -- two writers ----------------------------------------------------------------------------

WRITER = """
import sys
from pathlib import Path
from reader.core.formats import load
from reader.core.marks import MarksStore
store = MarksStore(Path(sys.argv[1]))
transcript = load(sys.argv[2])
doc = store.attach(Path(sys.argv[2]), transcript).doc
print("ready", flush=True)
sys.stdin.readline()  # all start writing together
for i in range(100):
    store.add(doc, transcript, i, i, note=f"{sys.argv[3]}-{i}")
store.close()
print("done", flush=True)
"""


def test_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared" / "marks.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(SEED), f"w{n}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(4)
    ]
    for w in writers:
        assert w.stdout is not None and w.stdout.readline().strip() == "ready"
    for w in writers:
        assert w.stdin is not None
        w.stdin.write("go\n")
        w.stdin.flush()
    for w in writers:
        out, _ = w.communicate(timeout=120)
        assert w.returncode == 0 and out.strip() == "done"
    store = MarksStore(path)
    (doc,) = store.documents()
    notes = sorted(m.note for m in store.marks(doc.id))
    assert doc.marks == 400
    assert notes == sorted(f"w{n}-{i}" for n in range(4) for i in range(100))
    store.close()


# -- trouble --------------------------------------------------------------------------------


def aside_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".corrupt-" in p.name)


def test_a_garbage_file_is_kept_aside_and_said_and_a_new_store_works(
    own_data_dir: Path, seed: Transcript
) -> None:
    own_data_dir.mkdir()
    path = own_data_dir / "marks.sqlite"
    garbage = b"this is not a database at all\x00\x01" * 200
    path.write_bytes(garbage)
    store = MarksStore()
    doc = store.attach(SEED, seed).doc
    (aside,) = aside_files(own_data_dir)
    assert aside.read_bytes() == garbage  # kept as it was
    (warning,) = store.take_warnings()
    assert str(path) in warning and str(aside) in warning and "\n" not in warning
    assert "could not be recovered" in warning or "Nothing could be recovered" in warning
    assert store.take_warnings() == []
    mark = store.add(doc, seed, 1, 1)
    store.close()
    assert MarksStore().marks(doc) == [mark]


def damaged_store(path: Path, seed: Transcript, marks: int) -> tuple[int, list[Mark]]:
    store = MarksStore(path)
    doc = store.attach(SEED, seed).doc
    made = [
        store.add(doc, seed, i, i, note=f"note {i} " + "x" * 200, tags=["t"]) for i in range(marks)
    ]
    store.close()  # the last connection checkpoints and removes the WAL
    assert not Path(f"{path}-wal").exists()
    return doc, made


def test_a_store_of_another_version_is_kept_aside_and_its_marks_recovered(
    own_data_dir: Path, seed: Transcript
) -> None:
    path = own_data_dir / "marks.sqlite"
    doc, made = damaged_store(path, seed, 5)
    with sqlite3.connect(path) as con:
        con.execute("UPDATE meta SET value = 99 WHERE key = 'version'")
    con.close()
    store = MarksStore()
    assert store.marks(doc) == made
    (warning,) = store.take_warnings()
    assert "another version, 99" in warning and "Recovered 5 marks of 1 transcript" in warning
    assert aside_files(own_data_dir)
    assert store.attach(SEED, seed).doc == doc  # found by its content as before
    store.close()


def test_a_damaged_table_loses_only_what_cannot_be_read(
    own_data_dir: Path, seed: Transcript
) -> None:
    path = own_data_dir / "marks.sqlite"
    doc, made = damaged_store(path, seed, 300)
    with sqlite3.connect(path) as con:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        docs_root = con.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'docs'"
        ).fetchone()[0]
        # A leaf page of the marks table in the middle of it.
        leaves = [
            p
            for (p,) in con.execute(
                "SELECT pageno FROM dbstat WHERE name = 'marks' AND pagetype = 'leaf'"
                " ORDER BY pageno"
            )
        ]
    con.close()
    with path.open("r+b") as f:
        for page in (docs_root, leaves[len(leaves) // 2]):
            f.seek((page - 1) * page_size)
            f.write(b"\xde\xad" * (page_size // 2))
    store = MarksStore()
    # The document row is gone, but its marks know their content: opening it finds them.
    attached = store.attach(SEED, seed)
    (warning,) = store.take_warnings()
    assert "could not be used" in warning and "Recovered" in warning
    recovered = store.marks(attached.doc)
    assert attached.doc == doc and 0 < len(recovered) < len(made)
    assert f"Recovered {len(recovered)} marks" in warning
    assert set(recovered) <= set(made)
    store.close()


def test_a_locked_store_is_an_error_not_damage(
    own_data_dir: Path, seed: Transcript, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = own_data_dir / "marks.sqlite"
    doc, made = damaged_store(path, seed, 1)
    monkeypatch.setattr(marks_db, "BUSY_MS", 100)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    store = MarksStore()
    with pytest.raises(MarksError, match="locked") as caught:
        store.add(doc, seed, 2, 2)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)
    holder.execute("ROLLBACK")
    holder.close()
    assert (
        store.marks(doc) == made and store.take_warnings() == [] and not aside_files(own_data_dir)
    )
    store.close()


def test_an_unusable_folder_is_one_error_naming_the_store(tmp_path: Path, seed: Transcript) -> None:
    blocker = tmp_path / "not a folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    store = MarksStore(blocker / "marks.sqlite")
    with pytest.raises(MarksError) as caught:
        store.attach(SEED, seed)
    message = str(caught.value)
    assert str(blocker / "marks.sqlite") in message and "\n" not in message
    assert blocker.read_text(encoding="utf-8").startswith("a file")
