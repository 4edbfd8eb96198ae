"""One search over many lines without indexing them all: the command line's search.

`search_once(texts, query)` returns exactly what `SearchIndex(texts).search(query)`
does, but builds the index only for the lines that can match. A query is
planned against the transcript's vocabulary; a line can only score if it holds
one of the words in that plan (or, for a literal search, the folded query
itself). So one cheap pass collects the vocabulary, a second picks those
lines, and a SearchIndex over them alone (matching against the whole
vocabulary, weighing words by the whole line count) scores them. On a
million-line transcript this is seconds and tens of MB instead of minutes and
most of a GB.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress, repeat
from operator import contains, methodcaller, not_

from reader.core.search import Hit, SearchIndex, read_query
from reader.core.search_plan import make_plan
from reader.core.search_terms import Match, Vocabulary
from reader.core.search_text import fold, fold_char, tokens

# ASCII folded for words: capitals to small letters, anything that is not a letter or
# digit to a space, so str.split finds the runs of letters and digits; a run mixing
# both is split further (as `tokens` does).
_LOWER_WORDS = str.maketrans(
    {chr(c): chr(c).lower() if chr(c).isalnum() else " " for c in range(128)}
)
_WORD = re.compile(r"[^\W\d_]+|\d+")
_ODD_SPACE = re.compile(r"\s\s|[^\S ]")  # as in search_text.fold
_SPACES = re.compile(r"\s+")
_PIECE = 20_000  # lines joined at a time


def search_once(texts: Sequence[str], query: str, *, exact: bool = False) -> list[Hit]:
    """Hits over `texts`, best first: the same as SearchIndex(texts).search(query)."""
    needle, exact = read_query(query, exact)
    if not needle:
        return []
    words = [w for w, _, _ in tokens(needle)]
    literal = exact or not needle.isascii() or not words
    wanted: frozenset[str] = frozenset()
    vocabulary: Vocabulary | None = None
    raw_words: set[str] = set()
    if not exact and words:
        raw_words = _raw_words(texts)
        vocabulary = Vocabulary({w for raw in raw_words for w in _WORD.findall(raw)})
        wanted = _plan_words(words, vocabulary)
    raw_wanted = frozenset(raw for raw in raw_words if not wanted.isdisjoint(_WORD.findall(raw)))
    chosen = _candidates(texts, wanted, raw_wanted, needle if literal else None)
    index = SearchIndex(
        [texts[n] for n in chosen],
        cache_size=0,
        vocabulary=vocabulary or Vocabulary(()),
        total_lines=len(texts),
    )
    if not index.holds(wanted):  # cannot happen; should it, the slow way is still right
        return SearchIndex(texts, cache_size=0).search(query, exact=exact)
    hits = index.search(query, exact=exact)
    return [Hit(chosen[hit.index], hit.score, hit.spans) for hit in hits]


def _raw_words(texts: Sequence[str]) -> set[str]:
    """Every run of letters and digits in the folded lines (split into words later).

    ASCII lines go through in large pieces with C-speed string operations only;
    the few others are folded one by one.
    """
    seen: set[str] = set()
    ascii_lines = list(map(str.isascii, texts))
    plain = list(compress(texts, ascii_lines))
    for at in range(0, len(plain), _PIECE):
        seen.update(" ".join(plain[at : at + _PIECE]).translate(_LOWER_WORDS).split())
    del plain
    for text in compress(texts, map(not_, ascii_lines)):
        # Only the words matter, so folding character by character is enough here.
        seen.update(_WORD.findall("".join(map(fold_char, text))))
    return seen


def _plan_words(words: list[str], vocabulary: Vocabulary) -> frozenset[str]:
    """The vocabulary words a fuzzy query can match, alone, joined or split."""

    def match(word: str, prefix: bool, typos: bool, loose: bool) -> dict[str, Match]:
        return vocabulary.match(word, prefix=prefix, typos=typos, loose=loose)

    plan = make_plan(words, match, vocabulary)
    found: set[str] = set()
    for matches in (*plan.single, *plan.joined):
        found.update(matches)
    for pairs in plan.split:
        for left, right in pairs:
            found.update((left, right))
    return frozenset(found)


def _candidates(
    texts: Sequence[str], wanted: frozenset[str], raw_wanted: frozenset[str], needle: str | None
) -> list[int]:
    """Lines holding a wanted word, or (for a literal search) the folded needle."""
    ascii_lines = list(map(str.isascii, texts))
    hits: set[int] = set()
    numbers = list(compress(range(len(texts)), ascii_lines))
    plain = list(compress(texts, ascii_lines))
    if raw_wanted:
        words = map(str.split, map(methodcaller("translate", _LOWER_WORDS), plain))
        hits.update(compress(numbers, map(not_, map(raw_wanted.isdisjoint, words))))
    if needle is not None:
        lowered = map(str.lower, plain)
        hits.update(compress(numbers, map(contains, lowered, repeat(needle))))
        if " " in needle:  # where runs of spaces fold to one
            for n in compress(numbers, map(_ODD_SPACE.search, plain)):
                if needle in _SPACES.sub(" ", texts[n].lower()):
                    hits.add(n)
    del plain, numbers
    for n in compress(range(len(texts)), map(not_, ascii_lines)):
        # Words only need each character folded; the needle, the whole fold.
        folded = "".join(map(fold_char, texts[n]))
        if (wanted and not wanted.isdisjoint(_WORD.findall(folded))) or (
            needle is not None and needle in fold(texts[n]).text
        ):
            hits.add(n)
    return sorted(hits)


_ODD_SPACE = re.compile(r"\s\s|[^\S ]")
_SPACES = re.compile(r"\s+")
