"""The libVLC backend: the only module that imports vlc.

libVLC is not re-entrant, so its event callbacks (which run on VLC's own
threads) never call back into it: they only stamp the event with the
monotonic time and post it to the Qt thread through a queued signal.

`vlc_module` lets tests build the player on a scriptable fake of python-vlc
(tests/helpers/fake_vlc.py) and `now` on a fake clock.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from reader.player.base import Player, PlayerState
from reader.player.landing import Landing, SeekGuard
from reader.player.vlc_options import VlcOptions, VlcUnavailable, install_hint

try:
    import vlc
except Exception as exc:  # python-vlc raises several kinds when libVLC is absent
    vlc = None
    _IMPORT_ERROR: str | None = str(exc) or type(exc).__name__
else:
    _IMPORT_ERROR = None

__all__ = ["VlcOptions", "VlcPlayer", "VlcUnavailable", "install_hint", "vlc"]

# (the libVLC time report, the clock's position just before it, when): for measuring.
ReportListener = Callable[[float, int, int], None]


class _Bridge(QObject):
    arrived = Signal(object)


class VlcPlayer(Player):
    def __init__(
        self,
        options: VlcOptions | None = None,
        parent: QObject | None = None,
        *,
        vlc_module: Any = None,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent, now)
        module = vlc if vlc_module is None else vlc_module
        if module is None:
            raise VlcUnavailable(f"libVLC is not available ({_IMPORT_ERROR}); {install_hint()}")
        self._vlc = module
        self._options = options or VlcOptions.from_env()
        instance = module.Instance(self._options.args())
        if instance is None:
            raise VlcUnavailable(
                f"libVLC refused its options {self._options.args()}; check the audio/video output"
            )
        self._instance = instance
        self._mp = instance.media_player_new()
        self._vlc_media: Any = None
        self._media_events: Any = None  # python-vlc detaches only through the attaching wrapper
        self._generation = 0
        self._started = False  # VLC has been asked to play this media at least once
        self._pending_seek: int | None = None
        self._pause_on_start = False
        self._starting = False  # asked to play; VLC has not said it is playing yet
        self._needs_stop = False  # VLC ended the media: it must be stopped to play again
        self._guard = SeekGuard()
        self._landing = Landing()
        self._fresh_start = False  # VLC starts from a stop, not from a pause
        self._video = False
        self._report_listener: ReportListener | None = None
        self._bridge = _Bridge(self)
        self._bridge.arrived.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self._attach_events()

    # --- public queries ------------------------------------------------------------
    def landing_offset(self) -> float:
        """Where a seek at the current speed is expected to land, past its target (ms)."""
        return self._landing.offset(self.rate())

    def landing_offsets(self) -> dict[float, float]:
        """The landing offsets learnt for this media, by speed."""
        return dict(self._landing.offsets)

    def seek_pending(self) -> int | None:
        """A seek libVLC will be given once it says it is playing."""
        return self._pending_seek

    def set_report_listener(self, listener: ReportListener | None) -> None:
        """Called with (stamp, libVLC's ms, the clock's ms at stamp before the report)
        for each of libVLC's own time reports while playing: for measuring the clock."""
        self._report_listener = listener

    @property
    def _seek_guard(self) -> tuple[int, float] | None:
        return self._guard.since  # read by tests/benchmarks/bench_clock.py

    # --- events: VLC thread side -------------------------------------------------
    def _attach_events(self) -> None:
        et = self._vlc.EventType
        self._handlers: dict[Any, tuple[str, Callable[[Any], Any] | None]] = {
            et.MediaPlayerTimeChanged: ("time", lambda e: e.u.new_time),
            et.MediaPlayerLengthChanged: ("length", lambda e: e.u.new_length),
            et.MediaPlayerPlaying: ("playing", None),
            et.MediaPlayerPaused: ("paused", None),
            et.MediaPlayerEndReached: ("ended", None),
            et.MediaPlayerEncounteredError: ("error", None),
            et.MediaPlayerVout: ("vout", lambda e: e.u.new_count),
        }
        # Kept: its ctypes callback must live as long as libVLC may call it.
        self._events = self._mp.event_manager()
        for event_type in self._handlers:
            self._events.event_attach(event_type, self._from_vlc_thread)

    def _from_vlc_thread(self, event: Any) -> None:
        # Runs on a VLC thread: read the event struct, stamp, post. Nothing else.
        kind, getter = self._handlers[event.type]
        value = getter(event) if getter else None
        self._bridge.arrived.emit((self._generation, kind, value, self._now()))

    # --- events: Qt thread side ---------------------------------------------------
    def _on_event(self, payload: tuple[int, str, Any, float]) -> None:
        generation, kind, value, stamp = payload
        if self._closed or generation != self._generation or self._media is None:
            return  # from media since replaced, or posted before close
        if self._state is PlayerState.ERROR:
            return  # one error per file is enough; nothing after it changes anything
        if kind == "time":
            self._on_time(int(value), stamp)
        elif kind == "length":
            self._set_duration(max(0, int(value)))
        elif kind == "playing":
            self._on_playing(stamp)
        elif kind == "ended":
            self._on_ended(stamp)
        elif kind == "error":
            self._fail(f"{self._media}: VLC could not play this file")
        elif kind == "parsed":
            self._on_parsed()
        elif kind == "vout":
            self._set_video(int(value) > 0)

    def _on_time(self, ms: int, stamp: float) -> None:
        if not self._guard.accepts(ms, stamp, self.rate()):
            return
        if self._state is PlayerState.PLAYING and not self._is_echo(ms):
            shown = self._clock.peek(stamp)
            if self._report_listener is not None:
                self._report_listener(stamp, ms, shown)
            self._landing.learn(ms, shown, self.rate())
            self._clock.report(ms, stamp)

    def _is_echo(self, ms: int) -> bool:
        return self._landing.is_echo(ms)

    def _expect_landing(self, asked: int) -> int:
        return self._landing.expect(asked, self.rate(), self._clamp)

    def _on_playing(self, stamp: float) -> None:
        if not self._starting:
            return  # posted before a pause, or a repeat: we did not ask to play
        self._starting = False
        fresh, self._fresh_start = self._fresh_start, False
        if self._pending_seek is not None:
            ms, self._pending_seek = self._pending_seek, None
            self._mp.set_time(ms)
            self._guard.arm(ms, stamp)
            fresh = True
        if self._pause_on_start:
            self._pause_on_start = False
            self._mp.set_pause(1)
            return
        if fresh:  # playback resumes from a new place: it lands like a seek
            at = self._clock.position(stamp)
            self._clock.set_position(self._expect_landing(at), stamp)
            self._clock.hold_at_least(at)
        self._clock.start(stamp)
        self._set_state(PlayerState.PLAYING)

    def _on_ended(self, stamp: float) -> None:
        self._started = False
        self._needs_stop = True  # an ended VLC player ignores play() until stopped
        self._starting = False
        self._pause_on_start = False
        self._clock.stop()
        target = self._guard.ends_early(stamp, self.rate(), self._duration)
        if target is not None:
            # libVLC ended before a seek took: stay there, play from there next.
            self._pending_seek = target
            self._landing.forget()
            self._clock.set_position(target)
            self._set_state(PlayerState.PAUSED)
            return
        if self._duration:
            self._clock.set_position(self._duration)
        self._set_state(PlayerState.ENDED)

    def _set_video(self, has: bool) -> None:
        if has != self._video:
            self._video = has
            self.video_changed.emit(has)

    def _fail(self, message: str) -> None:
        self._starting = False
        self._pause_on_start = False
        self._pending_seek = None
        self._clock.stop()
        self._set_state(PlayerState.ERROR)
        self.error_occurred.emit(message)

    # --- commands -----------------------------------------------------------------
    def has_video(self) -> bool:
        return self._video

    def load(self, path: str | Path) -> None:
        if self._closed:
            return
        p = Path(path)
        self._generation += 1
        self._mp.stop()
        self._drop_media()
        self._media = p
        self._started = self._starting = self._needs_stop = False
        self._pause_on_start = self._fresh_start = False
        self._pending_seek = None
        self._guard.clear()
        self._landing.reset()
        self._set_video(False)
        self._clock.stop()
        self._clock.set_position(0)
        self._duration = 0
        self.media_changed.emit(str(p))
        if not p.is_file():
            self._fail(f"{p}: no such media file")
            return
        # By path, never as an MRL: '#', '%' and non-ASCII names stay intact.
        media = self._instance.media_new_path(str(p))
        if media is None:
            self._fail(f"{p}: VLC could not open this file")
            return
        self._vlc_media = media
        for option in self._options.media_options(p):
            media.add_option(option)
        self._mp.set_media(media)
        self._parse_media(media)
        self._set_state(PlayerState.PAUSED)
        self._emit_position(force=True)

    def _parse_media(self, media: Any) -> None:
        # Preparsing gives the duration before the first play and catches files
        # VLC cannot decode; the result arrives as an event on a VLC thread.
        generation = self._generation
        self._media_events = media.event_manager()
        self._media_events.event_attach(
            self._vlc.EventType.MediaParsedChanged,
            lambda _e: self._bridge.arrived.emit((generation, "parsed", None, self._now())),
        )
        media.parse_with_options(self._vlc.MediaParseFlag.local, 10_000)

    def _drop_media(self) -> None:
        media, events = self._vlc_media, self._media_events
        self._vlc_media = self._media_events = None
        if media is not None:
            events.event_detach(self._vlc.EventType.MediaParsedChanged)
            media.parse_stop()
            media.release()  # the media player holds its own reference while it needs one

    def _on_parsed(self) -> None:
        media, statuses = self._vlc_media, self._vlc.MediaParsedStatus
        status = media.get_parsed_status()
        if status != statuses.done:
            if status in (statuses.failed, statuses.timeout):
                self._fail(f"{self._media}: VLC could not read this file")
            return
        kinds = {t.type for t in (media.tracks_get() or ())}
        if not kinds & {self._vlc.TrackType.audio, self._vlc.TrackType.video}:
            self._fail(f"{self._media}: no audio or video that VLC can decode")
            return
        self._set_duration(max(0, int(media.get_duration())))

    def play(self) -> None:
        if self._closed or self._media is None or self._state in _CANNOT_PLAY:
            return
        if self._starting:
            self._pause_on_start = False  # a pause pressed while starting is taken back
            return
        if self._state is PlayerState.ENDED and self._pending_seek is None:
            self._pending_seek = 0
            self._clock.set_position(0)
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
        if self._closed:
            return
        if self._starting:
            self._pause_on_start = True  # applied when VLC says it is playing
            return
        if self._state is not PlayerState.PLAYING:
            return
        self._mp.set_pause(1)
        self._clock.stop()
        self._landing.forget()  # a report after the pause says nothing of the landing
        self._set_state(PlayerState.PAUSED)

    def seek(self, ms: int) -> None:
        if self._closed or self._media is None or self._state is PlayerState.ERROR:
            return
        ms = self._clamp(ms)
        if self._state is PlayerState.ENDED:
            self._set_state(PlayerState.PAUSED)
        if self._started and not self._starting:
            self._mp.set_time(ms)
            self._guard.arm(ms, self._now())
        else:
            # Not started, or VLC is still opening the media: a set_time now
            # would be lost, so _on_playing applies it.
            self._pending_seek = ms
        if self._started and self._state is PlayerState.PLAYING:
            self._after_seek(ms, self._expect_landing(ms))
        else:
            self._landing.forget()
            self._after_seek(ms)

    def _backend_set_rate(self, rate: float) -> None:
        self._mp.set_rate(rate)
        self._landing.forget()  # a landing seen across a speed change is neither speed's

    def _backend_set_volume(self, volume: int) -> None:
        self._mp.audio_set_volume(volume)

    def set_video_surface(self, win_id: int | None) -> None:
        if win_id is None or self._closed:
            return
        if sys.platform.startswith("linux"):
            self._mp.set_xwindow(win_id)
        elif sys.platform == "win32":
            self._mp.set_hwnd(win_id)
        elif sys.platform == "darwin":
            self._mp.set_nsobject(win_id)

    def vlc_time(self) -> int:
        """libVLC's own coarse time (for benchmarks comparing against the clock)."""
        return -1 if self._closed else int(self._mp.get_time())

    def _release(self) -> None:
        # Once only (Player.close): libVLC's objects are freed here, and a call
        # on a freed player crashes or hangs in libVLC (issue 15.1).
        self._generation += 1  # what VLC's threads post from now on is ignored
        for event_type in self._handlers:
            self._events.event_detach(event_type)
        self._drop_media()
        self._mp.stop()
        self._mp.release()
        self._instance.release()


_CANNOT_PLAY = (PlayerState.NO_MEDIA, PlayerState.ERROR, PlayerState.PLAYING)
