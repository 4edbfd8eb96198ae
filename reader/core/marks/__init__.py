"""Marks and notes: what the user kept of a transcript, stored for good.

`MarksStore` is the one interface a window or the command line uses (SQLite with
WAL in the user's data folder); marks belong to the transcript's content, so they
survive a moved or renamed file, and are placed again when the text changes.
"""

from reader.core.marks.store import MarksError, MarksStore
from reader.core.marks.types import Attached, Mark, MarkedDocument, NoteHit

__all__ = ["Attached", "Mark", "MarkedDocument", "MarksError", "MarksStore", "NoteHit"]
