"""The side area beside the transcript: tabs for the player and for panels like search.

A panel is any widget, added under a key; the tab bar shows only when there
is more than one. See README ("How it is built") for adding a panel.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from reader.ui.startup.shell import SIDE_MIN_WIDTH


class SideArea(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setTabBarAutoHide(True)
        self.setMinimumWidth(SIDE_MIN_WIDTH)
        self._panels: dict[str, QWidget] = {}

    def add_panel(self, key: str, title: str, widget: QWidget, show: bool = True) -> None:
        """Add (or re-show) the panel `key`; `show` makes it the visible tab."""
        if key not in self._panels:
            self._panels[key] = widget
            self.addTab(widget, title)
            widget.setAccessibleName(title)
        if show:
            self.setCurrentWidget(self._panels[key])

    def remove_panel(self, key: str) -> QWidget | None:
        """Take the panel out; the widget is not deleted (its owner may put it elsewhere)."""
        widget = self._panels.pop(key, None)
        if widget is not None:
            self.removeTab(self.indexOf(widget))
        return widget

    def has_panel(self, key: str) -> bool:
        return key in self._panels

    def panel(self, key: str) -> QWidget | None:
        return self._panels.get(key)

    def current_key(self) -> str | None:
        current = self.currentWidget()
        return next((k for k, w in self._panels.items() if w is current), None)
