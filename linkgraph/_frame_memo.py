"""A small memo of answers keyed by the very tables (DataFrames) they were computed from.

Several stages ask the same question of one case more than once in a command (its graph,
whom to protect). The answer is kept beside weak references to the tables it was made
from: it is found again only while those same objects are alive, and the memo never keeps
a case's tables in memory after its caller has dropped them (a notebook that opens many
cases holds none of them here).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")

_Refs = tuple["Callable[[], object] | None", ...]


def _ref(frame: object) -> Callable[[], object] | None:
    """A weak reference to ``frame``; a plain dict (not weakly referable) is held as it is,
    which costs nothing worth freeing."""
    if frame is None:
        return None
    try:
        return weakref.ref(frame)
    except TypeError:
        return lambda: frame


def _same(ref: Callable[[], object] | None, frame: object) -> bool:
    """Whether ``ref`` points at this very object (both absent counts as the same)."""
    if ref is None:
        return frame is None
    held = ref()
    return held is not None and held is frame


def _alive(refs: _Refs) -> bool:
    return all(ref is None or ref() is not None for ref in refs)


class FrameMemo(Generic[T]):
    """The last ``size`` answers, each under the identity of the tables it was made from."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: list[tuple[_Refs, T]] = []

    def get(self, frames: Sequence[object]) -> T | None:
        """The answer made from exactly these objects, or None."""
        for refs, value in self._entries:
            if len(refs) == len(frames) and all(map(_same, refs, frames)):
                return value
        return None

    def put(self, frames: Sequence[object], value: T) -> None:
        """Remember ``value`` for these objects, forgetting the oldest beyond ``size`` and
        any whose tables are gone."""
        live = [entry for entry in self._entries if _alive(entry[0])]
        self._entries = [(tuple(map(_ref, frames)), value), *live][: self.size]

    def clear(self) -> None:
        """Forget every answer."""
        self._entries.clear()
