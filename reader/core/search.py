"""Search over transcript lines that forgives speech-recognition spelling.

    index = SearchIndex(transcript)          # once per transcript
    index.search("open ai")                  # -> [Hit(index, score, spans), ...]
    index.search('"Grok 3"')                 # double quotes: literal only

Fuzzy mode scores each line 0..100 from how well it covers the query words
(rarer words count more), times a bonus for the words standing next to each
other in query order. A query word matches a line word exactly, as its start
(typing), with a typo, by sound, or split/joined ("open ai" ~ "OpenAI"); see
search_terms for the word scores and search_plan for split and joined words.
Exact mode finds the folded query literally: 100 for a whole-word hit, 90 when
it starts a word, 75 inside a word. Hits come best first, ties in time order;
spans are ranges of the ORIGINAL segment text, for highlighting.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import log

from reader.core.model import Transcript
from reader.core.search_plan import JOINED, Plan, make_plan, merge_spans, order_score
from reader.core.search_terms import Match, Vocabulary
from reader.core.search_text import (
    Folded,
    fold,
    fold_query,
    is_word_end,
    is_word_start,
    original_span,
    tokens,
)

Span = tuple[int, int]

WORDS_SHARE = 0.4  # part of the score that counts how many query words a line has
MIN_COVERAGE = 0.34  # share of the query (by weight) a line must cover to be a hit
ORDER_SHARE = 0.25  # part of the score earned by words standing in query order
SURE = 0.8  # a match at least this good counts for how common a word is
POS_BITS = 20  # a word's place is stored as line << POS_BITS | position in line
_QUOTES = (('"', '"'), ("“", "”"), ("„", "”"), ("„", "“"))


@dataclass(frozen=True, slots=True)
class Hit:
    """A matching segment: its index, a score in 0..100, and the [start, end) character
    ranges of its original text to highlight, sorted and not overlapping."""

    index: int
    score: float
    spans: tuple[Span, ...]


class _Found:
    """Where each query word stands in one line, and the folded ranges to mark."""

    __slots__ = ("marks", "places")

    def __init__(self, words: int) -> None:
        self.places: list[list[Span]] = [[] for _ in range(words)]
        self.marks: list[Span] = []


class SearchIndex:
    """Folded, tokenised lines and a vocabulary with postings; build once, query often.

    Storage is flat (strings, tuples of ints, arrays) so that the garbage collector
    has little to walk through on a 30,000-line transcript.
    """

    def __init__(
        self,
        source: Transcript | Sequence[str],
        *,
        cache_size: int = 512,
        vocabulary: Vocabulary | None = None,
        total_lines: int | None = None,
    ) -> None:
        """`cache_size`: query words whose vocabulary matches are kept, so typing a query
        letter by letter only looks up the new word (0 turns this off).

        `vocabulary` and `total_lines` make this an index of some lines of a larger
        text (search_once): query words are matched against that text's words, and
        weighed by its number of lines."""
        texts = [s.text for s in source.segments] if isinstance(source, Transcript) else source
        self._origins: dict[int, array[int]] = {}  # only lines that folding shifted
        # Every word of every line in one run: line n's words are [first[n], first[n + 1]).
        self._word_ids = array("i")
        self._bounds = array("i")  # folded start and end of each of those words
        self._first = array("q", [0])
        self._ids: dict[str, int] = {}
        self._lines_of: dict[str, array[int]] = {}  # word -> lines holding it
        self._places_of: dict[str, array[int]] = {}  # word -> line << POS_BITS | position
        folded_texts: list[str] = []
        for n, text in enumerate(texts):
            folded = fold(text)
            folded_texts.append(folded.text)
            self._add_line(n, folded)
        self._offsets: list[int] = []
        at = 0
        for text in folded_texts:
            self._offsets.append(at)
            at += len(text) + 1
        # All lines in one string: a literal search is one C-speed scan.
        self._blob = "\n".join(folded_texts)
        self._vocab = vocabulary if vocabulary is not None else Vocabulary(self._lines_of)
        self._total_lines = len(self._offsets) if total_lines is None else total_lines
        self._cache: dict[tuple[str, bool, bool, bool], dict[str, Match]] = {}
        self._cache_size = cache_size

    def _add_line(self, n: int, folded: Folded) -> None:
        if folded.origin is not None:
            self._origins[n] = array("i", folded.origin)
        base = n << POS_BITS
        # Locals, not attributes, in the loop over every word: a third faster.
        ids, lines_of, places_of = self._ids, self._lines_of, self._places_of
        add_id, add_bound = self._word_ids.append, self._bounds.append
        for p, (word, start, end) in enumerate(tokens(folded.text)[: 1 << POS_BITS]):
            word_id = ids.get(word)
            if word_id is None:
                word_id = ids[word] = len(ids)
                lines_of[word] = array("q")
                places_of[word] = array("q")
            add_id(word_id)
            add_bound(start)
            add_bound(end)
            lines = lines_of[word]
            if not lines or lines[-1] != n:
                lines.append(n)
            places_of[word].append(base | p)
        self._first.append(len(self._word_ids))

    def __len__(self) -> int:
        return len(self._offsets)

    def holds(self, words: Iterable[str]) -> bool:
        """Whether every one of `words` stands in some indexed line."""
        return all(word in self._lines_of for word in words)

    @property
    def vocabulary_size(self) -> int:
        return len(self._vocab)

    def search(self, query: str, *, exact: bool = False, limit: int | None = None) -> list[Hit]:
        """Hits best first (ties in time order). A query in double quotes, or `exact`,
        finds only literal matches; an empty query finds nothing."""
        needle, exact = read_query(query, exact)
        if not needle or (limit is not None and limit <= 0):
            return []
        pending: Plan | None = None
        folded_spans: dict[int, list[Span]] = {}
        if exact:
            scores, folded_spans = self._literal(needle)
            spans: dict[int, list[Span]] = {}
        else:
            scores, spans, pending = self._fuzzy(needle)
        ranked = sorted(scores, key=lambda n: (-scores[n], n))
        if limit is not None:
            ranked = ranked[:limit]
        for n in ranked:
            if n in folded_spans:
                spans.setdefault(n, []).extend(self._original(n, folded_spans[n]))
        if pending is not None:
            # One-word queries: mark only the lines actually returned.
            for n, found in self._locate(pending, set(ranked)).items():
                spans.setdefault(n, []).extend(self._original(n, found.marks))
        return [Hit(n, scores[n], merge_spans(spans.get(n, []))) for n in ranked]

    # -- literal ---------------------------------------------------------------------------

    def _literal(self, needle: str) -> tuple[dict[int, float], dict[int, list[Span]]]:
        scores: dict[int, float] = {}
        spans: dict[int, list[Span]] = {}
        blob = self._blob
        at = blob.find(needle)
        while at != -1:
            n = bisect_right(self._offsets, at) - 1
            end = at + len(needle)
            # Lines are joined by newlines, so word edges work on the blob as they are.
            starts_word = not needle[0].isalnum() or is_word_start(blob, at)
            ends_word = not needle[-1].isalnum() or is_word_end(blob, end)
            score = 100.0 if starts_word and ends_word else 90.0 if starts_word else 75.0
            scores[n] = max(score, scores.get(n, 0.0))
            local = at - self._offsets[n]
            # Folded ranges for now; search() maps only the returned lines' ones.
            spans.setdefault(n, []).append((local, local + len(needle)))
            at = blob.find(needle, end)
        return scores, spans

    def _original(self, n: int, marks: list[Span]) -> list[Span]:
        """Folded ranges of line n as ranges of its original text."""
        origin = self._origins.get(n)
        if origin is None:
            return marks
        return [original_span(origin, start, end) for start, end in marks]

    # -- fuzzy -----------------------------------------------------------------------------

    def _fuzzy(self, needle: str) -> tuple[dict[int, float], dict[int, list[Span]], Plan | None]:
        words = [t for t, _, _ in tokens(needle)]
        scores: dict[int, float] = {}
        spans: dict[int, list[Span]] = {}
        pending: Plan | None = None
        if words:
            plan = make_plan(words, self._match, self._vocab)
            bests = self._best_per_word(plan)
            if len(words) == 1:
                scores = {n: round(100.0 * s, 1) for n, s in bests[0].items()}
                pending = plan
            else:
                scores, spans = self._score_lines(plan, bests)
        # Scripts without spaces between words (CJK) or stray symbols: literal hits too.
        if not needle.isascii() or not words:
            literal_scores, literal_spans = self._literal(needle)
            for n, score in literal_scores.items():
                scores[n] = max(score, scores.get(n, 0.0))
                spans.setdefault(n, []).extend(literal_spans[n])
        return scores, spans, pending

    def _match(self, word: str, prefix: bool, typos: bool, loose: bool) -> dict[str, Match]:
        key = (word, prefix, typos, loose)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._vocab.match(word, prefix=prefix, typos=typos, loose=loose)
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            if self._cache_size:
                self._cache[key] = hit
        return hit

    def _best_per_word(self, plan: Plan) -> list[dict[int, float]]:
        """For each query word: line -> best score of any of its matches in that line."""
        lines_of = self._lines_of
        n = len(plan.words)
        bests: list[dict[int, float]] = []
        for i in range(n):
            best: dict[int, float] = {}
            # Ascending, so a better match in the same line overwrites a weaker one.
            for term, m in sorted(plan.single[i].items(), key=lambda item: item[1][0]):
                best.update(dict.fromkeys(lines_of[term], m[0]))
            # Run together with a neighbour ("open ai" as "openai"), or split in two.
            for pair in (i - 1, i):
                if 0 <= pair < n - 1:
                    for term, m in plan.joined[pair].items():
                        for line in lines_of[term]:
                            if m[0] * JOINED > best.get(line, 0.0):
                                best[line] = m[0] * JOINED
            for line, score in self._split_lines(plan, i).items():
                if score > best.get(line, 0.0):
                    best[line] = score
            bests.append(best)
        return bests

    def _split_lines(self, plan: Plan, i: int) -> dict[int, float]:
        """Lines where word i stands as two neighbouring words, with the best such score."""
        found: dict[int, float] = {}
        ids, first = self._word_ids, self._first
        for (left, right), score in plan.split[i].items():
            left_id, right_id = self._ids[left], self._ids[right]
            for n in set(self._lines_of[left]).intersection(self._lines_of[right]):
                run = range(first[n], first[n + 1] - 1)
                if any(ids[q] == left_id and ids[q + 1] == right_id for q in run):
                    found[n] = max(score, found.get(n, 0.0))
        return found

    def _score_lines(
        self, plan: Plan, bests: list[dict[int, float]]
    ) -> tuple[dict[int, float], dict[int, list[Span]]]:
        total_lines = self._total_lines + 1
        # Rarer words weigh more, so "de grok" is about Grok; a word found nowhere weighs
        # like the heaviest found one, so one stray word does not sink the rest.
        weights = [log(total_lines / (_frequency(b) + 1)) + 0.5 if b else 0.0 for b in bests]
        heaviest = max(weights)
        if heaviest == 0.0:
            return {}, {}
        weights = [w or heaviest for w in weights]
        total = sum(weights)
        covered: dict[int, float] = {}
        words_in: dict[int, int] = {}
        for weight, best in zip(weights, bests, strict=True):
            for n, s in best.items():
                covered[n] = covered.get(n, 0.0) + weight * s
                words_in[n] = words_in.get(n, 0) + 1
        cutoff = MIN_COVERAGE * total
        kept = {n for n, cover in covered.items() if cover >= cutoff}
        scores: dict[int, float] = {}
        spans: dict[int, list[Span]] = {}
        for n, found in self._locate(plan, kept).items():
            bonus = 1.0 - ORDER_SHARE + ORDER_SHARE * order_score(found.places)
            # A line with more of the query's words ranks above one with fewer,
            # even when the one word it has is matched more exactly.
            share = words_in[n] / len(bests)
            bonus *= 1.0 - WORDS_SHARE + WORDS_SHARE * share
            scores[n] = round(100.0 * covered[n] / total * bonus, 1)
            spans[n] = self._original(n, found.marks)
        return scores, spans

    def _locate(self, plan: Plan, lines: set[int]) -> dict[int, _Found]:
        """Where the query's words stand in the given lines, from the word places."""
        found: dict[int, _Found] = {}
        size = len(plan.words)
        bounds, first, mask = self._bounds, self._first, (1 << POS_BITS) - 1

        def record(n: int, p: int, m: Match, words: tuple[int, ...], width: int = 1) -> None:
            here = found.get(n)
            if here is None:
                here = found[n] = _Found(size)
            for i in words:
                here.places[i].append((p, p + width - 1))
            for q in range(first[n] + p, first[n] + p + width):
                start = bounds[2 * q] + m[1]
                here.marks.append((start, start + m[2] if m[2] else bounds[2 * q + 1]))

        for i, matches in enumerate(plan.single):
            for term, m in matches.items():
                for code in self._places_of[term]:
                    if code >> POS_BITS in lines:
                        record(code >> POS_BITS, code & mask, m, (i,))
        for i, matches in enumerate(plan.joined):
            for term, m in matches.items():
                for code in self._places_of[term]:
                    if code >> POS_BITS in lines:
                        record(code >> POS_BITS, code & mask, m, (i, i + 1))
        ids = self._word_ids
        for i, pairs in enumerate(plan.split):
            for left, right in pairs:
                right_id = self._ids[right]
                for code in self._places_of[left]:
                    n, p = code >> POS_BITS, code & mask
                    q = first[n] + p
                    if n in lines and q + 1 < first[n + 1] and ids[q + 1] == right_id:
                        record(n, p, (1.0, 0, 0), (i,), width=2)
        return found


def read_query(query: str, exact: bool) -> tuple[str, bool]:
    """The folded needle of a query, and whether it is literal (quoted or `exact`)."""
    text = query.strip()
    for left, right in _QUOTES:
        if len(text) >= 2 and text.startswith(left) and text.endswith(right):
            text, exact = text[1:-1], True
            break
    return fold_query(text), exact


def _frequency(best: dict[int, float]) -> int:
    """Lines a query word is surely in; weak matches (infixes, far spellings) would make
    a rare word look common."""
    sure = sum(1 for s in best.values() if s >= SURE)
    return sure or len(best)
