"""`transcript-reader notes FILE|--all [--to md|csv|anki|json] [-o OUT] [--clips DIR]`.

Exports the marks and notes kept for one transcript (or, with --all, for every
transcript that has any) to stdout or OUT; the format comes from --to, else from
OUT's ending, else Markdown. `--all -o DIR` in Markdown writes one file per
episode into DIR, leaving alone any file there that was changed since it was
exported. `--clips DIR` (Anki) cuts each marked line's audio from the recording
with ffmpeg, when both can be found; the notes are written either way.

Exit 1 when there are no marks; 2 for a missing file, a store that cannot be read
or an output that cannot be written (one line on stderr).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader.cli import UsageError
from reader.core.formats import load
from reader.core.marks import Mark, MarkedDocument, MarksError, MarksStore
from reader.core.marks.clips import clip_name, cut_clip
from reader.core.marks.export import FORMAT_OF_SUFFIX, FORMATS, render, write_notes
from reader.core.model import Header

STDOUT = "-"
_AUTHOR_KEYS = ("channel", "uploader", "author")

Items = list[tuple[MarkedDocument, Sequence[Mark]]]


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "notes",
        help="export a transcript's marks and notes (Markdown, Readwise CSV, Anki, JSON)",
        description="Export marks and notes: md (Obsidian-friendly Markdown), csv (Readwise "
        "import), anki (tab-separated notes for Anki's import) or json.",
    )
    p.add_argument("file", nargs="?", help="transcript file whose marks to export")
    p.add_argument("--all", action="store_true", help="every transcript with marks")
    p.add_argument("--to", choices=FORMATS, help="format (default: from -o's ending, else md)")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write here instead of stdout; with --all and md, a folder for one file per episode",
    )
    p.add_argument(
        "--clips",
        metavar="DIR",
        help="anki: cut each mark's audio into DIR as MP3 (needs ffmpeg and the recording); "
        "copy them into Anki's collection.media folder",
    )
    p.add_argument("--media", metavar="FILE", help="the recording to cut clips from")
    p.add_argument(
        "--media-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="also look for recordings here (repeatable)",
    )


def run(args: argparse.Namespace) -> int:
    if bool(args.all) == (args.file is not None):
        raise UsageError("name one transcript, or pass --all for every one with marks")
    output = None if args.output in (None, STDOUT) else args.output
    fmt = args.to or _format_of(output) or "md"
    if args.clips and fmt != "anki":
        raise UsageError("--clips is for --to anki")
    if args.media and args.all:
        raise UsageError("--media names one recording: use it with one transcript, not --all")
    for folder in args.media_dir:
        if not os.path.isdir(folder):
            raise UsageError(f"--media-dir {folder}: no such folder")
    authors: dict[int, str] = {}
    try:
        store = MarksStore()
        try:
            items = _single(store, args.file, authors) if args.file else _every(store)
            warnings = store.take_warnings()
        finally:
            store.close()
    except (MarksError, ValueError) as exc:  # the store names its file; ValueError: bad input
        raise UsageError(str(exc)) from None
    for line in warnings:
        print(f"transcript-reader: {line}", file=sys.stderr)
    items = [(doc, marks) for doc, marks in items if marks]
    if not items:
        print(f"transcript-reader: no marks in {args.file or 'any transcript'}", file=sys.stderr)
        return 1
    clips = _cut_clips(items, args) if args.clips else {}
    _write(fmt, items, output, args.all, clips, authors)
    count = sum(len(marks) for _, marks in items)
    where = f" to {output}" if output else ""
    print(
        f"{_plural(count, 'mark')} of {_plural(len(items), 'transcript')}{where}", file=sys.stderr
    )
    return 0


def _single(store: MarksStore, name: str, authors: dict[int, str]) -> Items:
    if name == STDOUT:
        raise UsageError("notes needs a transcript file, not standard input")
    transcript = load(name)
    attached = store.attach(Path(os.path.abspath(name)), transcript)
    doc = store.document(attached.doc)
    if doc is None:
        return []
    author = _author(transcript.header)
    if author:
        authors[doc.id] = author
    return [(doc, store.marks(doc.id))]


def _every(store: MarksStore) -> Items:
    return [(doc, store.marks(doc.id)) for doc in store.documents()]


def _author(header: Header) -> str:
    for key, value in header.extra:
        if key.strip().casefold() in _AUTHOR_KEYS and value.strip():
            return value.strip()
    return ""


def _format_of(output: str | None) -> str | None:
    if output is None:
        return None
    return FORMAT_OF_SUFFIX.get(Path(output).suffix.lower())


def _write(
    fmt: str,
    items: Items,
    output: str | None,
    every: bool,
    clips: dict[int, str],
    authors: dict[int, str],
) -> None:
    if output is None:
        sys.stdout.write(render(fmt, items, clips=clips, authors=authors))
        sys.stdout.flush()
        return
    out = Path(output)
    # --all in Markdown: one file per episode into a folder, unless OUT names a .md file.
    per_document = every and fmt == "md" and (out.is_dir() or out.suffix.lower() != ".md")
    try:
        if per_document:
            _folder(out, "-o")
        written = write_notes(
            fmt, items, out, per_document=per_document, clips=clips, authors=authors
        )
    except OSError as exc:
        where = exc.filename or output
        raise UsageError(f"cannot write {where}: {exc.strerror or exc}") from None
    for path in written.kept:
        print(
            f"transcript-reader: kept {path}: it was changed since it was exported "
            "(move it away to export it again)",
            file=sys.stderr,
        )


def _folder(path: Path, option: str) -> None:
    """A folder to write into: made when missing (its parent must exist)."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"{option} {path} is not a folder")
    try:
        path.mkdir(exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot make the folder {path}: {exc.strerror or exc}") from None


def _cut_clips(items: Items, args: argparse.Namespace) -> dict[int, str]:
    folder = Path(args.clips)
    _folder(folder, "--clips")
    clips: dict[int, str] = {}
    problems: list[str] = []
    for doc, marks in items:
        media = _recording(doc, args, problems)
        if media is None:
            continue
        for mark in marks:
            out = cut_clip(media, mark.start_ms, mark.end_ms, folder / clip_name(doc, mark),
                           problems=problems)  # fmt: skip
            if out is not None:
                clips[mark.id] = out.name
            elif problems and problems[-1].startswith("ffmpeg is not installed"):
                break
    for line in dict.fromkeys(problems):  # each reason once
        print(f"transcript-reader: {line}", file=sys.stderr)
    return clips


def _recording(doc: MarkedDocument, args: argparse.Namespace, problems: list[str]) -> Path | None:
    """The recording named by --media, else the one used last time, else one found."""
    if args.media:
        if not os.path.isfile(args.media):
            raise UsageError(f"--media {args.media}: no such file")
        return Path(args.media)
    from reader.core.pairing import find_media
    from reader.core.state import PositionStore

    resume = PositionStore().get(doc.path)
    if resume is not None and resume.media_path is not None and resume.media_path.is_file():
        return resume.media_path
    header = Header(title=doc.title or None, video_id=doc.video_id)
    found = find_media(doc.path, header, args.media_dir)
    if found.choice is None:
        problems.append(f"no recording found for {doc.path}, so no clips for it (see --media)")
    return found.choice


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
