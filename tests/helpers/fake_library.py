"""A library store for UI tests: real transcript files, kept in memory, searched plainly.

It has the interface of reader.core.library.Library, so the panel and its worker
thread are tested with real widgets and a real QThread, without SQLite. Its
search is a case-folded substring match; a test may hold a search open (`gate`)
to see a newer query cancel it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from reader.core.errors import TranscriptError
from reader.core.formats import load
from reader.core.library.types import Episode, EpisodeHits, LineHit, Problem, ScanReport
from reader.core.mediatypes import is_media
from reader.core.pairing_names import as_written


class FakeLibrary:
    def __init__(self, shared: dict[str, object] | None = None) -> None:
        # What one "database" holds, shared by the objects opened on it (threads).
        self._db = shared if shared is not None else {"folders": [], "episodes": {}, "problems": []}
        self.gate: threading.Event | None = None  # set by a test to hold searches open
        self.searches: list[str] = []
        self.closed = False
        self.warnings: list[str] = []

    def take_warnings(self) -> list[str]:
        out, self.warnings = self.warnings, []
        return out

    def folders(self) -> list[Path]:
        return list(self._db["folders"])  # type: ignore[call-overload]

    def add_folder(self, folder: Path) -> None:
        folders: list[Path] = self._db["folders"]  # type: ignore[assignment]
        if folder not in folders:
            folders.append(folder)

    def remove_folder(self, folder: Path) -> None:
        folders: list[Path] = self._db["folders"]  # type: ignore[assignment]
        if folder in folders:
            folders.remove(folder)

    def scan(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> ScanReport:
        files = sorted(p for f in self.folders() if f.is_dir() for p in f.rglob("*") if p.is_file())
        files = [p for p in files if not is_media(p)]
        episodes: dict[Path, tuple[Episode, tuple[object, ...]]] = {}
        problems = []
        for n, path in enumerate(files, 1):
            try:
                t = load(path)
            except TranscriptError as exc:
                problems.append(Problem(path, str(exc)))
            else:
                title = as_written(t.header.title or path.stem)
                episode = Episode(
                    n,
                    path,
                    title,
                    t.header.video_id,
                    t.header.modified,
                    t.duration_ms,
                    len(t),
                    None,
                )
                episodes[path] = (episode, t.segments)
            if progress is not None:
                progress(n, len(files))
        old: dict[Path, object] = self._db["episodes"]  # type: ignore[assignment]
        added = len(set(episodes) - set(old))
        removed = len(set(old) - set(episodes))
        self._db["episodes"], self._db["problems"] = episodes, problems
        return ScanReport(added, 0, 0, removed, len(episodes) - added, tuple(problems))

    def episodes(self) -> list[Episode]:
        stored: dict[Path, tuple[Episode, object]] = self._db["episodes"]  # type: ignore[assignment]
        return [e for e, _ in stored.values()]

    def episode(self, path: Path) -> Episode | None:
        stored: dict[Path, tuple[Episode, object]] = self._db["episodes"]  # type: ignore[assignment]
        found = stored.get(path)
        return found[0] if found else None

    def problems(self) -> list[Problem]:
        return list(self._db["problems"])  # type: ignore[call-overload]

    def search(
        self,
        query: str,
        *,
        exact: bool = False,
        episodes: int = 50,
        lines_per_episode: int = 3,
        cancel: Callable[[], bool] | None = None,
    ) -> list[EpisodeHits]:
        self.searches.append(query)
        if self.gate is not None:
            while not self.gate.wait(0.01):
                if cancel is not None and cancel():
                    return []
        needle = query.strip().strip('"').casefold()
        out = []
        stored: dict[Path, tuple[Episode, tuple]] = self._db["episodes"]  # type: ignore[assignment]
        for episode, segments in stored.values():
            hits = []
            for i, seg in enumerate(segments):
                at = seg.text.casefold().find(needle)
                if needle and at >= 0:
                    span = ((at, at + len(needle)),)
                    hits.append(LineHit(i, seg.start_ms, seg.end_ms, seg.text, span, 100.0))
            if hits:
                out.append(EpisodeHits(episode, len(hits), tuple(hits[:lines_per_episode])))
        out.sort(key=lambda g: -g.count)
        return out[:episodes]

    def close(self) -> None:
        self.closed = True
