"""Find the recording that belongs to a transcript opened on its own.

Three kinds of evidence, strongest first:

1. name: the transcript's name without its extension (and without a language tag
   such as `.en`) is the media file's name or stem: `X.wav.txt` -> `X.wav`,
   `X.en.srt` -> `X.mkv`.
2. id: the media name carries the header's video id as yt-dlp writes it,
   `Title [xDCa0xgymMY].opus` (or youtube-dl's old `Title-xDCa0xgymMY.opus`).
3. title: the header title or the transcript's own stem is close to the media
   stem once yt-dlp's character substitutions, the `[id]`, case, accents and
   punctuation are taken out.

Name and id matches are exact evidence and never ambiguous; the same recording in
several containers (`X.mp4` and `X.opus`) is one recording, not a tie. Title
matches below `THRESHOLD` are not taken, and when the runner-up recording is within
`MARGIN` points of the best the result is marked ambiguous so the caller can ask.

Folders are read non-recursively, at most `MAX_ENTRIES` entries each; unreadable
folders and broken links are skipped and reported in `PairResult.notes`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reader.core.model import Header
from reader.core.pairing_names import (
    MEDIA_EXTS,
    carries_id,
    clean_id,
    ext_rank,
    is_format_part,
    media_ext,
    media_stem,
    normalise_title,
    strip_language,
    title_score,
    title_stem,
    trailing_id,
)

Reason = Literal["name", "id", "title"]

THRESHOLD = 80.0  # lowest title score that is taken without asking
MARGIN = 3.0  # runner-up this close to the best title match makes it ambiguous
FLOOR = 50.0  # title matches below this are not even listed
MAX_ENTRIES = 5000
MAX_CANDIDATES = 10
_TIER = {"name": 0, "id": 1, "title": 2}


@dataclass(frozen=True, slots=True)
class Candidate:
    path: Path
    reason: Reason
    score: float


@dataclass(frozen=True, slots=True)
class PairResult:
    """The chosen recording, if any, and the ranked candidates (best first).

    `score` is the choice's score, or the best near miss's when nothing was taken.
    `ambiguous` means `choice` is only the best of close title matches.
    """

    choice: Path | None
    reason: Reason | None
    score: float
    candidates: tuple[Candidate, ...] = ()
    ambiguous: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Media:
    folder: Path
    name: str
    folder_rank: int

    @property
    def path(self) -> Path:
        return self.folder / self.name  # built only for the few that are listed


@dataclass(slots=True)
class _Scored:
    media: _Media
    reason: Reason
    score: float
    # Tie-breakers inside a tier: how directly the name matched, title closeness.
    name_rank: int = 0
    closeness: float = 0.0
    key: str = field(init=False)

    def __post_init__(self) -> None:
        self.key = media_stem(self.media.name)

    def sort_key(self) -> tuple[int, float, int, float, bool, int, int, str]:
        name = self.media.name
        return (
            _TIER[self.reason],
            -self.score,
            self.name_rank,
            -self.closeness,
            is_format_part(name),
            self.media.folder_rank,
            ext_rank(media_ext(name) or ""),
            name,
        )


def find_media(
    transcript_path: str | Path,
    header: Header | None = None,
    media_dirs: Iterable[str | Path] = (),
    *,
    threshold: float = THRESHOLD,
    margin: float = MARGIN,
    max_entries: int = MAX_ENTRIES,
) -> PairResult:
    """Look beside the transcript and in `media_dirs` for its recording."""
    transcript = Path(transcript_path)
    header = header or Header()
    notes: list[str] = []
    media = _gather(transcript, media_dirs, max_entries, notes)

    base = _base(transcript)
    alts = _other_bases(base)
    video_id = clean_id(header.video_id) or _id_in_name(base, alts)
    queries = _queries(header.title, base, alts)

    scored: list[_Scored] = []
    for item in media:
        hit = _score(item, base, alts, video_id, queries)
        if hit is not None:
            scored.append(hit)
    scored.sort(key=_Scored.sort_key)
    return _decide(scored, threshold, margin, tuple(notes))


def _gather(
    transcript: Path, media_dirs: Iterable[str | Path], max_entries: int, notes: list[str]
) -> list[_Media]:
    """Media files of the transcript's folder, then of each extra folder, once each."""
    base = _base(transcript)
    probe_bases = [base, *_other_bases(base)]
    if isinstance(media_dirs, (str, Path)):
        media_dirs = [media_dirs]  # one folder passed bare, not its characters
    folders: list[Path] = [transcript.parent]
    folders.extend(Path(d) for d in media_dirs)
    seen_dirs: set[str] = set()
    seen_files: set[tuple[int, str]] = set()
    # Only a transcript with a media extension can be mistaken for its own recording.
    self_check = media_ext(transcript.name) is not None
    found: list[_Media] = []
    for rank, folder in enumerate(folders):
        real = os.path.realpath(folder)
        if real in seen_dirs:
            continue
        seen_dirs.add(real)
        if not _is_dir(folder):
            notes.append(f"{folder}: not a folder")
            continue
        entries, complete = _scan(folder, max_entries, notes)
        if not complete:
            # Past the cap a same-name file can still be found by asking for it.
            entries.extend(_probe(folder, probe_bases))
        for name in entries:
            if (rank, name) in seen_files:
                continue  # a probe found what the scan had already listed
            if self_check and _same_file(folder / name, transcript):
                continue
            seen_files.add((rank, name))
            found.append(_Media(folder, name, rank))
    return found


