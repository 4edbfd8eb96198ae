"""Reading transcript bytes: a limit by bytes read, pipes and devices, standard input."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest

from reader.core import textio
from reader.core.errors import TranscriptError
from reader.core.textio import read_bytes, read_stream


def test_endless_zero_device_is_refused_at_once() -> None:
    with pytest.raises(TranscriptError, match="/dev/zero: looks like a binary file"):
        read_bytes("/dev/zero")


def test_limit_counts_bytes_read_not_the_claimed_size(monkeypatch: pytest.MonkeyPatch) -> None:
    # /dev/urandom claims size 0, like /dev/zero; the limit still applies.
    monkeypatch.setattr(textio, "MAX_BYTES", 1000)
    with pytest.raises(TranscriptError, match=r"/dev/urandom: .*(binary|too large)"):
        read_bytes("/dev/urandom")


def test_endless_text_stream_stops_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textio, "MAX_BYTES", 10_000)
    stream = io.BufferedReader(io.BytesIO(b"[0.00 --> 1.00]  yes\n" * 10_000))
    with pytest.raises(TranscriptError, match="<stdin>: is too large to be a transcript"):
        read_stream(stream, "<stdin>")
    assert stream.tell() <= 10_001 + 8192


def test_fifo_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    data = b"[0.00 --> 1.00]  hello\n" * 5000  # more than a pipe buffer holds

    def feed() -> None:
        with open(fifo, "wb") as f:
            f.write(data)

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        assert read_bytes(fifo) == data
    finally:
        writer.join()


def test_regular_file_within_the_limit(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_bytes(b"abc")
    assert read_bytes(p) == b"abc"


def test_folder_and_missing_file_messages(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError, match="is a folder"):
        read_bytes(tmp_path)
    with pytest.raises(TranscriptError, match="no such file"):
        read_bytes(tmp_path / "gone.txt")


def test_a_small_file_reads_under_an_address_space_limit(sample_path: Path) -> None:
    """One read(MAX_BYTES + 1) made the buffer allocate 512 MiB first: under
    `ulimit -v` (strict overcommit, some hosts) even the sample failed."""
    import resource
    import subprocess
    import sys

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (400 * 2**20, 400 * 2**20))

    code = (
        "import sys; from reader.core.textio import read_bytes; print(len(read_bytes(sys.argv[1])))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(sample_path)],
        preexec_fn=limit,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert int(done.stdout) == sample_path.stat().st_size
