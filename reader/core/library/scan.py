"""Bringing the index up to date with the folders: what changed, then one short
transaction per file.

A file whose size and mtime match its row is unchanged without being opened. A file
that differs is fingerprinted (reader.core.state.fingerprint): the same content under
its old name only gets the new times; the content of a row whose file is gone, under
a new name, is a rename (the row, its id and lines, move along); anything else is
read and indexed. Rows whose files are gone are removed. Each file is written in its
own transaction that first checks the row again, so two processes scanning the same
folders at once each finish with the same index and lose nothing.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from reader.core.errors import TranscriptError
from reader.core.library.db import LINE_BITS, MAX_LINES, transaction
from reader.core.library.files import Entry, Stat, fts_words, read_entry, terms_of, walk
from reader.core.library.types import Problem, ScanReport
from reader.core.state import fingerprint

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class _Row(NamedTuple):
    id: int
    size: int
    mtime_ns: int
    fp: str | None


class _Counts:
    def __init__(self) -> None:
        self.added = self.changed = self.renamed = self.removed = self.unchanged = 0

    def report(self, problems: list[Problem]) -> ScanReport:
        return ScanReport(
            self.added, self.changed, self.renamed, self.removed, self.unchanged, tuple(problems)
        )


def scan(
    con: sqlite3.Connection,
    folders: Sequence[Path],
    media_dirs: Sequence[Path] = (),
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    others: Sequence[Path] = (),
) -> ScanReport:
    """Walk `folders` and bring their rows up to date. Rows under `others` (folders
    the index knows but this scan does not walk) are left as they are; rows under no
    folder at all are removed."""
    counts = _Counts()
    problems: list[Problem] = []
    on_disk: dict[str, Stat] = {}
    kept_under: list[str] = []  # folders we could not read: their rows stay
    for folder in folders:
        try:
            on_disk.update(walk(folder))
        except OSError as exc:
            problems.append(Problem(folder, f"cannot read the folder: {exc.strerror or exc}"))
            kept_under.append(str(folder))
    rows = {
        path: _Row(*rest)
        for path, *rest in con.execute("SELECT path, id, size, mtime_ns, fp FROM files")
    }
    bad = {
        path: (Stat(size, mtime), reason)
        for path, size, mtime, reason in con.execute("SELECT * FROM problems")
    }
    todo: list[str] = []
    for path, st in on_disk.items():
        row = rows.get(path)
        if row is not None and (row.size, row.mtime_ns) == st:
            counts.unchanged += 1
        elif row is None and path in bad and bad[path][0] == st:
            problems.append(Problem(Path(path), bad[path][1]))
        else:
            todo.append(path)
    walked = [str(f) for f in folders]
    left_alone = [str(f) for f in others]

    def stays(path: str) -> bool:
        return _under(path, kept_under) or (_under(path, left_alone) and not _under(path, walked))

    gone = {p: r for p, r in rows.items() if p not in on_disk and not stays(p)}
    by_fp = {r.fp: p for p, r in gone.items() if r.fp}
    for done, path in enumerate(sorted(todo)):
        if cancel is not None and cancel():
            return counts.report(problems)
        if progress is not None:
            progress(done, len(todo))
        _update(con, Path(path), on_disk[path], rows.get(path), gone, by_fp, media_dirs,
                counts, problems)  # fmt: skip
    for path, row in gone.items():
        if cancel is not None and cancel():
            break
        with transaction(con):
            # Still there under that name: another process may have moved it meanwhile.
            if con.execute(
                "SELECT 1 FROM files WHERE id = ? AND path = ?", (row.id, path)
            ).fetchone():
                _delete_lines(con, row.id)
                con.execute("DELETE FROM files WHERE id = ?", (row.id,))
                counts.removed += 1
    stale = [p for p in bad if p not in on_disk and not stays(p)]
    with transaction(con):
        con.executemany("DELETE FROM problems WHERE path = ?", [(p,) for p in stale])
    if progress is not None and todo:
        progress(len(todo), len(todo))
    return counts.report(problems)


def _under(path: str, folders: list[str]) -> bool:
    return any(path.startswith(os.path.join(folder, "")) for folder in folders)


def _update(
    con: sqlite3.Connection,
    path: Path,
    st: Stat,
    row: _Row | None,
    gone: dict[str, _Row],
    by_fp: dict[str, str],
    media_dirs: Sequence[Path],
    counts: _Counts,
    problems: list[Problem],
) -> None:
    fp = fingerprint(path)
    if row is not None and fp is not None and fp == row.fp:
        with transaction(con):
            con.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?", (*st, row.id))
        counts.unchanged += 1
        return
    old_path = by_fp.pop(fp, None) if row is None and fp is not None else None
    if old_path is not None and _rename(con, old_path, gone[old_path], path, st):
        del gone[old_path]
        counts.renamed += 1
        _renamed(con, path, media_dirs)
        return
    try:
        entry = read_entry(path, media_dirs)
        if len(entry.texts) > MAX_LINES:
            raise TranscriptError(path, f"has more than {MAX_LINES} lines")
    except TranscriptError as exc:
        reason = exc.reason if exc.line is None else f"line {exc.line}: {exc.reason}"
        problems.append(Problem(path, reason))
        with transaction(con):
            if row is not None:
                _delete_lines(con, row.id)
                con.execute("DELETE FROM files WHERE id = ?", (row.id,))
            con.execute(
                "INSERT OR REPLACE INTO problems VALUES (?, ?, ?, ?)", (str(path), *st, reason)
            )
        return
    words = [fts_words(t) for t in entry.texts]
    with transaction(con):
        now = con.execute("SELECT id, size, mtime_ns FROM files WHERE path = ?", (str(path),))
        current = now.fetchone()
        if (
            current is not None
            and tuple(current[1:]) == st
            and (row is None or row.id != current[0])
        ):
            counts.unchanged += 1  # another process indexed this very version meanwhile
            return
        if current is not None:
            _delete_lines(con, current[0])  # the row itself stays: a changed file keeps its id
        _insert(con, path, st, fp, entry, words, None if current is None else current[0])
        con.execute("DELETE FROM problems WHERE path = ?", (str(path),))
    if row is None:
        counts.added += 1
    else:
        counts.changed += 1


def _rename(con: sqlite3.Connection, old: str, row: _Row, new: Path, st: Stat) -> bool:
    """Move a row to its file's new name; False when another process got there first
    (then the file is indexed as new and the old row removed as gone)."""
    with transaction(con):
        if con.execute("SELECT 1 FROM files WHERE path = ?", (str(new),)).fetchone():
            return False
        cur = con.execute(
            "UPDATE files SET path = ?, size = ?, mtime_ns = ? WHERE id = ? AND path = ?",
            (str(new), *st, row.id, old),
        )
        con.execute("DELETE FROM problems WHERE path = ?", (str(new),))
        return cur.rowcount == 1


def _renamed(con: sqlite3.Connection, path: Path, media_dirs: Sequence[Path]) -> None:
    """What a file's name says of it (a title from its name, its id, its recording)
    follows the new name; its lines stay as they were."""
    try:
        entry = read_entry(path, media_dirs)
    except TranscriptError:
        return  # the next scan finds it changed and says why
    with transaction(con):
        con.execute(
            "UPDATE files SET title = ?, video_id = ?, media = ? WHERE path = ?",
            (entry.title, entry.video_id, str(entry.media) if entry.media else None, str(path)),
        )


def _insert(
    con: sqlite3.Connection,
    path: Path,
    st: Stat,
    fp: str | None,
    entry: Entry,
    words: list[str],
    file_id: int | None,
) -> None:
    """The file's row (a new one, or `file_id`'s again), its lines, words and vocabulary."""
    cur = con.execute(
        "INSERT OR REPLACE INTO files (id, path, size, mtime_ns, fp, title, video_id, date, "
        "duration_ms, lines, media) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            file_id,
            str(path),
            *st,
            fp,
            entry.title,
            entry.video_id,
            entry.date.isoformat() if entry.date is not None else None,
            entry.duration_ms,
            len(entry.texts),
            str(entry.media) if entry.media is not None else None,
        ),
    )
    if file_id is None:
        file_id = cur.lastrowid
        assert file_id is not None
    base = file_id << LINE_BITS
    ids = range(base, base + len(entry.texts))
    con.executemany(
        "INSERT INTO lines VALUES (?, ?, ?, ?)",
        zip(ids, entry.starts, entry.ends, entry.texts, strict=True),
    )
    con.executemany("INSERT INTO words (rowid, w) VALUES (?, ?)", zip(ids, words, strict=True))
    con.executemany(
        "INSERT INTO vocab(term, files) VALUES (?, 1)"
        " ON CONFLICT (term) DO UPDATE SET files = files + 1",
        [(t,) for t in terms_of(words)],
    )


def _delete_lines(con: sqlite3.Connection, file_id: int) -> None:
    """A file's lines, their FTS entries (a contentless table is told what it indexed)
    and its share of the vocabulary."""
    lo, hi = file_id << LINE_BITS, ((file_id + 1) << LINE_BITS) - 1
    rows = con.execute("SELECT id, text FROM lines WHERE id BETWEEN ? AND ?", (lo, hi)).fetchall()
    words = [fts_words(text) for _, text in rows]
    con.executemany(
        "INSERT INTO words (words, rowid, w) VALUES ('delete', ?, ?)",
        zip((r[0] for r in rows), words, strict=True),
    )
    con.execute("DELETE FROM lines WHERE id BETWEEN ? AND ?", (lo, hi))
    terms = [(t,) for t in terms_of(words)]
    con.executemany("UPDATE vocab SET files = files - 1 WHERE term = ?", terms)
    con.executemany("DELETE FROM vocab WHERE term = ? AND files <= 0", terms)
