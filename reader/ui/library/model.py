"""The library as a tree: episodes (sortable), or episodes with the lines a search found.

Browsing, every episode is a row with its title, date, length, how far it was
listened to and whether its recording was found; files that could not be read
follow, with the reason. Searching, the episodes with hits come best first,
each with its best lines as child rows (time, text and the matched words,
painted by the search results' delegate). Cells are made when asked for: a
thousand episodes list at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from reader.core.timefmt import format_time
from reader.ui.search.results import SPANS_ROLE, TIME_TEXT_ROLE, snippet

if TYPE_CHECKING:
    from PySide6.QtCore import QPersistentModelIndex

    from reader.core.library import Episode, EpisodeHits, LineHit, Problem

    _Index = QModelIndex | QPersistentModelIndex

PATH_ROLE = Qt.ItemDataRole.UserRole + 20  # the episode's transcript file
START_ROLE = Qt.ItemDataRole.UserRole + 21  # a hit line's start in ms (episodes: None)
HIT_ROLE = Qt.ItemDataRole.UserRole + 23  # True on a hit line's row
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 24  # True on a file that could not be read
COLUMNS = ("Title", "Date", "Length", "Listened", "Recording")
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TIP = Qt.ItemDataRole.ToolTipRole


class _Row(NamedTuple):
    episode: Episode | None  # None: a problem
    problem: Problem | None
    matches: int  # matching lines (searching), 0 browsing
    hits: tuple[LineHit, ...]


class LibraryModel(QAbstractItemModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[_Row] = []
        self._episodes: list[Episode] = []
        self._positions: Mapping[Path, int] = {}
        self._searching = False

    def is_searching(self) -> bool:
        return self._searching

    def episode_count(self) -> int:
        return len(self._episodes)

    # --- content ----------------------------------------------------------------------
    def set_episodes(
        self,
        episodes: Sequence[Episode],
        positions: Mapping[Path, int],
        problems: Sequence[Problem] = (),
    ) -> None:
        """Browse: every episode; `positions` says where each was left (ms), and
        the files that could not be read are listed after them, with the reason."""
        self.beginResetModel()
        self._episodes, self._positions, self._searching = list(episodes), positions, False
        self._rows = [_Row(e, None, 0, ()) for e in episodes]
        self._rows += [_Row(None, p, 0, ()) for p in problems]
        self.endResetModel()

    def set_hits(self, groups: Sequence[EpisodeHits], query: str) -> None:
        """Search: the episodes with hits (best first), and those whose title
        holds the query though their text does not, after them."""
        self.beginResetModel()
        self._searching = True
        self._rows = [_Row(g.episode, None, g.count, g.best) for g in groups]
        shown = {g.episode.path for g in groups}
        needle = query.strip().strip('"').casefold()
        self._rows += [
            _Row(e, None, 0, ())
            for e in self._episodes
            if e.path not in shown and needle and needle in e.title.casefold()
        ]
        self.endResetModel()

    # --- Qt model API -------------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid():
            if parent.internalId() or parent.column() != 0:
                return QModelIndex()  # hit lines have no children
            hits = self._rows[parent.row()].hits
            if 0 <= row < len(hits) and column == 0:
                return self.createIndex(row, 0, parent.row() + 1)
            return QModelIndex()
        if 0 <= row < len(self._rows) and 0 <= column < len(COLUMNS):
            return self.createIndex(row, column, 0)
        return QModelIndex()

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or not index.internalId():
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._rows)
        if parent.internalId() or parent.column() != 0:
            return 0
        return len(self._rows[parent.row()].hits)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return COLUMNS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if index.isValid()
            else (Qt.ItemFlag.NoItemFlags)
        )

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        if index.internalId():
            row = self._rows[index.internalId() - 1]
            return self._hit_data(row, row.hits[index.row()], role)
        row = self._rows[index.row()]
        if row.episode is None:
            return self._problem_data(row, index.column(), role)
        return self._episode_data(row, index.column(), role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._searching:
            return  # hits stay best first
        keys: list[Callable[[Episode], Any]] = [
            lambda e: e.title.casefold(),
            lambda e: e.date.timestamp() if e.date else 0.0,
            lambda e: e.duration_ms,
            self._listened,
            lambda e: e.media is not None,
        ]
        key = keys[column]
        episodes = [r for r in self._rows if r.episode is not None]
        problems = [r for r in self._rows if r.episode is None]
        reverse = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        episodes.sort(key=lambda r: key(r.episode), reverse=reverse)  # type: ignore[arg-type]
        self._rows = episodes + problems  # the unreadable files stay last
        self.layoutChanged.emit()

    # --- cells --------------------------------------------------------------------------
    def _listened(self, episode: Episode) -> float:
        at = self._positions.get(episode.path, 0)
        return at / episode.duration_ms if episode.duration_ms else 0.0

    def _episode_data(self, row: _Row, column: int, role: int) -> Any:
        episode = row.episode
        assert episode is not None
        if role == PATH_ROLE:
            return str(episode.path)
        if role == _DISPLAY:
            if column == 0:
                n = row.matches
                lines = f"  ({n} {'line' if n == 1 else 'lines'})" if n else ""
                return episode.title + lines
            if column == 1:
                return f"{episode.date:%Y-%m-%d}" if episode.date else ""
            if column == 2:
                return format_time(episode.duration_ms)
            if column == 3:
                at = self._positions.get(episode.path, 0)
                return f"{min(100, round(self._listened(episode) * 100))} %" if at else ""
            return "✓" if episode.media else "—"
        if role == _TIP:
            if column == 3:
                at = self._positions.get(episode.path, 0)
                return f"Left at {format_time(at)}: opens there" if at else "Not listened to yet"
            if column == 4:
                return str(episode.media) if episode.media else "No recording found for it"
            return str(episode.path)
        return None

    @staticmethod
    def _problem_data(row: _Row, column: int, role: int) -> Any:
        problem = row.problem
        assert problem is not None
        if role == PROBLEM_ROLE:
            return True
        if role == _DISPLAY and column == 0:
            return f"⚠ {problem.path.name}: {problem.reason}"
        if role == _TIP:
            return str(problem.path)
        return None

    @staticmethod
    def _hit_data(row: _Row, hit: LineHit, role: int) -> Any:
        episode = row.episode
        assert episode is not None
        if role == _DISPLAY:
            return snippet(hit.text, hit.spans)[0]
        if role == SPANS_ROLE:
            return snippet(hit.text, hit.spans)[1]
        if role == TIME_TEXT_ROLE:
            return format_time(hit.start_ms, always_hours=episode.duration_ms >= 3_600_000)
        if role == PATH_ROLE:
            return str(episode.path)
        if role == START_ROLE:
            return hit.start_ms
        if role == HIT_ROLE:
            return True
        if role == _TIP:
            return hit.text
        return None
