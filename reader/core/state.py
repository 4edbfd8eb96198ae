"""Where the user left off in each transcript, and a few small settings, in JSON files.

Files live in the user's data folder (see `data_dir`). Reading never modifies them and
never raises: a missing file means defaults; a damaged one (bad JSON, wrong types,
binary garbage, unreadable) also means defaults plus a message in `warnings`, and the
next write first renames it to `<name>.corrupt-<timestamp>` so nothing is lost.

Writes never raise either: `put` returns None when saved, else a one-line message the
window can show (an unwritable folder, a full disk). Each write re-reads the file and
changes only its own key, so two windows writing in turn both keep their entries; the
file is replaced atomically, so a crash mid-write leaves the previous version.
"""

from __future__ import annotations

import contextlib
import math
import os
import stat
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple, TypeVar, cast

from reader.core.atomic import write_text_atomic

APP_DIR = "transcript-reader"
DATA_DIR_ENV = "TRANSCRIPT_READER_DATA_DIR"
POSITIONS_FILE = "positions.json"
SETTINGS_FILE = "settings.json"
MAX_ENTRIES = 500
FINGERPRINT_BYTES = 64 * 1024
VERSION = 1


def data_dir(
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    home: Path | None = None,
) -> Path:
    """The folder for our state files; `TRANSCRIPT_READER_DATA_DIR` overrides it."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    home = Path.home() if home is None else home
    if env.get(DATA_DIR_ENV):
        return Path(env[DATA_DIR_ENV])
    if platform == "win32":
        base = Path(env["APPDATA"]) if env.get("APPDATA") else home / "AppData" / "Roaming"
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        # The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        xdg = env.get("XDG_DATA_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else home / ".local" / "share"
    return base / APP_DIR


class _JsonFile:
    """One JSON object on disk: tolerant reads, quarantine of damage, atomic writes."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock
        self.warnings: list[str] = []

    def take_warnings(self) -> list[str]:
        """The messages gathered so far, clearing them (for a status bar)."""
        out, self.warnings = self.warnings, []
        return out

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def _load(self) -> tuple[dict[str, Any], bool]:
        """The top-level object (or {}) and whether the file on disk is damaged."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}, False
        except OSError as e:
            self._warn(f"Could not read {self.path}: {e.strerror or e}; using defaults.")
            return {}, True
        import json  # here: with no saved state yet, start-up need not import it

        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            # ValueError covers bad JSON and undecodable bytes alike.
            self._warn(f"{self.path} is damaged; using defaults.")
            return {}, True
        if not isinstance(data, dict) or data.get("version") != VERSION:
            self._warn(f"{self.path} is not in the expected form; using defaults.")
            return {}, True
        return data, False

    def _save(self, data: dict[str, Any], damaged: bool) -> str | None:
        import json

        try:
            if damaged:
                self._set_aside()
            write_text_atomic(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n")
        except OSError as e:
            return f"Could not save {self.path}: {e.strerror or e}"
        return None

    def _set_aside(self) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(self.clock()))
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        try:
            os.rename(self.path, aside)
        except FileNotFoundError:
            return  # another window set it aside first
        self._warn(f"Kept the damaged file as {aside}.")


class Resume(NamedTuple):
    position_ms: int
    media_path: Path | None = None


def fingerprint(path: Path) -> str | None:
    """Size plus a hash of the first 64 KiB: survives a move or a renamed folder.
    None for what is not a regular file (opening a pipe would wait for a writer)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            head = f.read(FINGERPRINT_BYTES)
    except OSError:
        return None
    # The same BLAKE2b hashlib offers, without importing hashlib, which loads
    # OpenSSL (~2-3 ms at start-up, when the opened file is looked up).
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b

    return f"{size}:{blake2b(head, digest_size=16).hexdigest()}"


def _key(path: str | Path) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop before Python 3.13
        return str(Path(path).absolute())


def _valid_entry(entry: object) -> bool:
    if not isinstance(entry, dict):
        return False
    pos, media, updated, fp = (entry.get(k) for k in ("position_ms", "media", "updated", "fp"))
    return (
        type(pos) is int
        and pos >= 0
        and (media is None or isinstance(media, str))
        and isinstance(updated, (int, float))
        and not isinstance(updated, bool)
        and math.isfinite(updated)
        and (fp is None or isinstance(fp, str))
    )


