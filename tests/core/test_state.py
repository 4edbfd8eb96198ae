"""Saved positions and settings: round trips, moved files, damaged files, failed writes."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.core import state
from reader.core.state import PositionStore, Resume, SettingsStore, data_dir, fingerprint


def counter(start: float = 1_700_000_000.0) -> Callable[[], float]:
    """A fake clock that moves one second per call, so 'newest' is well defined."""
    ticks: Iterator[float] = (start + i for i in range(10**9))
    return lambda: next(ticks)


@pytest.fixture
def transcript(tmp_path: Path, sample_path: Path) -> Path:
    folder = tmp_path / "Podcast ｜ AI Report"
    folder.mkdir()
    target = folder / sample_path.name
    shutil.copyfile(sample_path, target)
    (folder / "episode.opus").write_bytes(b"OggS fake recording")
    return target


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "positions.json"


def saved_entries(path: Path) -> dict[str, dict[str, object]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    entries: dict[str, dict[str, object]] = data["entries"]
    return entries


def test_round_trip_across_instances(transcript: Path, store_path: Path) -> None:
    media = transcript.parent / "episode.opus"
    assert PositionStore(store_path).get(transcript) is None
    assert PositionStore(store_path).put(transcript, 1_234_567, media) is None
    store = PositionStore(store_path)
    assert store.get(transcript) == Resume(1_234_567, media.resolve())
    # A relative or unresolved spelling of the same path finds it too.
    assert store.get(transcript.parent / ".." / transcript.parent.name / transcript.name)
    assert store.put(transcript, 5_000) is None
    assert store.get(transcript) == Resume(5_000, None)
    assert store.warnings == []
    assert len(saved_entries(store_path)) == 1


def test_negative_position_is_saved_as_zero(transcript: Path, store_path: Path) -> None:
    store = PositionStore(store_path)
    store.put(transcript, -40)
    assert store.get(transcript) == Resume(0, None)


def test_missing_transcript_file_still_saves_by_path(tmp_path: Path, store_path: Path) -> None:
    gone = tmp_path / "deleted.txt"
    store = PositionStore(store_path)
    assert store.put(gone, 777) is None
    assert store.get(gone) == Resume(777, None)
    assert saved_entries(store_path)[str(gone.resolve())]["fp"] is None


@pytest.mark.skipif(sys.platform != "linux", reason="bytes file names are a POSIX matter")
def test_non_utf8_file_name_round_trips(tmp_path: Path, store_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9 \xff.txt")
    path = tmp_path / name
    path.write_text("[0.00 --> 1.00]  Ja.\n", encoding="utf-8")
    assert PositionStore(store_path).put(path, 42) is None
    assert PositionStore(store_path).get(path) == Resume(42, None)


def test_moved_folder_resumes_by_fingerprint(transcript: Path, store_path: Path) -> None:
    media = transcript.parent / "episode.opus"
    PositionStore(store_path, clock=counter()).put(transcript, 90_000, media)
    renamed = transcript.parent.with_name("renamed folder")
    transcript.parent.rename(renamed)
    moved = renamed / transcript.name
    store = PositionStore(store_path, clock=counter(1_800_000_000))
    # The recording moved with it, so the resume points at its new place.
    assert store.get(moved) == Resume(90_000, (renamed / "episode.opus").resolve())
    # Saving under the new name drops the entry for the path that no longer exists.
    store.put(moved, 95_000)
    assert list(saved_entries(store_path)) == [str(moved.resolve())]


def test_fingerprint_picks_newest_copy_and_ignores_other_files(
    transcript: Path, store_path: Path, tmp_path: Path
) -> None:
    copy_a = tmp_path / "a.txt"
    copy_b = tmp_path / "b.txt"
    shutil.copyfile(transcript, copy_a)
    shutil.copyfile(transcript, copy_b)
    store = PositionStore(store_path, clock=counter())
    store.put(copy_a, 1_000)
    store.put(copy_b, 2_000)
    fresh = tmp_path / "c.txt"
    shutil.copyfile(transcript, fresh)
    assert store.get(fresh) == Resume(2_000, None)
    # Same size, different first bytes: not the same transcript.
    other = tmp_path / "other.txt"
    data = bytearray(transcript.read_bytes())
    data[100] ^= 1
    other.write_bytes(bytes(data))
    assert store.get(other) is None


def test_fingerprint_reads_only_the_head(transcript: Path, tmp_path: Path) -> None:
    data = transcript.read_bytes()
    assert len(data) > state.FINGERPRINT_BYTES + 10
    tail_edit = bytearray(data)
    tail_edit[-5] ^= 1
    longer = data + b"\n"
    (tmp_path / "tail.txt").write_bytes(bytes(tail_edit))
    (tmp_path / "longer.txt").write_bytes(longer)
    assert fingerprint(tmp_path / "tail.txt") == fingerprint(transcript)
    assert fingerprint(tmp_path / "longer.txt") != fingerprint(transcript)
    assert fingerprint(tmp_path / "missing.txt") is None


def _truncated_file() -> bytes:
    good = {"version": 1, "entries": {"/x.txt": {"position_ms": 5, "media": None, "updated": 1.0}}}
    text = json.dumps(good).encode()
    return text[: len(text) // 2]


DAMAGED = {
    "bad json": b"{not json",
    "truncated": _truncated_file(),
    "empty": b"",
    "binary garbage": bytes(range(256)) * 4,
    "deep nesting": b"[" * 100_000,
    "top-level list": b"[1, 2, 3]",
    "no version": b'{"entries": {}}',
    "future version": b'{"version": 2, "entries": {}}',
    "entries is a list": b'{"version": 1, "entries": []}',
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_damaged_file_means_defaults_and_is_kept(
    content: bytes, transcript: Path, store_path: Path
) -> None:
    store_path.parent.mkdir()
    store_path.write_bytes(content)
    store = PositionStore(store_path)
    assert store.get(transcript) is None
    assert store.warnings and "using defaults" in store.warnings[0]
    assert store_path.read_bytes() == content  # reading never touches the file

    assert store.put(transcript, 3_000) is None
    kept = list(store_path.parent.glob("positions.json.corrupt-*"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == content
    assert any(str(kept[0]) in w for w in store.warnings)
    assert PositionStore(store_path).get(transcript) == Resume(3_000, None)


def test_wrong_typed_entries_are_dropped_but_good_ones_kept(
    transcript: Path, store_path: Path, tmp_path: Path
) -> None:
    good = {"position_ms": 60_000, "media": None, "updated": 5.0, "fp": None}
    bad_values: list[object] = [
        "not a dict",
        {**good, "position_ms": "60000"},
        {**good, "position_ms": True},
        {**good, "position_ms": -1},
        {**good, "position_ms": 1.5},
        {**good, "media": 12},
        {**good, "updated": None},
        {**good, "fp": []},
    ]
    entries: dict[str, object] = {str(transcript.resolve()): good}
    entries.update({str(tmp_path / f"bad{i}.txt"): v for i, v in enumerate(bad_values)})
    store_path.parent.mkdir()
    raw = json.dumps({"version": 1, "entries": entries})
    # NaN is accepted by Python's json but is no time.
    nan_path = tmp_path / "nan.txt"
    store_path.write_text(
        raw[:-2] + f', "{nan_path}": {{"position_ms": 1, "media": null, "updated": NaN}}}}}}',
        encoding="utf-8",
    )
    store = PositionStore(store_path)
    assert store.get(transcript) == Resume(60_000, None)
    assert store.get(tmp_path / "bad1.txt") is None
    assert store.get(nan_path) is None
    assert store.warnings == [f"{store_path}: ignored 9 unreadable saved position(s)."]

    assert store.put(tmp_path / "new.txt", 10) is None
    assert len(list(store_path.parent.glob("positions.json.corrupt-*"))) == 1
    assert set(saved_entries(store_path)) == {
        str(transcript.resolve()),
        str((tmp_path / "new.txt").resolve()),
    }


def test_take_warnings_clears(store_path: Path, transcript: Path) -> None:
    store_path.parent.mkdir()
    store_path.write_bytes(b"\x00\x01")
    store = PositionStore(store_path)
    store.get(transcript)
    store.get(transcript)
    assert len(store.take_warnings()) == 1  # the same problem is reported once
    assert store.warnings == []


def test_unwritable_location_fails_softly(tmp_path: Path, transcript: Path) -> None:
    blocker = tmp_path / "not a folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    store = PositionStore(blocker / "positions.json")
    message = store.put(transcript, 1_000)
    assert message is not None and message.startswith("Could not save")
    assert str(blocker / "positions.json") in message
    assert store.get(transcript) is None


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores permissions"
)
def test_read_only_folder_fails_softly(tmp_path: Path, transcript: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert PositionStore(folder / "positions.json").put(transcript, 1) is not None
    finally:
        folder.chmod(0o700)


def test_permission_denied_fails_softly(
    transcript: Path, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same failure as a read-only folder, reproducible when tests run as root.
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    assert PositionStore(store_path).put(transcript, 1) == (
        f"Could not save {store_path}: Permission denied"
    )
    assert SettingsStore(store_path.with_name("s.json")).put("x", 1) is not None


def test_crash_during_replace_keeps_old_file(
    transcript: Path, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = PositionStore(store_path)
    assert store.put(transcript, 1_000) is None
    before = store_path.read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    message = store.put(transcript, 2_000)
    assert message is not None and "No space left on device" in message
    monkeypatch.undo()
    assert store_path.read_bytes() == before
    assert sorted(p.name for p in store_path.parent.iterdir()) == ["positions.json"]
    assert PositionStore(store_path).get(transcript) == Resume(1_000, None)


def test_two_windows_merge_on_write(
    transcript: Path, store_path: Path, tmp_path: Path, sample_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("[0.00 --> 1.00]  Doeg.\n", encoding="utf-8")
    clock = counter()
    window_a = PositionStore(store_path, clock=clock)
    window_b = PositionStore(store_path, clock=clock)
    window_a.put(transcript, 1_000)
    window_b.put(other, 2_000)
    window_a.put(transcript, 1_500)  # A never read B's entry itself, yet keeps it
    assert window_b.get(other) == Resume(2_000, None)
    assert window_b.get(transcript) == Resume(1_500, None)
    window_b.put(transcript, 9_000)  # same transcript: the last write wins
    assert window_a.get(transcript) == Resume(9_000, None)


def test_entry_cap_drops_oldest(tmp_path: Path, store_path: Path) -> None:
    store = PositionStore(store_path, max_entries=5, clock=counter())
    paths = [tmp_path / f"t{i}.txt" for i in range(8)]
    for i, p in enumerate(paths):
        assert store.put(p, i * 1000) is None
    assert [store.get(p) for p in paths[:3]] == [None, None, None]
    assert [store.get(p) for p in paths[3:]] == [Resume(i * 1000, None) for i in range(3, 8)]
    # Revisiting an old-ish one makes it newest, so the next put drops t4, not t3.
    store.put(paths[3], 3_333)
    store.put(tmp_path / "t8.txt", 8_000)
    assert store.get(paths[3]) == Resume(3_333, None)
    assert store.get(paths[4]) is None


def test_default_cap_is_500(tmp_path: Path, store_path: Path) -> None:
    entries = {
        str(tmp_path / f"old{i}.txt"): {"position_ms": i, "media": None, "updated": float(i)}
        for i in range(600)
    }
    store_path.parent.mkdir()
    store_path.write_text(json.dumps({"version": 1, "entries": entries}), encoding="utf-8")
    assert PositionStore(store_path).put(tmp_path / "new.txt", 1) is None
    kept = saved_entries(store_path)
    assert len(kept) == state.MAX_ENTRIES == 500
    assert str((tmp_path / "new.txt").resolve()) in kept
    assert str(tmp_path / "old100.txt") not in kept  # 600 + 1 new: old0-old100 go
    assert str(tmp_path / "old101.txt") in kept


def test_data_dir_per_platform(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = "transcript-reader"
    assert data_dir({}, "linux", home) == home / ".local" / "share" / app
    assert data_dir({"XDG_DATA_HOME": "/xdg"}, "linux", home) == Path("/xdg") / app
    assert data_dir({"XDG_DATA_HOME": "rel/xdg"}, "linux", home) == home / ".local/share" / app
    assert data_dir({}, "darwin", home) == home / "Library" / "Application Support" / app
    assert data_dir({"APPDATA": "C:/Users/u/AppData/Roaming"}, "win32", home) == (
        Path("C:/Users/u/AppData/Roaming") / app
    )
    assert data_dir({}, "win32", home) == home / "AppData" / "Roaming" / app
    override = {"TRANSCRIPT_READER_DATA_DIR": "/custom", "XDG_DATA_HOME": "/xdg"}
    assert data_dir(override, "linux", home) == Path("/custom")


def test_default_paths_follow_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSCRIPT_READER_DATA_DIR", str(tmp_path / "d"))
    assert PositionStore().path == tmp_path / "d" / "positions.json"
    assert SettingsStore().path == tmp_path / "d" / "settings.json"


def test_settings_round_trip_and_types(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    s = SettingsStore(path)
    assert s.get("reading_mode", False) is False
    assert s.put("reading_mode", True) is None
    assert s.put("font_size", 14) is None
    assert s.put("rate", 1) is None
    assert s.put("theme", "dark") is None
    s = SettingsStore(path)
    assert s.get("reading_mode", False) is True
    assert s.get("font_size", 12) == 14
    assert s.get("rate", 1.0) == 1.0 and isinstance(s.get("rate", 1.0), float)
    assert s.get("theme", "light") == "dark"
    # A value of another type is ignored: True is not a font size, 14 not a theme.
    assert s.get("reading_mode", 12) == 12
    assert s.get("font_size", "x") == "x"
    assert s.get("font_size", False) is False


def test_settings_damaged_file_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b'{"version": 1, "values": [1, 2]}')
    s = SettingsStore(path)
    assert s.get("font_size", 12) == 12
    assert s.put("font_size", 16) is None
    kept = list(tmp_path.glob("settings.json.corrupt-*"))
    assert [k.read_bytes() for k in kept] == [b'{"version": 1, "values": [1, 2]}']
    assert SettingsStore(path).get("font_size", 12) == 16


def test_a_pipe_has_no_fingerprint_and_is_not_opened(tmp_path: Path) -> None:
    from reader.core.state import fingerprint

    fifo = tmp_path / "talk.txt"
    os.mkfifo(fifo)  # opening it to read would wait for a writer for ever
    assert fingerprint(fifo) is None
    assert PositionStore(tmp_path / "p.json").get(fifo) is None


def _json_values() -> object:
    from hypothesis import strategies as st

    leaves = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=12,
    )


def test_any_damage_means_defaults_a_kept_copy_and_a_good_file_after_saving(
    tmp_path: Path, sample_path: Path
) -> None:
    """Fault injection: whatever the file holds (bytes, or JSON of any shape under
    the expected keys), reading never raises and saving leaves a good file."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    talk = tmp_path / "talk.txt"
    shutil.copy(sample_path, talk)
    entries = st.dictionaries(st.text(max_size=8), _json_values(), max_size=3)  # type: ignore[arg-type]
    shapes = st.builds(lambda e: json.dumps({"version": 1, "entries": e}).encode(), entries)

    @settings(max_examples=150, deadline=None)
    @given(st.binary(max_size=300) | shapes)
    def check(content: bytes) -> None:
        folder = Path(tempfile.mkdtemp(dir=tmp_path))
        path = folder / "positions.json"
        path.write_bytes(content)
        store = PositionStore(path)
        store.get(talk)  # never raises, whatever the content
        damaged = bool(store.take_warnings())  # and says so when it is not as written
        assert store.put(talk, 4_000) is None
        assert PositionStore(path).get(talk) == Resume(4_000, None)
        kept = list(folder.glob("positions.json.corrupt-*"))
        assert len(kept) == (1 if damaged else 0)
        assert all(k.read_bytes() == content for k in kept)

    check()


def test_positions_lists_every_saved_place(tmp_path: Path, sample_path: Path) -> None:
    store = PositionStore(tmp_path / "p.json")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for path, ms in ((a, 1_000), (b, 2_000)):
        path.write_bytes(sample_path.read_bytes()[: 500 * int(ms / 1000)])
        assert store.put(path, ms) is None
    saved = PositionStore(tmp_path / "p.json").positions()
    assert saved == {a.resolve(): 1_000, b.resolve(): 2_000}
