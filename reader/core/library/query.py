"""Searching the whole library with in-file search's forgiving matching.

A query is planned once against the library's vocabulary (search_plan.make_plan, the
same look-ups as in-file search: prefixes, typos, sound-alikes, split and joined
words). The plan's words become one FTS5 expression (a split word as `left AND
right`); an exact query's literal words become one too (the first word as any word
ending with it, the last as any word starting with it, the ones between whole). FTS5
says which lines can match and, grouped by episode, how many. Each episode's
candidate lines then go through a SearchIndex over them alone, weighed by the
episode's own line count (as search_once does for one file), so scores, marks and
order are the in-file search's. When the candidates are too many to score them all
(a very common word), episodes are first ordered by cheap counts: lines holding
every query word as typed, then lines holding any of them as typed, then all
candidates, and only the first page is scored.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence

from reader.core.library.db import LINE_BITS
from reader.core.library.files import fts_words, terms_of
from reader.core.library.types import Episode, EpisodeHits, LineHit
from reader.core.search import SearchIndex, read_query
from reader.core.search_plan import Plan, make_plan
from reader.core.search_terms import Match, Vocabulary
from reader.core.search_text import tokens

Cancel = Callable[[], bool]

FULL_SCORING = 5_000  # candidate lines: above this, episodes are ordered by counts first
COUNT_BUDGET_S = 0.08  # counting every candidate per episode; past it, the as-typed words
AT_ONCE = 20_000  # candidate lines fetched in one query for all episodes rather than by episode
LINES_SCORED = 60  # per episode at most, so a common word's first page stays quick
MAX_TERMS = 2_000  # vocabulary words per query word; the weakest beyond are left out
STRONG = 0.95  # a match at least this good counts as the word "as typed" when ordering
_MASK = (1 << LINE_BITS) - 1


class LibraryVocabulary(Vocabulary):
    """The index's vocabulary, remembering recent look-ups: each episode's SearchIndex
    asks for the same query words, and as-you-type asks again for the earlier ones."""

    CACHE = 2048

    def __init__(self, terms: Iterable[str], sounds: Mapping[str, str] | None = None) -> None:
        super().__init__(terms, sounds)
        self._memo: dict[tuple[str, bool, bool, bool], dict[str, Match]] = {}

    def match(
        self, word: str, *, prefix: bool = True, typos: bool = True, loose: bool = True
    ) -> dict[str, Match]:
        key = (word, prefix, typos, loose)
        found = self._memo.get(key)
        if found is None:
            found = super().match(word, prefix=prefix, typos=typos, loose=loose)
            if len(self._memo) >= self.CACHE:
                self._memo.clear()
            self._memo[key] = found
        return found


class EpisodeVocabulary(Vocabulary):
    """The library's vocabulary as one episode's candidate lines see it: only the words
    they hold. SearchIndex expects every word its plan names to stand in its lines, as
    a transcript's own vocabulary guarantees; this view keeps that true while the
    look-ups themselves are the library's (done once per query, not per episode)."""

    def __init__(self, library: LibraryVocabulary, present: set[str]) -> None:
        # Deliberately not Vocabulary.__init__: nothing is laid out again, every
        # look-up goes to the library's vocabulary and is filtered here.
        self._library = library
        self._present = present

    def __len__(self) -> int:
        return len(self._library)

    def __contains__(self, term: object) -> bool:
        return term in self._present

    def prefixed(self, head: str, limit: int | None = None) -> list[str]:
        found = [t for t in self._library.prefixed(head) if t in self._present]
        return found if limit is None else found[:limit]

    def match(
        self, word: str, *, prefix: bool = True, typos: bool = True, loose: bool = True
    ) -> dict[str, Match]:
        found = self._library.match(word, prefix=prefix, typos=typos, loose=loose)
        return {t: m for t, m in found.items() if t in self._present}


