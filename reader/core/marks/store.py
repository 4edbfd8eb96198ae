"""The marks store: one SQLite file (WAL) in the user's data folder.

    store = MarksStore()                       # data_dir() / "marks.sqlite"; opens nothing yet
    doc = store.attach(path, transcript).doc   # found by content, else by path, else new
    mark = store.add(doc, transcript, 12, 14, note="quote this")
    store.remove(mark.id); store.restore(doc, mark)   # Undo

Every method raises MarksError (one line naming the store file) when the disk or
SQLite refuses, and ValueError for bad arguments; nothing else escapes. One
store per thread (sqlite3 connections stay in their thread); any number per
process or machine. See db for the file and anchor for placing marks again.
"""

from __future__ import annotations

import contextlib
import os
import time
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.marks.types import Attached, Mark, MarkedDocument, NoteHit
from reader.core.model import Transcript
from reader.core.state import data_dir

if TYPE_CHECKING:  # sqlite3 is imported on first use: importing the store stays cheap
    import sqlite3

STORE_FILE = "marks.sqlite"
STDIN = Path("-")


class MarksError(Exception):
    """The store could not be read or written; the message names the file."""


def content_fingerprint(transcript: Transcript) -> str:
    """BLAKE2b of every segment's times and text: the same for the same transcript
    moved, renamed, read from standard input or converted to another format."""
    try:
        from _blake2 import blake2b  # as state.fingerprint: hashlib would load OpenSSL
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b
    h = blake2b(digest_size=16)
    for s in transcript.segments:
        h.update(f"{s.start_ms} {s.end_ms} {len(s.text)} {s.text}".encode("utf-8", "surrogatepass"))
    return f"{len(transcript.segments)}:{h.hexdigest()}"


