"""The library on real SQLite files and real transcripts in tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.search_once import search_once

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "data" / "formats"
SEED = ROOT / "seeds" / "000_75b06cd9797ac295.txt"


def whisper(path: Path, lines: list[str], title: str | None = None) -> Path:
    head = f"Video title: {title}\n\n" if title else ""
    body = "".join(f"[{2 * i}.00 --> {2 * i + 1.5:.2f}]  {text}\n" for i, text in enumerate(lines))
    path.write_text(head + body, encoding="utf-8")
    return path


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "index" / "library.sqlite3")
    (tmp_path / "shows").mkdir()
    lib.add_folder(tmp_path / "shows")
    yield lib  # type: ignore[misc]
    lib.close()


def test_every_format_is_indexed_and_bad_files_are_listed(tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    shutil.copytree(FORMATS, shows)
    (shows / "deeper").mkdir()
    (shows / "deeper" / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (shows / "deeper" / "notes.txt").write_text("just words, no times\n", encoding="utf-8")
    (shows / "talk.opus").write_bytes(b"OggS not read at all")
    (shows / "talk.info.json").write_text("{}", encoding="utf-8")
    with Library(tmp_path / "lib.sqlite3") as lib:
        lib.add_folder(shows)
        report = lib.scan()
        names = {e.path.name for e in lib.episodes()}
        assert names == {p.name for p in FORMATS.iterdir()}
        assert report.added == len(names) and report.problems == tuple(lib.problems())
        reasons = {p.path.name: p.reason for p in lib.problems()}
        assert reasons == {
            "binary.txt": "looks like a binary file, not a text transcript",
            "notes.txt": "line 1: not a transcript format this reader knows",
        }
        # Each format's lines are searchable (the SRT sample's second cue, say).
        for episode in lib.episodes():
            assert episode.lines > 0 and episode.duration_ms > 0
        again = lib.scan()
        assert (again.added, again.unchanged, len(again.problems)) == (0, len(names), 2)


def test_episode_fields_title_id_date_media(library: Library, tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    name = "Grok-3 daagt OpenAI uit ｜ AI Report [xDCa0xgymMY]"
    shutil.copy(SEED, shows / f"{name}.wav.txt")
    (shows / f"{name}.wav").write_bytes(b"RIFF")
    whisper(shows / "Vraag？ Antwoord： ja ⧸ nee.txt", ["hallo"])
    library.scan()
    by_name = {e.path.name: e for e in library.episodes()}
    seed = by_name[f"{name}.wav.txt"]
    assert seed.title.endswith("(Groq) | AI Report")  # the header's title, "｜" shown as "|"
    assert seed.video_id == "xDCa0xgymMY"
    assert seed.date is not None and seed.date.year == 2025
    assert seed.media == shows / f"{name}.wav"
    assert seed.lines == 2233 and seed.duration_ms == 6_781_500
    plain = by_name["Vraag？ Antwoord： ja ⧸ nee.txt"]
    assert (plain.title, plain.media) == ("Vraag? Antwoord: ja / nee", None)
    assert library.episode(shows / "Vraag？ Antwoord： ja ⧸ nee.txt") == plain
    assert library.episode(shows / "missing.txt") is None


def test_added_changed_renamed_deleted(library: Library, tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    a = whisper(shows / "a.txt", ["the walrus speaks", "of many things"])
    b = whisper(shows / "b.txt", ["cabbages and kings"])
    c = whisper(shows / "c.txt", ["why the sea is boiling hot"])
    assert library.scan()[:5] == (3, 0, 0, 0, 0)
    ids = {e.path.name: e.id for e in library.episodes()}

    whisper(a, ["the carpenter speaks", "of many things", "and more"])
    os.utime(a, ns=(1, 1))  # a different mtime even on a coarse clock
    b.rename(shows / "b moved.txt")
    c.unlink()
    whisper(shows / "d.txt", ["whether pigs have wings"])
    report = library.scan()
    assert report[:5] == (1, 1, 1, 1, 0)
    episodes = {e.path.name: e for e in library.episodes()}
    assert set(episodes) == {"a.txt", "b moved.txt", "d.txt"}
    assert episodes["b moved.txt"].id == ids["b.txt"]  # renamed: same id
    assert episodes["a.txt"].lines == 3 and episodes["a.txt"].id == ids["a.txt"]
    assert library.search("walrus") == []
    assert [h.episode.path.name for h in library.search("carpenter")] == ["a.txt"]
    assert [h.episode.path.name for h in library.search("cabbages")] == ["b moved.txt"]
    assert library.search("boiling") == []
    assert "walrus" not in library.vocabulary() and "carpenter" in library.vocabulary()

    # Touched but the same content: only the times are taken, nothing is read again.
    os.utime(shows / "d.txt", ns=(2, 2))
    assert library.scan()[:5] == (0, 0, 0, 0, 3)


def test_a_file_that_goes_bad_becomes_a_problem_and_comes_back(
    library: Library, tmp_path: Path
) -> None:
    f = whisper(tmp_path / "shows" / "a.txt", ["first version"])
    library.scan()
    f.write_text("no times at all\n", encoding="utf-8")
    report = library.scan()
    assert [p.path for p in report.problems] == [f]
    assert library.episodes() == [] and library.search("first") == []
    whisper(f, ["second version"])
    assert library.scan().changed + library.scan().added <= 1
    assert library.problems() == [] and [e.path for e in library.episodes()] == [f]


def test_zwarteveen_family_is_found(library: Library, tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    spellings = ["Zwarteveen", "Zwartefeen", "Swarteveen", "zwarte veen", "Zwartevein"]
    for n, spelling in enumerate(spellings):
        whisper(
            shows / f"episode {n}.txt",
            ["welkom bij de podcast", f"vandaag te gast is {spelling} uit Utrecht", "tot ziens"],
        )
    whisper(shows / "other.txt", ["een zwarte kat in het veen"])
    library.scan()
    hits = library.search("Zwarteveen")
    found = {h.episode.path.name: h for h in hits}
    assert set(found) == {f"episode {n}.txt" for n in range(5)}
    for n, spelling in enumerate(spellings):
        line = found[f"episode {n}.txt"].best[0]
        assert line.index == 1 and (line.start_ms, line.end_ms) == (2000, 3500)
        marked = " ".join(line.text[a:b] for a, b in line.spans)
        assert marked == spelling
    assert hits[0].episode.path.name == "episode 0.txt"  # the exact spelling ranks first
    assert [h.best[0].score for h in hits] == sorted((h.best[0].score for h in hits), reverse=True)


def test_grouped_counted_and_scored_as_in_file_search(library: Library, tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "shows" / "seed.txt")
    whisper(tmp_path / "shows" / "small.txt", ["Grok en Groq", "niets", "grok grok"])
    library.scan()
    texts = [s.text for s in _load(SEED)]
    for query in ("groq", "rick lamers", "open ai", '"open ai"', "claude", "de"):
        hits = {h.episode.path.name: h for h in library.search(query, lines_per_episode=5)}
        expected = search_once(texts, query)
        seed = hits["seed.txt"]
        assert seed.count == len(expected), query
        assert [(b.index, b.score, b.spans) for b in seed.best] == [
            (h.index, h.score, h.spans) for h in expected[:5]
        ], query
        assert all(b.text == texts[b.index] for b in seed.best)
    small = {h.episode.path.name: h for h in library.search("grok")}["small.txt"]
    assert small.count == 2 and [b.index for b in small.best] == [0, 2]
    assert len(library.search("de", episodes=1)) == 1


def test_exact_mode_and_quotes(library: Library, tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    whisper(shows / "a.txt", ["we spoke with OpenAI", "open ai is here", "reopen air"])
    library.scan()
    fuzzy = library.search("open ai")[0]
    assert fuzzy.count == 3
    for hits in (library.search("open ai", exact=True), library.search('"open ai"')):
        (episode,) = hits
        assert episode.count == 2
        assert [(b.index, b.spans) for b in episode.best] == [(1, ((0, 7),)), (2, ((2, 9),))]
    assert library.search('"penai"')[0].best[0].spans == ((15, 20),)  # inside a word
    assert library.search('"open xyz"') == []
    assert library.search("   ") == [] and library.search('""') == []


def test_symbols_and_accents(library: Library, tmp_path: Path) -> None:
    whisper(tmp_path / "shows" / "a.txt", ["Café Zürich", "50% off!", "naïve CAFE"])
    library.scan()
    assert library.search("cafe")[0].count == 2
    assert library.search("zurich")[0].best[0].spans == ((5, 11),)
    assert library.search("%")[0].best[0].index == 1
    assert library.search('"50%"')[0].count == 1


def test_cancel_stops_a_search(library: Library, tmp_path: Path) -> None:
    whisper(tmp_path / "shows" / "a.txt", ["grok"])
    polls: list[int] = []
    library.scan(cancel=lambda: True)
    assert library.episodes() == []  # cancelled before the first file
    library.scan()

    def cancel() -> bool:
        polls.append(1)
        return True

    assert library.search("grok", cancel=cancel) == [] and polls
    assert library.search("grok") != []


def test_progress_counts_files_read(library: Library, tmp_path: Path) -> None:
    for n in range(3):
        whisper(tmp_path / "shows" / f"{n}.txt", [f"line {n}"])
    seen: list[tuple[int, int]] = []
    library.scan(progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_folders_added_removed_and_reindexed(library: Library, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    whisper(other / "x.txt", ["elsewhere"])
    whisper(tmp_path / "shows" / "y.txt", ["here"])
    library.add_folder(other)
    library.add_folder(other)
    assert library.folders() == sorted([other, tmp_path / "shows"])
    assert library.scan().added == 2
    library.remove_folder(other)
    assert library.scan().removed == 1
    assert [e.path.name for e in library.episodes()] == ["y.txt"]
    assert library.reindex()[:2] == (0, 1)


def test_a_missing_folder_keeps_its_episodes(library: Library, tmp_path: Path) -> None:
    gone = tmp_path / "usb"
    gone.mkdir()
    whisper(gone / "x.txt", ["unplugged"])
    library.add_folder(gone)
    library.scan()
    gone.rename(tmp_path / "unplugged")
    report = library.scan()
    assert report.removed == 0 and [p.path for p in report.problems] == [gone]
    assert [e.path.name for e in library.episodes()] == ["x.txt"]


def test_default_place_follows_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRANSCRIPT_READER_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    with Library() as lib:
        assert lib.path == tmp_path / "xdg" / "transcript-reader" / "library.sqlite3"
    assert lib.path.exists()


@pytest.mark.parametrize("damage", [b"this is not a database at all" * 100, b"SQLite format 3\x00"])
def test_a_damaged_index_is_kept_aside_and_rebuilt(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "library.sqlite3"
    whisper(tmp_path / "a.txt", ["kept"])
    path.write_bytes(damage + b"\xff" * 4096)
    with Library(path) as lib:
        (warning,) = lib.take_warnings()
        aside = list(tmp_path.glob("library.sqlite3.corrupt-*"))
        assert len(aside) == 1 and aside[0].name in warning and "could not be used" in warning
        assert aside[0].read_bytes().startswith(damage)
        lib.add_folder(tmp_path)
        assert lib.scan().added == 1 and lib.search("kept")
    with Library(path) as again:
        assert again.take_warnings() == [] and len(again.episodes()) == 1


def test_a_healthy_index_opens_without_warnings(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    Library(path).close()
    with Library(path) as lib:
        assert lib.warnings == []
    assert not list(tmp_path.glob("*.corrupt-*"))


_WORKER = """
import json, sys
from pathlib import Path
from reader.core.library import Library
lib = Library(Path(sys.argv[1]))
lib.add_folder(Path(sys.argv[2]))
sys.stdin.readline()  # both started: go
report = lib.scan()
hits = lib.search("walrus", episodes=1000)
print(json.dumps([report[:5], len(report.problems), sum(h.count for h in hits)]))
"""


def test_two_processes_index_and_search_at_once(tmp_path: Path) -> None:
    shows = tmp_path / "shows"
    shows.mkdir()
    for n in range(40):
        lines = [f"episode {n} line {i} about the walrus" for i in range(300)]
        whisper(shows / f"{n:02}.txt", lines)
    db = tmp_path / "library.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(db), str(shows)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        results.append(json.loads(out))
    for (added, changed, renamed, removed, unchanged), problems, _ in results:
        assert added + unchanged == 40 and (changed, renamed, removed, problems) == (0, 0, 0, 0)
    assert sum(r[0][0] for r in results) == 40  # each file indexed once, by one of them
    with Library(db) as lib:
        assert len(lib.episodes()) == 40
        raw = sqlite3.connect(db)  # the file as any SQLite client sees it
        (count,) = raw.execute("SELECT count(*) FROM lines").fetchone()
        assert count == 40 * 300
        hits = lib.search("walrus", episodes=1000)
        assert sum(h.count for h in hits) == 40 * 300
        assert dict(raw.execute("SELECT term, files FROM vocab WHERE term = 'walrus'")) == {
            "walrus": 40
        }


def _load(path: Path) -> list[object]:
    from reader.core.formats import load

    return list(load(path).segments)


def test_sound_keys_are_kept_in_the_index_after_the_first_load(
    library: Library, tmp_path: Path
) -> None:
    """Working out 100,000 words' sound keys was most of a first search (0.3 s)."""
    import sqlite3

    from reader.core.search_terms import Vocabulary

    whisper(tmp_path / "shows" / "a.txt", ["Zwarteveen zei het.", "Swarteveen niet."])
    library.scan()
    first = library.vocabulary()
    db = sqlite3.connect(library.path)
    assert db.execute("SELECT count(*) FROM vocab WHERE sound IS NULL").fetchone() == (0,)
    again = Library(library.path).vocabulary()  # from the kept keys: the same look-ups
    plain = Vocabulary(first.sorted)
    for word in ("zwarteveen", "swartefeen", "zei"):
        assert again.match(word) == first.match(word) == plain.match(word)


