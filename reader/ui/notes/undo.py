"""Undo and Redo of marking: adding, removing and editing marks as QUndoCommands.

Each change is made in the store first (a refusal is said and nothing is
pushed); its command then only has to undo it, and redo it after that. The
commands reach the store and the views through `Changes`, the controller.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from reader.core.marks.types import Mark


class Changes(Protocol):
    """What the commands ask of the controller; each returns False when the store
    refused (the controller said why)."""

    def put_back(self, doc: int, mark: Mark) -> bool: ...
    def take_out(self, mark_id: int) -> bool: ...
    def rewrite(self, mark_id: int, note: str, tags: Sequence[str]) -> bool: ...


class _Done(QUndoCommand):
    """A change already made when pushed: the first redo (push's) does nothing."""

    def __init__(self, text: str, changes: Changes) -> None:
        super().__init__(text)
        self._changes = changes
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        if not self.again():
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.back():
            self.setObsolete(True)

    def again(self) -> bool:
        raise NotImplementedError

    def back(self) -> bool:
        raise NotImplementedError


class AddMark(_Done):
    def __init__(self, changes: Changes, doc: int, mark: Mark) -> None:
        super().__init__("Mark", changes)
        self.doc, self.mark = doc, mark

    def again(self) -> bool:
        return self._changes.put_back(self.doc, self.mark)

    def back(self) -> bool:
        return self._changes.take_out(self.mark.id)


class RemoveMark(_Done):
    def __init__(self, changes: Changes, doc: int, mark: Mark) -> None:
        super().__init__("Remove Mark", changes)
        self.doc, self.mark = doc, mark

    def again(self) -> bool:
        return self._changes.take_out(self.mark.id)

    def back(self) -> bool:
        return self._changes.put_back(self.doc, self.mark)


class EditMark(_Done):
    def __init__(self, changes: Changes, before: Mark, after: Mark) -> None:
        super().__init__("Note", changes)
        self.before, self.after = before, after

    def again(self) -> bool:
        return self._changes.rewrite(self.after.id, self.after.note, self.after.tags)

    def back(self) -> bool:
        return self._changes.rewrite(self.before.id, self.before.note, self.before.tags)
