"""Keys a focused widget takes from the window's shortcuts.

The window binds Up, Down and Escape to playback and following; in a search
field or a results list those keys mean "next hit" or "close" instead. Accepting
the ShortcutOverride event makes Qt deliver the key to the widget, not the action.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


class KeyClaim(QObject):
    """While `widget` has focus, `keys` reach it; `handler` sees each press first and
    returns True when it used it (otherwise the widget's own handling runs)."""

    def __init__(
        self,
        widget: QWidget,
        keys: Collection[int],
        handler: Callable[[QKeyEvent], bool],
    ) -> None:
        super().__init__(widget)
        self._keys = frozenset(keys)
        self._handler = handler
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or event.key() not in self._keys:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        if event.type() == QEvent.Type.KeyPress:
            return self._handler(event)
        return False
