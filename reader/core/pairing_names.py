"""File-name rules for pairing a transcript with its recording.

What counts as media, how yt-dlp writes ids and titles into file names, and the
normalised form two titles are compared in. Pure string work, no file access.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

# Audio and video containers libVLC plays. Order is the preference when the same
# recording exists in several containers (video first: the window can show it).
MEDIA_EXTS: tuple[str, ...] = (
    ".mp4",
    ".mkv",
    ".webm",
    ".mov",
    ".m4v",
    ".avi",
    ".wmv",
    ".flv",
    ".mpg",
    ".mpeg",
    ".ts",
    ".3gp",
    ".ogv",
    ".opus",
    ".m4a",
    ".mp3",
    ".ogg",
    ".oga",
    ".flac",
    ".wav",
    ".aac",
    ".wma",
    ".aiff",
    ".aif",
    ".alac",
    ".ape",
    ".mka",
    ".amr",
    ".caf",
    ".wv",
)
_EXT_RANK = {ext: i for i, ext in enumerate(MEDIA_EXTS)}

# yt-dlp's replacements for characters that file systems forbid (utils.sanitize_filename).
_YTDLP_SUBS = str.maketrans(
    {
        "｜": "|",
        "＂": '"',
        "：": ":",
        "？": "?",
        "＊": "*",
        "＜": "<",
        "＞": ">",
        "⧸": "/",
        "⧹": "\\",
    }
)


def as_written(text: str) -> str:
    """A yt-dlp file name's title with the characters it stood in for (`｜` -> `|`)."""
    return text.translate(_YTDLP_SUBS)


_ID_CHARS = re.compile(r"[A-Za-z0-9_-]{11}")
_TRAILING_BRACKET = re.compile(r"\s*\[([^\[\]]+)\]\s*$")
# Subtitle language tags yt-dlp and players use: X.en.srt, X.pt-BR.vtt, X.en-orig.vtt.
_LANG_SUFFIX = re.compile(r"\.[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
# yt-dlp keeps per-format downloads as X.f137.mp4 when asked to (-k).
_FORMAT_SUFFIX = re.compile(r"\.f\d+(?:-\d+)?$")
# An upload-date prefix of a common output template: `20250220 - Title`, `2025-02-20_Title`.
_DATE_PREFIX = re.compile(r"^(?:\d{8}|\d{4}-\d{2}-\d{2})(?:\s*[-_.]\s*|\s+)")
_NON_WORD = re.compile(r"[\W_]+")
_NUMBER = re.compile(r"\b\d+\b")
MISSING_NUMBER_COST = 15.0
EXTRA_NUMBER_COST = 5.0


def media_ext(name: str) -> str | None:
    """The lower-case media extension of a file name, or None if it is not media."""
    dot = name.rfind(".")
    if dot <= 0:
        return None
    ext = name[dot:].lower()
    return ext if ext in _EXT_RANK else None


def ext_rank(ext: str) -> int:
    return _EXT_RANK.get(ext, len(_EXT_RANK))


def looks_like_video_id(token: str) -> bool:
    """An 11-character YouTube id, not an ordinary word such as `[Performance]`.

    Real ids are random, so a letters-only token in word-like case is almost
    certainly a word; about one id in a hundred thousand is lost this way.
    """
    if not _ID_CHARS.fullmatch(token):
        return False
    wordlike = token.islower() or token.isupper() or token.istitle()
    return not (token.isalpha() and wordlike)


# yt-dlp's subtitle files add the language after the id: `Title [id].en.vtt`.
_LANGUAGE_SUFFIX = re.compile(r"(?<=\])\.[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")


def trailing_id(stem: str) -> str | None:
    """The `[id]` yt-dlp puts at the end of a name, if the token looks like an id."""
    m = _TRAILING_BRACKET.search(_LANGUAGE_SUFFIX.sub("", stem))
    if m and looks_like_video_id(m.group(1)):
        return m.group(1)
    return None


def carries_id(stem: str, video_id: str) -> bool:
    """True if `stem` names `video_id` the way yt-dlp or youtube-dl do.

    `[id]` anywhere (exact, case-sensitive, so a longer bracketed token never
    matches), or youtube-dl's old default `Title-id`.
    """
    return f"[{video_id}]" in stem or stem.endswith(f"-{video_id}")


def clean_id(value: str | None) -> str | None:
    """A header video id usable in a name test; None if empty or unusable."""
    if not value:
        return None
    value = value.strip()
    if not value or any(c in value for c in "[]/\\") or any(c.isspace() for c in value):
        return None
    return value


def media_stem(name: str) -> str:
    """File name without its media extension and yt-dlp's `.f137` format tag."""
    ext = media_ext(name)
    stem = name[: -len(ext)] if ext else name
    return _FORMAT_SUFFIX.sub("", stem)


def is_format_part(name: str) -> bool:
    """X.f137.mp4: one stream of a download that yt-dlp later merged."""
    ext = media_ext(name)
    stem = name[: -len(ext)] if ext else name
    return _FORMAT_SUFFIX.search(stem) is not None


def strip_language(base: str) -> str | None:
    """`X.en` -> `X`; None when there is no language-like suffix."""
    m = _LANG_SUFFIX.search(base)
    if m is None or m.start() == 0:
        return None
    return base[: m.start()]


def title_stem(name_without_ext: str) -> str:
    """The title part of a name: without `[id]`, media extension or format tag."""
    stem = name_without_ext
    for _ in range(3):
        before = stem
        stem = media_stem(stem) if media_ext(stem) else stem
        stem = _FORMAT_SUFFIX.sub("", _LANGUAGE_SUFFIX.sub("", stem))
        m = _TRAILING_BRACKET.search(stem)
        if m and looks_like_video_id(m.group(1)):
            stem = stem[: m.start()]
        if stem == before:
            break
    return stem


def normalise_title(text: str) -> str:
    """Case-, accent- and punctuation-free form of a title or file stem."""
    text = text.translate(_YTDLP_SUBS)
    if not text.isascii():  # most names are ASCII: skip the per-character pass
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DATE_PREFIX.sub("", text.casefold().strip())
    return _NON_WORD.sub(" ", text).strip()


def title_score(query: str, candidate: str) -> float:
    """Similarity 0-100 of two normalised titles.

    Whole-string measures only: a partial match would let every episode of a
    show score high on the show's name alone.
    """
    if not query or not candidate:
        return 0.0
    score = max(fuzz.ratio(query, candidate), fuzz.token_sort_ratio(query, candidate))
    short, long_ = sorted((query, candidate), key=len)
    # A name cut short by a file-name length limit still starts with the title.
    if len(short) >= 30 and long_.startswith(short):
        score = max(score, 90.0)
    return max(0.0, float(score) - _number_penalty(query, candidate))


def _number_penalty(query: str, candidate: str) -> float:
    """Episodes of a series differ mostly in a number: `episode 12` is not `episode 13`.

    A number of the title missing from a numbered file name costs much; a number
    only the file has (`part 1`, a year) costs a little.
    """
    q_nums = {int(n) for n in _NUMBER.findall(query)}
    c_nums = {int(n) for n in _NUMBER.findall(candidate)}
    if not c_nums:
        return 0.0
    missing = len(q_nums - c_nums) * MISSING_NUMBER_COST
    extra = len(c_nums - q_nums) * EXTRA_NUMBER_COST
    return min(30.0, missing + extra)
