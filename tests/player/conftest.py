"""A VlcPlayer built on the scriptable fake libVLC and a fake clock: no waiting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.player.vlc_backend import VlcOptions, VlcPlayer
from tests.helpers.fake_vlc import FakeVlc


class FakeTime:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def now() -> FakeTime:
    return FakeTime()


@pytest.fixture
def fake() -> FakeVlc:
    return FakeVlc()


@pytest.fixture
def media_file(tmp_path: Path) -> Path:
    path = tmp_path / "talk #1.wav"
    path.write_bytes(b"RIFF")  # the fake never reads it; the player checks it exists
    return path


@pytest.fixture
def vp(qtbot: QtBot, fake: FakeVlc, now: FakeTime) -> Iterator[VlcPlayer]:
    """A VlcPlayer on the fake, nothing loaded."""
    p = VlcPlayer(VlcOptions(aout="adummy"), vlc_module=fake, now=now)
    yield p
    p.close()


@pytest.fixture
def loaded(vp: VlcPlayer, fake: FakeVlc, media_file: Path) -> VlcPlayer:
    """Loaded and parsed: 30 s of audio, paused at 0."""
    vp.load(media_file)
    fake.finish_parse(duration=30_000)
    return vp


@pytest.fixture
def playing(loaded: VlcPlayer, fake: FakeVlc) -> VlcPlayer:
    """Playing from 0 (libVLC has said so), at fake time 100.0."""
    loaded.play()
    fake.playing()
    return loaded
