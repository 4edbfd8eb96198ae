"""Placing marks again on a changed transcript (anchor.reanchor, a pure function)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from reader.core.formats import load
from reader.core.marks.anchor import reanchor
from reader.core.marks.types import Mark
from reader.core.model import Segment, Transcript

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_75b06cd9797ac295.txt"


@pytest.fixture(scope="module")
def sample() -> Transcript:
    return load(SEED)


def mark(
    t: Transcript, first: int, last: int | None = None, chars: tuple[int, int] | None = None
) -> Mark:
    """A mark as the store makes it: the lines' text (or the characters'), their times."""
    last = first if last is None else last
    lines = t.segments[first : last + 1]
    text = t.segments[first].text[chars[0] : chars[1]] if chars else " ".join(s.text for s in lines)
    end = max(s.end_ms for s in lines)
    return Mark(first * 1000 + last, first, last, lines[0].start_ms, end, text, chars=chars)


def shifted(segments: list[Segment], ms: int) -> list[Segment]:
    return [s._replace(start_ms=s.start_ms + ms, end_ms=s.end_ms + ms) for s in segments]


def test_unchanged_text_keeps_every_mark_where_it_was(sample: Transcript) -> None:
    marks = [mark(sample, 3), mark(sample, 10, 12), mark(sample, 100, chars=(5, 20))]
    assert reanchor(marks, sample) == marks


def test_lines_inserted_before_move_marks_to_their_new_lines_and_times(sample: Transcript) -> None:
    old = list(sample.segments)
    intro = [
        Segment(i * 2000, i * 2000 + 1500, f"Nieuw intro deel {i}, met reclame.") for i in range(40)
    ]
    # 40 lines and 80 s in front: beyond the 60 s window, and more lines in the middle.
    extra = Segment(old[500].start_ms + 80_000 + 1, old[500].start_ms + 80_002, "Ingevoegd.")
    new = Transcript(
        tuple(intro + shifted(old[:500], 80_000) + [extra] + shifted(old[500:], 80_000))
    )
    marks = [
        mark(sample, 0),
        mark(sample, 7, 9),
        mark(sample, 499),
        mark(sample, 800, chars=(0, 12)),
    ]
    placed = reanchor(marks, new)
    assert [(m.first, m.last) for m in placed] == [(40, 40), (47, 49), (539, 539), (841, 841)]
    for m in placed:
        assert not m.lost
        assert m.start_ms == new.segments[m.first].start_ms
        assert m.end_ms == new.segments[m.last].end_ms
    assert placed[3].chars == (0, 12)
    assert [m.text for m in placed] == [m.text for m in marks]  # the words it marked


def test_a_line_with_words_changed_is_still_found(sample: Transcript) -> None:
    old = list(sample.segments)
    n = next(i for i, s in enumerate(old) if i > 60 and len(s.text.split()) >= 12)
    # A speech recogniser's second opinion: two words and the punctuation differ.
    words = old[n].text.split()
    words[1], words[-2] = words[1].upper() + "e", "gewoon"
    new_text = " ".join(words).replace(",", "")
    new = Transcript(tuple([*old[:n], old[n]._replace(text=new_text), *old[n + 1 :]]))
    placed = reanchor([mark(sample, n)], new)
    assert (placed[0].first, placed[0].lost) == (n, False)


def test_a_deleted_line_is_lost_kept_in_place_and_found_when_it_comes_back(
    sample: Transcript,
) -> None:
    old = list(sample.segments)
    gone = Transcript(tuple(old[:200] + old[201:]))
    marks = [mark(sample, 150), mark(sample, 200), mark(sample, 250)]
    placed = reanchor(marks, gone)
    assert [m.lost for m in placed] == [False, True, False]
    assert placed[1] == marks[1]._replace(lost=True)  # old lines and times kept
    assert (placed[0].first, placed[2].first) == (150, 249)
    back = reanchor(placed, sample)
    assert back == marks  # found again, lost cleared


def test_a_word_range_follows_its_words_within_a_changed_line(sample: Transcript) -> None:
    old = list(sample.segments)
    line = old[120].text
    at = line.index(line.split()[3])
    word_mark = mark(sample, 120, chars=(at, at + len(line.split()[3]) + 1 + len(line.split()[4])))
    edited = old[120]._replace(text="Nou ja, " + line)
    placed = reanchor([word_mark], Transcript(tuple([*old[:120], edited, *old[121:]])))
    a, b = placed[0].chars or (0, 0)
    assert edited.text[a:b] == word_mark.text and placed[0].first == 120


def test_a_word_range_in_lines_joined_into_one_is_found_in_the_joined_line(
    sample: Transcript,
) -> None:
    old = list(sample.segments)
    joined = old[300]._replace(text=old[300].text + " " + old[301].text, end_ms=old[301].end_ms)
    new = Transcript(tuple([*old[:300], joined, *old[302:]]))
    text = old[301].text
    word_mark = mark(sample, 301, chars=(0, len(text.split()[0]) + 1 + len(text.split()[1])))
    line_mark = mark(sample, 301)
    placed = reanchor([word_mark, line_mark], new)
    a, b = placed[0].chars or (0, 0)
    assert placed[0].first == 300 and joined.text[a:b] == word_mark.text
    assert (placed[1].first, placed[1].last, placed[1].chars, placed[1].lost) == (
        300,
        300,
        None,
        False,
    )


def test_lines_split_differently_carry_a_mark_over_the_new_lines() -> None:
    text = [
        "Vandaag praten we over taalmodellen en wat ze kunnen betekenen.",
        "Eerst het nieuws van de week, dan een lang interview met een gast.",
        "Die gast werkt bij een bedrijf dat eigen chips bouwt voor inferentie.",
        "Tot slot kijken we naar wat dat betekent voor de prijs van rekenkracht.",
    ]
    old = Transcript(tuple(Segment(i * 5000, i * 5000 + 4800, s) for i, s in enumerate(text)))
    # Re-transcribed: the same words cut into lines at other places.
    words = " ".join(text).split()
    cuts = [0, 8, 19, 27, 35, len(words)]
    parts = [" ".join(words[a:b]) for a, b in itertools.pairwise(cuts)]
    new = Transcript(tuple(Segment(i * 4000, i * 4000 + 3900, s) for i, s in enumerate(parts)))
    placed = reanchor([mark(old, 1, 2)], new)[0]
    assert not placed.lost and (placed.first, placed.last) in {(1, 3), (1, 4), (2, 3), (2, 4)}
    joined = " ".join(new.segments[i].text for i in range(placed.first, placed.last + 1))
    assert "Die gast werkt bij een bedrijf" in joined


def test_a_repeated_short_phrase_goes_to_the_nearest_copy_and_never_far() -> None:
    lines = [f"Regel {i} met een onderwerp dat nergens anders terugkomt." for i in range(100)]
    lines[50] = lines[52] = "Ja."

    def timed(texts: list[str]) -> Transcript:
        return Transcript(tuple(Segment(i * 3000, i * 3000 + 2000, s) for i, s in enumerate(texts)))

    old = timed(lines)
    assert reanchor([mark(old, 52)], old)[0].first == 52  # not the same words 6 s earlier
    # Both gone from there; the only "Ja." left is more than a minute away: lost.
    far = timed([s for i, s in enumerate(lines) if i not in (50, 52)] + ["Ja."])
    assert reanchor([mark(old, 52)], far)[0].lost
    # Within the minute, it is placed.
    near = timed([*lines[:50], "Nee.", lines[51], "Nee.", *lines[53:60], "Ja.", *lines[60:]])
    assert reanchor([mark(old, 52)], near)[0].first == 60


def test_a_word_spelled_anew_in_its_own_line_beats_the_old_spelling_further_on() -> None:
    texts = [f"Regel {i}: nog een ander onderwerp met eigen woorden." for i in range(60)]
    texts[20] = "Toen hebben we Zwarteveen gebeld over het plan."
    texts[33] = "Zwarteveen zei daar later ook iets over."
    old = Transcript(tuple(Segment(i * 3000, i * 3000 + 2000, s) for i, s in enumerate(texts)))
    at = texts[20].index("Zwarteveen")
    word = mark(old, 20, chars=(at, at + len("Zwarteveen")))
    texts[20] = texts[20].replace("Zwarteveen", "Zwartefeen")
    new = Transcript(tuple(Segment(i * 3000, i * 3000 + 2000, s) for i, s in enumerate(texts)))
    placed = reanchor([word], new)[0]
    assert (placed.first, placed.chars) == (20, (at, at + len("Zwartefeen")))


def test_a_long_line_moved_far_is_found_in_the_whole_file(sample: Transcript) -> None:
    old = list(sample.segments)
    moved = old[1000]
    rest = old[:1000] + old[1001:]
    # The line now sits near the end, an hour from where it was.
    at = len(rest) - 5
    new_line = moved._replace(start_ms=rest[at].start_ms + 1, end_ms=rest[at].start_ms + 2)
    new = Transcript(tuple([*rest[: at + 1], new_line, *rest[at + 1 :]]))
    placed = reanchor([mark(sample, 1000)], new)[0]
    assert (placed.first, placed.lost) == (at + 1, False)


def test_marks_on_deleted_lines_are_not_placed_on_other_lines(sample: Transcript) -> None:
    old = list(sample.segments)
    chosen = [i for i in range(0, len(old), 45) if len(old[i].text) >= 40]
    gone = set(chosen)
    new = Transcript(tuple(s for i, s in enumerate(old) if i not in gone))
    placed = reanchor([mark(sample, i) for i in chosen], new)
    wrongly = [(i, m.first) for i, m in zip(chosen, placed, strict=True) if not m.lost]
    assert len(chosen) > 20 and wrongly == []


def test_every_mark_is_lost_on_an_empty_transcript(sample: Transcript) -> None:
    marks = [mark(sample, 1), mark(sample, 2, chars=(0, 3))]
    assert reanchor(marks, Transcript(())) == [m._replace(lost=True) for m in marks]