def search(
    con: sqlite3.Connection,
    vocab: LibraryVocabulary,
    episode_rows: Callable[[Sequence[int]], dict[int, Episode]],
    query: str,
    *,
    exact: bool = False,
    episodes: int = 50,
    lines_per_episode: int = 3,
    cancel: Cancel | None = None,
    within: frozenset[int] | None = None,
) -> list[EpisodeHits]:
    """Episodes with hits, best first (of those in `within`, when given)."""
    needle, exact = read_query(query, exact)
    if not needle or episodes <= 0:
        return []
    check = cancel or (lambda: False)
    words = [w for w, _, _ in tokens(needle)]
    plan = None if exact or not words else make_plan(words, _matcher(vocab), vocab)
    # Lines are looked for by the query's telling words: with "een zwarteveen", every
    # line holding "een" (a fifth of all) would be counted and scored for nothing.
    plan = _telling(con, plan) if plan is not None else None
    literal = exact or not needle.isascii() or not words
    parts: list[str] = []
    if plan is not None:
        parts.append(_fuzzy_expression(plan))
    scan_needle: str | None = None
    if literal:
        expression = _literal_expression(words, vocab)
        if expression is None:
            scan_needle = needle  # no words to look up, or too many: scan the text
        elif expression:
            parts.append(expression)
    match = " OR ".join(f"({p})" for p in parts if p)
    strong = _strong_expressions(plan)
    started = time.perf_counter()

    def interrupt() -> int:
        # Polled by SQLite every few thousand steps: a newer query, or the time budget.
        return int(check() or (budget and time.perf_counter() - started > budget))

    counted: dict[tuple[str, str | None], dict[int, int]] = {}

    def count(expression: str, needle: str | None) -> dict[int, int]:
        """Candidate lines per episode; each expression counted once a search."""
        key = (expression, needle)
        if key not in counted:
            counted[key] = _counts(con, expression, needle)
        return counted[key]

    budget = COUNT_BUDGET_S if strong[0] or strong[1] else 0.0
    con.set_progress_handler(interrupt, 20_000)
    try:
        try:
            counts = count(match, scan_needle)
            big = sum(counts.values()) > FULL_SCORING
        except sqlite3.OperationalError as exc:
            if "interrupted" not in str(exc) or check():
                raise
            # Too many candidates to count them all in time: order by the query words
            # as typed, score the first page, and count within its episodes only.
            budget, big = 0.0, True
            counts = count(strong[0] or strong[1], None)
            if len(counts) < episodes:  # not a page of them: all candidates after all
                counts = count(match, scan_needle)
        budget = 0.0
        if within is not None:
            counts = {f: n for f, n in counts.items() if f in within}
        if check():
            return []
        order = sorted(counts, key=lambda f: (-counts[f], f))
        if big or len(order) > episodes:
            order = _first_page(count, counts, strong, episodes)
        rows = episode_rows(order)
        fetched: dict[tuple[str, str | None], dict[int, list[int]] | None] = {}

        def lines_of(file_id: int, expression: str, needle: str | None) -> list[int]:
            """An episode's lines matching `expression`; every episode's in one query when
            the counts say they are few (a query per episode costs ms per expanded term)."""
            key = (expression, needle)
            if key not in fetched:
                known = counted.get(key)
                few = known is not None and sum(known.values()) <= AT_ONCE
                fetched[key] = _candidate_ids(con, expression, needle) if few else None
            every = fetched[key]
            if every is None:
                return _episode_ids(con, file_id, expression, needle)
            return every.get(file_id, [])

        typed = strong[0] or strong[1]  # counted by _first_page when `big`
        results: list[EpisodeHits] = []
        for file_id in order:
            if check():
                return []
            episode = rows.get(file_id)
            if episode is None:
                continue  # removed by another process meanwhile
            # Many candidates: each episode's as-typed lines, when it has some.
            ids = lines_of(file_id, typed, None) if big and typed else []
            if not ids:
                ids = lines_of(file_id, match, scan_needle)
            found = _score(con, episode, ids, strong[0], vocab, query, exact, lines_per_episode)
            if found is not None:
                results.append(found)
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            return []
        raise
    finally:
        con.set_progress_handler(None, 0)
    results.sort(key=lambda e: (-e.best[0].score, -e.count, e.episode.id))
    return results[:episodes]


COMMON_SHARE = 0.5  # a query word in more than this share of episodes tells little


