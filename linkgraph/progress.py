"""The Progress protocol that long stages report to; the CLI draws it as a bar."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol


class Progress(Protocol):
    """Receives progress from a long stage. The library never imports click."""

    def start(self, label: str, total: int | None = None) -> None:
        """A new step begins; ``total`` is its number of units when known."""

    def advance(self, units: int = 1) -> None:
        """``units`` more units of the current step are done."""

    def finish(self) -> None:
        """The current step is done."""


class NullProgress:
    """Progress that reports nowhere: the default for library calls."""

    def start(self, label: str, total: int | None = None) -> None:
        return None

    def advance(self, units: int = 1) -> None:
        return None

    def finish(self) -> None:
        return None


_CURRENT: ContextVar[Progress | None] = ContextVar("linkgraph_progress", default=None)


@contextmanager
def reporting_to(progress: Progress) -> Iterator[None]:
    """Inside, :func:`advance_current` advances ``progress``: for writers deep in a stage
    (an export's tables and rows) that take no progress argument."""
    token = _CURRENT.set(progress)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def advance_current(units: int = 1) -> None:
    """``units`` more units done of the step that :func:`reporting_to` set; nothing
    outside one."""
    progress = _CURRENT.get()
    if progress is not None and units:
        progress.advance(units)


def or_null(progress: Progress | None) -> Progress:
    """``progress`` itself, or a NullProgress when it is None."""
    return NullProgress() if progress is None else progress
