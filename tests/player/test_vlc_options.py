"""libVLC's settings and per-file options: no libVLC needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.player.vlc_options import VlcOptions, install_hint


def test_options_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSCRIPT_READER_AOUT", "adummy")
    monkeypatch.setenv("TRANSCRIPT_READER_VOUT", "xcb_x11")
    monkeypatch.setenv("TRANSCRIPT_READER_VLC_ARGS", "--no-audio-time-stretch --verbose=0")
    args = VlcOptions.from_env().args()
    assert "--aout=adummy" in args and "--vout=xcb_x11" in args
    assert args[-2:] == ["--no-audio-time-stretch", "--verbose=0"]
    assert "--vout=dummy" in VlcOptions.from_env(vout="dummy").args()


@pytest.mark.parametrize("name", ["a.ogg", "b.OPUS", "c.flac", "d.wav"])
def test_ogg_flac_and_wav_are_demuxed_by_libavformat(name: str) -> None:
    assert VlcOptions().media_options(Path(name)) == [":demux=avformat,any"]


def test_other_files_and_a_chosen_demuxer_are_left_to_libvlc() -> None:
    assert VlcOptions().media_options(Path("talk.mp3")) == []
    assert VlcOptions(extra=("--demux=ogg",)).media_options(Path("talk.ogg")) == []


def test_the_install_hint_names_something_to_install() -> None:
    assert "install" in install_hint()
