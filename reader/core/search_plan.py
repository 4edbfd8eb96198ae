"""What a fuzzy query's words match, worked out once per query, and how to rank places.

Speech recognition splits and joins words: "OpenAI" comes out as "open ai" or
"open air", "ChatGPT" as "chat gpt". So besides each word on its own, a plan
holds what each pair of neighbouring query words matches run together, and the
ways each query word could stand in a line as two words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from reader.core.search_terms import Match, Vocabulary

Span = tuple[int, int]
# (word, prefix, typos, loose) -> matches; SearchIndex passes its cached look-up.
Matcher = Callable[[str, bool, bool, bool], dict[str, Match]]

JOINED = 0.95  # "open ai" found as "openai" (or the other way) is nearly as good
MIN_JOINED = 0.75  # …but only as a whole word, a prefix or a near spelling
MAX_SPLIT_TAILS = 20  # second halves tried per split ("ai" -> "ai", "air", "aims"…)
MAX_PLACES = 8  # per word per line, for the order bonus


@dataclass(frozen=True)
class Plan:
    words: list[str]
    single: list[dict[str, Match]]  # per word
    joined: list[dict[str, Match]]  # per neighbour pair (i, i + 1), their words run together
    split: list[dict[tuple[str, str], float]]  # per word: (first, second) line words -> score


def make_plan(words: list[str], match: Matcher, vocab: Vocabulary) -> Plan:
    n = len(words)
    # A one-letter word only counts as a prefix when it is all there is, or being typed.
    single = [
        match(w, len(w) >= 2 or n == 1 or i == n - 1, True, True) for i, w in enumerate(words)
    ]
    joined = []
    for i in range(n - 1):
        # Run together, two words may only be a whole word, its start or a near spelling
        # (sound keys and infixes of such a string are mostly accidents), and must be
        # longer than either word: "een q" is not "een". One-letter words join exactly.
        a, b = words[i], words[i + 1]
        both = match(a + b, i + 1 == n - 1, min(len(a), len(b)) > 1, False)
        longer = max(len(a), len(b))
        joined.append({t: m for t, m in both.items() if m[0] >= MIN_JOINED and len(t) > longer})
    return Plan(words, single, joined, [splits(w, vocab) for w in words])


def splits(word: str, vocab: Vocabulary) -> dict[tuple[str, str], float]:
    """Ways `word` may have been written as two words: "openai" -> ("open", "ai"/"air").

    The first half must be a whole word of at least three letters (shorter ones
    split nearly anything: "op"+"en"); the second may be the start of a word.
    """
    pairs: dict[tuple[str, str], float] = {}
    for k in range(3, len(word) - 1):
        left, right = word[:k], word[k:]
        if left not in vocab:
            continue
        for term in vocab.prefixed(right, limit=MAX_SPLIT_TAILS):
            tail = 1.0 if term == right else 0.80 + 0.15 * len(right) / len(term)
            pairs[(left, term)] = JOINED * tail
    return pairs


def order_score(places: list[list[Span]]) -> float:
    """0..1: how far neighbouring query words also stand together, in order, in the line.

    `places` holds, per query word, (first, last) word positions where it matched.
    Next to each other in order counts 1, a word or two apart 0.5, swapped 0.3.
    """
    if len(places) < 2:
        return 1.0
    total = 0.0
    for here, there in pairwise(places):
        best = 0.0
        for a_first, a_last in here[:MAX_PLACES]:
            for b_first, b_last in there[:MAX_PLACES]:
                gap = b_first - a_last
                if gap == 1 or (a_first, a_last) == (b_first, b_last):
                    best = 1.0
                elif 2 <= gap <= 3:
                    best = max(best, 0.5)
                elif a_first - b_last == 1:
                    best = max(best, 0.3)
        total += best
    return total / (len(places) - 1)


def merge_spans(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)