class PositionStore(_JsonFile):
    """Last playback position (and recording) per transcript file.

    Looked up by resolved path first, then by content fingerprint, so a transcript
    whose folder was renamed or moved still resumes.
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        max_entries: int = MAX_ENTRIES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(path if path is not None else data_dir() / POSITIONS_FILE, clock)
        self.max_entries = max_entries

    def _entries(self) -> tuple[dict[str, dict[str, Any]], bool]:
        data, damaged = self._load()
        raw = data.get("entries", {})
        if not isinstance(raw, dict):
            self._warn(f"{self.path} is not in the expected form; using defaults.")
            return {}, True
        entries = {k: v for k, v in raw.items() if _valid_entry(v)}
        for entry in entries.values():  # both keys are optional in the file
            entry.setdefault("media", None)
            entry.setdefault("fp", None)
        if len(entries) < len(raw):
            bad = len(raw) - len(entries)
            self._warn(f"{self.path}: ignored {bad} unreadable saved position(s).")
            damaged = True
        return entries, damaged

    def positions(self) -> dict[Path, int]:
        """Where every saved transcript was left, by its resolved path (one read)."""
        entries, _ = self._entries()
        return {Path(key): entry["position_ms"] for key, entry in entries.items()}

    def get(self, transcript_path: str | Path) -> Resume | None:
        """Where to resume `transcript_path`, or None when it was never saved."""
        entries, _ = self._entries()
        key = _key(transcript_path)
        entry = entries.get(key)
        old_key = key
        if entry is None:
            fp = fingerprint(Path(key))
            same = [(e["updated"], k) for k, e in entries.items() if fp and e["fp"] == fp]
            if not same:
                return None
            old_key = max(same)[1]
            entry = entries[old_key]
        media = entry["media"]
        return Resume(entry["position_ms"], _rebase(media, old_key, key) if media else None)

    def put(
        self,
        transcript_path: str | Path,
        position_ms: int,
        media_path: str | Path | None = None,
    ) -> str | None:
        """Save a position; None when saved, else a message (nothing is raised)."""
        key = _key(transcript_path)
        fp = fingerprint(Path(key))
        entries, damaged = self._entries()
        if fp is not None:
            # The same file under an old name that no longer exists: it was moved.
            for k in [k for k, e in entries.items() if e["fp"] == fp and k != key]:
                if not os.path.exists(k):
                    del entries[k]
        entries[key] = {
            "position_ms": max(0, int(position_ms)),
            "media": _key(media_path) if media_path is not None else None,
            "updated": self.clock(),
            "fp": fp,
        }
        if len(entries) > self.max_entries:
            newest = sorted(entries, key=lambda k: entries[k]["updated"], reverse=True)
            entries = {k: entries[k] for k in newest[: self.max_entries]}
        return self._save({"version": VERSION, "entries": entries}, damaged)


def _rebase(media: str, old_transcript: str, new_transcript: str) -> Path:
    """The recording's path, moved along with its transcript when it sat beside it."""
    media_path = Path(media)
    if old_transcript == new_transcript or media_path.exists():
        return media_path
    with contextlib.suppress(ValueError):
        relative = media_path.relative_to(Path(old_transcript).parent)
        moved = Path(new_transcript).parent / relative
        if moved.exists():
            return moved
    return media_path


T = TypeVar("T", bound=bool | int | float | str)


class SettingsStore(_JsonFile):
    """Small named settings (reading mode, font size…): bool, int, float or str."""

    def __init__(self, path: Path | None = None, *, clock: Callable[[], float] = time.time) -> None:
        super().__init__(path if path is not None else data_dir() / SETTINGS_FILE, clock)

    def get(self, key: str, default: T) -> T:
        """The saved value, or `default` when missing or of another type."""
        data, _ = self._load()
        values = data.get("values")
        value = values.get(key) if isinstance(values, dict) else None
        # bool is an int subclass; True must not come back as a font size.
        if type(value) is type(default):
            return value
        if isinstance(default, float) and type(value) is int:
            return cast(T, float(value))
        return default

    def put(self, key: str, value: bool | int | float | str) -> str | None:
        """Save one setting; None when saved, else a message (nothing is raised)."""
        data, damaged = self._load()
        values = data.get("values")
        if not isinstance(values, dict):
            damaged = damaged or values is not None
            values = {}
        values[key] = value
        return self._save({"version": VERSION, "values": values}, damaged)
