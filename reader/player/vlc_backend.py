"""The libVLC backend: the only module that imports vlc.

libVLC is not re-entrant, so its event callbacks (which run on VLC's own
threads) never call back into it: they only stamp the event with the
monotonic time and post it to the Qt thread through a queued signal.
"""

from __future__ import annotations

import os
import shlex
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from reader.player.base import Player, PlayerState

try:
    import vlc
except Exception as exc:  # python-vlc raises several kinds when libVLC is absent
    vlc = None
    _IMPORT_ERROR: str | None = str(exc) or type(exc).__name__
else:
    _IMPORT_ERROR = None

# How long reports that disagree with a fresh seek are treated as stale.
_SEEK_GUARD_S = 2.0
_SEEK_TOLERANCE_MS = 1500

# libVLC 3's own Ogg and FLAC demuxers land a seek made at a speed other than
# 1x up to two seconds away from the target, and the audio really jumps there;
# its WAV demuxer reports a time 50 ms ahead of the audio it plays (both
# checked against the samples libVLC's audio callbacks deliver). libavformat's
# demuxer lands within a few tens of ms at every speed and reports the time
# of the audio being played, so these files use it.
_AVFORMAT_SUFFIXES = frozenset(
    {".ogg", ".oga", ".opus", ".ogv", ".ogx", ".spx", ".flac", ".wav", ".wave"}
)

# After a seek or a start, libVLC's timeline resumes a few tens of ms away from
# the target (e.g. +39 ms for WAV at 1x, +28 at 2x): the same for every seek in
# a file at a speed. The offset seen is applied to the next seek; a larger one
# means something else happened and is not learnt.
_LANDING_LIMIT_MS = 100


class VlcUnavailable(RuntimeError):
    """libVLC could not be loaded; the message says what to install."""


def install_hint() -> str:
    if sys.platform.startswith("linux"):
        return "install VLC's library: sudo apt install libvlc5 vlc-plugin-base"
    if sys.platform == "darwin":
        return "install VLC: brew install --cask vlc (or from videolan.org)"
    if sys.platform == "win32":
        return "install 64-bit VLC from videolan.org"
    return "install libVLC 3 for this platform"


@dataclass(frozen=True)
class VlcOptions:
    """libVLC settings; each can come from the environment or the command line."""

    aout: str | None = None  # e.g. "adummy" for no sound card
    vout: str | None = None  # e.g. "xcb_x11" where GL crashes, "dummy" headless
    extra: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_env(cls, aout: str | None = None, vout: str | None = None) -> VlcOptions:
        env = os.environ
        extra = tuple(shlex.split(env.get("TRANSCRIPT_READER_VLC_ARGS", "")))
        return cls(
            aout or env.get("TRANSCRIPT_READER_AOUT") or None,
            vout or env.get("TRANSCRIPT_READER_VOUT") or None,
            extra,
        )

    def args(self) -> list[str]:
        args = ["--quiet", "--no-video-title-show", "--no-xlib", "--no-sub-autodetect-file"]
        if self.aout:
            args.append(f"--aout={self.aout}")
        if self.vout:
            args.append(f"--vout={self.vout}")
        return args + list(self.extra)


class _Bridge(QObject):
    arrived = Signal(object)


