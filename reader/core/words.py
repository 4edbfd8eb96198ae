"""Which word of a segment is being spoken at a moment, as a span of its text.

A segment's text is split into words: runs of non-space characters, with
punctuation kept on the word it touches; in Chinese and Japanese, which put
no spaces between words, each ideograph or kana counts as one. Where the
segment has real word timings (`Segment.words`) they are mapped onto those
spans; otherwise each word's time is estimated from its share of the
segment's letters, with a little extra after punctuation where a speaker
pauses. `word_at` is called on every display tick, so each segment's
timeline is built once and cached; a lookup is then a bisect.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from reader.core.model import Segment, Word

Span = tuple[int, int]  # [start, end) character offsets into Segment.text

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_FIRST = "\u3040"  # no character below it is in _CJK
_RUN = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _cjk_token() -> re.Pattern[str]:
    # One ideograph or kana, or a run of anything else that is not a space.
    # Compiled on first need: its large classes take ~1.6 ms, at start-up.
    return re.compile(rf"[{_CJK}]|[^\s{_CJK}]+")


def _tokens(text: str) -> Iterator[re.Match[str]]:
    """Words and punctuation runs; without kana or ideographs, the runs of non-space."""
    if text and max(text) >= _CJK_FIRST:
        return _cjk_token().finditer(text)
    return _RUN.finditer(text)


# Letter-equivalents of the pause after a word ending in this punctuation.
_PAUSES = {".": 3.0, "!": 3.0, "?": 3.0, "…": 3.0, "。": 3.0, ",": 1.5, ";": 1.5, ":": 1.5}
_WORD_GAP = 1.0  # the breath between any two words, in letter-equivalents


class Timeline(NamedTuple):
    starts: list[int]  # when each word starts, ms, rising
    spans: list[Span]
    first_ms: int  # before this nothing is spoken yet (the first real word's start)


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def word_spans(text: str) -> list[Span]:
    """The words of `text` as character spans; punctuation joins a neighbouring word.

    A token of punctuation alone (" - ", a lone quote) joins the word before
    it, or the word after it at the start of the text.
    """
    spans: list[Span] = []
    loose: int | None = None  # where leading punctuation began, before any word
    for m in _tokens(text):
        start, end = m.span()
        if _is_word(m.group()):
            if loose is not None:
                start, loose = loose, None
            spans.append((start, end))
        elif spans and (spans[-1][1] == start or not _opens(m.group())):
            spans[-1] = (spans[-1][0], end)
        elif loose is None:
            loose = start
    if loose is not None and not spans and text.strip():
        spans.append((loose, len(text.rstrip())))
    return spans


def _opens(token: str) -> bool:
    """Opening quotes and brackets belong to the word after them."""
    return token[-1] in "\"'“‘„«([{¿¡"


def _weight(token: str) -> float:
    letters = sum(2 if ch.isdigit() else 1 for ch in token if ch.isalnum())
    tail = token.rstrip("\"'”’»)]}")
    pause = _PAUSES.get(tail[-1], 0.0) if tail else 0.0
    return max(1, letters) + pause + _WORD_GAP


def _estimated(segment: Segment, spans: list[Span]) -> Timeline:
    weights = [_weight(segment.text[a:b]) for a, b in spans]
    total = sum(weights)
    starts: list[int] = []
    done = 0.0
    for w in weights:
        starts.append(segment.start_ms + round(segment.duration_ms * done / total))
        done += w
    return Timeline(starts, spans, segment.start_ms)


def _located(text: str, words: tuple[Word, ...]) -> list[tuple[int, Span]] | None:
    """Each timed word's start and its place in `text`, found in order.

    None when fewer than half of them are found: the text was edited and the
    timings no longer describe it.
    """
    folded = text.casefold()
    found: list[tuple[int, Span]] = []
    cursor = 0
    for word in words:
        needle = word.text.strip().casefold()
        if not needle:
            continue
        at = folded.find(needle, cursor)
        if at < 0:
            continue
        found.append((word.start_ms, _widen(text, at, at + len(needle))))
        cursor = at + len(needle)
    return found if found and 2 * len(found) >= len(words) else None


def _widen(text: str, a: int, b: int) -> Span:
    """Take in the punctuation touching a matched word, as `word_spans` does."""
    while a > 0 and not text[a - 1].isspace() and not text[a - 1].isalnum():
        a -= 1
    while b < len(text) and not text[b].isspace() and not text[b].isalnum():
        b += 1
    return a, b


def _timed(segment: Segment, words: tuple[Word, ...]) -> Timeline | None:
    located = _located(segment.text, words)
    if located is None:
        return None
    starts: list[int] = []
    spans: list[Span] = []
    for start_ms, span in located:
        if spans and span[0] < spans[-1][1]:  # two timed pieces of one written word
            continue
        starts.append(max(start_ms, starts[-1]) if starts else start_ms)
        spans.append(span)
    return Timeline(starts, spans, starts[0])


@lru_cache(maxsize=512)
def timeline(segment: Segment) -> Timeline:
    """When each word of `segment` starts (real timings if usable, else estimated)."""
    if segment.words:
        real = _timed(segment, segment.words)
        if real is not None:
            return real
    return _estimated(segment, word_spans(segment.text))


def word_at(segment: Segment, ms: int) -> Span | None:
    """The span of the word being spoken at `ms`; None outside the segment.

    Between two timed words the one just spoken stays lit; before the first
    timed word starts nothing is.
    """
    if not segment.start_ms <= ms < segment.end_ms:
        return None
    line = timeline(segment)
    if not line.spans or ms < line.first_ms:
        return None
    i = bisect.bisect_right(line.starts, ms) - 1
    return line.spans[max(0, i)]