def _base(transcript: Path) -> str:
    """The transcript's name without its own extension: `X.wav.txt` -> `X.wav`."""
    suffix = transcript.suffix
    return transcript.name[: -len(suffix)] if suffix else transcript.name


def _is_dir(folder: Path) -> bool:
    try:
        return folder.is_dir()
    except OSError:  # e.g. a folder inside one we may not enter
        return False


def _scan(folder: Path, max_entries: int, notes: list[str]) -> tuple[list[str], bool]:
    """Names of media files in `folder` and whether the whole folder was read."""
    names: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for count, entry in enumerate(entries):
                if count >= max_entries:
                    notes.append(f"{folder}: looked at the first {max_entries} entries only")
                    return names, False
                if _is_media_entry(entry):
                    names.append(entry.name)
    except OSError as exc:
        notes.append(f"{folder}: cannot read ({exc.strerror or exc})")
    return names, True


def _is_media_entry(entry: os.DirEntry[str]) -> bool:
    # Dot files include macOS `._X.mp4` resource forks, which are not media.
    if entry.name.startswith(".") or media_ext(entry.name) is None:
        return False
    try:
        return entry.is_file()  # follows links; a broken link is not a file
    except OSError:
        return False


def _probe(folder: Path, bases: Sequence[str]) -> list[str]:
    names: list[str] = []
    for base in bases:
        tries = [base] if media_ext(base) else []
        tries.extend(base + ext for ext in MEDIA_EXTS)
        for name in tries:
            try:
                if (folder / name).is_file():
                    names.append(name)
            except OSError:
                continue
    return names


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a == b or os.path.samefile(a, b)
    except OSError:
        return False


def _id_in_name(base: str, alts: tuple[str, ...]) -> str | None:
    """A transcript saved as `Title [id].en.srt` names its video even without a header."""
    for stem in (base, *alts):
        found = trailing_id(media_stem(stem))
        if found:
            return found
    return None


def _queries(title: str | None, base: str, alts: tuple[str, ...]) -> list[str]:
    texts = [title or "", title_stem(base), *(title_stem(alt) for alt in alts)]
    out: list[str] = []
    for text in texts:
        norm = normalise_title(text)
        if norm and norm not in out:
            out.append(norm)
    return out


def _score(
    item: _Media, base: str, alts: tuple[str, ...], video_id: str | None, queries: list[str]
) -> _Scored | None:
    name = item.name
    stem = name[: -len(media_ext(name) or "")]
    name_rank = _name_rank(name, base, alts)
    if name_rank is not None:
        return _Scored(item, "name", 100.0, name_rank=name_rank)
    closeness = 0.0
    if queries:
        media_title = normalise_title(title_stem(stem))
        closeness = max(title_score(q, media_title) for q in queries)
    if video_id is not None:
        if carries_id(stem, video_id):
            return _Scored(item, "id", 100.0, closeness=closeness)
        other = trailing_id(media_stem(name))
        if other is not None and other != video_id:
            return None  # a different video, however alike the title
    if closeness < FLOOR:
        return None
    return _Scored(item, "title", closeness)


def _name_rank(name: str, base: str, alts: tuple[str, ...]) -> int | None:
    """0: `X.wav.txt`->`X.wav`; 1: `X.txt`->`X.mp4`; 2: `X.en.srt`->`X.mkv`, `X.wav.txt`->`X.opus`.

    `X.f137.mp4` counts as `X.mp4`; the sort puts such parts after merged files.
    """
    if name == base:
        return 0
    stem = media_stem(name)
    if stem == base:
        return 1
    if any(alt in (name, stem) for alt in alts):
        return 2
    return None


def _other_bases(base: str) -> tuple[str, ...]:
    """Other names the recording may have: without a language tag (`X.en` -> `X`), or
    in another container than the one the transcript names (`X.wav` -> `X`, so the
    `X.opus` the tool converted from still counts)."""
    out: list[str] = []
    for alt in (strip_language(base), media_stem(base) if media_ext(base) else None):
        if alt and alt != base and alt not in out:
            out.append(alt)
    return tuple(out)


def _decide(
    scored: list[_Scored], threshold: float, margin: float, notes: tuple[str, ...]
) -> PairResult:
    candidates = tuple(
        Candidate(s.media.path, s.reason, round(s.score, 1)) for s in scored[:MAX_CANDIDATES]
    )
    if not scored:
        return PairResult(None, None, 0.0, candidates, False, notes)
    best = scored[0]
    score = round(best.score, 1)
    if best.reason == "title" and best.score < threshold:
        return PairResult(None, None, score, candidates, False, notes)
    ambiguous = False
    if best.reason == "title":
        rival = next((s for s in scored[1:] if s.key != best.key), None)
        ambiguous = rival is not None and best.score - rival.score <= margin
    return PairResult(best.media.path, best.reason, score, candidates, ambiguous, notes)
