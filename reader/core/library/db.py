"""The library's SQLite file: schema, settings, and keeping a damaged file aside.

One connection per Library object (sqlite3 connections are not shared between
threads); WAL so readers never wait for a writer; writers wait up to BUSY_MS for
each other's short transactions.

Schema: `folders` (the user's library folders, `listed`, and folders only searched
from the command line, kept fresh by those searches alone); `files` (one row per
transcript: path, size, mtime, fingerprint, what the episode list shows);
`problems` (files that could not be read, with the reason); `lines` (id = file id
<< LINE_BITS | line index: start, end, text) with a contentless FTS5 table `words`
over the same ids (our folded words, `ascii` tokenizer, detail=none: which lines
hold a word, nothing more); `vocab` (each word and how many files hold it) for
fuzzy expansion.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path

SCHEMA_VERSION = 2
BUSY_MS = 60_000
LINE_BITS = 24  # lines per file at most 2**24; ids stay within SQLite's 63 bits
MAX_LINES = 1 << LINE_BITS

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS folders(
    path TEXT PRIMARY KEY, listed INTEGER NOT NULL DEFAULT 1) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files(
    id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, fp TEXT,
    title TEXT NOT NULL, video_id TEXT, date TEXT, duration_ms INTEGER NOT NULL,
    lines INTEGER NOT NULL, media TEXT);
CREATE INDEX IF NOT EXISTS files_fp ON files(fp);
CREATE TABLE IF NOT EXISTS problems(
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    reason TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS lines(
    id INTEGER PRIMARY KEY, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL,
    text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS vocab(
    term TEXT PRIMARY KEY, files INTEGER NOT NULL, sound TEXT) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS words USING fts5(
    w, content='', detail='none', tokenize='ascii');
"""


class Damaged(Exception):
    """The file is not a library index we can use (garbage, or another version)."""


def connect(path: Path) -> tuple[sqlite3.Connection, list[str]]:
    """An open connection with the schema in place, and messages for the user (a
    damaged file kept aside). Raises sqlite3.Error when the folder is unusable."""
    warnings: list[str] = []
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _open(path), warnings
    except (sqlite3.DatabaseError, Damaged) as exc:
        if isinstance(exc, sqlite3.OperationalError) and not _damage(exc):
            raise
        folders = _old_folders(path)  # the user's choice, kept when it can be read
        aside = set_aside(path)
        con = _open(path)
        if folders:
            with transaction(con):
                con.executemany("INSERT OR IGNORE INTO folders VALUES (?, ?)", folders)
            again = "its folders are kept and their transcripts are indexed again"
        else:
            again = "the folders need to be added again"
        warnings.append(
            f"The library index {path} could not be used ({exc}); kept it as "
            f"{aside.name} and started a new one: {again}."
        )
        return con, warnings
    return _open(path), warnings


def _old_folders(path: Path) -> list[tuple[str, int]]:
    """The folders an index that will be set aside lists, where it can still say."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute("SELECT path, listed FROM folders").fetchall()
            return [(str(path), int(listed)) for path, listed in rows]
        finally:
            con.close()
    except (sqlite3.Error, ValueError, TypeError):
        return []


def _damage(exc: sqlite3.OperationalError) -> bool:
    """Whether an OperationalError means a bad file rather than, say, a locked one."""
    text = str(exc).lower()
    return any(s in text for s in ("malformed", "not a database", "corrupt", "no such"))


def _open(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None)
    try:
        con.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        _wal(con)
        con.execute("PRAGMA synchronous = NORMAL")
        con.execute("BEGIN IMMEDIATE")
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                con.execute(statement)
        row = con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if row is None:
            con.execute("INSERT INTO meta VALUES ('version', ?)", (SCHEMA_VERSION,))
        elif row[0] != SCHEMA_VERSION:
            raise Damaged(f"an index of another version, {row[0]!r}")
        con.execute("COMMIT")
        con.execute("SELECT count(*) FROM words WHERE words MATCH 'a'").fetchone()
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            con.execute("ROLLBACK")
        con.close()
        raise
    return con


def _wal(con: sqlite3.Connection, tries: int = 200) -> None:
    """Switch to WAL. Two processes creating the index at once: the switch takes an
    exclusive lock and SQLite answers "locked" at once (no busy wait), so retry."""
    for attempt in range(tries):
        try:
            con.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == tries - 1:
                raise
            time.sleep(0.025)


def set_aside(path: Path) -> Path:
    """Rename a damaged index (and its WAL files) to `<name>.corrupt-<stamp>`."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    with contextlib.suppress(FileNotFoundError):  # another process set it aside first
        os.rename(path, aside)
    for tail in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.rename(f"{path}{tail}", f"{aside}{tail}")
    return aside


class transaction:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error): one short write."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def __enter__(self) -> sqlite3.Connection:
        self.con.execute("BEGIN IMMEDIATE")
        return self.con

    def __exit__(self, kind: object, *_: object) -> None:
        self.con.execute("COMMIT" if kind is None else "ROLLBACK")
