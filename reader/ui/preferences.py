"""What the reader remembers between runs: text size, reading mode, theme, speed, volume.

Kept in the QSettings the window was given (tests pass a temporary file);
a value that does not read back as what it should be means the default.
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from reader.ui.theme import THEMES, apply_theme

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from reader.ui.main_window import MainWindow


class Preferences(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        self._base_text_size = 0.0  # the list's font size at zoom 1 (attach_view)
        self.theme_actions: dict[str, QAction] = {}
        self._theme = "system"
        self._restore()

    def text_scale(self) -> float:
        """The saved reading zoom (1.0: none)."""
        scale = _number(self._w.settings.value("view/text_size"), 1.0)
        return scale if 0.3 <= scale <= 3 else 1.0

    def paragraphs_saved(self) -> bool:
        return str(self._w.settings.value("view/paragraphs", "false")).lower() == "true"

    def attach_view(self) -> None:
        """Apply the saved zoom and reading mode to the window's new list."""
        w = self._w
        self._base_text_size = w.view.font().pointSizeF()
        scale = self.text_scale()
        if abs(scale - 1.0) > 1e-3:
            font = QFont(w.view.font())
            font.setPointSizeF(self._base_text_size * scale)
            w.view.set_text_font(font)
        if self.paragraphs_saved():
            w.model.set_paragraph_mode(True)

    def complete(self) -> None:
        """The menu parts, once the window's actions exist (MainWindow.complete)."""
        self._build_theme_menu()
        self._w.actions_by_name["paragraphs"].setChecked(self._w.model.paragraph_mode())

    def zoom_text(self, step: int) -> None:
        """Ctrl+plus/minus change the reading size; Ctrl+0 restores it."""
        view, base = self._w.view, self._base_text_size
        size = base if step == 0 else view.font().pointSizeF() + step
        size = min(base * 3, max(6.0, size))
        font = QFont(view.font())
        font.setPointSizeF(size)
        view.set_text_font(font)
        self._w.settings.setValue("view/text_size", round(size / base, 3))

    def set_paragraph_mode(self, on: bool) -> None:
        """Reading mode: lines joined into paragraphs, each sentence still clickable."""
        w = self._w
        w.model.set_paragraph_mode(on)
        if w.is_complete():
            w.actions_by_name["paragraphs"].setChecked(on)
        w.settings.setValue("view/paragraphs", on)
        w.view.reveal(w.model.row_of_segment(w.model.current_row()), force=True)

    def set_theme(self, theme: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme = apply_theme(app, theme)
        self._theme = theme
        self._w.settings.setValue("view/theme", theme)
        for name, action in self.theme_actions.items():
            action.setChecked(name == theme)

    def _build_theme_menu(self) -> None:
        from PySide6.QtGui import QActionGroup
        from PySide6.QtWidgets import QMenu

        menu = self._w.menuBar().findChild(QMenu, "menu_View")
        assert menu is not None
        sub = menu.addMenu("&Theme")
        group = QActionGroup(self)
        for name in THEMES:
            action = sub.addAction(name.capitalize(), functools.partial(self.set_theme, name))
            action.setCheckable(True)
            action.setChecked(name == self._theme)
            group.addAction(action)
            self.theme_actions[name] = action

    def _restore(self) -> None:
        w, s = self._w, self._w.settings
        self.set_theme(str(s.value("view/theme", "system")))
        w.player.set_rate(_number(s.value("playback/rate"), 1.0))
        w.player.set_volume(int(_number(s.value("playback/volume"), 100)))
        w.player.rate_changed.connect(lambda r: s.setValue("playback/rate", r))
        w.player.volume_changed.connect(lambda v: s.setValue("playback/volume", v))


def _number(value: object, default: float) -> float:
    """A number from settings, which may hold anything after a hand edit."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default