class VlcPlayer(Player):
    def __init__(self, options: VlcOptions | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if vlc is None:
            raise VlcUnavailable(f"libVLC is not available ({_IMPORT_ERROR}); {install_hint()}")
        self._options = options or VlcOptions.from_env()
        instance = vlc.Instance(self._options.args())
        if instance is None:
            raise VlcUnavailable(
                f"libVLC refused its options {self._options.args()}; check the audio/video output"
            )
        self._instance = instance
        self._mp = instance.media_player_new()
        self._vlc_media: Any = None
        self._generation = 0
        self._started = False  # VLC has been asked to play this media at least once
        self._pending_seek: int | None = None
        self._pause_on_start = False
        self._starting = False  # asked to play; VLC has not said it is playing yet
        self._needs_stop = False  # VLC ended the media: it must be stopped to play again
        self._seek_guard: tuple[int, float] | None = None
        self._landing: tuple[int, float] | None = None  # (asked ms, offset applied)
        self._landing_offsets: dict[float, float] = {}  # speed -> ms, for this media
        self._fresh_start = False  # VLC starts from a stop, not from a pause
        self._video = False
        self._bridge = _Bridge(self)
        self._bridge.arrived.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self._attach_events()

    # --- events: VLC thread side -------------------------------------------------
    def _attach_events(self) -> None:
        et = vlc.EventType
        self._handlers: dict[Any, tuple[str, Callable[[Any], Any] | None]] = {
            et.MediaPlayerTimeChanged: ("time", lambda e: e.u.new_time),
            et.MediaPlayerLengthChanged: ("length", lambda e: e.u.new_length),
            et.MediaPlayerPlaying: ("playing", None),
            et.MediaPlayerPaused: ("paused", None),
            et.MediaPlayerEndReached: ("ended", None),
            et.MediaPlayerEncounteredError: ("error", None),
            et.MediaPlayerVout: ("vout", lambda e: e.u.new_count),
        }
        manager = self._mp.event_manager()
        for event_type in self._handlers:
            manager.event_attach(event_type, self._from_vlc_thread)

    def _from_vlc_thread(self, event: Any) -> None:
        # Runs on a VLC thread: read the event struct, stamp, post. Nothing else.
        kind, getter = self._handlers[event.type]
        value = getter(event) if getter else None
        self._bridge.arrived.emit((self._generation, kind, value, time.monotonic()))

    # --- events: Qt thread side ---------------------------------------------------
    def _on_event(self, payload: tuple[int, str, Any, float]) -> None:
        generation, kind, value, stamp = payload
        if generation != self._generation or self._media is None:
            return  # from media that has since been replaced
        if kind == "time":
            self._on_time(int(value), stamp)
        elif kind == "length":
            self._set_duration(max(0, int(value)))
        elif kind == "playing":
            self._on_playing(stamp)
        elif kind == "ended":
            self._on_ended()
        elif kind == "error":
            self._fail(f"{self._media}: VLC could not play this file")
        elif kind == "parsed":
            self._on_parsed()
        elif kind == "vout":
            self._set_video(int(value) > 0)

    def _on_time(self, ms: int, stamp: float) -> None:
        if not self._after_seek_guard(ms, stamp):
            return
        if self._state is PlayerState.PLAYING and not self._is_echo(ms):
            self._learn_landing(ms, stamp)
            self._clock.report(ms, stamp)

    def _is_echo(self, ms: int) -> bool:
        """libVLC repeats a seek's target at once; its own time comes later."""
        return self._landing is not None and ms == self._landing[0]

    def _learn_landing(self, ms: int, stamp: float) -> None:
        """Note how far libVLC's first own report after a seek or start was."""
        if self._landing is None:
            return
        applied = self._landing[1]
        self._landing = None
        offset = applied + ms - self._clock.peek(stamp)
        if abs(offset) <= _LANDING_LIMIT_MS:
            self._landing_offsets[round(self.rate(), 2)] = offset

    def _expect_landing(self, asked: int) -> int:
        """Where playback resumed from `asked` is expected to land; noted for learning."""
        shown = self._clamp(round(asked + self._landing_offset()))
        self._landing = (asked, shown - asked)  # what is really applied, after clamping
        return shown

    def _landing_offset(self) -> float:
        """The offset learnt at this speed, else at the nearest speed, else 0."""
        if not self._landing_offsets:
            return 0.0
        rate = round(self.rate(), 2)
        nearest = min(self._landing_offsets, key=lambda r: abs(r - rate))
        return self._landing_offsets[nearest]

    def _after_seek_guard(self, ms: int, stamp: float) -> bool:
        """False for a report from before the last seek took effect."""
        if self._seek_guard is not None:
            target, since = self._seek_guard
            expected = target + (stamp - since) * 1000 * self.rate()
            if abs(ms - expected) > _SEEK_TOLERANCE_MS and stamp - since < _SEEK_GUARD_S:
                return False
            self._seek_guard = None
        return True

    def _on_playing(self, stamp: float) -> None:
        self._starting = False
        fresh, self._fresh_start = self._fresh_start, False
        if self._pending_seek is not None:
            ms, self._pending_seek = self._pending_seek, None
            self._mp.set_time(ms)
            self._seek_guard = (ms, stamp)
            fresh = True
        if self._pause_on_start:
            self._pause_on_start = False
            self._mp.set_pause(1)
            return
        if self._state is not PlayerState.ERROR:
            if fresh:  # playback resumes from a new place: it lands like a seek
                at = self._clock.position(stamp)
                self._clock.set_position(self._expect_landing(at), stamp)
                self._clock.hold_at_least(at)
            self._clock.start(stamp)
            self._set_state(PlayerState.PLAYING)

    def _on_ended(self) -> None:
        self._clock.stop()
        if self._duration:
            self._clock.set_position(self._duration)
        self._started = False
        self._needs_stop = True  # an ended VLC player ignores play() until stopped
        self._starting = False
        self._set_state(PlayerState.ENDED)

    def _set_video(self, has: bool) -> None:
        if has != self._video:
            self._video = has
            self.video_changed.emit(has)

    def _fail(self, message: str) -> None:
        self._starting = False
        self._clock.stop()
        self._set_state(PlayerState.ERROR)
        self.error_occurred.emit(message)

    # --- commands -----------------------------------------------------------------
    def has_video(self) -> bool:
        return self._video

    def load(self, path: str | Path) -> None:
        p = Path(path)
        self._generation += 1
        self._mp.stop()
        self._media = p
        self._started = False
        self._starting = False
        self._needs_stop = False
        self._pause_on_start = False
        self._pending_seek = None
        self._seek_guard = None
        self._landing = None
        self._landing_offsets = {}
        self._fresh_start = False
        self._set_video(False)
        self._clock.stop()
        self._clock.set_position(0)
        self._duration = 0
        self.media_changed.emit(str(p))
        if not p.is_file():
            self._fail(f"{p}: no such media file")
            return
        # By path, never as an MRL: '#', '%' and non-ASCII names stay intact.
        self._vlc_media = self._instance.media_new_path(str(p))
        if self._vlc_media is None:
            self._fail(f"{p}: VLC could not open this file")
            return
        for option in self._media_options(p):
            self._vlc_media.add_option(option)
        self._mp.set_media(self._vlc_media)
        self._parse_media(self._vlc_media)
        self._set_state(PlayerState.PAUSED)
        self._emit_position(force=True)

    def _media_options(self, path: Path) -> list[str]:
        chosen = any(a.startswith("--demux") for a in self._options.extra)
        if not chosen and path.suffix.lower() in _AVFORMAT_SUFFIXES:
            return [":demux=avformat,any"]
        return []

    def _parse_media(self, media: Any) -> None:
        # Preparsing gives the duration before the first play and catches files
        # VLC cannot decode; the result arrives as an event on a VLC thread.
        generation = self._generation
        media.event_manager().event_attach(
            vlc.EventType.MediaParsedChanged,
            lambda _e: self._bridge.arrived.emit((generation, "parsed", None, time.monotonic())),
        )
        media.parse_with_options(vlc.MediaParseFlag.local, 10_000)

    def _on_parsed(self) -> None:
        media = self._vlc_media
        status = media.get_parsed_status()
        if status != vlc.MediaParsedStatus.done:
            if status in (vlc.MediaParsedStatus.failed, vlc.MediaParsedStatus.timeout):
                self._fail(f"{self._media}: VLC could not read this file")
            return
        kinds = {t.type for t in (media.tracks_get() or ())}
        if not kinds & {vlc.TrackType.audio, vlc.TrackType.video}:
            self._fail(f"{self._media}: no audio or video that VLC can decode")
            return
        self._set_duration(max(0, int(media.get_duration())))

    def play(self) -> None:
        if self._media is None or self._state in (
            PlayerState.NO_MEDIA,
            PlayerState.ERROR,
            PlayerState.PLAYING,
        ):
            return
        if self._state is PlayerState.ENDED and self._pending_seek is None:
            self._pending_seek = 0
            self._clock.set_position(0)
        self._pause_on_start = False
        self._starting = True
        if self._started:
            self._mp.set_pause(0)
        else:
            self._start_vlc()

    def toggle(self) -> None:
        # Between play() and VLC's "playing" the state is still PAUSED; a second
        # press then means pause, not play again.
        if self._starting and not self._pause_on_start:
            self.pause()
        else:
            super().toggle()

    def _start_vlc(self) -> None:
        if self._needs_stop:
            self._mp.stop()
            self._needs_stop = False
        if self._mp.play() == -1:
            self._fail(f"{self._media}: VLC could not start playback")
            return
        self._started = True
        self._fresh_start = True
        if self._pending_seek is None and self._clock.position() > 0:
            self._pending_seek = self._clock.position()

    def pause(self) -> None:
        if self._starting:
            self._pause_on_start = True  # applied when VLC says it is playing
            return
        if self._state is not PlayerState.PLAYING:
            return
        self._mp.set_pause(1)
        self._clock.stop()
        self._landing = None  # a report after the pause says nothing of the landing
        self._set_state(PlayerState.PAUSED)

    def seek(self, ms: int) -> None:
        if self._media is None or self._state is PlayerState.ERROR:
            return
        ms = self._clamp(ms)
        if self._state is PlayerState.ENDED:
            self._set_state(PlayerState.PAUSED)
        if self._started and not self._starting:
            self._mp.set_time(ms)
            self._seek_guard = (ms, time.monotonic())
        else:
            # Not started, or VLC is still opening the media: a set_time now
            # would be lost, so _on_playing applies it.
            self._pending_seek = ms
        if self._started and self._state is PlayerState.PLAYING:
            self._after_seek(ms, self._expect_landing(ms))
        else:
            self._landing = None
            self._after_seek(ms)

    def _backend_set_rate(self, rate: float) -> None:
        self._mp.set_rate(rate)
        self._landing = None  # a landing seen across a speed change is neither speed's

    def _backend_set_volume(self, volume: int) -> None:
        self._mp.audio_set_volume(volume)

    def set_video_surface(self, win_id: int | None) -> None:
        if win_id is None:
            return
        if sys.platform.startswith("linux"):
            self._mp.set_xwindow(win_id)
        elif sys.platform == "win32":
            self._mp.set_hwnd(win_id)
        elif sys.platform == "darwin":
            self._mp.set_nsobject(win_id)

    def vlc_time(self) -> int:
        """libVLC's own coarse time (for benchmarks comparing against the clock)."""
        return int(self._mp.get_time())

    def close(self) -> None:
        super().close()
        self._generation += 1
        manager = self._mp.event_manager()
        for event_type in self._handlers:
            manager.event_detach(event_type)
        self._mp.stop()
        self._mp.release()
        self._instance.release()
