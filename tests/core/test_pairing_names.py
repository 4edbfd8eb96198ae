"""The string rules under pairing: ids, yt-dlp substitutions, stems, language tags."""

from __future__ import annotations

import pytest

from reader.core.pairing_names import (
    carries_id,
    clean_id,
    looks_like_video_id,
    media_ext,
    normalise_title,
    strip_language,
    title_score,
    title_stem,
    trailing_id,
)


@pytest.mark.parametrize("token", ["xDCa0xgymMY", "-a_B3c-D4e_", "dQw4w9WgXcQ", "abcdefghijK"])
def test_video_ids(token: str) -> None:
    assert looks_like_video_id(token)


@pytest.mark.parametrize(
    "token",
    ["Performance", "performance", "PERFORMANCE", "xDCa0xgymM", "xDCa0xgymMYY", "a b c d e f"],
)
def test_not_video_ids(token: str) -> None:
    assert not looks_like_video_id(token)


def test_trailing_id() -> None:
    assert trailing_id("Title [xDCa0xgymMY]") == "xDCa0xgymMY"
    assert trailing_id("Title [Performance]") is None
    assert trailing_id("Title [xDCa0xgymMY] extra") is None


def test_carries_id_is_exact() -> None:
    assert carries_id("A [xDCa0xgymMY]", "xDCa0xgymMY")
    assert carries_id("A [xDCa0xgymMY].f137", "xDCa0xgymMY")
    assert carries_id("A-xDCa0xgymMY", "xDCa0xgymMY")
    assert not carries_id("A [xDCa0xgymMYz]", "xDCa0xgymMY")
    assert not carries_id("A [zxDCa0xgymMY]", "xDCa0xgymMY")
    assert not carries_id("A [xdca0xgymmy]", "xDCa0xgymMY")


def test_clean_id() -> None:
    assert clean_id("  xDCa0xgymMY ") == "xDCa0xgymMY"
    assert clean_id("") is None and clean_id(None) is None
    assert clean_id("a]b") is None and clean_id("a b") is None


def test_media_ext() -> None:
    assert media_ext("x.OPUS") == ".opus"
    assert media_ext("x.mp4.part") is None
    assert media_ext("x.info.json") is None
    assert media_ext(".mp3") is None
    assert media_ext("noext") is None


@pytest.mark.parametrize(
    ("base", "expected"),
    [("X.en", "X"), ("X.pt-BR", "X"), ("X.en-orig", "X"), ("X", None), ("X.12", None)],
)
def test_strip_language(base: str, expected: str | None) -> None:
    assert strip_language(base) == expected


def test_title_stem_drops_extension_format_tag_and_id() -> None:
    assert title_stem("Talk [xDCa0xgymMY].wav") == "Talk"
    assert title_stem("Talk [xDCa0xgymMY].f137") == "Talk"
    assert title_stem("Talk [Live]") == "Talk [Live]"


def test_normalise_undoes_ytdlp_substitutions() -> None:
    plain = normalise_title('A/B: "C" | D? <E> *F* \\G')
    swapped = normalise_title("A⧸B： ＂C＂ ｜ D？ ＜E＞ ＊F＊ ⧹G")
    assert plain == swapped == "a b c d e f g"


def test_normalise_accents_case_space_and_date_prefix() -> None:
    assert normalise_title("  Crème   BRÛLÉE_recept ") == "creme brulee recept"
    assert normalise_title("20250220 - Crème brûlée") == "creme brulee"
    assert normalise_title("2025-02-20_Crème brûlée") == "creme brulee"


def test_title_score_is_whole_string() -> None:
    show = normalise_title("AI Report")
    episode = normalise_title("Grok-3 daagt OpenAI uit + NYT omarmt AI ｜ AI Report")
    assert title_score(episode, episode) == 100.0
    assert title_score(show, episode) < 50  # the show name alone is not a match
    assert title_score("", episode) == 0.0


def test_subtitle_names_with_a_language_after_the_id() -> None:
    from reader.core.pairing_names import title_stem, trailing_id

    # yt-dlp writes `Title [id].en.vtt` beside `Title [id].webm`
    assert title_stem("Episode 13 [dQw4w9WgXcR].en") == "Episode 13"
    assert trailing_id("Episode 13 [dQw4w9WgXcR].en-US") == "dQw4w9WgXcR"
    assert title_stem("Talk.en") == "Talk.en"  # no id before it: a name like any other
