"""The library as a tree: episodes (sortable), or episodes with the lines a search found.

Browsing, every episode is a row with its title, date, length, how far it was
listened to and whether its recording was found. Searching, the episodes with
hits come best first, each with its best lines as child rows (time, text and
the matched words, painted by the search results' delegate).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from reader.core.timefmt import format_time
from reader.ui.search.results import SPANS_ROLE, TIME_TEXT_ROLE, snippet

if TYPE_CHECKING:
    from reader.core.library import Episode, EpisodeHits, LineHit, Problem

PATH_ROLE = Qt.ItemDataRole.UserRole + 20  # the episode's transcript file
START_ROLE = Qt.ItemDataRole.UserRole + 21  # a hit line's start in ms (episodes: None)
SORT_ROLE = Qt.ItemDataRole.UserRole + 22  # what a column sorts by
HIT_ROLE = Qt.ItemDataRole.UserRole + 23  # True on a hit line's row
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 24  # True on a file that could not be read
COLUMNS = ("Title", "Date", "Length", "Listened", "Recording")


def _cell(text: str, sort: object, tip: str = "") -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(sort, SORT_ROLE)
    if tip:
        item.setToolTip(tip)
    return item


class LibraryModel(QStandardItemModel):
    def __init__(self) -> None:
        super().__init__(0, len(COLUMNS))
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.setSortRole(SORT_ROLE)
        self._episodes: list[Episode] = []
        self._positions: Mapping[Path, int] = {}
        self._searching = False

    def is_searching(self) -> bool:
        return self._searching

    def episode_count(self) -> int:
        return len(self._episodes)

    def set_episodes(
        self,
        episodes: Sequence[Episode],
        positions: Mapping[Path, int],
        problems: Sequence[Problem] = (),
    ) -> None:
        """Browse: every episode; `positions` says where each was left (ms), and
        the files that could not be read are listed after them, with the reason."""
        self._episodes, self._positions, self._searching = list(episodes), positions, False
        self.removeRows(0, self.rowCount())
        for episode in episodes:
            self.appendRow(self._episode_row(episode))
        for problem in problems:
            item = _cell(f"⚠ {problem.path.name}: {problem.reason}", "\uffff", str(problem.path))
            item.setData(True, PROBLEM_ROLE)
            self.appendRow([item, *(_cell("", -1) for _ in COLUMNS[1:])])

    def set_hits(self, groups: Sequence[EpisodeHits], query: str) -> None:
        """Search: the episodes with hits (best first), and those whose title
        holds the query though their text does not, after them."""
        self._searching = True
        self.removeRows(0, self.rowCount())
        shown = set()
        for group in groups:
            row = self._episode_row(group.episode)
            n = group.count
            row[0].setText(f"{group.episode.title}  ({n} {'line' if n == 1 else 'lines'})")
            for hit in group.best:
                row[0].appendRow(self._hit_row(group.episode, hit))
            self.appendRow(row)
            shown.add(group.episode.path)
        needle = query.strip().strip('"').casefold()
        for episode in self._episodes:
            if episode.path not in shown and needle and needle in episode.title.casefold():
                self.appendRow(self._episode_row(episode))

    def _episode_row(self, episode: Episode) -> list[QStandardItem]:
        title = _cell(episode.title, episode.title.casefold(), str(episode.path))
        title.setData(str(episode.path), PATH_ROLE)
        date = episode.date
        when = _cell(f"{date:%Y-%m-%d}" if date else "", date.timestamp() if date else 0.0)
        length = _cell(format_time(episode.duration_ms), episode.duration_ms)
        at = self._positions.get(episode.path, 0)
        share = at / episode.duration_ms if episode.duration_ms else 0.0
        listened = _cell(
            f"{min(100, round(share * 100))} %" if at else "",
            share,
            f"Left at {format_time(at)}: opens there" if at else "Not listened to yet",
        )
        media = episode.media
        recording = _cell(
            "✓" if media else "—",
            1 if media else 0,
            str(media) if media else "No recording found beside it or in the media folders",
        )
        for item in (title, when, length, listened, recording):
            item.setData(str(episode.path), PATH_ROLE)
        return [title, when, length, listened, recording]

    @staticmethod
    def _hit_row(episode: Episode, hit: LineHit) -> list[QStandardItem]:
        start = hit.start_ms
        text, spans = snippet(hit.text, hit.spans)
        item = QStandardItem(text)
        item.setEditable(False)
        item.setData(str(episode.path), PATH_ROLE)
        item.setData(start, START_ROLE)
        item.setData(True, HIT_ROLE)
        hours = episode.duration_ms >= 3_600_000
        item.setData(format_time(start, always_hours=hours), TIME_TEXT_ROLE)
        item.setData(spans, SPANS_ROLE)
        item.setToolTip(hit.text)
        return [item]
