"""The search results list: a model of hits, a delegate painting time + text, the view.

Text is plain and goes through QTextLayout with format ranges for the matched
words, as in the transcript, so a line holding `<b>` shows those characters.
A long line is shown from a little before its first match, so the match is seen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QFontMetrics,
    QPainter,
    QPalette,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.core.model import Transcript
from reader.core.timefmt import format_time
from reader.ui.startup.rowpaint import match_ranges

if TYPE_CHECKING:
    from PySide6.QtCore import QPersistentModelIndex
    from PySide6.QtGui import QPaintEvent

    from reader.core.search import Hit  # annotates only: the engine loads rapidfuzz

    _Index = QModelIndex | QPersistentModelIndex

SEGMENT_ROLE = Qt.ItemDataRole.UserRole + 1  # segment index of the hit
TIME_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2  # "1:02:03"
SPANS_ROLE = Qt.ItemDataRole.UserRole + 3  # marked ranges of the DisplayRole text
LEAD = 24  # characters kept before a line's first match when the start is cut
MAX_SNIPPET = 400  # characters a one-line hit can show at all (the rest is elided anyway)
PAD_X = 6
PAD_Y = 3
GAP = 10  # between the time and the text
ELLIPSIS = "…"
Span = tuple[int, int]


def snippet(text: str, spans: tuple[Span, ...], lead: int = LEAD) -> tuple[str, tuple[Span, ...]]:
    """`text` cut to start at a word shortly before its first span (with "…"), and
    the spans moved to match; short lead-ins are kept whole."""
    if not spans or spans[0][0] <= lead + len(ELLIPSIS):
        return _capped(text, spans)
    first = spans[0][0]
    space = text.find(" ", first - lead, first)
    cut = space + 1 if space != -1 else first - lead
    shift = cut - len(ELLIPSIS)
    return _capped(ELLIPSIS + text[cut:], tuple((a - shift, b - shift) for a, b in spans))


def _capped(text: str, spans: tuple[Span, ...]) -> tuple[str, tuple[Span, ...]]:
    """A giant line's first MAX_SNIPPET characters: eliding a megabyte at every paint
    would freeze the list."""
    if len(text) <= MAX_SNIPPET:
        return text, spans
    kept = tuple((a, min(b, MAX_SNIPPET)) for a, b in spans if a < MAX_SNIPPET)
    return text[:MAX_SNIPPET] + ELLIPSIS, kept


class ResultsModel(QAbstractListModel):
    """Hits in the order search returned them (best first)."""

    def __init__(self) -> None:
        super().__init__()
        self._hits: list[Hit] = []
        self._transcript: Transcript | None = None
        self._hours = False

    def set_hits(self, transcript: Transcript | None, hits: list[Hit]) -> None:
        self.beginResetModel()
        self._transcript = transcript
        self._hits = hits if transcript is not None else []
        self._hours = bool(transcript and transcript.duration_ms >= 3_600_000)
        self.endResetModel()

    def hit(self, row: int) -> Hit:
        return self._hits[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or row >= len(self._hits) or self._transcript is None:
            return None
        hit = self._hits[row]
        seg = self._transcript[hit.index]
        if role == Qt.ItemDataRole.DisplayRole:
            return snippet(seg.text, hit.spans)[0]
        if role == SPANS_ROLE:
            return snippet(seg.text, hit.spans)[1]
        if role == TIME_TEXT_ROLE:
            return format_time(seg.start_ms, always_hours=self._hours)
        if role == SEGMENT_ROLE:
            return hit.index
        if role == Qt.ItemDataRole.ToolTipRole:
            return seg.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{format_time(seg.start_ms)} {seg.text}"
        return None


class ResultsDelegate(QStyledItemDelegate):
    """One line per hit: the time, then the text elided at the right, matches marked."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(option.rect.width(), QFontMetrics(option.font).height() + 2 * PAD_Y)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        # The native row background (selection, hover) without the style's own text.
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        font = option.font
        fm = QFontMetrics(font)
        rect: QRect = option.rect
        time_w = fm.horizontalAdvance("0:00:00") + GAP
        x = rect.left() + PAD_X
        baseline = rect.top() + PAD_Y + fm.ascent()
        painter.setFont(font)
        painter.setPen(
            pal.color(QPalette.ColorRole.HighlightedText)
            if selected
            else pal.color(QPalette.ColorRole.PlaceholderText)
        )
        painter.drawText(x, baseline, str(index.data(TIME_TEXT_ROLE) or ""))

        width = max(10, rect.right() - PAD_X - (x + time_w))
        text, spans = _elide(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            tuple(index.data(SPANS_ROLE) or ()),
            fm,
            width,
        )
        layout = QTextLayout(text, font)
        layout.beginLayout()
        line = layout.createLine()
        if line.isValid():
            line.setLineWidth(1_000_000)  # one line; the text is already elided
            line.setPosition(QPointF(0, 0))
        layout.endLayout()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(pal.color(role))
        layout.draw(painter, QPointF(x + time_w, rect.top() + PAD_Y), match_ranges(spans))
        painter.restore()


def _elide(
    text: str, spans: tuple[Span, ...], fm: QFontMetrics, width: int
) -> tuple[str, tuple[Span, ...]]:
    """Elide at the right; spans are cut to the characters still shown."""
    shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
    if shown == text:
        return text, spans
    keep = max(0, len(shown) - 1)  # the rest is text's own prefix followed by "…"
    return shown, tuple((a, min(b, keep)) for a, b in spans if a < keep)


class ResultsList(QListView):
    """The hits, one line each. Under the search bar it is as tall as its rows up
    to a cap and hidden when empty; docked in the side area it fills its tab."""

    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._docked = False
        self._placeholder = ""
        self.setModel(model)
        self.setItemDelegate(ResultsDelegate(self))
        self.setUniformItemSizes(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Matches")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.hide()

    def row_height(self) -> int:
        return QFontMetrics(self.font()).height() + 2 * PAD_Y

    def page(self) -> int:
        """Rows in one screenful of the list."""
        return max(1, self.height() // self.row_height())

    def set_docked(self, docked: bool) -> None:
        self._docked = docked
        if docked:
            self.setMinimumHeight(0)
            self.setMaximumHeight(16_777_215)  # QWIDGETSIZE_MAX: no longer fixed
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
            self.show()
        else:
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def is_docked(self) -> bool:
        return self._docked

    def set_placeholder(self, text: str) -> None:
        """What an empty docked list says (no query yet, or no matches)."""
        self._placeholder = text
        self.viewport().update()

    def paintEvent(self, e: QPaintEvent) -> None:
        super().paintEvent(e)
        if self._docked and not self.model().rowCount() and self._placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            rect = self.viewport().rect().adjusted(12, 24, -12, -12)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(rect, int(flags | Qt.TextFlag.TextWordWrap), self._placeholder)
            painter.end()

    def fit(self, cap: int) -> None:
        """Height for all rows, at most `cap` (and at least three rows' worth)."""
        if self._docked:
            return
        rows = self.model().rowCount()
        if not rows:
            self.hide()
            return
        frame = 2 * self.frameWidth()
        cap = max(3 * self.row_height() + frame, cap)
        self.setFixedHeight(min(rows * self.row_height() + frame, cap))
        self.show()
