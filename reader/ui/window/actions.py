"""The window's actions and keys, in one table that also feeds the help dialog.

The table names what each action does through two small protocols: the
window's own commands (files, help) and the reading commands its parts carry
out (parts.py), so this module needs nothing of either but those methods.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenuBar, QWidget

    from reader.player.base import Player

SKIP_MS = 5_000
LONG_SKIP_MS = 30_000


class WindowCommands(Protocol):
    """What the window does itself: files, folders, help."""

    def choose_file(self) -> None: ...
    def choose_media(self) -> None: ...
    def choose_media_dirs(self) -> None: ...
    def show_library(self) -> None: ...
    def choose_library_folders(self) -> None: ...
    def close(self) -> bool: ...
    def show_shortcuts(self) -> None: ...


class ReadingCommands(Protocol):
    """What the window's parts do: quoting, marking, finding, moving through the text."""

    def export(self, selection_only: bool) -> bool: ...
    def copy_quote(self) -> bool: ...
    def copy_link(self) -> bool: ...
    def open_search(self) -> None: ...
    def step_hit(self, forward: bool) -> None: ...
    def step_line(self, delta: int) -> None: ...
    def step_rate(self, delta: int) -> None: ...
    def set_loop(self, on: bool) -> None: ...
    def set_learner(self, on: bool) -> None: ...
    def set_paragraph_mode(self, on: bool) -> None: ...
    def resume_following(self) -> None: ...
    def zoom_text(self, step: int) -> None: ...
    def mark(self) -> None: ...
    def edit_note(self) -> None: ...
    def undo(self) -> None: ...
    def redo(self) -> None: ...
    def export_notes(self) -> None: ...


class Entry(NamedTuple):
    menu: str
    name: str  # key in the window's actions_by_name
    label: str
    keys: tuple[str, ...]
    slot: Callable[..., Any]
    checkable: bool = False


def _table(f: WindowCommands, w: ReadingCommands, p: Player) -> list[Entry]:
    return [
        Entry("File", "open", "&Open…", ("Ctrl+O",), f.choose_file),
        Entry("File", "open_media", "Open &Media…", ("Ctrl+Shift+O",), f.choose_media),
        Entry("File", "export", "&Export…", ("Ctrl+E",), lambda: w.export(False)),
        Entry("File", "export_selection", "Export &Selection…", (), lambda: w.export(True)),
        Entry("File", "export_notes", "Export &Notes…", (), w.export_notes),
        Entry("File", "library", "&Library", ("Ctrl+L",), f.show_library),
        Entry("File", "library_folders", "Library Fol&ders…", (), f.choose_library_folders),
        Entry("File", "media_dirs", "Media &Folders…", (), f.choose_media_dirs),
        Entry("File", "quit", "&Quit", ("Ctrl+Q",), f.close),
        Entry("Edit", "undo", "&Undo", ("Ctrl+Z",), w.undo),
        Entry("Edit", "redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), w.redo),
        Entry("Edit", "copy_quote", "&Copy Quote", ("Ctrl+C",), w.copy_quote),
        Entry("Edit", "copy_link", "Copy &Link at Current Time", ("Ctrl+Shift+C",), w.copy_link),
        Entry("Edit", "mark", "&Mark Line or Selection", ("M",), w.mark),
        Entry("Edit", "note", "&Note…", ("N",), w.edit_note),
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
        Entry("Playback", "loop", "&Loop Current Line", ("L",), w.set_loop, True),
        Entry(
            "Playback", "learner", "Pause After Each Line (learner)", ("P",), w.set_learner, True
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
        Entry("View", "zoom_in", "Larger Text", ("Ctrl++", "Ctrl+="), lambda: w.zoom_text(1)),
        Entry("View", "zoom_out", "Smaller Text", ("Ctrl+-",), lambda: w.zoom_text(-1)),
        Entry("View", "zoom_reset", "Normal Text Size", ("Ctrl+0",), lambda: w.zoom_text(0)),
        Entry("Help", "shortcuts", "&Keyboard Shortcuts", ("F1", "?"), f.show_shortcuts),
    ]


def install_actions(
    window: WindowCommands,
    reading: ReadingCommands,
    player: Player,
    menus: QMenuBar,
    owner: QWidget,
) -> dict[str, QAction]:
    """Fill the menus (made with titles from startup.shell.MENUS) and bind keys on `owner`."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QMenu

    actions: dict[str, QAction] = {}
    for entry in _table(window, reading, player):
        menu = menus.findChild(QMenu, f"menu_{entry.menu}")
        assert menu is not None, entry.menu
        action = QAction(entry.label, owner)
        action.setShortcuts([QKeySequence(k) for k in entry.keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(entry.checkable)
        action.triggered.connect(entry.slot)
        menu.addAction(action)
        owner.addAction(action)
        actions[entry.name] = action
    return actions
