"""A scriptable fake of python-vlc, for testing VlcPlayer's logic without libVLC.

Pass a `FakeVlc` as `VlcPlayer(vlc_module=...)`. Tests then play libVLC's
part: `fake.fire(...)` sends a media player event the way libVLC does (from
"its thread": the player posts it to the Qt thread), `fake.deliver()` lets the
Qt thread take what was posted, and `fake.finish_parse(...)` ends the
preparsing of the loaded media. Everything is synchronous; time is whatever
fake clock the test gave the player as `now`.

Like python-vlc, an event manager wrapper only detaches what was attached
through that same wrapper, and every object refuses calls once released (the
real one crashes or hangs: issue 15.1).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QCoreApplication


class EventType(enum.Enum):
    MediaPlayerTimeChanged = 267
    MediaPlayerLengthChanged = 273
    MediaPlayerPlaying = 260
    MediaPlayerPaused = 261
    MediaPlayerStopped = 262
    MediaPlayerEndReached = 265
    MediaPlayerEncounteredError = 266
    MediaPlayerVout = 274
    MediaParsedChanged = 3


class MediaParseFlag(enum.Enum):
    local = 0
    network = 1


class MediaParsedStatus(enum.Enum):
    skipped = 1
    failed = 2
    timeout = 3
    done = 4


class TrackType(enum.Enum):
    unknown = -1
    audio = 0
    video = 1
    text = 2


class Released(AssertionError):
    """A call on a libVLC object after its release: a crash with the real one."""


class _Object:
    released = False

    def _check(self) -> None:
        if self.released:
            raise Released(f"{type(self).__name__} used after release")

    def release(self) -> None:
        self._check()
        self.released = True


class _Events:
    """libVLC's event manager of one object: who listens to what."""

    def __init__(self) -> None:
        self.listeners: dict[EventType, Callable[[Any], None]] = {}

    def send(self, event_type: EventType, **u: Any) -> None:
        callback = self.listeners.get(event_type)
        if callback is not None:
            callback(SimpleNamespace(type=event_type, u=SimpleNamespace(**u)))


class EventManager:
    """python-vlc's wrapper: detaches only what it attached itself."""

    def __init__(self, events: _Events, owner: _Object) -> None:
        self._events = events
        self._owner = owner
        self._mine: set[EventType] = set()

    def event_attach(self, event_type: EventType, callback: Callable[[Any], None]) -> int:
        self._owner._check()
        self._events.listeners[event_type] = callback
        self._mine.add(event_type)
        return 0

    def event_detach(self, event_type: EventType) -> None:
        self._owner._check()
        if event_type in self._mine:
            self._mine.discard(event_type)
            self._events.listeners.pop(event_type, None)


@dataclass
class Media(_Object):
    path: str
    options: list[str] = field(default_factory=list)
    status: MediaParsedStatus | int = 0  # 0: not parsed yet
    duration: int = -1
    tracks: list[TrackType] = field(default_factory=list)
    parsing: bool = False
    events: _Events = field(default_factory=_Events)

    def add_option(self, option: str) -> None:
        self._check()
        self.options.append(option)

    def event_manager(self) -> EventManager:
        self._check()
        return EventManager(self.events, self)

    def parse_with_options(self, flag: MediaParseFlag, timeout: int) -> int:
        self._check()
        self.parsing = True
        return 0

    def parse_stop(self) -> None:
        self._check()
        self.parsing = False

    def get_parsed_status(self) -> MediaParsedStatus | int:
        self._check()
        return self.status

    def tracks_get(self) -> list[SimpleNamespace]:
        self._check()
        return [SimpleNamespace(type=t) for t in self.tracks]

    def get_duration(self) -> int:
        self._check()
        return self.duration