def _telling(con: sqlite3.Connection, plan: Plan) -> Plan:
    """The plan without its common words, when the query has rarer ones too (the
    lines are still scored against the whole query, so lines with all come first)."""
    if len(plan.words) < 2:
        return plan
    (episodes,) = con.execute("SELECT count(*) FROM files").fetchone()
    if not episodes:
        return plan
    common, telling = [], []
    for matches in plan.single:
        terms = _strongest(matches)
        marks = ",".join("?" * len(terms))
        sql = f"SELECT coalesce(sum(files), 0) FROM vocab WHERE term IN ({marks})"
        (files,) = con.execute(sql, terms).fetchone() if terms else (0,)
        common.append(files > COMMON_SHARE * episodes)
        telling.append(0 < files <= COMMON_SHARE * episodes)
    # Only when some word is both rare and somewhere: a word in no transcript drives
    # nothing, and the others are then all the query has.
    if not any(telling) or not any(common):
        return plan
    keep = [i for i, c in enumerate(common) if not c]
    # Words run together ("zwarte veen" as "zwarteveen") join neighbours; once some
    # are left out, neighbours are no longer what the user typed side by side.
    return Plan(
        [plan.words[i] for i in keep],
        [plan.single[i] for i in keep],
        [],
        [plan.split[i] for i in keep],
    )


def _matcher(vocab: Vocabulary) -> Callable[[str, bool, bool, bool], dict[str, Match]]:
    def match(word: str, prefix: bool, typos: bool, loose: bool) -> dict[str, Match]:
        return vocab.match(word, prefix=prefix, typos=typos, loose=loose)

    return match


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _strongest(matches: dict[str, Match], limit: int = MAX_TERMS) -> list[str]:
    if len(matches) <= limit:
        return list(matches)
    return sorted(matches, key=lambda t: -matches[t][0])[:limit]


def _fuzzy_expression(plan: Plan) -> str:
    terms: set[str] = set()
    for matches in (*plan.single, *plan.joined):
        terms.update(_strongest(matches))
    parts = [_quote(t) for t in sorted(terms)]
    for pairs in plan.split:
        parts.extend(f"({_quote(a)} AND {_quote(b)})" for a, b in pairs)
    return " OR ".join(parts)


def _literal_expression(words: list[str], vocab: Vocabulary) -> str | None:
    """Lines that can hold the folded needle literally; None when that takes a scan."""
    if not words:
        return None
    if len(words) == 1:
        groups = [[t for t in vocab.sorted if words[0] in t]]
    else:
        groups = [[t for t in vocab.sorted if t.endswith(words[0])]]
        groups.extend([w] if w in vocab else [] for w in words[1:-1])
        groups.append(vocab.prefixed(words[-1]))
    if any(len(g) > MAX_TERMS for g in groups):
        return None
    if not all(groups):
        return ""  # some word is nowhere: no line holds the needle
    return " AND ".join("(" + " OR ".join(map(_quote, g)) + ")" for g in groups)


def _counts(con: sqlite3.Connection, match: str, scan_needle: str | None) -> dict[int, int]:
    """Candidate lines per episode."""
    counts: dict[int, int] = {}
    if match:
        sql = f"SELECT rowid >> {LINE_BITS}, count(*) FROM words WHERE words MATCH ? GROUP BY 1"
        counts.update(con.execute(sql, (match,)).fetchall())
    if scan_needle is not None:
        sql = (
            f"SELECT id >> {LINE_BITS}, count(*) FROM lines WHERE instr(lower(text), ?) GROUP BY 1"
        )
        for file_id, n in con.execute(sql, (scan_needle,)):
            counts[file_id] = counts.get(file_id, 0) + n
    return counts


def _strong_expressions(plan: Plan | None) -> tuple[str, str]:
    """FTS expressions for lines holding every query word as typed (or nearly), and
    for lines holding any of them: what orders episodes and lines before scoring."""
    if plan is None:
        return "", ""
    strong = [
        [t for t, m in plan.single[i].items() if m[0] >= STRONG]
        + [t for p in (i - 1, i) if 0 <= p < len(plan.joined)
           for t, m in plan.joined[p].items() if m[0] >= STRONG]
        for i in range(len(plan.words))
    ]  # fmt: skip
    every = (
        " AND ".join("(" + " OR ".join(map(_quote, g)) + ")" for g in strong) if all(strong) else ""
    )
    anyone = " OR ".join(_quote(t) for g in strong for t in g) if len(strong) > 1 else ""
    return every, anyone


