"""The marks store's SQLite file: schema, opening, and keeping a damaged file aside.

WAL, so a reader never waits for a writer; every write is one short BEGIN
IMMEDIATE transaction, and writers wait up to BUSY_MS for each other, so two
windows or processes writing at once both keep what they wrote.

Schema (version in `meta`, so later issues can add tables):
- `docs`: one row per transcript content: `fp` its fingerprint (NULL only for
  marks recovered without theirs), `path` the file it was last opened from
  (bytes, as the file system has them; b"-" for standard input), `seen` when.
- `marks`: `fp` is the content the mark's `first`/`last`/`char_*` refer to (a
  mark made on an older version of a file is placed again when it is next
  attached); `find` is the folded text, note and tags the search looks in.

Opening raises sqlite3.Error or OSError; what is damage (not a database, malformed,
another version) is renamed aside, rows that can still be read are copied into
the new file, and a message says so.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

from reader.core.library.db import set_aside, transaction
from reader.core.marks.types import Mark, MarkedDocument

SCHEMA_VERSION = 1
BUSY_MS = 60_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS docs(
    id INTEGER PRIMARY KEY AUTOINCREMENT, fp TEXT UNIQUE, path BLOB NOT NULL,
    title TEXT NOT NULL, video_id TEXT, seen REAL NOT NULL);
CREATE INDEX IF NOT EXISTS docs_path ON docs(path);
CREATE TABLE IF NOT EXISTS marks(
    id INTEGER PRIMARY KEY AUTOINCREMENT, doc INTEGER NOT NULL, fp TEXT NOT NULL,
    first INTEGER NOT NULL, last INTEGER NOT NULL,
    start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, char_from INTEGER, char_to INTEGER,
    text TEXT NOT NULL, note TEXT NOT NULL, tags TEXT NOT NULL,
    created REAL NOT NULL, updated REAL NOT NULL, lost INTEGER NOT NULL, find TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS marks_doc ON marks(doc, start_ms);
"""

DOC_COLUMNS = ("id", "fp", "path", "title", "video_id", "seen")
MARK_COLUMNS = (
    *("id", "doc", "fp", "first", "last", "start_ms", "end_ms", "char_from", "char_to"),
    *("text", "note", "tags", "created", "updated", "lost", "find"),
)


class Damaged(sqlite3.DatabaseError):
    """The file is not a marks store we can use (garbage, another version, damage)."""


