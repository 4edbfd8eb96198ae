"""Reading mode: paragraphs built from the real sample and from crafted segments."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.formats import load
from reader.core.model import Segment, Transcript
from reader.core.paragraphs import (
    MAX_CHARS,
    MAX_MS,
    PAUSE_MS,
    Paragraph,
    ParagraphIndex,
    build_paragraphs,
    ends_sentence,
)


@pytest.fixture(scope="module")
def sample() -> Transcript:
    return load(Path(__file__).resolve().parents[2] / "seeds" / "000_75b06cd9797ac295.txt")


@pytest.fixture(scope="module")
def paragraphs(sample: Transcript) -> tuple[Paragraph, ...]:
    return build_paragraphs(sample)


def check_covers(paragraphs: tuple[Paragraph, ...], segments: tuple[Segment, ...]) -> None:
    """Every segment in exactly one paragraph, in order, and its span slices to its text."""
    expected_first = 0
    for p in paragraphs:
        assert p.first == expected_first
        assert p.last >= p.first
        assert len(p.spans) == p.last - p.first + 1
        for i, (a, b) in enumerate(p.spans):
            assert p.text[a:b] == segments[p.first + i].text
        assert p.text == " ".join(s.text for s in segments[p.first : p.last + 1])
        assert p.start_ms == segments[p.first].start_ms
        assert p.end_ms == max(s.end_ms for s in segments[p.first : p.last + 1])
        expected_first = p.last + 1
    assert expected_first == len(segments)


def seg(start_s: float, end_s: float, text: str, speaker: str | None = None) -> Segment:
    return Segment(round(start_s * 1000), round(end_s * 1000), text, speaker)


def test_sample_every_segment_once_and_spans_exact(
    sample: Transcript, paragraphs: tuple[Paragraph, ...]
) -> None:
    check_covers(paragraphs, sample.segments)
    # Joined, not one per line, and not a handful of walls of text either.
    assert len(sample) / 12 < len(paragraphs) < len(sample) / 3


def test_sample_breaks_at_every_long_pause(
    sample: Transcript, paragraphs: tuple[Paragraph, ...]
) -> None:
    segs = sample.segments
    long_pauses = [
        i + 1 for i in range(len(segs) - 1) if segs[i + 1].start_ms - segs[i].end_ms >= PAUSE_MS
    ]
    assert len(long_pauses) >= 10
    firsts = {p.first for p in paragraphs}
    assert set(long_pauses) <= firsts
    # The longest pause in the sample, 4.08 s, before the outro:
    # [6677.64 --> 6677.98]  Thanks man.
    # [6682.06 --> 6685.10]  En dan zit deze aflevering van AI Report erop.
    outro = sample.index_at(6_682_060)
    assert sample[outro].text == "En dan zit deze aflevering van AI Report erop."
    assert sample[outro - 1].text == "Thanks man."
    assert outro in firsts


def test_sample_short_pause_does_not_break(paragraphs: tuple[Paragraph, ...]) -> None:
    # The intro: "...ons leven en de samenleving." [8.66] then 0.4 s later
    # "Tegenover mij Wietse Hagen..." [9.06]: one thought, one paragraph.
    assert paragraphs[0].text.startswith("Welkom bij AI Report")
    assert "samenleving. Tegenover mij Wietse Hagen" in paragraphs[0].text


def test_sample_caps_hold_unless_one_segment_is_longer(
    paragraphs: tuple[Paragraph, ...],
) -> None:
    over = [p for p in paragraphs if len(p.text) > MAX_CHARS or p.end_ms - p.start_ms > MAX_MS]
    assert all(p.first == p.last for p in over)
    # The sample's unpunctuated run-ons (lines 845-860) get a paragraph each.
    run_ons = [p for p in paragraphs if p.first == p.last and len(p.text) > 300]
    assert len(run_ons) >= 10


def test_sample_one_word_fragments_are_joined(
    sample: Transcript, paragraphs: tuple[Paragraph, ...]
) -> None:
    index = ParagraphIndex(paragraphs)
    fragments = [i for i, s in enumerate(sample.segments) if len(s.text.split()) == 1]
    assert len(fragments) > 100
    alone = [i for i in fragments if len(paragraphs[index.paragraph_of(i)]) == 1]
    assert alone == []
    # "Chatbot Arena. Ja. Ja. Het staat op nummer 1." at 1103 s reads as one passage.
    p = paragraphs[index.paragraph_at(1_103_180)]
    assert "Chatbot Arena. Ja. Ja. Het staat op nummer 1." in p.text


def test_sample_short_tail_is_not_orphaned(paragraphs: tuple[Paragraph, ...]) -> None:
    # "Veel plezier!" closes the intro and is followed by a 1.7 s pause; it stays
    # with the intro instead of becoming a paragraph of its own.
    p = next(p for p in paragraphs if "Veel plezier!" in p.text)
    assert p.text.endswith("met de nieuwe naam AI Report. Veel plezier!")
    assert len(paragraphs[-1]) > 1 and paragraphs[-1].text.endswith("TV Gelderland 2021")


def test_speaker_change_breaks() -> None:
    segs = (
        seg(0, 1, "Hallo.", "A"),
        seg(1, 2, "Hoi.", "B"),
        seg(2, 3, "Hoe gaat het?", "B"),
        seg(3, 4, "Goed.", None),
    )
    ps = build_paragraphs(segs)
    assert [(p.first, p.last) for p in ps] == [(0, 0), (1, 2), (3, 3)]
    check_covers(ps, segs)


def test_pause_threshold_and_soft_break_are_honoured() -> None:
    long_sentence = "Dit is een zin die lang genoeg is om de paragraaf af te sluiten. " * 4
    segs = (
        seg(0, 5, long_sentence.strip()),
        seg(5.2, 8, "Hier begint een nieuwe gedachte met genoeg woorden om niet te klein te zijn."),
        seg(8.1, 9, "En nog wat."),
        seg(10.0, 11, "Na bijna een seconde stilte."),
    )
    # Over soft_chars and ending a sentence: the next segment starts a new paragraph.
    assert [(p.first, p.last) for p in build_paragraphs(segs)] == [(0, 0), (1, 3)]
    # A lower pause threshold breaks at the 1.0 s gap as well.
    assert [(p.first, p.last) for p in build_paragraphs(segs, pause_ms=900)] == [
        (0, 0),
        (1, 2),
        (3, 3),
    ]
    # Without a sentence end there is no soft break there; it moves to the first
    # sentence end once the paragraph is long enough.
    no_stop = (seg(0, 5, long_sentence.strip().rstrip(".")), *segs[1:])
    assert [(p.first, p.last) for p in build_paragraphs(no_stop)] == [(0, 1), (2, 3)]


def test_hard_cap_breaks_mid_sentence_and_single_long_segment_stands() -> None:
    words = [seg(i, i + 1, "woord") for i in range(300)]  # no sentence end anywhere
    ps = build_paragraphs(words)
    assert all(len(p.text) <= MAX_CHARS for p in ps)
    assert all(p.end_ms - p.start_ms <= MAX_MS for p in ps)
    assert len(ps) == 5  # 60 s of one-second words per paragraph
    huge = (seg(0, 1, "kort"), seg(1, 100, "x" * 900), seg(100, 101, "kort"))
    assert [(p.first, p.last) for p in build_paragraphs(huge)] == [(0, 0), (1, 1), (2, 2)]


def test_overlapping_cues_keep_the_latest_end() -> None:
    segs = (seg(0, 10, "Lang."), seg(2, 4, "Kort erin."), seg(10.5, 12, "Verder."))
    ps = build_paragraphs(segs)
    assert len(ps) == 1 and ps[0].end_ms == 12_000
    check_covers(ps, segs)


def test_empty_transcript() -> None:
    assert build_paragraphs(()) == ()
    assert build_paragraphs(Transcript(())) == ()
    index = ParagraphIndex(())
    assert len(index) == 0 and index.paragraph_of(-1) == -1 and index.paragraph_at(0) == -1
    with pytest.raises(IndexError):
        index.paragraph_of(0)


def test_lookups_on_sample(sample: Transcript, paragraphs: tuple[Paragraph, ...]) -> None:
    index = ParagraphIndex(paragraphs)
    for k, p in enumerate(paragraphs):
        for i in range(p.first, p.last + 1):
            assert index.paragraph_of(i) == k
            a, b = p.span_of(i)
            # Every character of the segment, and the space after it, map back to it.
            for offset in range(a, min(b + 1, len(p.text))):
                assert index.segment_at_char(k, offset) == i
        assert index.segment_at_char(k, -5) == p.first
        assert index.segment_at_char(k, len(p.text) + 10) == p.last
    assert index.paragraph_of(-1) == -1
    with pytest.raises(IndexError):
        index.paragraph_of(len(sample))
    with pytest.raises(IndexError):
        paragraphs[0].span_of(paragraphs[0].last + 1)
    # By time: the paragraph that holds the segment playing at that moment.
    for ms in (0, 9_000, 1_103_300, 6_000_000, 10**9):
        assert index.paragraph_at(ms) == index.paragraph_of(sample.index_at(ms))


def test_ends_sentence() -> None:
    assert ends_sentence("Ja.") and ends_sentence("Echt?") and ends_sentence("Yes! ")
    assert ends_sentence('"Klopt."') and ends_sentence("(zei hij…)")
    assert not ends_sentence("dus dan...x") and not ends_sentence("") and not ends_sentence("Maar")


texts = st.text(alphabet="abc .!?", max_size=40)
segment_lists = st.lists(
    st.tuples(st.integers(0, 5000), st.integers(0, 90_000), texts, st.sampled_from([None, "A"])),
    max_size=60,
)


@given(segment_lists)
def test_any_segments_are_covered_within_caps(raw: list[tuple[int, int, str, str | None]]) -> None:
    segs: list[Segment] = []
    t = 0
    for gap, length, text, speaker in raw:
        segs.append(Segment(t + gap, t + gap + length, text, speaker))
        t += gap + length
    ps = build_paragraphs(segs, max_chars=120, soft_chars=50)
    check_covers(ps, tuple(segs))
    for p in ps:
        if p.first != p.last:
            assert len(p.text) <= 120 and p.end_ms - p.start_ms <= MAX_MS
            assert len({s.speaker for s in segs[p.first : p.last + 1]}) == 1
