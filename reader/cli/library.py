"""`transcript-reader library add|remove|list|reindex`: the folders of the library.

`add` and `remove` change the folder list and bring the index up to date at once;
`list` shows the folders with their episodes and the files that could not be read;
`reindex` reads every file again. The index is the reader's own (in the user's data
folder; XDG_DATA_HOME or TRANSCRIPT_READER_DATA_DIR move it).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reader.cli import UsageError
from reader.core.library import Library, ScanReport
from reader.core.timefmt import format_time

SHOWN_EPISODES = 50
LINES_PER_EPISODE = 3


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "library",
        help="manage the library's folders (indexed for search across all transcripts)",
        description="The library indexes every transcript in its folders; `search FOLDER "
        "QUERY` searches them.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add folders and index them")
    add.add_argument("folders", nargs="+", type=Path, metavar="FOLDER")
    remove = actions.add_parser("remove", help="remove folders from the library")
    remove.add_argument("folders", nargs="+", type=Path, metavar="FOLDER")
    listing = actions.add_parser("list", help="the folders, their episodes and problems")
    listing.add_argument("--json", action="store_true", help="print as JSON")
    actions.add_parser("reindex", help="read every transcript again")


def run(args: argparse.Namespace) -> int:
    with open_library() as library:
        for warning in library.take_warnings():
            print(f"transcript-reader: warning: {warning}", file=sys.stderr)
        if args.action == "list":
            return _list(library, args.json)
        if args.action == "add":
            for folder in args.folders:
                if not folder.is_dir():
                    raise UsageError(f"{folder}: not a folder")
                library.add_folder(folder)
            report = library.scan(progress_printer())
        elif args.action == "remove":
            known = set(library.folders())
            for folder in args.folders:
                if folder.expanduser().resolve() not in known:
                    raise UsageError(f"{folder}: not a library folder")
                library.remove_folder(folder)
            report = library.scan(progress_printer())
        else:
            report = library.reindex(progress_printer())
        print(describe(report), file=sys.stderr)
    return 0


def _list(library: Library, as_json: bool) -> int:
    episodes = library.episodes()
    folders = library.folders()
    counts = {f: sum(1 for e in episodes if e.path.is_relative_to(f)) for f in folders}
    problems = library.problems()
    if as_json:
        print(
            json.dumps(
                {
                    "folders": [{"folder": str(f), "episodes": counts[f]} for f in folders],
                    "problems": [{"file": str(p.path), "reason": p.reason} for p in problems],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for folder in folders:
        print(f"{folder}\t{counts[folder]} episodes")
    for problem in problems:
        print(f"{problem.path}: {problem.reason}", file=sys.stderr)
    return 0


@contextmanager
def open_library() -> Iterator[Library]:
    """The user's library; an unusable index file is one line (exit 2), not a traceback."""
    try:
        library = Library()
    except (sqlite3.Error, OSError) as exc:
        raise UsageError(f"cannot open the library index: {exc}") from None
    try:
        yield library
    except sqlite3.Error as exc:
        raise UsageError(f"library index {library.path}: {exc}") from None
    finally:
        library.close()


def progress_printer() -> Callable[[int, int], None] | None:
    """Progress on stderr, only when it is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\rindexing {done}/{total} files{end}")
        sys.stderr.flush()

    return show


def describe(report: ScanReport) -> str:
    parts = [
        f"{n} {what}"
        for n, what in zip(
            report[:5], ("added", "changed", "renamed", "removed", "unchanged"), strict=True
        )
        if n
    ]
    if report.problems:
        parts.append(f"{len(report.problems)} unreadable (see `transcript-reader library list`)")
    return "library: " + (", ".join(parts) or "empty")


def search_folder(args: argparse.Namespace) -> int:
    """`search FOLDER QUERY`: index the folder (incrementally), then search it alone."""
    folder = Path(args.file)
    with open_library() as library:
        for warning in library.take_warnings():
            print(f"transcript-reader: warning: {warning}", file=sys.stderr)
        report = library.scan(progress_printer(), folder=folder)
        unreadable = [p for p in report.problems if p.path == folder.resolve()]
        if unreadable:
            raise UsageError(f"{folder}: {unreadable[0].reason}")
        if report.problems:
            first = report.problems[0]
            more = f" and {len(report.problems) - 1} more" if len(report.problems) > 1 else ""
            print(
                f"transcript-reader: warning: skipped {first.path}: {first.reason}{more}",
                file=sys.stderr,
            )
        limit = args.limit
        results = library.search(
            args.query,
            exact=args.exact,
            folder=folder,
            episodes=limit if limit is not None else SHOWN_EPISODES,
            lines_per_episode=min(limit, LINES_PER_EPISODE) if limit else LINES_PER_EPISODE,
        )
    hits = [(r, line) for r in results for line in r.best]
    shown = hits if limit is None else hits[:limit]
    if args.json:
        rows = [
            {
                "file": str(r.episode.path),
                "title": r.episode.title,
                "index": line.index,
                "start": line.start_ms / 1000,
                "end": line.end_ms / 1000,
                "score": line.score,
                "text": line.text,
                "spans": [list(span) for span in line.spans],
            }
            for r, line in shown
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        out: list[str] = []
        last = None
        for r, line in shown:
            if r is not last:
                count = "1 line" if r.count == 1 else f"{r.count} lines"
                out.append(f"{r.episode.title}  ({count})  {r.episode.path}\n")
                last = r
            when = format_time(line.start_ms, always_hours=True)
            out.append(f"  [{when}] {line.score:5.1f}  {' '.join(line.text.split())}\n")
        sys.stdout.write("".join(out))
    if not hits:
        print(f"transcript-reader: no lines match {args.query!r} in {folder}", file=sys.stderr)
        return 1
    lines = sum(r.count for r in results)
    print(
        f"{lines} {'line matches' if lines == 1 else 'lines match'} in {len(results)} "
        f"episode{'s' if len(results) != 1 else ''} (showing {len(shown)})",
        file=sys.stderr,
    )
    return 0
