"""The library: transcripts in the user's folders, indexed in one SQLite file.

    library = Library()                      # data_dir() / "library.sqlite3"
    library.add_folder(Path("~/Podcasts").expanduser())
    report = library.scan(progress, cancel)  # incremental; safe beside another process
    library.search("zwarteveen")             # -> [EpisodeHits(episode, count, best), ...]

A Library holds one connection; make one per thread (a UI thread and a worker each
open their own), any number per process or machine. See db for the schema, scan
for the updates and query for the search.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.library.db import connect, transaction
from reader.core.library.types import Episode, EpisodeHits, Problem, ScanReport
from reader.core.state import data_dir

if TYPE_CHECKING:  # imported when first searched or scanned: listing episodes is quicker
    from reader.core.library.query import Cancel, LibraryVocabulary
    from reader.core.library.scan import Progress

LIBRARY_FILE = "library.sqlite3"
_EPISODE_COLUMNS = "id, path, title, video_id, date, duration_ms, lines, media"


class Library:
    """Folders, their episodes, and search across them; one SQLite connection."""

    def __init__(self, path: Path | None = None, *, media_dirs: Sequence[Path] = ()) -> None:
        """`media_dirs`: more places to look for recordings (the reader's media folders),
        besides each transcript's own folder."""
        self.path = path if path is not None else data_dir() / LIBRARY_FILE
        self.media_dirs = tuple(media_dirs)
        self._con, self.warnings = connect(self.path)
        self._vocab: LibraryVocabulary | None = None
        self._vocab_key: tuple[int, int] | None = None
        self._writes = 0

    def take_warnings(self) -> list[str]:
        """Messages for the user (a damaged index kept aside), clearing them."""
        out, self.warnings = self.warnings, []
        return out

    # -- folders ---------------------------------------------------------------------------

    def folders(self) -> list[Path]:
        """The library's folders (not those only searched from the command line)."""
        rows = self._con.execute("SELECT path FROM folders WHERE listed ORDER BY path")
        return [Path(p) for (p,) in rows]

    def add_folder(self, folder: Path) -> None:
        """Remember a folder (its episodes come with the next scan)."""
        self._write(
            "INSERT INTO folders VALUES (?, 1) ON CONFLICT (path) DO UPDATE SET listed = 1",
            (str(_absolute(folder)),),
        )

    def remove_folder(self, folder: Path) -> None:
        """Forget a folder (its episodes go with the next scan)."""
        self._write("DELETE FROM folders WHERE path = ?", (str(_absolute(folder)),))

    # -- indexing --------------------------------------------------------------------------

    def scan(
        self,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        *,
        folder: Path | None = None,
    ) -> ScanReport:
        """Bring the index up to date with the folders. `progress(done, total)` is called
        per file that needs reading; `cancel()` is polled between files (what was done
        stays done). Bad files never stop it: they come back in the report.

        With `folder`, only that folder is scanned (`search DIR` on the command line):
        it is remembered, unlisted unless it is a library folder, so that later scans
        of the library leave its episodes alone."""
        known = [Path(p) for (p,) in self._con.execute("SELECT path FROM folders")]
        if folder is None:
            walked = self.folders()
        else:
            walked = [_absolute(folder)]
            self._write("INSERT OR IGNORE INTO folders VALUES (?, 0)", (str(walked[0]),))
        others = [f for f in known if f not in walked]
        self._writes += 1
        try:
            from reader.core.library.scan import scan

            return scan(self._con, walked, self.media_dirs, progress, cancel, others)
        finally:
            self._writes += 1

    def reindex(self, progress: Progress | None = None, cancel: Cancel | None = None) -> ScanReport:
        """Read every file again (after a reader upgrade, or to pair recordings anew)."""
        self._write("UPDATE files SET size = -1, fp = NULL")
        self._write("DELETE FROM problems")
        return self.scan(progress, cancel)

    # -- reading ---------------------------------------------------------------------------

    def episodes(self) -> list[Episode]:
        """The episodes under the library's folders (not those a `search FOLDER` from
        the command line indexed on the side)."""
        rows = self._con.execute(f"SELECT {_EPISODE_COLUMNS} FROM files ORDER BY path")
        listed = self._listed_prefixes()
        return [_episode(r) for r in rows if r[1].startswith(listed)]

    def _listed_prefixes(self) -> tuple[str, ...]:
        rows = self._con.execute("SELECT path FROM folders WHERE listed")
        return tuple(os.path.join(p, "") for (p,) in rows)

    def episode(self, path: Path) -> Episode | None:
        row = self._con.execute(
            f"SELECT {_EPISODE_COLUMNS} FROM files WHERE path = ?", (str(_absolute(path)),)
        ).fetchone()
        return _episode(row) if row is not None else None

    def problems(self) -> list[Problem]:
        rows = self._con.execute("SELECT path, reason FROM problems ORDER BY path")
        listed = self._listed_prefixes()
        return [Problem(Path(p), reason) for p, reason in rows if p.startswith(listed)]

    def search(
        self,
        query_text: str,
        *,
        exact: bool = False,
        episodes: int = 50,
        lines_per_episode: int = 3,
        cancel: Cancel | None = None,
        folder: Path | None = None,
    ) -> list[EpisodeHits]:
        """Episodes with hits, best first: the best line's score, then the count. A query
        in double quotes, or `exact`, finds only literal matches. `cancel()` is polled;
        once it says yes the search returns [] soon. `folder`: episodes under it only."""
        prefixes = (
            (os.path.join(str(_absolute(folder)), ""),)
            if folder is not None
            else self._listed_prefixes()  # the library's own folders
        )
        rows = self._con.execute("SELECT id, path FROM files")
        within = frozenset(i for i, path in rows if path.startswith(prefixes))
        from reader.core.library import query

        return query.search(
            self._con,
            self.vocabulary(),
            self._episodes_by_id,
            query_text,
            exact=exact,
            episodes=episodes,
            lines_per_episode=lines_per_episode,
            cancel=cancel,
            within=within,
        )

    def vocabulary(self) -> LibraryVocabulary:
        """Every word in the index, loaded once and again when the index changed."""
        (version,) = self._con.execute("PRAGMA data_version").fetchone()
        key = (version, self._writes)
        if self._vocab is None or key != self._vocab_key:
            rows = self._con.execute("SELECT term, sound FROM vocab").fetchall()
            sounds = {term: sound for term, sound in rows if sound is not None}
            terms = [term for term, _ in rows]
            from reader.core.library.query import LibraryVocabulary

            self._vocab = LibraryVocabulary(terms, sounds)
            if len(sounds) < len(rows):
                self._keep_sounds([t for t, sound in rows if sound is None])
            (version,) = self._con.execute("PRAGMA data_version").fetchone()
            self._vocab_key = (version, self._writes)
        return self._vocab

    def _keep_sounds(self, terms: list[str]) -> None:
        """Store the sound keys of words indexed since the last load: working them out
        is most of loading a large vocabulary (~0.3 s for 100,000 words). Best effort:
        another process writing just now only means they are worked out again."""
        from reader.core.search_text import sound_key

        try:
            with transaction(self._con):
                self._con.executemany(
                    "UPDATE vocab SET sound = ? WHERE term = ?",
                    [(sound_key(t), t) for t in terms],
                )
        except sqlite3.OperationalError:
            return

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- helpers ---------------------------------------------------------------------------

    def _write(self, sql: str, args: tuple[object, ...] = ()) -> None:
        self._writes += 1
        with transaction(self._con):
            self._con.execute(sql, args)

    def _episodes_by_id(self, ids: Sequence[int]) -> dict[int, Episode]:
        found: dict[int, Episode] = {}
        for at in range(0, len(ids), 500):
            chunk = list(ids[at : at + 500])
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT {_EPISODE_COLUMNS} FROM files WHERE id IN ({marks})"
            found.update((r[0], _episode(r)) for r in self._con.execute(sql, chunk))
        return found


def _episode(row: tuple[object, ...]) -> Episode:
    file_id, path, title, video_id, date, duration_ms, lines, media = row
    return Episode(
        id=int(file_id),  # type: ignore[call-overload]
        path=Path(str(path)),
        title=str(title),
        video_id=None if video_id is None else str(video_id),
        date=None if date is None else datetime.fromisoformat(str(date)),
        duration_ms=int(duration_ms),  # type: ignore[call-overload]
        lines=int(lines),  # type: ignore[call-overload]
        media=None if media is None else Path(str(media)),
    )


def _absolute(folder: Path) -> Path:
    try:
        return folder.expanduser().resolve()
    except (OSError, RuntimeError):
        return folder.expanduser().absolute()
