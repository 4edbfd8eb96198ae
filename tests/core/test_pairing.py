"""find_media on folders of real-looking yt-dlp downloads with decoys beside them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.formats import load
from reader.core.model import Header
from reader.core.pairing import THRESHOLD, find_media

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_75b06cd9797ac295.txt"
TITLE = (
    "Grok-3 daagt OpenAI uit + NYT omarmt AI + exclusief interview met Rick Lamers (Groq)"
    " ｜ AI Report"
)
VID = "xDCa0xgymMY"
OTHER_EPISODES = (
    "DeepSeek R1 schudt de markt op + OpenAI Operator + interview met Lisa Jansen ｜ AI Report",
    "Claude 3.7 Sonnet verrast + Europa investeert in AI + gesprek met Jan Smit ｜ AI Report",
    "Waarom AI-agents nog niet werken + Apple Intelligence in Nederland ｜ AI Report",
)


@pytest.fixture(scope="module")
def seed_header() -> Header:
    return load(SEED).header


def touch(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / name
        path.write_bytes(b"\0")
        paths.append(path)
    return paths


def test_seed_header_is_what_the_tests_assume(seed_header: Header) -> None:
    assert seed_header.title == TITLE
    assert seed_header.video_id == VID


# --- 1. same name -------------------------------------------------------------------


def test_sample_tool_naming_wav_txt_beside_wav(tmp_path: Path, seed_header: Header) -> None:
    stem = f"{TITLE} [{VID}]"
    (transcript,) = touch(tmp_path, f"{stem}.wav.txt")
    (wav,) = touch(tmp_path, f"{stem}.wav")
    touch(tmp_path, f"{stem}.wav.part", f"{stem}.info.json", f"{stem}.jpg", f"{stem}.webp")
    result = find_media(transcript, seed_header)
    assert (result.choice, result.reason, result.score) == (wav, "name", 100.0)
    assert not result.ambiguous


@pytest.mark.parametrize(
    ("transcript", "media"),
    [
        ("Talk.srt", "Talk.mp4"),
        ("Talk.en.srt", "Talk.mkv"),
        ("Talk.nl.vtt", "Talk.mkv"),
        ("Talk.pt-BR.vtt", "Talk.webm"),
        ("Talk.txt", "Talk.MP3"),
        ("Talk.mp4.srt", "Talk.mp4"),
    ],
)
def test_name_match_forms(tmp_path: Path, transcript: str, media: str) -> None:
    (t,) = touch(tmp_path, transcript)
    (m,) = touch(tmp_path, media)
    touch(tmp_path, "Talk 2.mp4", "Other.mkv", "Talk.json", "Talk.mkv.part")
    result = find_media(t, Header())
    assert (result.choice, result.reason) == (m, "name")


def test_exact_name_beats_same_stem_other_container(tmp_path: Path) -> None:
    (t,) = touch(tmp_path, "Show.wav.txt")
    wav, _ = touch(tmp_path, "Show.wav", "Show.mp3")
    assert find_media(t, Header()).choice == wav


def test_right_name_but_not_media_is_not_taken(tmp_path: Path) -> None:
    (t,) = touch(tmp_path, "Talk.srt")
    touch(
        tmp_path,
        "Talk.json",
        "Talk.mp4.part",
        "Talk.mp4.ytdl",
        "Talk.jpg",
        "Talk.txt",
        "._Talk.mp4",
    )
    result = find_media(t, Header())
    assert result.choice is None and result.reason is None
    assert result.candidates == ()


def test_name_beats_id_and_title(tmp_path: Path, seed_header: Header) -> None:
    (t,) = touch(tmp_path, "notes.txt")
    touch(tmp_path, f"Whatever [{VID}].opus", f"{TITLE}.m4a")
    (named,) = touch(tmp_path, "notes.mp3")
    result = find_media(t, seed_header)
    assert (result.choice, result.reason) == (named, "name")
    assert [c.reason for c in result.candidates] == ["name", "id", "title"]


# --- 2. video id --------------------------------------------------------------------


def test_id_match_among_decoys(tmp_path: Path, seed_header: Header) -> None:
    (t,) = touch(tmp_path, "transcript.txt")
    touch(
        tmp_path,
        f"{TITLE} [abcDEF12345].opus",  # same title, other video
        f"{OTHER_EPISODES[0]} [Q1w2e3r4t5y].opus",
        f"{TITLE} [{VID}].info.json",
        f"{TITLE} [{VID}].webm.part",
        f"{TITLE} [{VID}].jpg",
        f"Longer id [{VID}x].mp3",
        f"Longer id [a{VID}].mp3",
    )
    (real,) = touch(tmp_path, f"Renamed by hand [{VID}].opus")
    result = find_media(t, seed_header)
    assert (result.choice, result.reason, result.score) == (real, "id", 100.0)
    assert not result.ambiguous
    listed = {c.path.name for c in result.candidates}
    assert f"{TITLE} [abcDEF12345].opus" not in listed  # another video, however alike


def test_id_inside_longer_bracketed_token_is_not_a_match(tmp_path: Path) -> None:
    (t,) = touch(tmp_path, "transcript.txt")
    touch(tmp_path, f"Clip [{VID}ab].mp3", f"Clip [Z{VID}].mp3", f"Clip [{VID.lower()}].mp3")
    result = find_media(t, Header(video_id=VID))
    assert result.choice is None
    assert all(c.reason != "id" for c in result.candidates)


def test_ids_with_dash_and_underscore(tmp_path: Path) -> None:
    vid = "-a_B3c-D4e_"
    (t,) = touch(tmp_path, "t.txt")
    touch(tmp_path, "Song [xa_B3c-D4e_].m4a", "Song [-a_B3c-D4e].m4a")
    (real,) = touch(tmp_path, f"Song [{vid}].m4a")
    result = find_media(t, Header(video_id=vid))
    assert (result.choice, result.reason) == (real, "id")


def test_youtube_dl_old_template_title_dash_id(tmp_path: Path) -> None:
    (t,) = touch(tmp_path, "t.txt")
    (real,) = touch(tmp_path, f"Some title-{VID}.mp4")
    assert find_media(t, Header(video_id=VID)).reason == "id"
    assert find_media(t, Header(video_id=VID)).choice == real


def test_id_from_transcript_name_when_header_is_empty(tmp_path: Path) -> None:
    (t,) = touch(tmp_path, f"Old title [{VID}].en.srt")
    (real,) = touch(tmp_path, f"Totally different [{VID}].opus")
    touch(tmp_path, "Old title [Q1w2e3r4t5y].opus")
    result = find_media(t, Header())
    assert (result.choice, result.reason) == (real, "id")


def test_merged_file_preferred_over_format_parts(tmp_path: Path) -> None:
    (t,) = touch(tmp_path, "t.txt")
    (merged,) = touch(tmp_path, f"Ep [{VID}].mp4")
    touch(tmp_path, f"Ep [{VID}].f137.mp4", f"Ep [{VID}].f251.webm")
    result = find_media(t, Header(video_id=VID))
    assert result.choice == merged and not result.ambiguous


# --- 3. title -----------------------------------------------------------------------


def test_real_title_with_ytdlp_substitutions(tmp_path: Path, seed_header: Header) -> None:
    # The header keeps the fullwidth bar; the file went through yt-dlp's other swaps too.
    header = seed_header._replace(title=seed_header.title.replace("｜", "|") + "?")
    (t,) = touch(tmp_path, "transcript.txt")
    touch(tmp_path, *(f"{ep} [Q1w2e3r4t5y].opus" for ep in OTHER_EPISODES))
    touch(tmp_path, *(f"{ep}.m4a" for ep in OTHER_EPISODES))
    (real,) = touch(tmp_path, f"20250220 - {TITLE}？.opus")
    result = find_media(t, header)
    assert (result.choice, result.reason) == (real, "title")
    assert result.score >= 95
    assert not result.ambiguous


def test_title_with_slash_colon_and_quotes(tmp_path: Path) -> None:
    header = Header(title='AC/DC: "Live" at <River> Plate * 2009 \\ remaster')
    (t,) = touch(tmp_path, "t.txt")
    touch(tmp_path, "AC⧸DC： Studio Sessions 1980.mp3", "Live at River Plate.mp3")
    (real,) = touch(tmp_path, "AC⧸DC： ＂Live＂ at ＜River＞ Plate ＊ 2009 ⧹ remaster.mp3")
    result = find_media(t, header)
    assert (result.choice, result.reason, result.score) == (real, "title", 100.0)


def test_case_whitespace_and_accents(tmp_path: Path) -> None:
    (t,) = touch(tmp_path, "t.txt")
    (real,) = touch(tmp_path, "cafe_uber   alles.flac")
    result = find_media(t, Header(title="Café  ÜBER Alles"))
    assert (result.choice, result.score) == (real, 100.0)


def test_transcript_stem_is_used_without_header(tmp_path: Path) -> None:
    (t,) = touch(tmp_path, "Interview with Rick Lamers about Groq chips.en.vtt")
    touch(tmp_path, "Interview with Wietse Hagen about Grok.mp3")
    (real,) = touch(tmp_path, "interview with rick lamers about groq chips [Q1w2e3r4t5y].mp3")
    result = find_media(t, Header())
    assert (result.choice, result.reason) == (real, "title")


def test_name_cut_short_by_length_limit(tmp_path: Path, seed_header: Header) -> None:
    (t,) = touch(tmp_path, "t.txt")
    (real,) = touch(tmp_path, TITLE[:60] + ".opus")
    result = find_media(t, seed_header._replace(video_id=None))
    assert result.choice == real and result.score >= THRESHOLD


def test_other_episodes_of_the_same_show_do_not_match(tmp_path: Path, seed_header: Header) -> None:
    (t,) = touch(tmp_path, "t.txt")
    touch(tmp_path, *(f"{ep}.opus" for ep in OTHER_EPISODES))
    touch(tmp_path, "Grok-3 daagt OpenAI uit ｜ AI Report.opus")  # a shorter, different episode
    result = find_media(t, seed_header._replace(video_id=None))
    assert result.choice is None and result.reason is None
    assert 0 < result.score < THRESHOLD  # the best near miss is reported
    assert all(c.score < THRESHOLD for c in result.candidates)


def test_ambiguous_close_titles(tmp_path: Path) -> None:
    (t,) = touch(tmp_path, "t.txt")
    header = Header(title="Grok-3 daagt OpenAI uit + NYT omarmt AI + interview met Rick Lamers")
    second, first = touch(
        tmp_path,
        "Grok-3 daagt OpenAI uit + NYT omarmt AI + interview met Rick Lamers (audio).mp3",
        "Grok-3 daagt OpenAI uit + NYT omarmt AI + interview met Rick Lamers (video).mp4",
    )
    touch(tmp_path, f"{OTHER_EPISODES[1]}.mp3")
    result = find_media(t, header)
    assert result.ambiguous
    assert (result.choice, result.reason) == (first, "title")  # equal scores: video first
    assert [c.path for c in result.candidates] == [first, second]
    assert THRESHOLD <= result.candidates[1].score == result.candidates[0].score < 100


def test_other_number_is_another_episode(tmp_path: Path) -> None:
    (t,) = touch(tmp_path, "t.txt")
    touch(tmp_path, "Weekly AI news episode 13.mp3", "Weekly AI news episode 9.mp3")
    header = Header(title="Weekly AI news episode 12")
    assert find_media(t, header).choice is None
    (real,) = touch(tmp_path, "Weekly AI news - Episode 12.mp3")
    result = find_media(t, header)
    assert result.choice == real and not result.ambiguous


def test_near_identical_title_of_other_version_does_not_win(
    tmp_path: Path, seed_header: Header
) -> None:
    (t,) = touch(tmp_path, "t.txt")
    (real,) = touch(tmp_path, f"{TITLE}.opus")
    touch(tmp_path, TITLE.replace("Grok-3", "Grok-2") + ".opus")
    result = find_media(t, seed_header._replace(video_id=None))
    assert result.choice == real and not result.ambiguous


def test_same_recording_in_two_containers_is_not_ambiguous(tmp_path: Path) -> None:
    (t,) = touch(tmp_path, "t.txt")
    mp4, _ = touch(tmp_path, "Weekly show episode one.mp4", "Weekly show episode one.opus")
    result = find_media(t, Header(title="Weekly show - episode one"))
    assert result.choice == mp4 and not result.ambiguous


def test_below_threshold_is_not_taken(tmp_path: Path) -> None:
    (t,) = touch(tmp_path, "t.txt")
    touch(tmp_path, "Completely unrelated lecture.mp3")
    assert find_media(t, Header(title="Cooking pasta at home")).choice is None


# --- folders, odd names, robustness -------------------------------------------------


def test_names_with_hash_percent_spaces_and_non_ascii(tmp_path: Path) -> None:
    folder = tmp_path / "dir #1 100% ünï"
    (t,) = touch(folder, "Épisode #12 - 100% AI [Q1w2e3r4t5y].mp3.txt")
    (real,) = touch(folder, "Épisode #12 - 100% AI [Q1w2e3r4t5y].mp3")
    touch(folder, "Épisode #13 - 100% AI [abcDEF12345].mp3")
    assert find_media(t, Header()).choice == real
    (t2,) = touch(folder, "notes %20.txt")
    assert find_media(t2, Header(title="Épisode #12 — 100 % AI")).choice == real


def test_extra_media_dirs(tmp_path: Path, seed_header: Header) -> None:
    (t,) = touch(tmp_path / "transcripts", "t.txt")
    touch(tmp_path / "music", "unrelated.mp3")
    (real,) = touch(tmp_path / "videos", f"{TITLE} [{VID}].webm")
    result = find_media(t, seed_header, [tmp_path / "music", str(tmp_path / "videos")])
    assert (result.choice, result.reason) == (real, "id")
    assert find_media(t, seed_header).choice is None  # not searched unless named


def test_transcript_folder_comes_first(tmp_path: Path) -> None:
    (t,) = touch(tmp_path / "a", "Talk.srt")
    (near,) = touch(tmp_path / "a", "Talk.mp3")
    touch(tmp_path / "b", "Talk.mp3")
    result = find_media(t, Header(), [tmp_path / "b", tmp_path / "a"])
    assert result.choice == near
    assert len(result.candidates) == 2  # "a" listed twice is read once
    assert find_media(t, Header(), str(tmp_path / "b")).candidates[1].path.parent.name == "b"


def test_missing_media_dir_is_noted_not_fatal(tmp_path: Path) -> None:
    (t,) = touch(tmp_path, "Talk.srt")
    (m,) = touch(tmp_path, "Talk.mp3")
    result = find_media(t, Header(), [tmp_path / "gone"])
    assert result.choice == m
    assert any("gone" in note for note in result.notes)


def test_broken_symlink_is_skipped(tmp_path: Path) -> None:
    (t,) = touch(tmp_path, "Talk.srt")
    os.symlink(tmp_path / "nowhere.mp3", tmp_path / "Talk.mp3")
    (real,) = touch(tmp_path, "Talk.m4a")
    assert find_media(t, Header()).choice == real


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_unreadable_folder_is_noted(tmp_path: Path) -> None:
    (t,) = touch(tmp_path / "t", "Talk.srt")
    locked = tmp_path / "locked"
    touch(locked, "Talk.mp3")
    locked.chmod(0)
    try:
        result = find_media(t, Header(), [locked])
    finally:
        locked.chmod(0o755)
    assert result.choice is None
    assert any("cannot read" in note for note in result.notes)


def test_huge_folder_is_capped_but_same_name_still_found(tmp_path: Path) -> None:
    touch(tmp_path, *(f"filler {i:04d}.mp3" for i in range(300)))
    (t,) = touch(tmp_path, "zz talk.srt")
    (real,) = touch(tmp_path, "zz talk.ogg")
    result = find_media(t, Header(), max_entries=50)
    assert (result.choice, result.reason) == (real, "name")
    assert any("first 50 entries" in note for note in result.notes)


def test_folder_that_fails_mid_listing_is_noted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Works as root too, where chmod 0 does not lock anyone out.
    (t,) = touch(tmp_path / "t", "Talk.srt")
    locked = tmp_path / "locked"
    touch(locked, "Talk.mp3")
    real_scandir = os.scandir

    def scandir(path: os.PathLike[str] | str) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = find_media(t, Header(), [locked])
    assert result.choice is None
    assert any("cannot read" in note and "locked" in note for note in result.notes)


def test_probe_past_the_cap_does_not_list_a_file_twice(tmp_path: Path) -> None:
    # Three entries, two read: at least one media file is both scanned and probed.
    (t,) = touch(tmp_path, "Talk.srt")
    touch(tmp_path, "Talk.mp3", "Talk.ogg")
    result = find_media(t, Header(), max_entries=2)
    names = [c.path.name for c in result.candidates]
    assert sorted(names) == ["Talk.mp3", "Talk.ogg"]
    assert result.choice == tmp_path / "Talk.mp3"  # container preference: mp3 before ogg


def test_wav_txt_finds_the_original_download_when_the_wav_is_gone(
    tmp_path: Path, seed_header: Header
) -> None:
    # The sample's tool converts to WAV for Whisper; users often keep only the download.
    stem = f"{TITLE} [{VID}]"
    (t,) = touch(tmp_path, f"{stem}.wav.txt")
    (opus,) = touch(tmp_path, f"{stem}.opus")
    touch(tmp_path, f"{TITLE} [abcDEF12345].opus", f"{stem}.opus.part")
    result = find_media(t, seed_header)
    assert (result.choice, result.reason) == (opus, "name")


def test_partial_download_and_shorter_name_do_not_pair(tmp_path: Path) -> None:
    (t,) = touch(tmp_path, "Report.wav.txt")
    touch(tmp_path, "Report.wav.mp3.part", "Rep.mp3")
    assert find_media(t, Header()).choice is None
