"""The window's frame, built before its first frame: places for the parts, and room kept.

Layout: a message strip on top (when there is one), then a splitter with the
transcript column on the left (search bar above the list) and the side area on
the right, then the transport bar. Until the parts exist, the list's place
holds a FirstFrame and the side and the transport bar are empty room of their
size, so nothing moves when the parts are swapped in (`put_*`).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenuBar, QSplitter, QVBoxLayout, QWidget

from reader.ui.startup.first_frame import FirstFrame, list_font

# The menu bar's titles, in order, made now so the bar does not appear later;
# the window's actions fill them after the first frame.
MENUS = ("File", "Edit", "Playback", "View", "Help")
# The side area's narrowest; its room in the first frame is as wide (else the
# list would narrow, and re-wrap, when the side area arrives in a narrow window).
SIDE_MIN_WIDTH = 240
SPLIT = (720, 480)  # the transcript's and the side area's shares of the width at first
# Room kept for the transport bar until it is built: its height last time, or
# at first this many lines of the interface font (what Fusion makes of it).
TRANSPORT_LINES = 2.35
TRANSPORT_HEIGHT_KEY = "layout/transport_height"
# Whether the list's scroll bar took room from its rows last time: not where the
# style lays scroll bars over the content (macOS), and the first frame follows.
LIST_BAR_KEY = "layout/list_bar_takes_room"


def add_menu_titles(bar: QMenuBar) -> None:
    for title in MENUS:
        menu = bar.addMenu(f"&{title}")
        menu.setObjectName(f"menu_{title}")


class Shell(QWidget):
    """The central widget. `first_frame` is None when the list goes in at once."""

    def __init__(
        self, settings: QSettings, text_scale: float, first_frame: bool, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(0)
        # Horizontal by default; QSplitter(self) would build the Qt namespace.
        self.splitter = QSplitter(parent=self)
        self.left = QWidget(self.splitter)  # the transcript column
        self._left_box = QVBoxLayout(self.left)
        self._left_box.setContentsMargins(0, 0, 0, 0)
        self._left_box.setSpacing(0)
        self._side: QWidget = QWidget(self.splitter)  # room for the side area
        self._side.setMinimumWidth(SIDE_MIN_WIDTH)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self._side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes(list(SPLIT))
        self.splitter.setChildrenCollapsible(False)
        self._box.addWidget(self.splitter, 1)
        self._bottom: QWidget = QWidget(self)  # room for the transport bar
        self._bottom.setFixedHeight(self._transport_height())
        self._box.addWidget(self._bottom)
        self.first_frame: FirstFrame | None = None
        if first_frame:
            self.first_frame = FirstFrame(list_font(text_scale), self._list_bar_takes_room())
            self._left_box.addWidget(self.first_frame)

    # --- the parts, swapped in after the first frame ----------------------------------
    def put_list(self, view: QWidget) -> None:
        """The list takes the FirstFrame's place, shown in the same frame."""
        first, self.first_frame = self.first_frame, None
        if first is None:
            self._left_box.addWidget(view)
            return
        self._left_box.replaceWidget(first, view)
        view.show()  # now, not when the layout gets round to it
        first.hide()
        first.deleteLater()

    def put_above_list(self, widget: QWidget) -> None:
        self._left_box.insertWidget(0, widget)

    def put_side(self, widget: QWidget) -> None:
        self._replace(self._side, widget)
        self._side = widget

    def put_bottom(self, widget: QWidget) -> None:
        self._replace(self._bottom, widget)
        self._bottom = widget
        height = widget.sizeHint().height()
        if str(self._settings.value(TRANSPORT_HEIGHT_KEY)) != str(height):
            self._settings.setValue(TRANSPORT_HEIGHT_KEY, height)

    def put_top(self, widget: QWidget) -> None:
        """A strip above everything (the window's messages)."""
        self._box.insertWidget(0, widget)

    def bottom_height(self) -> int:
        return self._bottom.height()

    def _replace(self, old: QWidget, new: QWidget) -> None:
        if old is self._side:
            # On screen, the list keeps its width to the pixel; before that the
            # splitter has no sizes yet and shares out its room as set up.
            sizes = self.splitter.sizes() if self.isVisible() else list(SPLIT)
            self.splitter.replaceWidget(self.splitter.indexOf(old), new)
            self.splitter.setSizes(sizes)
        else:
            self._box.replaceWidget(old, new)
        old.deleteLater()
        if self.isVisible():  # shown in the next frame, all at once
            new.show()

    # --- what is remembered for the next first frame ----------------------------------
    def _transport_height(self) -> int:
        value = self._settings.value(TRANSPORT_HEIGHT_KEY, 0)
        remembered = int(value) if isinstance(value, (int, str)) and str(value).isdigit() else 0
        if 10 <= remembered <= 200:  # anything else was not written by us
            return remembered
        return round(self.fontMetrics().height() * TRANSPORT_LINES)

    def _list_bar_takes_room(self) -> bool:
        return str(self._settings.value(LIST_BAR_KEY, "true")).lower() != "false"

    def remember_list_bar(self, takes_room: bool) -> None:
        if takes_room != self._list_bar_takes_room():
            self._settings.setValue(LIST_BAR_KEY, takes_room)