def _first_page(
    count: Callable[[str, str | None], dict[int, int]],
    counts: dict[int, int],
    strong: tuple[str, str],
    episodes: int,
) -> list[int]:
    """The episodes worth scoring when there are too many candidates to score them all:
    those with the most lines holding every query word as typed, then any of them."""
    keys = [count(expression, None) for expression in strong if expression]
    keys.append(counts)
    ranked = sorted(counts, key=lambda f: (*(-k.get(f, 0) for k in keys), f))
    return ranked[: max(episodes, 1)]


def _candidate_ids(
    con: sqlite3.Connection, match: str, scan_needle: str | None
) -> dict[int, list[int]]:
    """Every candidate line id, by episode (when they are few)."""
    ids: set[int] = set()
    if match:
        ids.update(
            r for (r,) in con.execute("SELECT rowid FROM words WHERE words MATCH ?", (match,))
        )
    if scan_needle is not None:
        sql = "SELECT id FROM lines WHERE instr(lower(text), ?)"
        ids.update(r for (r,) in con.execute(sql, (scan_needle,)))
    by_episode: dict[int, list[int]] = {}
    for i in sorted(ids):
        by_episode.setdefault(i >> LINE_BITS, []).append(i)
    return by_episode


def _episode_ids(
    con: sqlite3.Connection, file_id: int, match: str, scan_needle: str | None
) -> list[int]:
    lo, hi = file_id << LINE_BITS, (file_id << LINE_BITS) | _MASK
    ids: set[int] = set()
    if match:
        sql = "SELECT rowid FROM words WHERE words MATCH ? AND rowid BETWEEN ? AND ?"
        ids.update(r for (r,) in con.execute(sql, (match, lo, hi)))
    if scan_needle is not None:
        sql = "SELECT id FROM lines WHERE id BETWEEN ? AND ? AND instr(lower(text), ?)"
        ids.update(r for (r,) in con.execute(sql, (lo, hi, scan_needle)))
    return sorted(ids)


def _score(
    con: sqlite3.Connection,
    episode: Episode,
    ids: list[int],
    strong: str,
    vocab: LibraryVocabulary,
    query: str,
    exact: bool,
    lines_per_episode: int,
) -> EpisodeHits | None:
    """The episode's hits from its candidate lines `ids` (sorted). Past LINES_SCORED
    candidates, only that many are scored (those holding every word as typed first,
    then in time order) and the count is estimated from them."""
    lo, hi = episode.id << LINE_BITS, (episode.id << LINE_BITS) | _MASK
    chosen = ids
    if len(chosen) > LINES_SCORED:
        first: list[int] = []
        if strong:
            sql = "SELECT rowid FROM words WHERE words MATCH ? AND rowid BETWEEN ? AND ?"
            first = [r for (r,) in con.execute(sql, (strong, lo, hi))][:LINES_SCORED]
        taken = set(first)
        rest = (i for i in chosen if i not in taken)
        first.extend(next(rest) for _ in range(LINES_SCORED - len(first)))
        chosen = sorted(first)
    marks = ",".join("?" * len(chosen))
    sql = f"SELECT id, start_ms, end_ms, text FROM lines WHERE id IN ({marks}) ORDER BY id"
    lines = con.execute(sql, chosen).fetchall() if chosen else []
    texts = [r[3] for r in lines]
    present = terms_of(fts_words(t) for t in texts)
    index = SearchIndex(
        texts,
        cache_size=0,
        vocabulary=EpisodeVocabulary(vocab, present),
        total_lines=episode.lines,
    )
    hits = index.search(query, exact=exact)
    if not hits:
        return None
    count = len(hits)
    if len(lines) < len(ids):  # a sample: every candidate of a one-word query is a hit
        single = not exact and len(tokens(read_query(query, exact)[0])) == 1
        count = len(ids) if single else round(len(hits) * len(ids) / len(lines))
    best = tuple(
        LineHit(lines[h.index][0] & _MASK, lines[h.index][1], lines[h.index][2],
                lines[h.index][3], h.spans, h.score)
        for h in hits[: max(lines_per_episode, 1)]
    )  # fmt: skip
    return EpisodeHits(episode, count, best)
