"""FrameMemo: answers found again only for the very same table objects, never keeping a
table alive, at most ``size`` kept."""

from __future__ import annotations

import gc
import weakref

import pandas as pd

from linkgraph._frame_memo import FrameMemo


def test_found_only_for_the_same_objects() -> None:
    memo: FrameMemo[str] = FrameMemo(2)
    a, b = pd.DataFrame({"x": [1]}), pd.DataFrame({"x": [1]})  # equal, not the same
    memo.put((a, None), "answer of a")
    assert memo.get((a, None)) == "answer of a"
    assert memo.get((b, None)) is None
    assert memo.get((a, b)) is None


def test_keeps_at_most_size_and_newest_first() -> None:
    memo: FrameMemo[int] = FrameMemo(2)
    frames = [pd.DataFrame({"x": [i]}) for i in range(3)]
    for i, f in enumerate(frames):
        memo.put((f,), i)
    assert [memo.get((f,)) for f in frames] == [None, 1, 2]


def test_holds_no_table_alive_and_dicts_are_fine() -> None:
    memo: FrameMemo[int] = FrameMemo(4)
    frame, spellings = pd.DataFrame({"x": range(10)}), {"e:1": ["Olena"]}
    memo.put((frame, spellings), 7)
    assert memo.get((frame, spellings)) == 7
    gone = weakref.ref(frame)
    del frame
    gc.collect()
    assert gone() is None
