"""`transcript-reader search FILE|FOLDER QUERY [--limit N] [--json] [--exact]`.

Prints the best-matching lines first as `[h:mm:ss] score  text`, then a count on
stderr. Like grep, exits 1 when nothing matches; a bad file exits 2 (the
dispatcher turns TranscriptError into one line).

A folder is indexed first (incrementally, in the library's index: see
reader.core.library) and searched as a whole: the best episodes first, each under
its title with its best lines; `--json` hits carry `file` and `title` besides the
one-file fields.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from reader.cli import UsageError
from reader.cli.inputs import STDIN, load_lines, warn_issues
from reader.core.search_once import search_once
from reader.core.timefmt import format_time


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "search",
        help="find lines in a transcript, forgiving speech-recognition spelling",
        description="Fuzzy search: case and accents do not matter, typos and sound-alike "
        "spellings are found, best matches first. Put the query in double quotes ('\"a b\"') "
        "or pass --exact for literal matches only.",
    )
    p.add_argument(
        "file", help="transcript file (any supported format), a folder of them; - for stdin"
    )
    p.add_argument("query", help="words to look for")
    p.add_argument("--limit", type=int, metavar="N", help="show at most N hits")
    p.add_argument("--json", action="store_true", help="print the hits as a JSON list")
    p.add_argument("--exact", action="store_true", help="literal matches only")


def run(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        raise UsageError(f"--limit must be at least 1, not {args.limit}")
    if args.file != STDIN and os.path.isdir(args.file):
        from reader.cli.library import search_folder

        return search_folder(args)
    transcript, texts = load_lines(args.file)
    warn_issues(args.file, transcript)
    hits = search_once(texts, args.query, exact=args.exact)
    del texts
    shown = hits if args.limit is None else hits[: args.limit]
    if args.json:
        rows = [
            {
                "index": hit.index,
                "start": transcript[hit.index].start_ms / 1000,
                "end": transcript[hit.index].end_ms / 1000,
                "score": hit.score,
                "text": transcript[hit.index].text,
                "spans": [list(span) for span in hit.spans],
            }
            for hit in shown
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        out = []
        for hit in shown:
            seg = transcript[hit.index]
            when = format_time(seg.start_ms, always_hours=True)
            text = " ".join(seg.text.split())
            out.append(f"[{when}] {hit.score:5.1f}  {text}\n")
        sys.stdout.write("".join(out))
    if not hits:
        print(f"transcript-reader: no lines match {args.query!r}", file=sys.stderr)
        return 1
    more = f" (showing {len(shown)})" if len(shown) < len(hits) else ""
    noun = "line matches" if len(hits) == 1 else "lines match"
    print(f"{len(hits)} {noun}{more}", file=sys.stderr)
    return 0