class MarksStore:
    def __init__(self, path: Path | None = None) -> None:
        """`path` defaults to data_dir() / STORE_FILE. Nothing is opened until first use."""
        self.path = path if path is not None else data_dir() / STORE_FILE
        self._con: sqlite3.Connection | None = None
        self._warnings: list[str] = []
        self._fps: list[tuple[weakref.ref[Transcript], str]] = []

    def take_warnings(self) -> list[str]:
        """Messages for the user gathered so far (a damaged store kept aside), cleared."""
        out, self._warnings = self._warnings, []
        return out

    # -- documents -------------------------------------------------------------------------

    def attach(self, path: Path, transcript: Transcript) -> Attached:
        """The document for this transcript: found by content fingerprint (a moved or
        renamed file keeps its marks), else by path when the content changed (its
        marks are re-anchored by time and text; those that cannot be are flagged
        lost), else a new one. Records the path, title and video id it has now.
        `path` Path("-") is standard input: found by content only, and a document
        found so keeps the file path it had."""
        fp = self._fingerprint(transcript)
        key = _path_key(path)
        title, video_id = _naming(path, transcript)
        with self._guard() as con, _write(con):
            row = con.execute("SELECT id FROM docs WHERE fp = ?", (fp,)).fetchone()
            if row is None and key is not None:
                row = con.execute(
                    "SELECT id FROM docs WHERE path = ? AND fp IS NOT NULL"
                    " AND (video_id IS NULL OR ? IS NULL OR video_id = ?)"
                    " ORDER BY seen DESC, id DESC LIMIT 1",
                    (key, video_id, video_id),
                ).fetchone()
            now = time.time()
            if row is None:
                doc = _insert_doc(con, fp, key or os.fsencode(STDIN), title, video_id, now)
            else:
                doc = int(row[0])
                sets = "fp = ?, video_id = coalesce(?, video_id), seen = ?"
                con.execute(f"UPDATE docs SET {sets} WHERE id = ?", (fp, video_id, now, doc))
                if key is not None or transcript.header.title:  # stdin names nothing
                    con.execute("UPDATE docs SET title = ? WHERE id = ?", (title, doc))
                if key is not None:
                    con.execute("UPDATE docs SET path = ? WHERE id = ?", (key, doc))
        return self._reanchor(doc, fp, transcript)

    def _reanchor(self, doc: int, fp: str, transcript: Transcript) -> Attached:
        """Place again the document's marks made on other content (its previous text,
        or a window that still showed it); outside a transaction, then one write that
        skips marks another process placed meanwhile."""
        from reader.core.marks import db

        with self._guard() as con:
            stale = db.read_marks(con, "doc = ? AND fp != ?", (doc, fp))
        if not stale:
            return Attached(doc, 0, 0)
        from reader.core.marks.anchor import reanchor

        placed = reanchor(stale, transcript)
        moved = lost = 0
        with self._guard() as con, _write(con):
            for old, new in zip(stale, placed, strict=True):
                a, b = _pair(new.chars)
                done = con.execute(
                    "UPDATE marks SET first = ?, last = ?, start_ms = ?, end_ms = ?,"
                    " char_from = ?, char_to = ?, lost = ?, fp = ? WHERE id = ? AND fp != ?",
                    (*_place(new)[:4], a, b, new.lost, fp, old.id, fp),
                ).rowcount
                if done and new.lost:
                    lost += 1
                elif done and (old.lost or _place(old) != _place(new)):
                    moved += 1
        return Attached(doc, moved, lost)

    def documents(self) -> list[MarkedDocument]:
        """Every document with at least one mark, by title."""
        from reader.core.marks import db

        with self._guard() as con:
            docs = db.read_documents(con, "EXISTS (SELECT 1 FROM marks WHERE doc = d.id)", ())
        return sorted(docs, key=lambda d: (d.title.casefold(), d.id))

    def document(self, doc: int) -> MarkedDocument | None:
        from reader.core.marks import db

        with self._guard() as con:
            return next(iter(db.read_documents(con, "d.id = ?", (doc,))), None)

    # -- marks -----------------------------------------------------------------------------

    def marks(self, doc: int) -> list[Mark]:
        """The document's marks in time order (lost ones included)."""
        from reader.core.marks import db

        with self._guard() as con:
            return db.read_marks(con, "doc = ? ORDER BY start_ms, first, id", (doc,))

    def add(
        self,
        doc: int,
        transcript: Transcript,
        first: int,
        last: int,
        *,
        chars: tuple[int, int] | None = None,
        note: str = "",
        tags: Sequence[str] = (),
    ) -> Mark:
        """Mark lines first..last (or chars of line `first`) with their times and text."""
        segments = transcript.segments
        if not (_is_int(first) and _is_int(last) and 0 <= first <= last < len(segments)):
            raise ValueError(f"no lines {first}..{last} in a transcript of {len(segments)}")
        if chars is None:
            text = " ".join(s.text for s in segments[first : last + 1])
        else:
            a, b = _chars(chars, first, last, len(segments[first].text))
            text = segments[first].text[a:b]
        start = segments[first].start_ms
        end = max(start, *(s.end_ms for s in segments[first : last + 1]))
        note, tag_text = _text(note, "note"), "\n".join(normal_tags(tags))
        fp = self._fingerprint(transcript)
        now = time.time()
        with self._guard() as con, _write(con):
            _must_exist(con, doc)
            mark_id = con.execute(
                "INSERT INTO marks (doc, fp, first, last, start_ms, end_ms, char_from, char_to,"
                " text, note, tags, created, updated, lost, find)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                (
                    *(doc, fp, first, last, start, end, *_pair(chars), _clean(text), note),
                    *(tag_text, now, now, _find(text, note, tag_text)),
                ),
            ).lastrowid
            return self._one(con, int(mark_id or 0))  # type: ignore[return-value]

    def update(
        self, mark_id: int, *, note: str | None = None, tags: Sequence[str] | None = None
    ) -> Mark | None:
        """Change a mark's note or tags; None when it is gone (another window removed it)."""
        new_note = None if note is None else _text(note, "note")
        new_tags = None if tags is None else "\n".join(normal_tags(tags))
        with self._guard() as con, _write(con):
            mark = self._one(con, mark_id)
            if mark is None or (new_note is None and new_tags is None):
                return mark
            note_text = mark.note if new_note is None else new_note
            tag_text = "\n".join(mark.tags) if new_tags is None else new_tags
            con.execute(
                "UPDATE marks SET note = ?, tags = ?, updated = ?, find = ? WHERE id = ?",
                (note_text, tag_text, time.time(), _find(mark.text, note_text, tag_text), mark_id),
            )
            return self._one(con, mark_id)

    def remove(self, mark_id: int) -> Mark | None:
        """Delete a mark and return it (for Undo); None when it was already gone."""
        with self._guard() as con, _write(con):
            mark = self._one(con, mark_id)
            con.execute("DELETE FROM marks WHERE id = ?", (mark_id,))
            return mark

    def restore(self, doc: int, mark: Mark) -> Mark:
        """Put a removed mark back, same id, note and tags (Undo). Its places refer
        to the document's content as it is now."""
        if not isinstance(mark, Mark) or not all(_is_int(n) for n in _place(mark)[:4] + mark[:1]):
            raise ValueError(f"not a mark to restore: {mark!r}")
        if not 0 <= mark.first <= mark.last:
            raise ValueError(f"a mark of lines {mark.first}..{mark.last} cannot be restored")
        if mark.chars is not None:
            _chars(mark.chars, mark.first, mark.last, None)
        note, tag_text = _text(mark.note, "note"), "\n".join(normal_tags(mark.tags))
        from reader.core.marks import db

        with self._guard() as con, _write(con):
            fp = _must_exist(con, doc)
            con.execute(
                f"INSERT OR REPLACE INTO marks (doc, fp, {db.MARK_FIELDS}, find)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    *(doc, fp, mark.id, *_place(mark)[:4], _clean(mark.text), note, tag_text),
                    *(*_pair(mark.chars), mark.created, mark.updated, bool(mark.lost)),
                    _find(mark.text, note, tag_text),
                ),
            )
            return self._one(con, mark.id)  # type: ignore[return-value]

    def search(self, query: str, limit: int = 50) -> list[NoteHit]:
        """Marks whose note, tags or marked text hold the query (case and accents
        folded, words in any order), newest first."""
        from reader.core.search_text import fold_query, tokens

        words = sorted({w for w, _, _ in tokens(fold_query(query))}, key=len, reverse=True)
        if not words or limit <= 0:
            return []
        from reader.core.marks import db

        with self._guard() as con:
            return [NoteHit(d, m) for m, d in db.find_marks(con, words, limit)]

    def close(self) -> None:
        """Close the connection (the next call opens it again)."""
        con, self._con = self._con, None
        if con is not None:
            import sqlite3

            try:
                con.close()
            except sqlite3.Error as exc:
                raise MarksError(_one_line(f"The marks store {self.path}: {exc}")) from exc

    def __enter__(self) -> MarksStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- helpers ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _guard(self) -> Iterator[sqlite3.Connection]:
        """The connection (opened on first use); SQLite's and the disk's errors as
        MarksError, one line naming the file."""
        import sqlite3

        try:
            if self._con is None:
                from reader.core.marks import db

                self._con, warnings = db.connect(self.path)
                self._warnings.extend(warnings)
            yield self._con
        except sqlite3.Error as exc:
            raise MarksError(_one_line(f"The marks store {self.path}: {exc}")) from exc
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise MarksError(_one_line(f"The marks store {self.path}: {reason}")) from exc

    def _one(self, con: sqlite3.Connection, mark_id: int) -> Mark | None:
        from reader.core.marks import db

        return next(iter(db.read_marks(con, "id = ?", (mark_id,))), None)

    def _fingerprint(self, transcript: Transcript) -> str:
        """The transcript's fingerprint, worked out once per transcript object (the
        window adds marks to the same one again and again)."""
        for ref, fp in self._fps:
            if ref() is transcript:
                return fp
        fp = content_fingerprint(transcript)
        alive = [(ref, known) for ref, known in self._fps[-3:] if ref() is not None]
        self._fps = [*alive, (weakref.ref(transcript), fp)]
        return fp


