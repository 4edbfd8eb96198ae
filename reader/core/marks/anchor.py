"""Placing marks again on a transcript whose text changed (re-transcribed, edited).

A mark keeps the text it marked. On the new transcript it goes to the line (or
run of lines) whose words best match that text, looked for first within
WINDOW_MS of where it was (shifted by how far the mark before it moved: an
inserted intro moves everything after it), then in the whole file. A word range
goes to the line that holds its words, and to those words in it. What cannot be
placed is kept with `lost=True` and its old place; it is tried again next time.

Texts are compared as their folded words (case, accents and punctuation gone,
which re-transcription changes freely) with rapidfuzz. The thresholds come from
the bundled sample (2,233 lines of Dutch speech):
- a line's best match among the OTHER lines within 60 s scores 51 (median), 75 at
  the 99th percentile, so NEAR_SCORE = 75; a line with two of its words replaced
  scores 90 (median), 79 for the worst tenth.
- across the whole file unrelated lines reach 90 now and then, so a far match
  needs FAR_SCORE = 85 and at least FAR_MIN_CHARS of text: short phrases ("ja,
  precies") repeat all through a conversation and are only placed near.
- a few words inside a line (partial_ratio) match elsewhere often (two words:
  100 at the median somewhere in the file), so word ranges need PART_SCORE and
  are told apart by nearness in time: a match far from the expected time loses up
  to DISTANCE_COST points, so a word the recogniser spelled anew in its own line
  (90) beats the old spelling half a minute away (100 - 10).
- a whole marked line found inside a longer line (the recogniser joined two)
  needs HELD_SCORE: lines inside other lines of the sample score 61 (median), 82
  at the 99th percentile and 92 at most; a similar line a few seconds off scored
  91 ("er meer computerkracht tegen aangooit" for "er is meer ... aangegooid").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import NamedTuple

from reader.core.marks.types import Mark
from reader.core.model import Transcript

WINDOW_MS = 60_000
NEAR_SCORE = 75.0
FAR_SCORE = 85.0
FAR_MIN_CHARS = 25
PART_SCORE = 88.0
FAR_PART_SCORE = 95.0
HELD_SCORE = 95.0  # a marked line inside a longer one (lines joined)
SEED_SCORE = 70.0  # a line this much like part of the mark may start a far match
SEED_MIN_CHARS = 12  # and this long (in the sample: ~5 such lines a mark, not ~130)
DISTANCE_COST = 20.0  # points a match WINDOW_MS away from the expected time loses
SPAN_SLACK = 1.5  # a run of lines compared with a mark is at most this much longer


class _Found(NamedTuple):
    score: float  # after the distance cost; the best wins
    first: int
    last: int


Scorer = Callable[..., float]


def reanchor(marks: Sequence[Mark], transcript: Transcript) -> list[Mark]:
    """`marks` (made on an older text) placed on `transcript`, in the same order:
    found ones with new lines, times and word ranges and `lost=False`; the others
    unchanged but for `lost=True`. Pure: reads nothing but its arguments."""
    lines = _Lines(transcript)
    placed: dict[int, Mark] = {}
    shift = 0  # how far the previous mark (in time) moved
    for n in sorted(range(len(marks)), key=lambda n: (marks[n].start_ms, n)):
        mark = marks[n]
        found = _place(mark, lines, shift) if len(transcript) else None
        if found is None:
            placed[n] = mark._replace(lost=True)
            continue
        placed[n] = found
        shift = found.start_ms - mark.start_ms
    return [placed[n] for n in range(len(marks))]


def _place(mark: Mark, lines: _Lines, shift: int) -> Mark | None:
    words = _words(mark.text)
    if not words:
        return None
    span = mark.end_ms - mark.start_ms
    expected = mark.start_ms + shift
    # Near where the mark before it went, and near its own old time (a mark lost
    # earlier kept times from an older text than its neighbours'): the better.
    nears = []
    for at in dict.fromkeys((expected, mark.start_ms)):
        lo, hi = lines.around(at - WINDOW_MS, at + span + WINDOW_MS)
        nears.append(_search(mark, words, lines, range(lo, hi), at, near=True))
    near = max((f for f in nears if f is not None), default=None, key=lambda f: f.score)
    if near is not None:
        return _moved(mark, near, lines)
    if len(words) < FAR_MIN_CHARS:
        return None
    found = _search(mark, words, lines, _seeds(words, lines), expected, near=False)
    return _moved(mark, found, lines) if found is not None else None


def _search(
    mark: Mark, words: str, lines: _Lines, starts: Sequence[int], at: int, *, near: bool
) -> _Found | None:
    """The best run of lines starting in `starts`: the same words (ratio) for a line
    mark, else the lines that hold the mark's words (partial_ratio)."""
    from rapidfuzz import fuzz

    if mark.chars is None:
        same = NEAR_SCORE if near else FAR_SCORE
        whole = _best(words, lines, starts, at, fuzz.ratio, same, within=False)
        return whole or _best(words, lines, starts, at, fuzz.partial_ratio, HELD_SCORE, within=True)
    part = PART_SCORE if near else FAR_PART_SCORE
    return _best(words, lines, starts, at, fuzz.partial_ratio, part, within=True)