def connect(path: Path) -> tuple[sqlite3.Connection, list[str]]:
    """An open connection with the schema in place, and messages for the user (a
    damaged file kept aside, what was recovered from it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _open(path), []
    except sqlite3.DatabaseError as exc:  # Damaged among them
        if isinstance(exc, sqlite3.OperationalError) and not _damage(exc):
            raise  # locked, unwritable, out of space: not the file's fault
        reason = " ".join(str(exc).split())
    aside = set_aside(path)
    con = _open(path)
    docs, marks = salvage(aside, con)
    kept = f"{marks} mark{'' if marks == 1 else 's'} of {docs} transcript{'' if docs == 1 else 's'}"
    message = (
        f"The marks store {path} could not be used ({reason}); kept it as {aside} and "
        f"started a new one. Recovered {kept} from it."
        if marks or docs
        else f"The marks store {path} could not be used ({reason}); kept it as {aside} and "
        "started a new one. Nothing could be recovered from it automatically."
    )
    return con, [message]


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
        with transaction(con):
            tables = {n for (n,) in con.execute("SELECT name FROM sqlite_master")}
            if tables and "meta" not in tables:
                raise Damaged("a database of something else")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    con.execute(statement)
            row = con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is None and "docs" in tables:
                raise Damaged("no version")
            if row is None:
                con.execute("INSERT INTO meta VALUES ('version', ?)", (SCHEMA_VERSION,))
            elif row[0] != SCHEMA_VERSION:
                raise Damaged(f"a store of another version, {row[0]!r}")
        problems = [r for (r,) in con.execute("PRAGMA quick_check(3)") if r != "ok"]
        if problems:
            raise Damaged("damaged: " + "; ".join(str(p) for p in problems))
    except BaseException:
        con.close()
        raise
    return con


def _wal(con: sqlite3.Connection, tries: int = 200) -> None:
    """Switch to WAL. Two processes creating the store at once: the switch takes an
    exclusive lock and SQLite answers "locked" at once (no busy wait), so retry."""
    for attempt in range(tries):
        try:
            con.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == tries - 1:
                raise
            time.sleep(0.025)


def find_text(text: str, note: str, tags: str) -> str:
    """What the search looks in: marked text, note and tags, folded like a query."""
    from reader.core.search_text import fold_query

    return fold_query(f"{text}\n{note}\n{tags}")


# -- rows ------------------------------------------------------------------------------------

# What the store reads of a mark, and of a document `d` (with its count of marks).
MARK_FIELDS = (
    "id, first, last, start_ms, end_ms, text, note, tags, char_from, char_to, created, updated,"
    " lost"
)
DOC_FIELDS = "d.id, d.path, d.title, d.video_id, (SELECT count(*) FROM marks WHERE doc = d.id)"


def read_marks(con: sqlite3.Connection, where: str, args: tuple[object, ...]) -> list[Mark]:
    return [mark_of(r) for r in con.execute(f"SELECT {MARK_FIELDS} FROM marks WHERE {where}", args)]


def read_documents(
    con: sqlite3.Connection, where: str, args: tuple[object, ...]
) -> list[MarkedDocument]:
    rows = con.execute(f"SELECT {DOC_FIELDS} FROM docs d WHERE {where}", args)
    return [document_of(r) for r in rows]


def find_marks(
    con: sqlite3.Connection, words: Sequence[str], limit: int
) -> list[tuple[Mark, MarkedDocument]]:
    """Marks whose search text holds every one of `words` (folded), newest first."""
    where = " AND ".join("instr(m.find, ?) > 0" for _ in words)
    columns = ", ".join(f"m.{c.strip()}" for c in MARK_FIELDS.split(","))
    rows = con.execute(
        f"SELECT {columns}, {DOC_FIELDS} FROM marks m JOIN docs d ON d.id = m.doc"
        f" WHERE {where} ORDER BY m.created DESC, m.id DESC LIMIT ?",
        (*words, limit),
    )
    width = len(MARK_FIELDS.split(","))
    return [(mark_of(r[:width]), document_of(r[width:])) for r in rows]


def mark_of(row: Sequence[object]) -> Mark:
    mark_id, first, last, start, end, text, note, tags, a, b, created, updated, lost = row
    return Mark(
        id=int(mark_id),  # type: ignore[call-overload]
        first=int(first),  # type: ignore[call-overload]
        last=int(last),  # type: ignore[call-overload]
        start_ms=int(start),  # type: ignore[call-overload]
        end_ms=int(end),  # type: ignore[call-overload]
        text=str(text),
        note=str(note),
        tags=tuple(str(tags).split("\n")) if tags else (),
        chars=(int(a), int(b)) if a is not None and b is not None else None,  # type: ignore[call-overload]
        created=float(created),  # type: ignore[arg-type]
        updated=float(updated),  # type: ignore[arg-type]
        lost=bool(lost),
    )


def document_of(row: Sequence[object]) -> MarkedDocument:
    """A document row; one recovered without its path has Path() (".")."""
    doc_id, path, title, video_id, count = row
    raw = path if isinstance(path, bytes) else str(path).encode()
    return MarkedDocument(
        id=int(doc_id),  # type: ignore[call-overload]
        path=Path(os.fsdecode(raw)) if raw else Path(),
        title=str(title),
        video_id=None if video_id is None else str(video_id),
        marks=int(count),  # type: ignore[call-overload]
    )


# -- salvage ---------------------------------------------------------------------------------


def salvage(old: Path, con: sqlite3.Connection) -> tuple[int, int]:
    """Copy the documents and marks that can still be read from the file set aside
    at `old` into the new store; (documents, marks) recovered. Best effort: what
    cannot be read stays in the old file, which is kept."""
    try:
        src = _read_only(old)
    except sqlite3.Error:
        return 0, 0
    try:
        docs = _table_rows(src, "docs", DOC_COLUMNS, DOC_COLUMNS[:3])
        marks = _table_rows(src, "marks", MARK_COLUMNS, (*MARK_COLUMNS[:7], "text"))
    finally:
        src.close()
    now = time.time()
    doc_rows = [d for d in (_doc_row(d, now) for d in docs) if d is not None]
    mark_rows = [m for m in (_mark_row(m, now) for m in marks) if m is not None]
    doc_rows += _orphans(doc_rows, mark_rows, now)
    with transaction(con):
        con.executemany(f"INSERT OR IGNORE INTO docs VALUES ({_qs(DOC_COLUMNS)})", doc_rows)
        con.executemany(f"INSERT OR IGNORE INTO marks VALUES ({_qs(MARK_COLUMNS)})", mark_rows)
    return len(doc_rows), len(mark_rows)


def _read_only(path: Path) -> sqlite3.Connection:
    """The old file opened without changing it (its WAL read where SQLite can)."""
    uri = path.absolute().as_uri()
    for mode in ("?mode=ro", "?immutable=1"):
        con = sqlite3.connect(uri + mode, uri=True)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return con
        except sqlite3.Error:
            con.close()
    raise sqlite3.DatabaseError("unreadable")


def _table_rows(
    src: sqlite3.Connection, table: str, wanted: tuple[str, ...], required: tuple[str, ...]
) -> list[dict[str, object]]:
    """Rows of `table` as dicts of the wanted columns it has, in id order; unreadable
    stretches are skipped (a damaged page loses its rows, not the whole table)."""
    try:
        have = {r[1] for r in src.execute(f"PRAGMA table_info({table})")}
    except sqlite3.Error:
        return []
    if not set(required) <= have:
        return []
    columns = [c for c in wanted if c in have]
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE id > ? ORDER BY id"
    rows: list[dict[str, object]] = []
    after, misses = 0, 0
    while misses < 12:
        try:
            for row in src.execute(sql, (after,)):
                rows.append(dict(zip(columns, row, strict=True)))
                after = row[0] if isinstance(row[0], int) else after + 1
            break
        except sqlite3.Error:
            misses += 1
            after += 4**misses  # past the unreadable stretch, further each time
    return rows


Row = tuple[object, ...]


def _doc_row(d: dict[str, object], now: float) -> Row | None:
    """A salvaged document row as the schema wants it, or None when unusable."""
    doc_id, fp, path = d["id"], d["fp"], d["path"]
    if not isinstance(doc_id, int) or not isinstance(fp, str | None):
        return None
    if isinstance(path, str):
        path = os.fsencode(path)
    if not isinstance(path, bytes):
        return None
    title = _str(d.get("title")) or os.fsdecode(path).rsplit("/", 1)[-1] or "Recovered marks"
    video_id = d.get("video_id")
    return (
        doc_id,
        fp,
        path,
        title,
        video_id if isinstance(video_id, str) else None,
        _real(d.get("seen"), now),
    )


def _mark_row(m: dict[str, object], now: float) -> Row | None:
    """A salvaged mark row as the schema wants it (search text made again), or None."""
    ints = [m[k] for k in ("id", "doc", "first", "last", "start_ms", "end_ms")]
    text, fp = m["text"], m["fp"]
    if not all(type(v) is int for v in ints) or not isinstance(text, str):
        return None
    if not isinstance(fp, str):
        return None
    first, last = ints[2], ints[3]
    if not 0 <= first <= last:  # type: ignore[operator]
        return None
    chars = (m.get("char_from"), m.get("char_to"))
    if not all(type(c) is int for c in chars) or first != last:
        chars = (None, None)
    note, tags = _str(m.get("note")), _str(m.get("tags"))
    created = _real(m.get("created"), now)
    return (
        *ints[:2],
        fp,
        *ints[2:],
        *chars,
        text,
        note,
        tags,
        created,
        _real(m.get("updated"), created),
        1 if m.get("lost") else 0,
        find_text(text, note, tags),
    )


def _orphans(docs: list[Row], marks: list[Row], now: float) -> list[Row]:
    """Document rows for marks whose own was lost: titled as recovered, and found
    again by the fingerprint of their content when that transcript is next opened."""
    ids = {d[0] for d in docs}
    fps = {d[1] for d in docs}
    out: list[Row] = []
    for mark in marks:
        doc, fp = mark[1], mark[2]
        if doc in ids:
            continue
        ids.add(doc)
        out.append((doc, None if fp in fps else fp, b"", f"Recovered marks {doc}", None, now))
        fps.add(fp)
    return out


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _real(value: object, default: float) -> float:
    return (
        float(value) if isinstance(value, int | float) and not isinstance(value, bool) else default
    )


def _qs(columns: tuple[str, ...]) -> str:
    return ", ".join("?" * len(columns))