def normal_tags(tags: Sequence[str]) -> list[str]:
    """Tags as stored: spaces trimmed and single, no empty ones, no repeats (ignoring
    case), in the order given."""
    if isinstance(tags, str):
        raise ValueError(f"tags must be a list of strings, not the string {tags!r}")
    out: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        tag = " ".join(_text(tag, "tag").split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return out


def _write(con: sqlite3.Connection) -> contextlib.AbstractContextManager[sqlite3.Connection]:
    """One short BEGIN IMMEDIATE transaction (the connection is open by then, so
    db, and sqlite3 with it, is imported)."""
    from reader.core.library.db import transaction

    return transaction(con)


def _insert_doc(
    con: sqlite3.Connection, fp: str, path: bytes, title: str, video_id: str | None, now: float
) -> int:
    sql = "INSERT INTO docs (fp, path, title, video_id, seen) VALUES (?, ?, ?, ?, ?)"
    return int(con.execute(sql, (fp, path, title, video_id, now)).lastrowid or 0)


def _must_exist(con: sqlite3.Connection, doc: int) -> str:
    """The document's fingerprint; ValueError when there is no such document."""
    row = None
    if _is_int(doc):
        row = con.execute("SELECT fp FROM docs WHERE id = ?", (doc,)).fetchone()
    if row is None:
        raise ValueError(f"no document {doc!r} in the marks store")
    return str(row[0] or "")


def _chars(chars: object, first: int, last: int, length: int | None) -> tuple[int, int]:
    """A valid word range [a, b) of a line `length` long, else ValueError."""
    if not (isinstance(chars, tuple) and len(chars) == 2 and all(_is_int(c) for c in chars)):
        raise ValueError(f"chars must be two character offsets, not {chars!r}")
    a, b = chars
    if first != last:
        raise ValueError("a character range marks one line: first and last must be the same")
    if not 0 <= a < b or (length is not None and b > length):
        raise ValueError(f"no characters {a}..{b} in a line of {length} characters")
    return a, b


def _pair(chars: tuple[int, int] | None) -> tuple[int | None, int | None]:
    return chars if chars is not None else (None, None)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"a {what} must be text, not {type(value).__name__}")
    return _clean(value)