class MediaPlayer(_Object):
    def __init__(self) -> None:
        self.events = _Events()
        self.media: Media | None = None
        self.calls: list[tuple[str, Any]] = []  # every command, in order
        self.play_result = 0  # -1: libVLC refuses to play
        self.time = 0

    def _call(self, name: str, value: Any = None) -> None:
        self._check()
        self.calls.append((name, value))

    def event_manager(self) -> EventManager:
        self._check()
        return EventManager(self.events, self)

    def set_media(self, media: Media) -> None:
        self._call("set_media", media.path)
        self.media = media

    def play(self) -> int:
        self._call("play")
        return self.play_result

    def stop(self) -> None:
        self._call("stop")

    def set_pause(self, on: int) -> None:
        self._call("set_pause", on)

    def set_time(self, ms: int) -> None:
        self._call("set_time", ms)
        self.time = ms

    def get_time(self) -> int:
        self._check()
        return self.time

    def set_rate(self, rate: float) -> None:
        self._call("set_rate", rate)

    def audio_set_volume(self, volume: int) -> None:
        self._call("audio_set_volume", volume)

    def set_xwindow(self, win_id: int) -> None:
        self._call("set_xwindow", win_id)

    def set_hwnd(self, win_id: int) -> None:
        self._call("set_hwnd", win_id)

    def set_nsobject(self, win_id: int) -> None:
        self._call("set_nsobject", win_id)

    def commands(self, name: str) -> list[Any]:
        """The values of every `name` call so far (e.g. "set_time")."""
        return [v for n, v in self.calls if n == name]


class Instance(_Object):
    def __init__(self, fake: FakeVlc, args: list[str]) -> None:
        self.fake = fake
        self.args = args

    def media_player_new(self) -> MediaPlayer:
        self._check()
        player = MediaPlayer()
        self.fake.players.append(player)
        return player

    def media_new_path(self, path: str) -> Media | None:
        self._check()
        if self.fake.refuse_media:
            return None
        media = Media(path)
        self.fake.medias.append(media)
        return media


class FakeVlc:
    """Stands in for the `vlc` module; holds what the player made, for scripting."""

    EventType = EventType
    MediaParseFlag = MediaParseFlag
    MediaParsedStatus = MediaParsedStatus
    TrackType = TrackType

    def __init__(self) -> None:
        self.instances: list[Instance] = []
        self.players: list[MediaPlayer] = []
        self.medias: list[Media] = []
        self.refuse_options = False  # Instance() returns None, as for a bad --aout
        self.refuse_media = False  # media_new_path() returns None

    def Instance(self, args: list[str]) -> Instance | None:  # python-vlc spells it so
        if self.refuse_options:
            return None
        instance = Instance(self, args)
        self.instances.append(instance)
        return instance

    @property
    def player(self) -> MediaPlayer:
        return self.players[-1]

    @property
    def media(self) -> Media:
        return self.medias[-1]

    # --- libVLC's side of the script ---------------------------------------------
    def fire(self, event_type: EventType, **u: Any) -> None:
        """libVLC sends a media player event; it is posted, not yet delivered."""
        self.player.events.send(event_type, **u)

    def playing(self) -> None:
        self.fire(EventType.MediaPlayerPlaying)
        self.deliver()

    def time(self, ms: int) -> None:
        self.player.time = ms
        self.fire(EventType.MediaPlayerTimeChanged, new_time=ms)
        self.deliver()

    def ended(self) -> None:
        self.fire(EventType.MediaPlayerEndReached)
        self.deliver()

    def error(self) -> None:
        self.fire(EventType.MediaPlayerEncounteredError)
        self.deliver()

    def finish_parse(
        self,
        duration: int = 8000,
        tracks: tuple[TrackType, ...] = (TrackType.audio,),
        status: MediaParsedStatus = MediaParsedStatus.done,
    ) -> None:
        media = self.media
        media.status, media.duration, media.tracks = status, duration, list(tracks)
        media.parsing = False
        media.events.send(EventType.MediaParsedChanged, new_status=status.value)
        self.deliver()

    @staticmethod
    def deliver() -> None:
        """The Qt thread takes the events libVLC's threads posted to it."""
        QCoreApplication.sendPostedEvents()
