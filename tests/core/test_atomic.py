"""The shared file writer: modes, symlinks, missing folders, devices, a full disk."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from reader.core import atomic
from reader.core.atomic import write_bytes_atomic, write_text_atomic
from tests.core.devices import device


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mode", [0o644, 0o664, 0o600, 0o640])
def test_existing_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "talk.srt"
    target.write_text("old")
    target.chmod(mode)
    write_text_atomic(target, "new")
    assert target.read_text() == "new"
    assert _mode(target) == mode


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_new_file_gets_the_umask_mode(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        write_text_atomic(tmp_path / "new.srt", "x")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "new.srt") == 0o666 & ~umask


def test_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.vtt"
    real.write_text("old")
    real.chmod(0o644)
    link = tmp_path / "link.vtt"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new" and _mode(real) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.vtt", "real.vtt"]


def test_missing_folder_is_refused_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "out.srt"
    with pytest.raises(FileNotFoundError) as caught:
        write_text_atomic(target, "x", make_folders=False)
    assert str(tmp_path / "no" / "such") in caught.value.strerror
    assert not (tmp_path / "no").exists()


def test_a_folder_is_not_a_target(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        write_text_atomic(tmp_path, "x")


def test_device_is_written_directly_not_replaced(tmp_path: Path) -> None:
    null = device(tmp_path, "null")
    before = os.stat(null)
    write_text_atomic(null, "discarded")
    after = os.stat(null)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_full_device_reports_no_space(tmp_path: Path) -> None:
    full = device(tmp_path, "full")
    with pytest.raises(OSError) as caught:
        write_text_atomic(full, "x" * 100_000)
    assert caught.value.errno == errno.ENOSPC
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_pipe_is_written_directly(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader_fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_bytes_atomic(fifo, b"through the pipe")
        assert os.read(reader_fd, 100) == b"through the pipe"
    finally:
        os.close(reader_fd)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_dev_stdout_writes_to_the_descriptor(tmp_path: Path) -> None:
    # /dev/fd/N names an open descriptor: written at its offset, never replaced.
    out = tmp_path / "log.txt"
    out.write_text("first\n")
    fd = os.open(out, os.O_WRONLY | os.O_APPEND)
    try:
        write_text_atomic(f"/dev/fd/{fd}", "second\n")
    finally:
        os.close(fd)
    assert out.read_text() == "first\nsecond\n"


def test_disk_full_leaves_the_old_file_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "keep.srt"
    target.write_text("earlier export")
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OSError) as caught:
        write_text_atomic(target, "new text")
    monkeypatch.setattr(atomic.os, "fsync", real_fsync)
    assert caught.value.errno == errno.ENOSPC
    assert "No space left on device" in caught.value.strerror
    assert "keep.srt is unchanged" in caught.value.strerror
    assert target.read_text() == "earlier export"
    assert os.listdir(tmp_path) == ["keep.srt"]


def test_replaces_atomically_beside_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.vtt"
    target.write_text("old")
    seen: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        seen.append((src, str(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", spy)
    write_text_atomic(target, "new")
    assert len(seen) == 1 and Path(seen[0][0]).parent == tmp_path
    assert seen[0][1] == str(target)
    assert target.read_text() == "new"


def test_a_plain_file_reached_through_proc_is_replaced_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/proc/self/cwd/x leads to a regular file: no leftover tail of a longer old one."""
    target = tmp_path / "big.srt"
    target.write_text("long line to make it big\n" * 1000)
    monkeypatch.chdir(tmp_path)
    write_text_atomic("/proc/self/cwd/big.srt", "short\n")
    assert target.read_text() == "short\n"
