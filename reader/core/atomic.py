"""Writing a file the way editors and `cp` do, replacing it atomically where that makes sense.

A regular file (or a new one) is written to a temporary file in its folder,
flushed to disk and renamed over the target, so a crash or a full disk leaves
either the old file or the new one, never half of each. Around that:

- an existing file keeps its permissions (and, when we may, its owner); a new
  file gets the usual mode for the umask (0666 minus it), as with `cp`;
- a symlink is written through: its target is replaced, the link stays;
- a target that is not a regular file (`/dev/stdout`, a pipe, a device such
  as /dev/full) is written directly, never replaced by a regular file;
- a missing folder is an error (FileNotFoundError naming the folder) unless
  `make_folders` is set (the app's own state folder is created on first use).

A failure raises OSError whose message says that an existing file was left
unchanged.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

_DIRECT_PREFIXES = ("/dev/", "/proc/")  # no temporary files there (/dev/shm aside)
_STANDARD_FDS = {"/dev/stdout": 1, "/dev/stderr": 2}


def write_bytes_atomic(path: str | Path, data: bytes, *, make_folders: bool = True) -> None:
    """Write `data` to `path` (see the module docstring). Raises OSError."""
    given = os.path.abspath(path)
    fd = _open_descriptor(given)
    if fd is not None:  # /dev/stdout, /dev/fd/3: write to the descriptor as it is
        _write_all(fd, data)
        return
    target = Path(os.path.realpath(given))  # through symlinks, to the file they name
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    regular = st is None or stat.S_ISREG(st.st_mode)
    # Where the path leads decides, not how it is spelt (/proc/self/cwd/x.srt is a
    # plain file, written atomically like any other).
    if not regular or _is_special_place(str(target)):
        _write_direct(given, data, truncate=regular)
        return
    folder = target.parent
    if not folder.is_dir():
        if not make_folders:
            raise FileNotFoundError(errno.ENOENT, f"no such folder {folder}", str(folder))
        folder.mkdir(parents=True, exist_ok=True)
    try:
        _replace(target, data, st)
    except OSError as exc:
        kept = f"; the existing {target.name} is unchanged" if st is not None else ""
        raise OSError(exc.errno, f"{exc.strerror or exc}{kept}", exc.filename) from None


def write_text_atomic(
    path: str | Path, text: str, encoding: str = "utf-8", *, make_folders: bool = True
) -> None:
    write_bytes_atomic(path, text.encode(encoding), make_folders=make_folders)


def _open_descriptor(path: str) -> int | None:
    """The open file descriptor a path like /dev/stdout or /proc/self/fd/3 stands for."""
    if path in _STANDARD_FDS:
        return _STANDARD_FDS[path]
    for folder in ("/dev/fd/", "/proc/self/fd/"):
        number = path.removeprefix(folder)
        if number != path and number.isdigit():
            return int(number)
    return None


def _is_special_place(path: str) -> bool:
    return path.startswith(_DIRECT_PREFIXES) and not path.startswith("/dev/shm/")


def _write_direct(path: str, data: bytes, truncate: bool = False) -> None:
    """A device, pipe or terminal: written in place; nothing is created there."""
    flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0) | (os.O_TRUNC if truncate else 0)
    fd = os.open(path, flags)
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _replace(target: Path, data: bytes, old: os.stat_result | None) -> None:
    fd, tmp = _create_temporary(target)
    try:
        with os.fdopen(fd, "wb") as f:
            if old is not None:
                _copy_owner_and_mode(f.fileno(), old)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(target.parent)


def _create_temporary(target: Path) -> tuple[int, str]:
    """A new file beside `target`, with the mode a new file gets under the umask."""
    import tempfile  # here, not at the top: it costs the window's start-up 3 ms

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    if hasattr(os, "fchmod"):
        try:
            os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600
        except BaseException:
            os.close(fd)
            os.unlink(tmp)
            raise
    return fd, tmp


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    with (
        contextlib.suppress(OSError, ValueError),
        open("/proc/self/status", encoding="ascii", errors="replace") as f,
    ):
        for line in f:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # elsewhere: set and restore (briefly process-wide)
    os.umask(mask)
    return mask


def _copy_owner_and_mode(fd: int, old: os.stat_result) -> None:
    if hasattr(os, "fchown") and (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
        # Root (or the owner, for the group) may keep the old owner; others cannot.
        with contextlib.suppress(OSError):
            os.fchown(fd, old.st_uid, old.st_gid)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(old.st_mode))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system can open a folder."""
    with contextlib.suppress(OSError, AttributeError):
        dfd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
