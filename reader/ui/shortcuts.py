"""The window's actions and keys, in one table that also feeds the help dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

LONG_SKIP_MS = 30_000


def _table(w: MainWindow) -> list[tuple[str, str, tuple[str, ...], Callable[[], object]]]:
    p = w.player
    return [
        ("File", "&Open…", ("Ctrl+O",), w.choose_file),
        ("File", "Open &Media…", ("Ctrl+Shift+O",), w.choose_media),
        ("File", "&Quit", ("Ctrl+Q",), w.close),
        ("Playback", "Play / &Pause", ("Space",), p.toggle),
        ("Playback", "Back 5 s", ("Left",), lambda: p.skip(-5000)),
        ("Playback", "Forward 5 s", ("Right",), lambda: p.skip(5000)),
        ("Playback", "Back 30 s", ("Shift+Left",), lambda: p.skip(-LONG_SKIP_MS)),
        ("Playback", "Forward 30 s", ("Shift+Right",), lambda: p.skip(LONG_SKIP_MS)),
        ("Help", "&Keyboard Shortcuts", ("F1", "?"), w.show_shortcuts),
    ]


def install_actions(window: MainWindow) -> dict[str, QAction]:
    menus: dict[str, object] = {}
    actions: dict[str, QAction] = {}
    for menu_name, label, keys, slot in _table(window):
        menu = menus.get(menu_name)
        if menu is None:
            menu = window.menuBar().addMenu(f"&{menu_name}")
            menus[menu_name] = menu
        action = QAction(label, window)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        window.addAction(action)
        actions[label.replace("&", "")] = action
    return actions
