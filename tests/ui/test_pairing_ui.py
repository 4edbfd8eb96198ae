"""Finding the recording on open: clear matches taken, close ones asked, media folders used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reader.core.formats import load
from reader.core.model import Header
from reader.core.pairing import PairResult
from reader.ui.media import pair_dialog
from reader.ui.media.media_dirs import KEY, MediaDirsDialog, load_dirs, save_dirs
from reader.ui.media.pair_dialog import PairDialog, pair_media
from reader.ui.window.window import ReaderWindow

VID = "xDCa0xgymMY"
TITLE = (
    "Grok-3 daagt OpenAI uit + NYT omarmt AI + exclusief interview met Rick Lamers (Groq)"
    " ｜ AI Report"
)


def transcript_in(folder: Path, name: str, sample_path: Path) -> tuple[Path, Header]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    shutil.copyfile(sample_path, path)
    return path, load(path).header


def media(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        (folder / name).write_bytes(b"not really audio")  # pairing never decodes
        paths.append(folder / name)
    return paths


def never_ask(parent: QWidget, path: Path, result: PairResult) -> Path | None:
    raise AssertionError(f"asked although the match was clear: {result}")


def test_sample_beside_its_download_is_paired(
    tmp_path: Path, window: ReaderWindow, sample_path: Path
) -> None:
    folder = tmp_path / "downloads"
    path, header = transcript_in(folder, f"Title [{VID}].wav.txt", sample_path)
    (opus,) = media(folder, f"Title [{VID}].opus")
    media(folder, "Title [abcDEF12345].opus", f"{TITLE} [Q1w2e3r4t5y].mp3")  # other videos
    assert header.video_id == VID
    assert pair_media(window, path, header, load_dirs(window.settings), ask=never_ask) == opus


def test_renamed_recording_found_by_video_id(
    tmp_path: Path, window: ReaderWindow, sample_path: Path
) -> None:
    path, header = transcript_in(tmp_path / "t", "notes.txt", sample_path)
    (real,) = media(tmp_path / "t", f"Renamed by hand [{VID}].m4a")
    assert pair_media(window, path, header, load_dirs(window.settings), ask=never_ask) == real


def test_close_titles_ask_the_user_and_use_the_answer(
    tmp_path: Path, window: ReaderWindow, sample_path: Path
) -> None:
    folder = tmp_path / "t"
    path, header = transcript_in(folder, "notes.txt", sample_path)
    audio, video = media(folder, f"{TITLE} (audio).mp3", f"{TITLE} (video).mp4")
    asked: list[PairResult] = []

    def pick_audio(parent: QWidget, transcript: Path, result: PairResult) -> Path | None:
        assert parent is window and transcript == path
        asked.append(result)
        return audio

    assert pair_media(window, path, header, load_dirs(window.settings), ask=pick_audio) == audio
    (result,) = asked
    assert result.ambiguous
    assert [c.path for c in result.candidates] == [video, audio]  # ranked, video first
    # Declining means no recording, not the best guess.
    assert pair_media(window, path, header, load_dirs(window.settings), ask=lambda *a: None) is None


def test_default_ask_is_the_pair_dialog(
    tmp_path: Path, window: ReaderWindow, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "t"
    path, header = transcript_in(folder, "notes.txt", sample_path)
    _, video = media(folder, f"{TITLE} (audio).mp3", f"{TITLE} (video).mp4")
    seen: list[Path | None] = []

    def answer_with_dialog(parent: QWidget, transcript: Path, result: PairResult) -> Path | None:
        dialog = PairDialog(transcript, result, parent)
        seen.append(dialog.chosen())
        dialog.accept()  # instead of the modal exec: the preselected best is taken
        return dialog.chosen()

    monkeypatch.setattr(pair_dialog, "ask_with_dialog", answer_with_dialog)
    assert pair_media(window, path, header, load_dirs(window.settings)) == video
    assert seen == [video]


def test_nothing_found_is_none(tmp_path: Path, window: ReaderWindow, sample_path: Path) -> None:
    folder = tmp_path / "t"
    path, header = transcript_in(folder, "notes.txt", sample_path)
    media(folder, "Cooking pasta at home.mp3", f"{TITLE} [abcDEF12345].opus")
    assert pair_media(window, path, header, load_dirs(window.settings), ask=never_ask) is None
    assert not window.banner.text()


def test_media_folders_from_settings_are_searched(
    tmp_path: Path, window: ReaderWindow, settings: QSettings, sample_path: Path
) -> None:
    path, header = transcript_in(tmp_path / "texts", "notes.txt", sample_path)
    (real,) = media(tmp_path / "recordings", f"{TITLE} [{VID}].webm")
    assert pair_media(window, path, header, load_dirs(window.settings), ask=never_ask) is None
    save_dirs(settings, [str(tmp_path / "missing drive"), str(tmp_path / "recordings")])
    assert pair_media(window, path, header, load_dirs(window.settings), ask=never_ask) == real


# --- the dialogs ------------------------------------------------------------------


def test_pair_dialog_lists_candidates_best_first(
    qtbot: QtBot, tmp_path: Path, sample_path: Path
) -> None:
    from reader.core.pairing import find_media

    folder = tmp_path / "t"
    path, header = transcript_in(folder, "notes.txt", sample_path)
    audio, video = media(folder, f"{TITLE} (audio).mp3", f"{TITLE} (video).mp4")
    result = find_media(path, header)
    dialog = PairDialog(path, result)
    qtbot.addWidget(dialog)
    tree = dialog.tree
    assert [tree.topLevelItem(i).text(0) for i in range(2)] == [video.name, audio.name]
    assert tree.topLevelItem(0).text(1) == f"Title {result.candidates[0].score:.0f}% alike"
    assert tree.topLevelItem(0).text(2) == str(folder)
    assert dialog.chosen() == video
    tree.setCurrentItem(tree.topLevelItem(1))
    assert dialog.chosen() == audio


def test_media_dirs_dialog_adds_and_removes(
    qtbot: QtBot, tmp_path: Path, settings: QSettings
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    dialog = MediaDirsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.folders() == [] and not dialog.remove_button.isEnabled()
    answers = iter([str(a), str(b), str(a) + "/", ""])
    dialog.ask_folder = lambda: next(answers)
    assert dialog.add_folder()
    assert load_dirs(settings) == [str(a)]  # one folder: the INI file stores a bare string
    assert dialog.add_folder()
    assert not dialog.add_folder()  # the same folder again is not listed twice
    assert not dialog.add_folder()  # cancelled
    assert load_dirs(settings) == [str(a), str(b)]
    dialog.list.setCurrentRow(0)
    assert dialog.remove_button.isEnabled()
    dialog.remove_selected()
    assert load_dirs(settings) == [str(b)]
    dialog.list.setCurrentRow(0)
    dialog.remove_selected()
    assert load_dirs(settings) == [] and not settings.contains(KEY)
    # What was saved is what the next dialog shows, missing folders marked.
    save_dirs(settings, [str(b), str(tmp_path / "unplugged")])
    again = MediaDirsDialog(settings)
    qtbot.addWidget(again)
    assert again.folders() == [str(b), str(tmp_path / "unplugged")]
    assert again.list.item(1).text().endswith("(not found)")
