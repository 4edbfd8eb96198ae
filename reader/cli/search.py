"""`transcript-reader search FILE QUERY` (issue 4; not built yet)."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    p = sub.add_parser("search", help="find lines (fuzzy) in a transcript")
    p.add_argument("file")
    p.add_argument("query")


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("search is not built yet")
