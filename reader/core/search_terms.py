"""Which words of a transcript's vocabulary a query word could mean, and how surely.

A score per word in 0..1: the same word 1.0; a word it begins (typing) 0.80-0.95;
one or two letters off (speech-recognition spelling) up to 0.85; the same sound
skeleton ("Claude"/"Cloud") 0.55-0.85; the query inside a longer word 0.6-0.8.
Working on the vocabulary rather than on lines keeps a query fast: a 10-hour
transcript has some 20,000 distinct words but 30,000 lines of 15 words each.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from reader.core.search_text import sound_key

# (score, offset, length) of what to mark inside the word; length 0 marks all of it.
Match = tuple[float, int, int]

MIN_INFIX = 3  # shorter query words inside other words are mostly noise ("en" in "geen")
SHORT_SOUND_RATIO = 80.0  # "rik"/"rick" is 86; "rik"/"rok" 67 is not a sound-alike
MIN_SOUND_RATIO = 60.0  # sound-alikes must still look alike ("Claude"/"Cloud" is 73)


def allowed_edits(length: int) -> int:
    """Typos tolerated for a query word of this length; short words must be exact."""
    if length <= 3:
        return 0
    if length <= 6:
        return 1
    if length <= 9:
        return 2
    return 3


class Vocabulary:
    """Distinct folded words, laid out for exact, prefix, typo, sound and infix look-ups."""

    def __init__(self, terms: Iterable[str], sounds: Mapping[str, str] | None = None) -> None:
        """`sounds`: each term's sound_key, where a caller kept them (they cost most of
        building a large vocabulary); missing ones are worked out."""
        self.sorted = sorted(set(terms))
        self._set = frozenset(self.sorted)
        self._by_len: dict[int, list[str]] = {}
        self._by_sound: dict[str, list[str]] = {}
        known = sounds if sounds is not None else {}
        for term in self.sorted:
            self._by_len.setdefault(len(term), []).append(term)
            key = known.get(term)
            if key is None:
                key = sound_key(term)
            if len(key) >= 2:
                self._by_sound.setdefault(key, []).append(term)
        # One string of all words for C-speed infix search; offsets find the word again.
        self._starts: list[int] = []
        at = 1
        for term in self.sorted:
            self._starts.append(at)
            at += len(term) + 1
        self._blob = "\n" + "\n".join(self.sorted) + "\n"

    def __len__(self) -> int:
        return len(self.sorted)

    def __contains__(self, term: object) -> bool:
        return term in self._set

    def prefixed(self, head: str, limit: int | None = None) -> list[str]:
        """Words starting with `head` (including `head` itself), alphabetical."""
        lo = bisect_left(self.sorted, head)
        hi = bisect_right(self.sorted, head + "\U0010ffff", lo)
        if limit is not None:
            hi = min(hi, lo + limit)
        return self.sorted[lo:hi]

    def match(
        self, word: str, *, prefix: bool = True, typos: bool = True, loose: bool = True
    ) -> dict[str, Match]:
        """Words that `word` may stand for: itself; with `prefix` words it begins; with
        `typos` near spellings; with `loose` sound-alikes and words containing it."""
        found: dict[str, Match] = {}
        if word in self._set:
            _keep(found, word, 1.0)
        if prefix:
            for term in self.prefixed(word):
                if term != word:
                    _keep(found, term, 0.80 + 0.15 * len(word) / len(term), 0, len(word))
        if typos:
            self._typos(word, found)
        if not loose:
            return found
        self._sounds(word, found)
        if len(word) >= MIN_INFIX:
            self._infixes(word, found)
        return found

    def _typos(self, word: str, found: dict[str, Match]) -> None:
        edits = allowed_edits(len(word))
        if not edits:
            return
        for length in range(len(word) - edits, len(word) + edits + 1):
            pool = self._by_len.get(length)
            if not pool:
                continue
            for term, dist, _ in process.extract(
                word, pool, scorer=Levenshtein.distance, score_cutoff=edits, limit=None
            ):
                if dist:
                    _keep(found, term, min(0.85, 1.0 - dist / max(len(word), len(term))))

    def _sounds(self, word: str, found: dict[str, Match]) -> None:
        if len(word) < 3:
            return
        key = sound_key(word)
        # Short words ("rik" for "Rick") have short keys shared by many words:
        # only very close respellings count there.
        least = MIN_SOUND_RATIO if len(word) >= 4 and len(key) >= 3 else SHORT_SOUND_RATIO
        for term in self._by_sound.get(key, ()) if len(key) >= 2 else ():
            # Respellings, not truncations: "open" shares the skeleton of "openai".
            if term == word or abs(len(term) - len(word)) > 1:
                continue
            ratio = fuzz.ratio(word, term)
            if ratio >= least:
                _keep(found, term, 0.55 + 0.3 * ratio / 100.0)

    def _infixes(self, word: str, found: dict[str, Match]) -> None:
        blob, starts = self._blob, self._starts
        at = blob.find(word)
        while at != -1:
            i = bisect_right(starts, at) - 1
            term = self.sorted[i]
            offset = at - starts[i]
            if offset > 0 and "\n" not in word:
                _keep(found, term, 0.60 + 0.20 * len(word) / len(term), offset, len(word))
            # Next search starts after this word: one infix per word is enough.
            at = blob.find(word, starts[i] + len(term))


def _keep(
    found: dict[str, Match], term: str, score: float, offset: int = 0, length: int = 0
) -> None:
    old = found.get(term)
    if old is None or score > old[0]:
        found[term] = (score, offset, length)
