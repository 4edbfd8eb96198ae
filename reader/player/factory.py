"""Choosing a backend at run time: libVLC when it loads, else the silent clock."""

from __future__ import annotations

from PySide6.QtCore import QObject

from reader.player.base import Player


def create_vlc_player(
    aout: str | None = None, vout: str | None = None, parent: QObject | None = None
) -> tuple[Player | None, str | None]:
    """(player, None) or (None, why libVLC is unavailable and what to install)."""
    try:
        from reader.player.vlc_backend import VlcOptions, VlcPlayer, VlcUnavailable
    except Exception as exc:  # pragma: no cover - the backend module itself guards vlc
        return None, f"the VLC backend could not load: {exc}"
    try:
        return VlcPlayer(VlcOptions.from_env(aout, vout), parent), None
    except VlcUnavailable as exc:
        return None, str(exc)