def test_a_common_word_beside_a_rare_one_looks_for_the_rare_one(
    library: Library, tmp_path: Path
) -> None:
    """Every line holding "een" (a fifth of a real library) was counted and scored:
    3.3 s for "een zwarteveen" over 1,000 episodes."""
    for n in range(4):
        lines = [f"een zin {i} van aflevering {n}" for i in range(50)]
        if n == 2:
            lines[17] = "een gesprek met Zwarteveen"
        whisper(tmp_path / "shows" / f"{n}.txt", lines)
    library.scan()
    (hit,) = library.search("een zwarteveen")
    assert hit.episode.path.name == "2.txt" and hit.count == 1
    assert hit.best[0].text == "een gesprek met Zwarteveen" and hit.best[0].index == 17
    assert len(library.search("een")) == 4  # a common word alone is still looked for


def test_an_index_of_another_version_keeps_its_folders(tmp_path: Path) -> None:
    """A new version of the index is rebuilt; the folders the user chose are not lost."""
    import sqlite3

    path = tmp_path / "library.sqlite3"
    shows = tmp_path / "shows"
    shows.mkdir()
    whisper(shows / "a.txt", ["terug"])
    with Library(path) as lib:
        lib.add_folder(shows)
    raw = sqlite3.connect(path)
    raw.execute("UPDATE meta SET value = 1 WHERE key = 'version'")  # as an older reader left it
    raw.commit()
    raw.close()
    with Library(path) as lib:
        (warning,) = lib.take_warnings()
        assert "folders are kept" in warning
        assert lib.folders() == [shows]
        assert lib.scan().added == 1 and lib.search("terug")


def test_a_word_in_no_transcript_leaves_the_other_words_to_find(
    library: Library, tmp_path: Path
) -> None:
    whisper(tmp_path / "shows" / "a.txt", ["Elon Musk zei het", "iets anders"])
    library.scan()
    (hit,) = library.search("elon musk xyzzy")  # as in-file search finds it
    assert hit.best[0].text == "Elon Musk zei het"


def test_a_renamed_file_takes_its_new_name_and_keeps_its_id(
    library: Library, tmp_path: Path
) -> None:
    shows = tmp_path / "shows"
    old = whisper(shows / "Oude titel ｜ Show [dQw4w9WgXcQ].wav.txt", ["een regel"])
    library.scan()
    (before,) = library.episodes()
    new = old.rename(shows / "Nieuwe titel ｜ Show [xDCa0xgymMY].wav.txt")
    assert library.scan().renamed == 1
    (after,) = library.episodes()
    assert after.id == before.id and after.path == new
    assert after.title == "Nieuwe titel | Show" and after.video_id == "xDCa0xgymMY"
