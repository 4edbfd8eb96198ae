"""Device nodes for tests that write to devices, without risking the system's own."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest


def device(tmp_path: Path, name: str) -> Path:
    """A private copy of /dev/null or /dev/full when we may make one (root): a writer
    that wrongly replaced devices then damages only this copy, never the system's.
    Other users cannot replace the system's devices, so they get those."""
    numbers = {"null": (1, 3), "full": (1, 7)}[name]
    if os.geteuid() != 0:
        if not os.path.exists(f"/dev/{name}"):
            pytest.skip(f"no /dev/{name} here")
        return Path(f"/dev/{name}")
    node = tmp_path / name
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(*numbers))
        os.close(os.open(node, os.O_WRONLY))
    except OSError:
        pytest.skip("cannot make a private device node here")
    return node
