"""The library: every transcript in the user's folders, indexed for one search.

`Library` is the one interface a window (or the command line) uses; everything it
returns is an immutable row, safe to hand from a worker thread to the GUI thread.
A bigger engine could replace the SQLite one behind the same methods.
"""

from reader.core.library.store import Library
from reader.core.library.types import Episode, EpisodeHits, LineHit, Problem, ScanReport

__all__ = ["Episode", "EpisodeHits", "Library", "LineHit", "Problem", "ScanReport"]
