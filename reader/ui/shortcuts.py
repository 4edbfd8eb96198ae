"""The window's actions and keys, in one table that also feeds the help dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from reader.ui.main_window import MainWindow

SKIP_MS = 5_000
LONG_SKIP_MS = 30_000


class Entry(NamedTuple):
    menu: str
    name: str  # key in MainWindow.actions_by_name
    label: str
    keys: tuple[str, ...]
    slot: Callable[..., Any]
    checkable: bool = False


def _table(w: MainWindow) -> list[Entry]:
    p = w.player
    return [
        Entry("File", "open", "&Open…", ("Ctrl+O",), w.choose_file),
        Entry("File", "open_media", "Open &Media…", ("Ctrl+Shift+O",), w.choose_media),
        Entry("File", "export", "&Export…", ("Ctrl+E",), lambda: w.quotes.export(False)),
        Entry("File", "export_selection", "Export &Selection…", (), lambda: w.quotes.export(True)),
        Entry("File", "media_dirs", "Media &Folders…", (), w.choose_media_dirs),
        Entry("File", "quit", "&Quit", ("Ctrl+Q",), w.close),
        Entry("Edit", "copy_quote", "&Copy Quote", ("Ctrl+C",), lambda: w.quotes.copy_quote()),
        Entry(
            "Edit",
            "copy_link",
            "Copy &Link at Current Time",
            ("Ctrl+Shift+C",),
            lambda: w.quotes.copy_link(),
        ),
        Entry("Edit", "find", "&Find…", ("Ctrl+F",), w.open_search),
        Entry("Edit", "find_next", "Find &Next", ("F3",), lambda: w.step_hit(True)),
        Entry("Edit", "find_previous", "Find &Previous", ("Shift+F3",), lambda: w.step_hit(False)),
        Entry("Playback", "play", "Play / &Pause", ("Space",), p.toggle),
        Entry("Playback", "back", "Back 5 s", ("Left",), lambda: p.skip(-SKIP_MS)),
        Entry("Playback", "forward", "Forward 5 s", ("Right",), lambda: p.skip(SKIP_MS)),
        Entry("Playback", "back_long", "Back 30 s", ("Shift+Left",), lambda: p.skip(-LONG_SKIP_MS)),
        Entry(
            "Playback",
            "forward_long",
            "Forward 30 s",
            ("Shift+Right",),
            lambda: p.skip(LONG_SKIP_MS),
        ),
        Entry("Playback", "prev_line", "Previous Line", ("Up",), lambda: w.step_line(-1)),
        Entry("Playback", "next_line", "Next Line", ("Down",), lambda: w.step_line(1)),
        Entry("Playback", "slower", "Slower", ("[",), lambda: w.step_rate(-1)),
        Entry("Playback", "faster", "Faster", ("]",), lambda: w.step_rate(1)),
        Entry("Playback", "loop", "&Loop Current Line", ("L",), w.modes.set_loop, True),
        Entry(
            "Playback",
            "learner",
            "Pause After Each Line (learner)",
            ("P",),
            w.modes.set_learner,
            True,
        ),
        Entry(
            "View",
            "paragraphs",
            "Join Lines into &Paragraphs",
            ("Ctrl+J",),
            w.set_paragraph_mode,
            True,
        ),
        Entry("View", "follow", "Back to Current Line", ("Escape",), w.resume_following),
        Entry("View", "zoom_in", "Larger Text", ("Ctrl++", "Ctrl+="), lambda: w.prefs.zoom_text(1)),
        Entry("View", "zoom_out", "Smaller Text", ("Ctrl+-",), lambda: w.prefs.zoom_text(-1)),
        Entry("View", "zoom_reset", "Normal Text Size", ("Ctrl+0",), lambda: w.prefs.zoom_text(0)),
        Entry("Help", "shortcuts", "&Keyboard Shortcuts", ("F1", "?"), w.show_shortcuts),
    ]


def install_actions(window: MainWindow) -> dict[str, QAction]:
    """Fill the window's menus (made with titles from window_parts.MENUS) and bind keys."""
    # Imported here: the window's first frame is drawn before actions exist.
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QMenu

    actions: dict[str, QAction] = {}
    for entry in _table(window):
        menu = window.menuBar().findChild(QMenu, f"menu_{entry.menu}")
        assert menu is not None, entry.menu
        action = QAction(entry.label, window)
        action.setShortcuts([QKeySequence(k) for k in entry.keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(entry.checkable)
        action.triggered.connect(entry.slot)
        menu.addAction(action)
        window.addAction(action)
        actions[entry.name] = action
    return actions
