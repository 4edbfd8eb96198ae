"""One transcript's marks as the store keeps them, changed undoably.

Every change goes to the store at once and onto the undo stack (undo.py);
the Notes list and the transcript list then show what the store returned,
so neither ever shows a mark the store does not have. A refusal (disk full,
a damaged store) is said in the window and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from reader.core.marks.store import MarksError
from reader.ui.notes.undo import AddMark, EditMark, RemoveMark

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from reader.core.marks.store import MarksStore
    from reader.core.marks.types import Mark
    from reader.core.model import Transcript
    from reader.ui.notes.model import NotesModel
    from reader.ui.transcript.model import TranscriptModel

Say = Callable[[str, bool], None]  # (text, error) -> the window's message strip
T = TypeVar("T")


class Refused(Exception):
    """The store refused a change; the user was told why."""


class MarkChanges:
    def __init__(
        self, notes: NotesModel, lines: TranscriptModel, undo: QUndoStack, say: Say
    ) -> None:
        self._notes = notes
        self._lines = lines
        self._undo = undo
        self._say = say
        self.store: MarksStore | None = None
        self.doc: int | None = None
        self.transcript: Transcript | None = None

    def open(self, store: MarksStore, doc: int, transcript: Transcript, marks: list[Mark]) -> None:
        """Show the marks of document `doc`, which is `transcript`."""
        self.store, self.doc, self.transcript = store, doc, transcript
        self._undo.clear()
        self._notes.set_marks(marks, transcript.duration_ms >= 3_600_000)
        self._show_in_lines()

    def close_document(self) -> None:
        """Another transcript comes: nothing of this one is shown or undone."""
        self.doc = self.transcript = None
        self._undo.clear()
        self._notes.set_marks([])
        self._lines.set_marks([])

    def show(self, marks: list[Mark]) -> bool:
        """Show these marks; False when they are what is shown already."""
        if marks == self._notes.marks():
            return False
        hours = self.transcript is not None and self.transcript.duration_ms >= 3_600_000
        self._notes.set_marks(marks, hours)
        self._show_in_lines()
        return True

    def reread(self) -> bool:
        """Show the store's marks (another window may have changed them); True when
        they changed."""
        store, doc = self.store, self.doc
        if store is None or doc is None:
            return False
        try:
            return self.show(self.run("Could not read the marks", lambda: store.marks(doc)))
        except Refused:
            return False

    def by_id(self, mark_id: int) -> Mark | None:
        return self._notes.mark_at(self._notes.row_of(mark_id))

    def find(self, first: int, last: int, chars: tuple[int, int] | None) -> Mark | None:
        """The mark of exactly these lines (or words), shown in the text."""
        wanted = (first, last, chars)
        marks = self._notes.marks()
        return next((m for m in marks if not m.lost and (m.first, m.last, m.chars) == wanted), None)

    def holding(self, segment: int) -> Mark | None:
        """The first mark shown in the text whose lines hold `segment`."""
        marks = self._notes.marks()
        return next((m for m in marks if not m.lost and m.first <= segment <= m.last), None)

    # --- changes --------------------------------------------------------------------------
    def add(self, first: int, last: int, chars: tuple[int, int] | None) -> Mark:
        """Mark lines first..last (or chars of `first`); raises Refused."""
        store, doc, transcript = self.store, self.doc, self.transcript
        assert store is not None and doc is not None and transcript is not None
        mark = self.run(
            "Could not mark", lambda: store.add(doc, transcript, first, last, chars=chars)
        )
        self._put(mark)
        self._undo.push(AddMark(self, doc, mark))
        return mark

    def edit(
        self, mark_id: int, *, note: str | None = None, tags: Sequence[str] | None = None
    ) -> bool:
        """Change a mark's note or tags."""
        before = self.by_id(mark_id)
        store = self.store
        if before is None or store is None:
            return False
        new_note = before.note if note is None else note
        new_tags = before.tags if tags is None else tuple(tags)
        if new_note == before.note and tuple(new_tags) == before.tags:
            return True
        try:
            after = self.run(
                "Could not keep the note",
                lambda: store.update(mark_id, note=new_note, tags=new_tags),
            )
        except Refused:
            return False
        if after is None:
            self._gone(mark_id)
            return False
        self._put(after)
        self._undo.push(EditMark(self, before, after))
        return True

    def remove(self, mark_ids: Sequence[int]) -> int:
        """Remove marks, undone together; returns how many."""
        store, doc = self.store, self.doc
        if store is None or doc is None or not mark_ids:
            return 0
        removed = 0
        self._undo.beginMacro("Remove Mark" if len(mark_ids) == 1 else "Remove Marks")
        try:
            for mark_id in mark_ids:
                mark = self.run("Could not remove the mark", _removing(store, mark_id))
                self._drop(mark_id)
                if mark is not None:
                    self._undo.push(RemoveMark(self, doc, mark))
                    removed += 1
        except Refused:
            pass
        finally:
            self._undo.endMacro()
        return removed

    # --- what the undo commands ask (undo.Changes) -------------------------------------
    def put_back(self, doc: int, mark: Mark) -> bool:
        store = self.store
        if store is None:
            return False
        try:
            restored = self.run("Could not put the mark back", lambda: store.restore(doc, mark))
        except Refused:
            return False
        if doc == self.doc:
            self._put(restored)
        return True

    def take_out(self, mark_id: int) -> bool:
        store = self.store
        if store is None:
            return False
        try:
            self.run("Could not remove the mark", lambda: store.remove(mark_id))
        except Refused:
            return False
        self._drop(mark_id)
        return True

    def rewrite(self, mark_id: int, note: str, tags: Sequence[str]) -> bool:
        store = self.store
        if store is None:
            return False
        try:
            mark = self.run(
                "Could not change the note", lambda: store.update(mark_id, note=note, tags=tags)
            )
        except Refused:
            return False
        if mark is None:
            self._gone(mark_id)
            return False
        self._put(mark)
        return True

    # --- the store's answers ------------------------------------------------------------
    def run(self, what: str, call: Callable[[], T]) -> T:
        """`call`'s answer; a refusal is said (`what: why`) and raised as Refused."""
        try:
            result = call()
        except (MarksError, ValueError) as exc:
            self._say(f"{what}: {exc}", True)
            raise Refused from exc
        self.tell_warnings()
        return result

    def tell_warnings(self) -> None:
        if self.store is not None:
            for warning in self.store.take_warnings():
                self._say(warning, True)

    def _put(self, mark: Mark) -> None:
        self._notes.put(mark)
        self._show_in_lines()

    def _drop(self, mark_id: int) -> None:
        if self._notes.drop(mark_id):
            self._show_in_lines()

    def _gone(self, mark_id: int) -> None:
        self._say("That mark is gone: it was removed in another window.", False)
        self._drop(mark_id)

    def _show_in_lines(self) -> None:
        marks = self._notes.marks()
        self._lines.set_marks(
            [(m.first, m.last, m.chars, bool(m.note)) for m in marks if not m.lost]
        )


def _removing(store: MarksStore, mark_id: int) -> Callable[[], Mark | None]:
    return lambda: store.remove(mark_id)
