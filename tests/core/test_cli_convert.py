"""`transcript-reader convert`: where it writes, what it refuses, standard input and output."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from tests.core.devices import device

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"
WHISPER = DATA / "whisper.txt"


def _one_error_line(err: str, *parts: str) -> None:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for part in parts:
        assert part in err, err


def test_missing_output_folder_is_an_error(tmp_path: Path, capsys) -> None:
    target = tmp_path / "out" / "talk.srt"
    assert main(["convert", str(WHISPER), "-o", str(target)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    _one_error_line(err, str(target), "no such folder")
    assert not (tmp_path / "out").exists()


def test_output_keeps_mode_of_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "talk.srt"
    target.write_text("old")
    target.chmod(0o664)
    assert main(["convert", str(WHISPER), "-o", str(target)]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    assert target.read_text(encoding="utf-8").startswith("1\n")


def test_output_through_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.srt"
    real.write_text("old")
    link = tmp_path / "link.srt"
    link.symlink_to(real)
    assert main(["convert", str(WHISPER), "-o", str(link)]) == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("1\n")


def test_input_is_never_replaced_without_force(tmp_path: Path, capsys) -> None:
    source = tmp_path / "talk.txt"
    source.write_bytes(WHISPER.read_bytes())
    link = tmp_path / "same.txt"
    link.symlink_to(source)
    for out in (source, link):
        assert main(["convert", str(source), "--to", "srt", "-o", str(out)]) == 2
        _one_error_line(capsys.readouterr().err, str(out), "--force")
        assert source.read_bytes() == WHISPER.read_bytes()
    assert main(["convert", str(source), "--to", "srt", "-o", str(source), "--force"]) == 0
    assert source.read_text(encoding="utf-8").startswith("1\n")


def test_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)  # a file named "-" would show up here
    assert main(["convert", str(WHISPER), "--to", "srt", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("1\n")
    assert list(tmp_path.iterdir()) == []


def test_dash_reads_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(WHISPER.read_bytes())))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["convert", "-", "--to", "srt"]) == 0
    assert capsys.readouterr().out.startswith("1\n")


def test_bad_argument_is_one_line(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["convert", str(WHISPER), "--to", "docx"])
    assert caught.value.code == 2
    _one_error_line(capsys.readouterr().err, "docx")


_MAIN = "import sys; from reader.cli import main; sys.exit(main(sys.argv[1:]))"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_75b06cd9797ac295.txt"


def _cli(*args: str, stdin: bytes | None = None, stdout: int | None = None):
    return subprocess.run(
        [sys.executable, "-c", _MAIN, *args],
        input=stdin,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )


def test_full_disk_on_stdout_is_one_line(tmp_path: Path) -> None:
    with open(device(tmp_path, "full"), "wb") as full:
        done = _cli("convert", str(WHISPER), "--to", "srt", stdout=full.fileno())
    assert done.returncode == 2
    _one_error_line(done.stderr.decode(), "No space left on device")


def test_full_device_as_output_is_one_line_and_stays_a_device(tmp_path: Path) -> None:
    full = device(tmp_path, "full")
    done = _cli("convert", str(WHISPER), "--to", "srt", "-o", str(full))
    assert done.returncode == 2
    _one_error_line(done.stderr.decode(), str(full), "No space left on device")
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_symlink_to_a_device_writes_the_device(tmp_path: Path) -> None:
    # What /dev/stdout is: a link to a descriptor's file, here a device.
    link = tmp_path / "out.srt"
    link.symlink_to(device(tmp_path, "null"))
    assert main(["convert", str(WHISPER), "-o", str(link)]) == 0
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)


def test_descriptor_as_output_goes_to_the_pipe() -> None:
    # /dev/stdout itself only when not root: a writer that replaced it would break the system.
    name = "/dev/stdout" if os.geteuid() != 0 else "/dev/fd/1"
    done = _cli("convert", str(WHISPER), "--to", "srt", "-o", name)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"1\n")


def test_closed_pipe_is_quiet() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _MAIN, "convert", str(SEED), "--to", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(5)
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait()
    assert b"Traceback" not in err and b"Exception ignored" not in err


def test_full_disk_leaves_the_old_file(tmp_path: Path) -> None:
    """A real full file system: a 64 KiB tmpfs, where we may mount one (root on Linux)."""
    small = tmp_path / "small"
    small.mkdir()
    if os.geteuid() != 0 or not sys.platform.startswith("linux"):
        pytest.skip("mounting a small tmpfs needs root on Linux")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(small)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        old = small / "talk.txt"
        old.write_bytes(SEED.read_bytes()[:40_000])
        done = _cli("convert", str(SEED), "--to", "json", "-o", str(old))
        assert done.returncode == 2
        _one_error_line(
            done.stderr.decode(), str(old), "No space left on device", "talk.txt is unchanged"
        )
        assert old.read_bytes() == SEED.read_bytes()[:40_000]
        assert [p.name for p in small.iterdir()] == ["talk.txt"]
    finally:
        subprocess.run(["umount", str(small)], check=False)
