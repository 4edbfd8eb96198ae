"""Word spans and the word being spoken, on the sample's real lines and timed formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.formats import load
from reader.core.model import Segment, Transcript, Word
from reader.core.words import timeline, word_at, word_spans

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"


@pytest.fixture(scope="module")
def sample() -> Transcript:
    return load(Path(__file__).resolve().parents[2] / "seeds" / "000_75b06cd9797ac295.txt")


def segment_at(t: Transcript, start_ms: int) -> Segment:
    (seg,) = [s for s in t.segments if s.start_ms == start_ms]
    return seg


def words_of(text: str) -> list[str]:
    return [text[a:b] for a, b in word_spans(text)]


def spoken(seg: Segment, ms: int) -> str | None:
    span = word_at(seg, ms)
    return None if span is None else seg.text[span[0] : span[1]]


def test_punctuation_stays_with_its_word() -> None:
    assert words_of("Dan...") == ["Dan..."]
    text = 'hallo - daar, zei "hij" (ja).'
    assert words_of(text) == ["hallo -", "daar,", "zei", '"hij"', "(ja)."]
    assert words_of("  ...  ") == ["..."]  # a line of punctuation is still one thing to light
    assert words_of("") == [] and words_of("   ") == []


def test_non_latin_text() -> None:
    assert words_of("Привет, мир!") == ["Привет,", "мир!"]
    assert words_of("مرحبا بالعالم.") == ["مرحبا", "بالعالم."]
    # No spaces between Chinese words: one ideograph each, punctuation on the one before.
    assert words_of("你好，世界。我们用AI") == ["你", "好，", "世", "界。", "我", "们", "用", "AI"]
    assert words_of("こんにちは") == list("こんにちは")


def test_thirty_second_run_on_is_walked_word_by_word(sample: Transcript) -> None:
    seg = segment_at(sample, 2_592_820)
    assert seg.duration_ms > 29_000
    spans = word_spans(seg.text)
    assert [seg.text[a:b] for a, b in spans] == seg.text.split()
    order = [spans.index(word_at(seg, ms)) for ms in range(seg.start_ms, seg.end_ms, 16)]  # type: ignore[arg-type]
    assert order == sorted(order)  # forwards only
    assert order[0] == 0 and order[-1] == len(spans) - 1
    assert set(order) == set(range(len(spans)))  # no word skipped at 16 ms ticks
    # Halfway through the time, about halfway through the letters.
    a, _ = word_at(seg, (seg.start_ms + seg.end_ms) // 2)  # type: ignore[misc]
    letters_before = sum(ch.isalnum() for ch in seg.text[:a])
    total = sum(ch.isalnum() for ch in seg.text)
    assert abs(letters_before / total - 0.5) < 0.05


def test_one_word_fragments_from_the_sample(sample: Transcript) -> None:
    yes = segment_at(sample, 73_740)
    assert yes.text == "Yes!" and yes.duration_ms == 440
    assert spoken(yes, yes.start_ms) == "Yes!"
    assert spoken(yes, yes.end_ms - 1) == "Yes!"
    assert word_at(yes, yes.end_ms) is None
    assert word_at(yes, yes.start_ms - 1) is None
    dan = segment_at(sample, 812_060)
    assert spoken(dan, dan.start_ms + 200) == "Dan..."


def test_longer_words_and_pauses_get_more_time() -> None:
    seg = Segment(0, 10_000, "ik ontwikkelingssamenwerking ja")
    line = timeline(seg)
    durations = [b - a for a, b in zip(line.starts, [*line.starts[1:], seg.end_ms], strict=True)]
    assert durations[1] > 5 * durations[0]
    plain, paused = timeline(Segment(0, 1000, "ja nee")), timeline(Segment(0, 1000, "ja. nee"))
    assert paused.starts[1] > plain.starts[1]  # "ja." holds until the pause is over


def test_real_word_timings_from_whisper_json() -> None:
    t = load(DATA / "openai_whisper.json")
    seg = t.segments[1]
    assert seg.text == "How are you?" and seg.words is not None
    assert spoken(seg, 1800) == "How"
    assert spoken(seg, 2399) == "are"
    assert spoken(seg, 2400) == "you?"
    assert spoken(seg, 3249) == "you?"
    assert word_at(seg, 3250) is None


def test_real_word_timings_from_youtube_vtt() -> None:
    t = load(DATA / "youtube_auto.vtt")
    seg = t.segments[0]
    assert seg.text == "hey everyone welcome back"
    assert [spoken(seg, ms) for ms in (0, 479, 480, 1000, 2800)] == [
        "hey",
        "hey",
        "everyone",
        "welcome",
        "back",
    ]


def test_timed_words_without_punctuation_or_with_gaps() -> None:
    words = (Word(200, 500, " Hello"), Word(900, 1400, " World"))
    seg = Segment(0, 1500, "Hello, world.", words=words)
    assert word_at(seg, 100) is None  # in the segment, before anyone speaks
    assert spoken(seg, 200) == "Hello,"  # matched case-insensitively, comma taken in
    assert spoken(seg, 700) == "Hello,"  # the gap keeps the word just spoken
    assert spoken(seg, 900) == "world."


def test_timings_that_no_longer_match_the_text_fall_back_to_estimates() -> None:
    words = (Word(0, 500, "completely"), Word(500, 1000, "different"))
    seg = Segment(0, 1000, "de tekst is verbeterd", words=words)
    assert [spoken(seg, ms) for ms in (0, 999)] == ["de", "verbeterd"]


def test_timeline_is_built_once_per_segment(sample: Transcript) -> None:
    seg = segment_at(sample, 2_592_820)
    timeline.cache_clear()
    for ms in range(seg.start_ms, seg.end_ms, 16):
        word_at(seg, ms)
    info = timeline.cache_info()
    assert info.misses == 1 and info.hits > 1000
