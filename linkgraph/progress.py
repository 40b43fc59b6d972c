"""The Progress protocol that long stages report to; the CLI draws it as a bar."""

from __future__ import annotations

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


def or_null(progress: Progress | None) -> Progress:
    """``progress`` itself, or a NullProgress when it is None."""
    return NullProgress() if progress is None else progress
