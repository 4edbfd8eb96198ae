"""The transcript model's value semantics: immutable, comparable, copyable."""

from __future__ import annotations

import copy
import pickle
import weakref
from pathlib import Path

import pytest

from reader.core.formats import load
from reader.core.model import Header, Segment, Transcript


def test_segments_are_sorted_and_looked_up_by_time() -> None:
    t = Transcript((Segment(2000, 3000, "b"), Segment(0, 1000, "a")))
    assert [s.text for s in t] == ["a", "b"]
    assert t.index_at(-1) == -1 and t.index_at(1500) == 0 and t.index_at(2000) == 1


def test_immutable_equal_by_value_and_hashable(sample_path: Path) -> None:
    t = load(sample_path)
    with pytest.raises(AttributeError):
        t.source = "elsewhere"  # type: ignore[misc]
    again = load(sample_path)
    assert t == again and hash(t) == hash(again) and t is not again
    assert t != t.replace(header=Header(title="other"))


def test_copy_pickle_and_weak_references_keep_working(sample_path: Path) -> None:
    t = load(sample_path)
    for other in (copy.copy(t), copy.deepcopy(t), pickle.loads(pickle.dumps(t))):
        assert other == t and other.index_at(60_000) == t.index_at(60_000)
    assert weakref.ref(t)() is t


def test_replace_changes_only_what_it_names(sample_path: Path) -> None:
    t = load(sample_path)
    shorter = t.replace(segments=t.segments[:10])
    assert len(shorter) == 10 and shorter.header == t.header and shorter.starts == t.starts[:10]
    with pytest.raises(TypeError, match="segmnts"):
        t.replace(segmnts=())
