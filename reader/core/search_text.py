"""Text folding for search: casefolded, accents stripped, with a map back to the original.

Search compares folded text, but the window highlights the original, so every
folded character remembers which original character it came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Runs of letters, or runs of digits: "GroK3" -> "grok", "3"; "chat-gpt" -> "chat", "gpt".
_WORD = re.compile(r"[^\W\d_]+|\d+")
# Whitespace other than single spaces needs the slow path so it folds to one space.
_ODD_SPACE = re.compile(r"\s\s|[^\S ]")


@dataclass(frozen=True, slots=True)
class Folded:
    text: str
    # Original index of each character of `text`; None when the two are the same length
    # and aligned (plain ASCII, the common case, costs no memory).
    origin: Sequence[int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original character range behind folded range [start, end)."""
        return original_span(self.origin, start, end)


def original_span(origin: Sequence[int] | None, start: int, end: int) -> tuple[int, int]:
    if origin is None:
        return start, end
    if end <= start:
        at = origin[start] if start < len(origin) else origin[-1] + 1
        return at, at
    return origin[start], origin[end - 1] + 1


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    # casefold first: "İ" folds to "i" plus a combining dot, which the next step drops.
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    # NFC puts back what NFKD split but is not an accent (Hangul syllables).
    return unicodedata.normalize("NFC", kept)


def fold(text: str) -> Folded:
    """Casefold, strip accents and fold each whitespace run to one space."""
    if text.isascii() and not _ODD_SPACE.search(text):
        return Folded(text.lower())
    out: list[str] = []
    origin: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                origin.append(i)
            in_space = True
            continue
        in_space = False
        for c in fold_char(ch):
            out.append(c)
            origin.append(i)
    return Folded("".join(out), tuple(origin))


def fold_query(text: str) -> str:
    """A query folded like the lines, trimmed, with single spaces between words."""
    return " ".join(fold(text).text.split())


def tokens(folded: str) -> list[tuple[str, int, int]]:
    """Words of folded text with their folded [start, end)."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(folded)]


def is_word_start(text: str, at: int) -> bool:
    return at == 0 or not text[at - 1].isalnum() or text[at].isdigit() != text[at - 1].isdigit()


def is_word_end(text: str, at: int) -> bool:
    return at >= len(text) or not text[at].isalnum() or text[at].isdigit() != text[at - 1].isdigit()


# Sound-alike key: spellings a speech recogniser mixes up get the same key
# (Grok/Groq/Grog/Grock -> "krk", Claude/Cloud -> "klt", DeepSeek/DeepSeq -> "tpsk").
_DIGRAPHS = (
    ("sch", "s"),
    ("ch", "g"),
    ("ph", "f"),
    ("ck", "k"),
    ("qu", "k"),
    ("ij", "i"),
    ("th", "t"),
    ("dt", "t"),
)
_CLASSES = str.maketrans("cgqxzvwbd", "kkkksffpt")
_SILENT = re.compile(r"[aeiouyhj]")
_REPEAT = re.compile(r"(.)\1+")


def sound_key(term: str) -> str:
    """Consonant skeleton of a Latin-letter word; "" for anything else."""
    if not term.isascii() or not term.isalpha():
        return ""
    s = term
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    head = "a" if s[0] in "aeiouy" else ""
    s = _SILENT.sub("", s.translate(_CLASSES))
    return head + _REPEAT.sub(r"\1", s)
