"""What the reader remembers between runs: text size, reading mode, theme, speed, volume.

Kept in the QSettings it is given (tests pass a temporary file); a value that
does not read back as what it should be means the default. It is made before
the window's first frame (the theme and the text size shape that frame), so
its constructor only reads settings and applies the theme.
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from reader.player.base import Player
from reader.ui.startup.theme import THEMES, apply_theme

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    from reader.ui.transcript.model import TranscriptModel
    from reader.ui.transcript.view import TranscriptView

TEXT_SIZE_KEY = "view/text_size"
PARAGRAPHS_KEY = "view/paragraphs"
THEME_KEY = "view/theme"


class Preferences(QObject):
    paragraph_mode_changed = Signal(bool)

    def __init__(self, settings: QSettings, player: Player, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._player = player
        self._view: TranscriptView | None = None
        self._model: TranscriptModel | None = None
        self._base_text_size = 0.0  # the list's font size at zoom 1 (attach)
        self.theme_actions: dict[str, QAction] = {}
        self._theme = "system"
        self._restore()

    def text_scale(self) -> float:
        """The saved reading zoom (1.0: none)."""
        scale = _number(self._settings.value(TEXT_SIZE_KEY), 1.0)
        return scale if 0.3 <= scale <= 3 else 1.0

    def paragraphs_saved(self) -> bool:
        return str(self._settings.value(PARAGRAPHS_KEY, "false")).lower() == "true"

    def attach(self, view: TranscriptView, model: TranscriptModel) -> None:
        """Apply the saved zoom and reading mode to the window's new list."""
        self._view, self._model = view, model
        self._base_text_size = view.font().pointSizeF()
        scale = self.text_scale()
        if abs(scale - 1.0) > 1e-3:
            font = QFont(view.font())
            font.setPointSizeF(self._base_text_size * scale)
            view.set_text_font(font)
        if self.paragraphs_saved():
            model.set_paragraph_mode(True)

    def zoom_text(self, step: int) -> None:
        """Ctrl+plus/minus change the reading size; Ctrl+0 restores it."""
        view, base = self._view, self._base_text_size
        if view is None:
            return
        size = base if step == 0 else view.font().pointSizeF() + step
        size = min(base * 3, max(6.0, size))
        font = QFont(view.font())
        font.setPointSizeF(size)
        view.set_text_font(font)
        self._settings.setValue(TEXT_SIZE_KEY, round(size / base, 3))

    def set_paragraph_mode(self, on: bool) -> None:
        """Reading mode: lines joined into paragraphs, each sentence still clickable."""
        self._settings.setValue(PARAGRAPHS_KEY, on)
        model, view = self._model, self._view
        if model is not None and view is not None:
            model.set_paragraph_mode(on)
            view.reveal(model.row_of_segment(model.current_row()), force=True)
        self.paragraph_mode_changed.emit(on)

    def set_theme(self, theme: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme = apply_theme(app, theme)
        self._theme = theme
        self._settings.setValue(THEME_KEY, theme)
        for name, action in self.theme_actions.items():
            action.setChecked(name == theme)

    def build_theme_menu(self, menu: QMenu) -> None:
        from PySide6.QtGui import QActionGroup

        sub = menu.addMenu("&Theme")
        group = QActionGroup(self)
        for name in THEMES:
            action = sub.addAction(name.capitalize(), functools.partial(self.set_theme, name))
            action.setCheckable(True)
            action.setChecked(name == self._theme)
            group.addAction(action)
            self.theme_actions[name] = action

    def _restore(self) -> None:
        s, player = self._settings, self._player
        self.set_theme(str(s.value(THEME_KEY, "system")))
        player.set_rate(_number(s.value("playback/rate"), 1.0))
        player.set_volume(int(_number(s.value("playback/volume"), 100)))
        player.rate_changed.connect(lambda r: s.setValue("playback/rate", r))
        player.volume_changed.connect(lambda v: s.setValue("playback/volume", v))


def _number(value: object, default: float) -> float:
    """A number from settings, which may hold anything after a hand edit."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default
