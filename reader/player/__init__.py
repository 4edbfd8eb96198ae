"""Players behind one small interface: our state enum, integer milliseconds, Qt signals.

`vlc_backend` is the only module that imports vlc; `clock_player` is a silent
clock for reading without media and for tests.
"""

from reader.player.base import MAX_MS, Player, PlayerState

__all__ = ["MAX_MS", "Player", "PlayerState"]
