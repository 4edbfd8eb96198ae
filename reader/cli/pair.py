"""`transcript-reader pair FILE` (issue 5; not built yet)."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    p = sub.add_parser("pair", help="find the media file for a transcript")
    p.add_argument("file")


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("search is not built yet")
