"""Command line: `transcript-reader [TRANSCRIPT] …` opens the window;
`transcript-reader convert|search|pair|library …` runs headless on the core.

Each subcommand lives in its own module with `add_parser(subparsers)` and
`run(args) -> int`. Errors print one line on stderr and exit 2, never a
traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from reader.core.errors import TranscriptError

COMMANDS = ("convert", "search", "pair", "library", "mark", "notes")


class UsageError(Exception):
    """Bad arguments found after parsing (a bad time, a missing file)."""


class _Parser(argparse.ArgumentParser):
    """Bad arguments are one line on stderr (and exit 2), like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="transcript-reader",
        description="Headless commands on transcripts. Without a command, opens the reader window.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"reader.cli.{name}")
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in (*COMMANDS, "-h", "--help"):
        from reader.app import main as gui_main

        return gui_main(args_list)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        module = importlib.import_module(f"reader.cli.{args.command}")
        code: int = module.run(args)
        return code
    except (TranscriptError, UsageError) as exc:
        print(f"transcript-reader: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # writing the output failed: a full disk, a closed terminal
        _silence_stdout()
        where = exc.filename or "the output"
        print(f"transcript-reader: cannot write {where}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except (MemoryError, RecursionError, UnicodeError) as exc:  # input beyond what we handle
        print(f"transcript-reader: {args.command}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the flush at exit cannot fail a second time
    (the recipe in Python's documentation on SIGPIPE)."""
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