def _best(
    words: str,
    lines: _Lines,
    starts: Sequence[int],
    at: int,
    scorer: Scorer,
    needed: float,
    *,
    within: bool,
) -> _Found | None:
    """The run scoring best (less its distance from `at`); `within`: runs that hold
    the mark's words (at least as long as them), else runs like them."""
    best: _Found | None = None
    longest = len(words) * SPAN_SLACK + 20
    for i in starts:
        distance = abs(lines.start(i) - at)
        # Nearer wins: up to DISTANCE_COST points, and a hair more per ms beyond.
        cost = DISTANCE_COST * min(1.0, distance / WINDOW_MS) + distance * 1e-9
        text = ""
        for j in range(i, len(lines)):
            held = len(text) >= len(words)  # the run so far could hold the mark's words
            text = lines.words(j) if j == i else f"{text} {lines.words(j)}"
            if within and len(text) < len(words):
                continue
            score = scorer(words, text, score_cutoff=needed)
            if score and (best is None or score - cost > best.score):
                best = _Found(score - cost, i, j)  # ties keep the shorter run
            if held if within else len(text) > longest:
                break  # a longer run only holds more than the mark
    return best


def _seeds(words: str, lines: _Lines) -> list[int]:
    """Where a run like the mark's text may start in the whole file: lines that are
    part of it or hold it (a C loop over every line), and the line before each."""
    from rapidfuzz import fuzz, process

    hits = process.extract(
        words, lines.all_words(), scorer=fuzz.partial_ratio, score_cutoff=SEED_SCORE, limit=None
    )
    # Short lines ("ja", "oké") are part of almost anything; a run of them alone
    # is shorter than FAR_MIN_CHARS, and one before a longer line is its predecessor.
    found = {i for text, _, i in hits if len(text) >= SEED_MIN_CHARS}
    return sorted(found | {i - 1 for i in found if i > 0})


def _moved(mark: Mark, found: _Found, lines: _Lines) -> Mark:
    segments = lines.transcript.segments
    first, last = found.first, found.last
    chars = None
    if mark.chars is not None and first == last:
        chars = _chars(mark, segments[first].text)
    start = segments[first].start_ms
    end = max(start, *(s.end_ms for s in segments[first : last + 1]))
    return mark._replace(
        first=first, last=last, start_ms=start, end_ms=end, chars=chars, lost=False
    )


def _chars(mark: Mark, line: str) -> tuple[int, int] | None:
    """Where the mark's words are in `line`: the same characters nearest where they
    were, else the same folded text, else the closest stretch widened to whole
    words. None (the whole line) when that is all of it."""
    from rapidfuzz import fuzz

    from reader.core.search_text import fold

    old = mark.chars[0] if mark.chars is not None else 0
    spans = _occurrences(line, mark.text)
    if not spans:
        folded, wanted = fold(line), fold(mark.text).text.strip()
        spans = [folded.span(a, b) for a, b in _occurrences(folded.text, wanted)]
        if not spans and wanted:
            hit = fuzz.partial_ratio_alignment(wanted, folded.text)
            if hit is not None and hit.dest_end > hit.dest_start:
                spans = [_widen(line, *folded.span(hit.dest_start, hit.dest_end))]
    if not spans:
        return None
    a, b = min(spans, key=lambda s: abs(s[0] - old))
    return None if (a, b) == (0, len(line)) or a >= b else (a, b)


def _occurrences(text: str, part: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    at = text.find(part) if part else -1
    while at >= 0:
        out.append((at, at + len(part)))
        at = text.find(part, at + 1)
    return out


def _widen(text: str, a: int, b: int) -> tuple[int, int]:
    """[a, b) grown to whole words, leading and trailing spaces left out."""
    while a > 0 and text[a - 1].isalnum():
        a -= 1
    while b < len(text) and text[b].isalnum():
        b += 1
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _words(text: str) -> str:
    """Folded words of `text`, one space apart: what is compared."""
    from reader.core.search_text import fold, tokens

    return " ".join(w for w, _, _ in tokens(fold(text).text))


class _Lines:
    """The new transcript's lines, folded only when first compared (a mark found near
    its old place reads a minute of them, not the whole file)."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        self._words: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.transcript)

    def start(self, i: int) -> int:
        return self.transcript.segments[i].start_ms

    def all_words(self) -> list[str]:
        return [self.words(i) for i in range(len(self))]

    def words(self, i: int) -> str:
        out = self._words.get(i)
        if out is None:
            out = self._words[i] = _words(self.transcript.segments[i].text)
        return out

    def around(self, lo_ms: int, hi_ms: int) -> tuple[int, int]:
        """Lines starting within [lo_ms, hi_ms], and the one spoken at lo_ms."""
        starts = self.transcript.starts
        return max(0, bisect_left(starts, lo_ms) - 1), bisect_right(starts, hi_ms)