def _clean(text: str) -> str:
    """Text SQLite can keep: a lone surrogate (never typed, but possible) becomes U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


def _find(text: str, note: str, tags: str) -> str:
    from reader.core.marks.db import find_text

    return find_text(_clean(text), note, tags)


def _place(mark: Mark) -> tuple[int, int, int, int, tuple[int, int] | None]:
    return mark.first, mark.last, mark.start_ms, mark.end_ms, mark.chars


def _path_key(path: Path) -> bytes | None:
    """The resolved path as the file system has it; None for standard input."""
    if Path(path) == STDIN:
        return None
    try:
        resolved = Path(path).resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop before Python 3.13
        resolved = Path(path).absolute()
    return os.fsencode(resolved)


def _naming(path: Path, transcript: Transcript) -> tuple[str, str | None]:
    """Title and video id as the library shows them: the header's, else the file
    name's (`Title [id].wav.txt` -> `Title`, `id`)."""
    from reader.core.pairing_names import as_written, clean_id, title_stem, trailing_id

    header = transcript.header
    stem = "" if Path(path) == STDIN else Path(path).stem
    title = (header.title or "").strip() or title_stem(stem).strip() or stem
    video_id = clean_id(header.video_id) or (trailing_id(stem) if stem else None)
    return _clean(as_written(title) or "Standard input"), video_id


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")
